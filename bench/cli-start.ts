// CLI start times for `npm run bench`: how long `pm-cognito --version`, `--help` and `secret-hash` take, against bare node.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const BIN = join(root, 'bin', 'pm-cognito.js');

type Report = (section: string, measure: string, value: string, note?: string) => void;

function medianMs(args: string[], rounds: number, env: NodeJS.ProcessEnv): number {
  const times: number[] = [];
  for (let i = 0; i <= rounds; i++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'ignore'] });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) throw new Error('bench: node ' + args.join(' ') + ' exited ' + String(result.status));
    if (i > 0) times.push(ms); // the first round warms the file cache
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Process start to exit, median of `rounds` runs after one warm-up; the target is under 300 ms. */
export function cliStartTimes(report: Report, rounds: number): void {
  const env = { ...process.env, COGNITO_CLIENT_SECRET: 'bench-not-a-secret', NODE_OPTIONS: '' };
  const dir = mkdtempSync(join(tmpdir(), 'pm-cognito-bench-'));
  const empty = join(dir, 'empty.js');
  writeFileSync(empty, '');
  const bare = medianMs([empty], rounds, env);
  rmSync(dir, { recursive: true, force: true });
  report('CLI start', 'bare node (an empty script)', bare.toFixed(0) + ' ms');
  for (const [label, args] of [['pm-cognito --version', ['--version']], ['pm-cognito --help', ['--help']], ['pm-cognito secret-hash alice <client id>', ['secret-hash', 'alice', '1example23456789']]] as const) {
    const ms = medianMs([BIN, ...args], rounds, env);
    report('CLI start', label, ms.toFixed(0) + ' ms', '+' + (ms - bare).toFixed(0) + ' ms over bare node; target < 300 ms');
  }
  const newman = medianMs(['-e', 'require("newman")'], rounds, { ...env, NODE_PATH: join(root, 'node_modules') });
  report('CLI start', 'for comparison: node loading newman', newman.toFixed(0) + ' ms', 'what every command paid before newman was loaded only by run and portman');
}

if (require.main === module) {
  cliStartTimes((_section, measure, value, note) => process.stdout.write(measure + ': ' + value + (note ? ' (' + note + ')' : '') + '\n'), 9);
}
