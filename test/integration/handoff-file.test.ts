// Where there is no mkfifo, the Postman CLI's 0600 environment file is removed once the child has read it: a SIGKILL after that leaves no password in TMPDIR.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collection, item } from '../support/collection';
import { assertBuilt, filesUnder, removeTempDirs, startPm, tempDir, waitFor, writeEnvironment, writeJson } from './cli-harness';
import { alive } from '../support/process-alive';

const PASSWORD = 'Handoff-pass-1!sentinel';
let work: string;
/** A directory with no mkfifo in it, for PATH (node is started by its full path). */
let bare: string;

beforeAll(() => {
  assertBuilt();
  work = tempDir('pm-cognito-handoff-test-');
  bare = join(work, 'bare-path');
  mkdirSync(bare);
});
afterAll(() => removeTempDirs());

/** The environment file of the run's Postman CLI directory in `tmp`, if that directory exists. */
function environmentFiles(tmp: string): { dirs: number; files: string[] } {
  const dirs = readdirSync(tmp).filter((name) => name.startsWith('pm-cognito-postman-'));
  return { dirs: dirs.length, files: dirs.map((d) => join(tmp, d, 'environment.json')).filter((f) => existsSync(f)) };
}

describe('a stand-in Postman CLI that reads its environment file, then waits', () => {
  it('the file is gone while the child runs; SIGKILL of pm-cognito run then leaves no password anywhere in TMPDIR', async () => {
    const tmp = tempDir('pm-cognito-handoff-tmp-');
    const dir = join(work, 'reader');
    mkdirSync(dir);
    const pidFile = join(dir, 'child.pid');
    const readFile = join(dir, 'read.count');
    const cli = join(dir, 'postman');
    // Reads the file after -e once (counting the lines naming the password variable), then waits like a long suite.
    writeFileSync(cli, '#!/bin/sh\necho $$ > "' + pidFile + '"\nwhile [ $# -gt 0 ]; do\n  if [ "$1" = "-e" ]; then /bin/grep -c cognito_password "$2" > "' + readFile + '.tmp"; /bin/mv "' + readFile + '.tmp" "' + readFile + '"; fi\n  shift\ndone\nexec /bin/sleep 60\n');
    chmodSync(cli, 0o755);
    const suite = writeJson(work, 'handoff.postman_collection.json', collection('handoff', [item({ name: 'me', path: '/me' })]));
    const envFile = writeEnvironment({ cognito_endpoint: 'http://127.0.0.1:9/', cognito_region: 'us-east-1', cognito_client_id: 'handoffclient', cognito_username: 'alice', cognito_timeout_ms: '500', baseUrl: 'http://127.0.0.1:9' }, join(work, 'reader'));
    const running = startPm(['run', suite, '-e', envFile, '--runner', 'postman', '--postman-cli', cli], { cwd: work, timeoutMs: 40_000, env: { COGNITO_PASSWORD: PASSWORD, TMPDIR: tmp, PATH: bare } });
    await waitFor(() => existsSync(readFile), 'the stand-in CLI to read its environment');
    expect(readFileSync(readFile, 'utf8').trim()).toBe('1');
    const child = Number(readFileSync(pidFile, 'utf8'));
    await waitFor(() => environmentFiles(tmp).files.length === 0, 'the environment file to be removed', 2_000);
    expect(alive(child)).toBe(true);
    expect(environmentFiles(tmp).dirs).toBe(1);
    running.child.kill('SIGKILL');
    await running.result;
    if (alive(child)) process.kill(child, 'SIGKILL');
    const withPassword = filesUnder(tmp).filter((file) => readFileSync(file, 'utf8').includes(PASSWORD));
    expect(withPassword).toEqual([]);
  }, 60_000);
});

// 'the real Postman CLI without mkfifo: reads the environment file once: removed early, two iterations still pass with its
// variables' is in cli-run-postman.test.ts: it reads that file's v2.1 tags run (two iterations, no mkfifo on PATH), which
// saves a Postman CLI start (seconds of CPU) and a cognito-local.
