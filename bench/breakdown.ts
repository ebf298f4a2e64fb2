// Where a request's script time goes in newman 6.2.2: one variant per cost, measured as CPU time in this process.
//
// Usage: npx tsx bench/breakdown.ts [--rounds 10] [--requests 300]. newman and its sandbox run in this process,
// so its CPU time is what the scripts cost (plus the header echo server's constant share), and it moves much less
// than wall time when other programs load the machine. Rounds are interleaved; ratios are taken within a round.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LEGACY_OFF, spliceManagedBlock } from '../src/core/managed-block';
import { startLocalStack } from '../src/local/stack';
import { runSuite } from '../src/node/newman-runner';
import { upFrontNote } from '../src/node/run-fast-path';
import { whitespaceRemoved } from '../src/tools/compact-full-code';
import { FULL_CODE_URL_VARIABLE } from '../src/postman/runner-variables';
import { collection, item, times } from '../test/support/collection';
import { startHeaderEcho } from '../test/support/header-echo';
import { MINIMAL_SCRIPT, warmCache } from './per-request';
import { option } from './option';
import { iqr, median } from './stats';

const root = resolve(__dirname, '..');
const PASSWORD = 'Bench-pass-1!x';

async function main(): Promise<void> {
  const rounds = option('--rounds', 10);
  const requests = option('--requests', 300);
  const read = (name: string) => readFileSync(join(root, 'dist', name), 'utf8');
  const installed = read('pm-cognito.prerequest.js');
  const readable = read('pm-cognito.prerequest.readable.js');
  const fullCode = read('pm-cognito.full-code.js');
  const compact = await whitespaceRemoved(fullCode);
  const fastPath = read('pm-cognito.run-fast-path.js');
  const echo = await startHeaderEcho();
  const stack = await startLocalStack({ users: [{ username: 'alice', password: PASSWORD }] });
  try {
    const environment = { ...stack.connection, baseUrl: echo.url, cognito_username: 'alice', cognito_password: PASSWORD };
    const { cache, idToken } = await warmCache(stack, environment, PASSWORD);
    const carried = { ...cache, ...upFrontNote(environment, cache) };
    const sameSize = (text: string) => '/* ' + 'x'.repeat(text.length) + ' */';
    const variants: Array<{ name: string; script: string | undefined; variables?: Record<string, string> }> = [
      { name: 'no script', script: undefined },
      { name: 'an empty script (one comment line)', script: '// nothing' },
      { name: 'minimal script', script: MINIMAL_SCRIPT },
      { name: 'minimal, legacy globals off ("use sandbox2")', script: LEGACY_OFF + '\n' + MINIMAL_SCRIPT },
      { name: 'minimal + pm-cognito\'s cache and note carried', script: MINIMAL_SCRIPT, variables: carried },
      { name: 'minimal + a comment the size of the full code', script: MINIMAL_SCRIPT + '\n' + sameSize(fullCode) },
      { name: 'minimal + the full code, never run', script: MINIMAL_SCRIPT + '\nfunction neverRun() {\n' + fullCode + '}\n', variables: carried },
      { name: 'minimal + the full code compact, never run', script: MINIMAL_SCRIPT + '\nfunction neverRun() {\n' + compact + '}\n', variables: carried },
      { name: 'fast path alone (what pm-cognito run sends)', script: fastPath, variables: { ...carried, [FULL_CODE_URL_VARIABLE]: 'http://127.0.0.1:9/' } },
      { name: 'installed: fast path + full code compact', script: installed, variables: carried },
      { name: 'installed --readable: full code laid out', script: readable, variables: carried },
      { name: 'as pm-cognito install writes it (legacy off)', script: spliceManagedBlock('', installed), variables: carried },
    ];
    const cpu = new Map<string, number[]>(variants.map((v) => [v.name, []]));
    for (let round = 0; round <= rounds; round++) {
      for (let k = 0; k < variants.length; k++) {
        const variant = variants[(round + k) % variants.length]!;
        const c = collection(variant.name, times(requests, (i) => item({ name: 'r' + i, path: '/r/' + i })), variant.script === undefined ? {} : { script: variant.script }) as Record<string, unknown>;
        if (variant.script === undefined) delete c['event'];
        echo.seen.length = 0;
        const before = process.cpuUsage();
        const result = await runSuite({ collection: c, environment: { ...environment, bench_token: idToken }, silent: true, ...(variant.variables ? { collectionVariables: variant.variables } : {}) });
        const used = process.cpuUsage(before);
        if (result.failures > 0 || echo.seen.length !== requests) throw new Error('bench: ' + variant.name + ': ' + result.failures + ' failures, ' + echo.seen.length + ' requests');
        if (round > 0) cpu.get(variant.name)!.push((used.user + used.system) / 1000);
      }
    }
    const minimal = cpu.get('minimal script')!;
    const none = median(cpu.get('no script')!);
    process.stdout.write('newman 6.2.2, ' + requests + ' requests per run, ' + rounds + ' rounds, CPU time of the newman process\n');
    for (const variant of variants) {
      const values = cpu.get(variant.name)!;
      const ratios = values.map((v, i) => v / minimal[i]!);
      const [q1, q3] = iqr(ratios);
      process.stdout.write('  ' + variant.name.padEnd(60) + (median(values) / requests).toFixed(2) + ' ms/request  +' + ((median(values) - none) / requests).toFixed(2) + ' over no script  ' +
        median(ratios).toFixed(3) + ' x minimal (IQR ' + q1.toFixed(3) + '-' + q3.toFixed(3) + ')\n');
    }
  } finally {
    await stack.stop();
    await echo.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write((error instanceof Error ? error.stack ?? error.message : String(error)) + '\n');
  process.exitCode = 1;
});
