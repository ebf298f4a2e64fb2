// What the installed script is made of: bytes per module and per part, as the compact form carries them.
//
// Usage: npx tsx bench/composition.ts [dist/pm-cognito.iam.prerequest.readable.js]; an earlier build's readable
// form (with its compact form beside it) works too: `git show c44ebd5:dist/pm-cognito.prerequest.readable.js`. The readable script's
// code (src/tools/compact-full-code.ts: the bundle's modules at the top level of one arrow function, each after its
// `// src/...ts` comment) is cut at those comments and each module's part put through esbuild --minify --target=es2020,
// as the compact form is made (module-level names kept): the sum is within a few bytes of the compact form's code.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { transform } from 'esbuild';
import { CLOSE_LINE, OPEN_LINE } from '../src/tools/compact-full-code';

const root = resolve(__dirname, '..');

/** The parts of the script, by the module paths that make them up (first match wins). */
export const PARTS: Array<[string, RegExp]> = [
  ['"use strict" and esbuild\'s runtime helpers (none when eager)', /^esbuild runtime/],
  ['identity pool (core/identity-pool/, AWS credentials)', /src\/core\/identity-pool\/(?!setting-specs|variables)|src\/postman\/(aws-credentials|fast-path-credentials)\.ts$/],
  ['fast path (note, routing, outputs)', /src\/postman\/(fast-path|fast-path-note|note-entry|request-needs|token-outputs|variable-lookup|installed-entry|without-iam)\.ts$|src\/core\/(identities|identity-name|variable-references|known-variables|process-variables|identity-pool\/variables)\.ts$/],
  ['settings (tables and checks)', /src\/core\/(setting-specs|settings|identity-pool\/setting-specs)\.ts$/],
  ['error messages (errors, cognito-errors)', /src\/core\/(errors|cognito-errors|redact)\.ts$/],
  ['sign-in flows and challenges (core/sign-in/)', /src\/core\/sign-in\//],
  ['SRP, TOTP, SigV4, SECRET_HASH', /src\/core\/(srp|totp|sigv4|secret-hash)\.ts$/],
  ['hashes and bytes (bytes, crypto-js-hash)', /src\/core\/(sha256|sha1|bytes)\.ts$|src\/postman\/crypto-js-hash\.ts$/],
  ['cache, tokens, Cognito client', /src\/core\/(cache-entry|cache-policy|token-times|jwt-claims|cognito-client|authenticate|refusal-memory|safe-json|backoff-memory|endpoint-check|transport)\.ts$/],
  ['typo hints (name-typos, did-you-mean)', /src\/core\/(name-typos|did-you-mean)\.ts$/],
  ['full code glue (full-code, host)', /src\/postman\//],
];

/**
 * Each module's part of the readable script's code, as [path, text]; esbuild's own helpers (before the first module)
 * as 'esbuild runtime'. A build before issue 21 (commit c44ebd5 and earlier) has esbuild's iife instead, indented, and its compact form removed whitespace only (`before`).
 */
function moduleParts(readable: string): { before: boolean; parts: Array<[string, string]> } {
  const lines = readable.split('\n');
  // This build's layout: OPEN_LINE, then the directive on its own line (an earlier iife had its code indented there).
  const before = lines[lines.indexOf(OPEN_LINE) + 1] !== '"use strict";';
  const inside = before
    ? lines.slice(lines.findIndex((line) => line.startsWith('(() => {')) + 1, lines.lastIndexOf('})();'))
    : lines.slice(lines.indexOf(OPEN_LINE) + 1, lines.lastIndexOf(CLOSE_LINE));
  const parts: Array<[string, string[]]> = [['esbuild runtime', []]];
  for (const line of inside) {
    const module = /^\s*\/\/ (?:[\w-]+:)?(src\/\S+?)(?:\.ts)?$/.exec(line);
    if (module) parts.push([module[1]! + '.ts', []]);
    else parts[parts.length - 1]![1].push(line);
  }
  return { before, parts: parts.map(([path, text]) => [path, text.join('\n')]) };
}

async function main(): Promise<void> {
  const file = process.argv[2] ?? join('dist', 'pm-cognito.prerequest.readable.js');
  const readable = readFileSync(resolve(root, file), 'utf8');
  const compactFile = resolve(root, file.replace(/\.readable\.js$/, '.js'));
  const modules: Array<{ path: string; bytes: number }> = [];
  const { before, parts: texts } = moduleParts(readable);
  for (const [path, text] of texts) {
    const minify = before ? { minifyWhitespace: true } : { minify: true };
    const bytes = Buffer.byteLength((await transform(text, { ...minify, target: 'es2020', legalComments: 'none', logLevel: 'error' })).code.replace(/\n$/, ''));
    if (bytes > 0) modules.push({ path, bytes });
  }
  modules.sort((a, b) => b.bytes - a.bytes);
  const parts = new Map<string, number>(PARTS.map(([name]) => [name, 0]));
  for (const { path, bytes } of modules) {
    const part = PARTS.find(([, pattern]) => pattern.test(path))?.[0] ?? 'other';
    parts.set(part, (parts.get(part) ?? 0) + bytes);
  }
  const installed = Buffer.byteLength(readFileSync(compactFile, 'utf8'));
  const sum = modules.reduce((total, m) => total + m.bytes, 0);
  const kb = (n: number) => (n / 1024).toFixed(1).padStart(6) + ' KB';
  process.stdout.write((compactFile.startsWith(root) ? compactFile.slice(root.length + 1) : compactFile) + ': ' + installed + ' bytes (' + kb(installed).trim() + '); modules ' + sum + ' bytes, the rest is the banner, the heading, the wrapper and the crypto-js loader\n\nParts:\n');
  for (const [name, bytes] of [...parts].sort((a, b) => b[1] - a[1])) if (bytes > 0) process.stdout.write('  ' + name.padEnd(56) + kb(bytes) + '\n');
  process.stdout.write('\nModules:\n');
  for (const { path, bytes } of modules) process.stdout.write('  ' + path.padEnd(56) + String(bytes).padStart(7) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write((error instanceof Error ? error.message : String(error)) + '\n');
  process.exitCode = 1;
});
