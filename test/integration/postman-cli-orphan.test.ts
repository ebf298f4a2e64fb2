// A `pm-cognito run` killed with SIGKILL takes its Postman CLI with it: no child is left waiting on the environment FIFO or running on.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collection, item } from '../support/collection';
import { alive } from '../support/process-alive';
import { assertBuilt, removeTempDirs, startPm, tempDir, waitFor, writeEnvironment, writeJson } from './cli-harness';

let work: string;
const leftovers: number[] = [];

beforeAll(() => {
  assertBuilt();
  work = tempDir('pm-cognito-orphan-test-');
});
afterAll(() => {
  for (const pid of leftovers) if (alive(pid)) process.kill(pid, 'SIGKILL');
  removeTempDirs();
});

/**
 * A stand-in Postman CLI: writes its pid, waits `delay` seconds, then reads the file after -e (a FIFO whose writer
 * may be gone: the read then blocks in open() for ever), then runs on like a long suite.
 */
function standIn(dir: string, delay: string): { cli: string; pidFile: string } {
  const pidFile = join(dir, 'child.pid');
  const cli = join(dir, 'postman');
  writeFileSync(cli, '#!/bin/sh\necho $$ > "' + pidFile + '.tmp"\nmv "' + pidFile + '.tmp" "' + pidFile + '"\nsleep ' + delay +
    '\nwhile [ $# -gt 0 ]; do\n  if [ "$1" = "-e" ]; then cat "$2" > /dev/null; fi\n  shift\ndone\nexec sleep 60\n');
  chmodSync(cli, 0o755);
  return { cli, pidFile };
}

/** Starts a run with the stand-in, SIGKILLs the run (at once, or after `waitMs`) and waits for the stand-in to be gone. */
async function killRunAndWatch(delay: string, waitMs: number): Promise<void> {
  const dir = join(work, 'delay-' + delay);
  mkdirSync(dir);
  const { cli, pidFile } = standIn(dir, delay);
  const suite = writeJson(dir, 'orphan.postman_collection.json', collection('orphan', [item({ name: 'me', path: '/me' })]));
  const envFile = writeEnvironment({ cognito_endpoint: 'http://127.0.0.1:9/', cognito_region: 'us-east-1', cognito_client_id: 'orphanclient', cognito_username: 'alice', cognito_timeout_ms: '500', baseUrl: 'http://127.0.0.1:9' }, dir);
  const running = startPm(['run', suite, '-e', envFile, '--runner', 'postman', '--postman-cli', cli], { cwd: dir, timeoutMs: 40_000, env: { COGNITO_PASSWORD: 'Orphan-pass-1!' } });
  await waitFor(() => existsSync(pidFile), 'the stand-in CLI to start');
  const child = Number(readFileSync(pidFile, 'utf8'));
  leftovers.push(child);
  if (waitMs > 0) await new Promise((done) => setTimeout(done, waitMs));
  expect(alive(child)).toBe(true);
  running.child.kill('SIGKILL');
  await running.result;
  await waitFor(() => !alive(child), 'the orphaned Postman CLI to be ended', 10_000);
}

describe('pm-cognito run killed with SIGKILL while its Postman CLI runs', () => {
  it('before the CLI opens its environment FIFO: the CLI is gone within seconds', async () => {
    // Killed at once: the stand-in then opens a FIFO nobody will ever write, and would block there for ever.
    await killRunAndWatch('2', 0);
  }, 60_000);

  it('after the CLI has read its environment, halfway through the suite: the CLI is gone within seconds', async () => {
    await killRunAndWatch('0', 1_000);
  }, 60_000);
});
