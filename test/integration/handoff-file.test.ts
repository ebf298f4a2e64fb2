// Where there is no mkfifo, the Postman CLI's 0600 environment file is removed once the child has read it: a SIGKILL after that leaves no password in TMPDIR.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestStack, type LocalStack } from '../support/local-stack';
import { collection, item } from '../support/collection';
import { POSTMAN_CLI_SKIP } from '../support/postman-cli';
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

describe('the real Postman CLI without mkfifo', () => {
  let stack: LocalStack | undefined;
  afterAll(async () => {
    await stack?.stop();
  });

  it('reads the environment file once: removed early, two iterations still pass with its variables', async (context) => {
    // Written as it() with a skip inside, so that docs/bad-inputs.md's checker finds the title.
    if (POSTMAN_CLI_SKIP) context.skip();
    stack = await startTestStack({ clients: [{ name: 'demo' }], users: [{ username: 'alice', password: PASSWORD }] });
    const tmp = tempDir('pm-cognito-handoff-tmp-');
    const ok = "pm.test('status 200', () => pm.response.to.have.status(200));";
    // The second request keeps the CLI running for a while after it has read the environment: a timer the sandbox waits
    // for (a busy loop did the same at 1.5 s of CPU per iteration).
    const suite = writeJson(work, 'real.postman_collection.json', collection('real', [
      item({ name: 'me', path: '/me', tests: [ok] }),
      item({ name: 'me again', path: '/me', tests: [ok, 'setTimeout(() => {}, 1500);'] }),
    ]));
    const envFile = writeEnvironment({ ...stack.connection, cognito_username: 'alice' }, tempDir());
    const running = startPm(['run', suite, '-e', envFile, '--runner', 'postman', '-n', '2'], { cwd: work, timeoutMs: 120_000, env: { COGNITO_PASSWORD: PASSWORD, TMPDIR: tmp, PATH: bare } });
    let stdout = '';
    running.child.stdout.on('data', (d: Buffer) => { stdout += d.toString('utf8'); });
    let sawFile = false;
    let goneBeforeSecondRequest = false;
    const watcher = setInterval(() => {
      const { files } = environmentFiles(tmp);
      if (files.length > 0) sawFile = true;
      // Before the change the file went only when the CLI had exited, long after it printed its second request.
      else if (sawFile && !stdout.includes('me again')) goneBeforeSecondRequest = true;
    }, 20);
    const result = await running.result;
    clearInterval(watcher);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout + result.stderr).toMatch(/4 requests, 4 tests, 0 failures/);
    expect(sawFile).toBe(true);
    expect(goneBeforeSecondRequest).toBe(true);
  }, 150_000);
});
