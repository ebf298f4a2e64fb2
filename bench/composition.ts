// What the installed script is made of: bytes per module and per part, from esbuild's metafile of the compact bundle.
//
// Usage: npx tsx bench/composition.ts. The modules' bytes are as the compact form carries them (whitespace and comments
// removed, names kept); the parts group them the way docs/benchmarks.md's composition table does.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sandboxBundle } from '../src/tools/sandbox-bundle';

const root = resolve(__dirname, '..');

/** The parts of the script, by the module paths that make them up (first match wins). */
const PARTS: Array<[string, RegExp]> = [
  ['fast path (note, routing, outputs)', /src\/postman\/(fast-path|fast-path-note|note-entry|request-needs|token-outputs|variable-lookup|installed-entry)\.ts$|src\/core\/(identities|identity-name|variable-references|identity-pool-variables)\.ts$/],
  ['settings (tables and checks)', /src\/core\/(setting-specs|settings|identity-pool\/setting-specs|identity-pool\/settings)\.ts$/],
  ['error messages (Cognito, identity pool, base)', /src\/core\/(errors|cognito-errors|identity-pool-errors)\.ts$/],
  ['sign-in flows and challenges', /src\/core\/sign-in\//],
  ['SRP, TOTP, SigV4, SECRET_HASH', /src\/core\/(srp|totp|sigv4|secret-hash)\.ts$/],
  ['hashes and bytes', /src\/core\/(sha256|sha1|bytes)\.ts$|src\/postman\/crypto-js-hash\.ts$/],
  ['identity pool (AWS credentials)', /src\/core\/identity-pool-|src\/postman\/aws-credentials\.ts$/],
  ['cache, tokens, Cognito client', /src\/core\/(cache-entry|cache-policy|token-times|jwt-claims|cognito-client|authenticate|refusal-memory|safe-json)\.ts$/],
  ['full code glue (full-code, host)', /src\/postman\//],
];

async function main(): Promise<void> {
  const { metafile } = await sandboxBundle('installed-entry.ts', { metafile: true, compact: true });
  const output = Object.values(metafile!.outputs)[0]!;
  const parts = new Map<string, number>(PARTS.map(([name]) => [name, 0]));
  const modules = Object.entries(output.inputs).map(([path, input]) => ({ path, bytes: input.bytesInOutput })).sort((a, b) => b.bytes - a.bytes);
  for (const { path, bytes } of modules) {
    const part = PARTS.find(([, pattern]) => pattern.test(path))?.[0] ?? 'other';
    parts.set(part, (parts.get(part) ?? 0) + bytes);
  }
  const installed = readFileSync(join(root, 'dist', 'pm-cognito.prerequest.js'), 'utf8').length;
  const kb = (n: number) => (n / 1024).toFixed(1).padStart(6) + ' KB';
  process.stdout.write('dist/pm-cognito.prerequest.js: ' + kb(installed) + ' (bundle ' + kb(output.bytes).trim() + ', the rest is the heading and the crypto-js loader)\n\nParts:\n');
  for (const [name, bytes] of [...parts].sort((a, b) => b[1] - a[1])) if (bytes > 0) process.stdout.write('  ' + name.padEnd(48) + kb(bytes) + '\n');
  process.stdout.write('\nModules:\n');
  for (const { path, bytes } of modules) process.stdout.write('  ' + path.padEnd(48) + String(bytes).padStart(7) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write((error instanceof Error ? error.message : String(error)) + '\n');
  process.exitCode = 1;
});
