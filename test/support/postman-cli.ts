// Locates Postman's own CLI (the native binary of the postman-cli package) and runs collections through it.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { POSTMAN_SERVICE_VARIABLES, startCloudSink } from '../../src/node/cloud-sink';
import { runCli, type CliResult } from './run-cli';

/**
 * package.json lists only the Linux x64 binary (@postman/pm-bin-linux-x64, an optional dependency):
 * the registry this project installs from lacks the other platforms' packages, and listing
 * postman-cli itself makes `npm ci` fail on them. On other platforms, `npm i -D postman-cli`.
 */
export function postmanBinary(): string | undefined {
  const candidates = ['@postman/pm-bin-linux-x64/package.json', 'postman-cli/package.json'];
  for (const candidate of candidates) {
    try {
      const dir = dirname(require.resolve(candidate));
      const bin = candidate.startsWith('postman-cli') ? join(dir, 'bin', 'postman.js') : join(dir, 'bin', 'postman');
      if (existsSync(bin)) return bin;
    } catch {
      // not installed: try the next one
    }
  }
  return undefined;
}

/** On Linux x64 (CI) the binary must be there; elsewhere the Postman CLI tests are skipped with a warning. */
export const POSTMAN_CLI_SKIP = (() => {
  if (postmanBinary() !== undefined) return false;
  if (process.platform === 'linux' && process.arch === 'x64') {
    throw new Error("Postman's CLI binary is missing: run npm ci (it installs @postman/pm-bin-linux-x64)");
  }
  console.warn("Postman's CLI is not installed for " + process.platform + '-' + process.arch + ': its tests are skipped; npm i -D postman-cli to run them');
  return true;
})();

/**
 * Any Postman CLI command as pm-cognito's own runner starts it: 1.62.0 posts analytics even with
 * --no-report-events (and `collection migrate` may too), so every Postman service address points at
 * a loopback sink, and an empty home keeps any saved login out. Tests call the binary only this way.
 */
export async function runPostmanOffline(args: string[], options: { cwd?: string } = {}): Promise<CliResult> {
  const bin = postmanBinary();
  if (bin === undefined) throw new Error("Postman's CLI is not installed");
  const sink = await startCloudSink();
  const home = mkdtempSync(join(tmpdir(), 'pm-cognito-postman-home-'));
  const env: Record<string, string> = { HOME: home, POSTMAN_CLI_SKIP_UPDATE_CHECK: '1' };
  for (const name of POSTMAN_SERVICE_VARIABLES) env[name] = sink.url;
  const run = { timeoutMs: 120_000, env, ...(options.cwd === undefined ? {} : { cwd: options.cwd }) };
  try {
    return bin.endsWith('.js') ? await runCli(process.execPath, [bin, ...args], run) : await runCli(bin, args, run);
  } finally {
    await sink.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

/**
 * `postman collection run <file> --no-report-events [-e env] --env-var k=v ...`, offline and without a login. With
 * `junitFile`, the CLI's own JUnit report too: several cases in one run (one start) are each read from their request's results.
 */
export async function runPostmanCollection(file: string, vars: Record<string, string>, environmentFile?: string, junitFile?: string): Promise<CliResult> {
  const args = ['collection', 'run', file, '--no-report-events'];
  if (environmentFile) args.push('-e', environmentFile);
  if (junitFile) args.push('-r', 'cli,junit', '--reporter-junit-export', junitFile);
  for (const [k, v] of Object.entries(vars)) args.push('--env-var', k + '=' + v);
  return runPostmanOffline(args);
}

/** "assertions | executed | failed" of the Postman CLI's own summary table(s), summed over the tables of a run. */
export function postmanAssertions(stdout: string): { executed: number; failed: number } {
  let executed = 0;
  let failed = 0;
  for (const match of stdout.matchAll(/^\|\s+assertions\s+\|\s+(\d+)\s+\|\s+(\d+)\s+\|/gm)) {
    executed += Number(match[1]);
    failed += Number(match[2]);
  }
  return { executed, failed };
}
