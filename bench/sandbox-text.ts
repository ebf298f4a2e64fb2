// What carrying the script's text costs in newman's sandbox alone (postman-sandbox 4.7.1), without newman around it.
//
// Usage: npx tsx bench/sandbox-text.ts [--rounds 7] [--runs 300]. One sandbox context, as newman uses; each variant is
// the minimal script plus text that never runs, executed `runs` times per round, rounds interleaved; the figure is the
// median over rounds of the mean time per execute(). Each execute() sends the script into the sandbox and back over
// newman's bridge, as newman does for every request; the script is passed as one exec element, as newman gets it.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { whitespaceRemoved } from '../src/tools/compact-full-code';
import { MINIMAL_SCRIPT } from './per-request';
import { option } from './option';
import { openSandbox } from './sandbox-context';
import { median } from './stats';

const root = resolve(__dirname, '..');


async function main(): Promise<void> {
  const rounds = option('--rounds', 7);
  const runs = option('--runs', 300);
  const fullCode = readFileSync(join(root, 'dist', 'pm-cognito.full-code.js'), 'utf8');
  const compact = await whitespaceRemoved(fullCode);
  const neverRun = (code: string) => MINIMAL_SCRIPT + '\nfunction neverRun() {\n' + code + '}\n';
  const variants: Array<[string, string]> = [
    ['minimal script', MINIMAL_SCRIPT],
    ['+ the full code, laid out (--readable)', neverRun(fullCode)],
    ['+ the full code, compact (installed)', neverRun(compact)],
    ['+ a comment as long as the compact full code', MINIMAL_SCRIPT + '\n/*' + 'x'.repeat(compact.length) + '*/'],
  ];
  const sandbox = await openSandbox();
  const scope = { request: { url: 'http://127.0.0.1/', header: [] }, environment: { values: [{ key: 'bench_token', value: 'token' }] } };
  const execute = (code: string) => sandbox.execute(code, scope);
  const times = new Map<string, number[]>(variants.map(([name]) => [name, []]));
  try {
    for (let round = 0; round <= rounds; round++) {
      for (let k = 0; k < variants.length; k++) {
        const [name, code] = variants[(round + k) % variants.length]!;
        const started = process.hrtime.bigint();
        for (let i = 0; i < runs; i++) await execute(code);
        if (round > 0) times.get(name)!.push(Number(process.hrtime.bigint() - started) / 1e6 / runs);
      }
    }
  } finally {
    sandbox.dispose();
  }
  const floor = median(times.get('minimal script')!);
  process.stdout.write('postman-sandbox 4.7.1 alone, ' + runs + ' execute() per variant and round, ' + rounds + ' rounds\n');
  for (const [name, code] of variants) {
    const value = median(times.get(name)!);
    process.stdout.write('  ' + name.padEnd(48) + String(code.length).padStart(7) + ' bytes  ' + value.toFixed(3) + ' ms per execute  ' + (value >= floor ? '+' : '') + (value - floor).toFixed(3) + ' over the minimal script\n');
  }
}

main().catch((error: unknown) => {
  process.stderr.write((error instanceof Error ? error.message : String(error)) + '\n');
  process.exitCode = 1;
});
