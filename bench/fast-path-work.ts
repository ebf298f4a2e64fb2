// What a served request costs in newman's sandbox alone (postman-sandbox 4.7.1): the legacy globals, the carried
// cache and note, the script's text, and the fast path's own work, each as a step over the one before.
//
// Usage: npx tsx bench/fast-path-work.ts [--rounds 7] [--runs 300]. One sandbox context, as newman uses; the cache holds
// unsigned test JWTs of a Cognito token's size and the note is the one pm-cognito run computes up front, so the fast
// path serves every execute() (checked once per variant: the Authorization header is set). ONLY=<variant name> runs
// one variant (for a CPU profile: node --cpu-prof --import tsx bench/fast-path-work.ts); READABLE=1 measures the
// --readable form (a profile's line numbers then point into dist/pm-cognito.prerequest.readable.js).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LEGACY_OFF, spliceManagedBlock } from '../src/core/managed-block';
import { SERVED_RETURN } from '../src/tools/served-return';
import { MINIMAL_SCRIPT } from './per-request';
import { openSandbox } from './sandbox-context';
import { servedContext } from './served-context';
import { option } from './option';
import { median } from './stats';

const root = resolve(__dirname, '..');

async function main(): Promise<void> {
  const rounds = option('--rounds', 7);
  const runs = option('--runs', 300);
  const installed = readFileSync(join(root, 'dist', process.env['READABLE'] ? 'pm-cognito.prerequest.readable.js' : 'pm-cognito.prerequest.js'), 'utf8');
  // The served return as the build wrote it: laid out in the readable form, minified in the compact one.
  const served = [SERVED_RETURN[1]!, SERVED_RETURN[1]!.replace(/ /g, '')].find((line) => installed.includes(line));
  if (served === undefined) throw new Error('bench: dist/ has no served return (src/tools/served-return.ts): run npm run build');
  const neverRun = (code: string) => LEGACY_OFF + '\n' + MINIMAL_SCRIPT + '\nfunction neverRun() {\n' + code + '}\n';
  const only = process.env['ONLY'];
  const variants: Array<[string, string, boolean]> = [
    ['minimal', MINIMAL_SCRIPT, false],
    ['minimal legacy off', LEGACY_OFF + '\n' + MINIMAL_SCRIPT, false],
    ['minimal legacy off + carried', LEGACY_OFF + '\n' + MINIMAL_SCRIPT, true],
    ['text only (legacy off, carried)', neverRun(installed), true],
    // The fast path's modules evaluated, nothing served: the header set and the script left where serveFromNote() would be called.
    ['modules only (legacy off, carried)', spliceManagedBlock('', installed.replace(served, "pm.request.headers.upsert({key:'Authorization',value:'x'});return;")), true],
    ['installed block (legacy off, carried)', spliceManagedBlock('', installed), true],
  ];
  if (only) variants.splice(0, variants.length, ...variants.filter(([n]) => n === only));
  const sandbox = await openSandbox();
  const scope = servedContext();
  const execute = (code: string, withVars: boolean) => sandbox.execute(code, scope(withVars));
  for (const [name, code, v] of variants) {
    const ex = await execute(code, v);
    const auth = (ex.request.header ?? []).find((h) => h.key === 'Authorization');
    if (!auth) throw new Error(name + ': no header: ' + JSON.stringify(ex.request).slice(0, 300));
  }
  const times = new Map<string, number[]>(variants.map(([name]) => [name, []]));
  for (let round = 0; round <= rounds; round++) {
    for (let k = 0; k < variants.length; k++) {
      const [name, code, v] = variants[(round + k) % variants.length]!;
      const started = process.hrtime.bigint();
      for (let i = 0; i < runs; i++) await execute(code, v);
      if (round > 0) times.get(name)!.push(Number(process.hrtime.bigint() - started) / 1e6 / runs);
    }
  }
  sandbox.dispose();
  const floor = median(times.get(only ?? 'minimal')!);
  process.stdout.write('postman-sandbox 4.7.1 alone, ' + runs + ' execute() per variant and round, ' + rounds + ' rounds, median of the per-round means\n');
  for (const [name, code] of variants) {
    const value = median(times.get(name)!);
    process.stdout.write('  ' + name.padEnd(40) + String(code.length).padStart(7) + ' bytes  ' + value.toFixed(3) + ' ms  ' + (value - floor).toFixed(3) + ' over minimal\n');
  }
}
main().catch((error: unknown) => {
  process.stderr.write((error instanceof Error ? error.message : String(error)) + '\n');
  process.exitCode = 1;
});
