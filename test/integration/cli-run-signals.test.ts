// `pm-cognito run` at the process boundary with a stand-in Postman CLI (a shell script): signals, the child's environment, what a SIGKILL leaves.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../src/local/free-port';
import { collection, item } from '../support/collection';
import { assertBuilt, removeTempDirs, startPm, tempDir, waitFor, writeEnvironment, writeJson, type PmResult } from './cli-harness';
import { alive } from '../support/process-alive';

const PASSWORD = 'Signals-pass-1!sentinel';
const AWS_SECRET = 'aws-secret-sentinel-0123456789';
const AWS_TOKEN = 'aws-session-sentinel-0123456789';

let work: string;
let envFile: string;
let suite: string;

/** A stand-in for the Postman CLI: records its pid and environment, then waits (never opening the environment FIFO) or leaves at once. */
function fakeCli(name: string, then: string): { path: string; pidFile: string; envFile: string } {
  const dir = join(work, name);
  mkdirSync(dir);
  const pidFile = join(dir, 'child.pid');
  const env = join(dir, 'child.env');
  const path = join(dir, 'postman');
  writeFileSync(path, '#!/bin/sh\n/usr/bin/env > "' + env + '"\necho $$ > "' + pidFile + '"\n' + then + '\n');
  chmodSync(path, 0o755);
  return { path, pidFile, envFile: env };
}

/** pm-cognito's own directories in a temporary directory. */
function runDirs(tmp: string): string[] {
  return readdirSync(tmp).filter((name) => name.startsWith('pm-cognito-'));
}

function start(cli: string, tmp: string, extraEnv: Record<string, string> = {}) {
  return startPm(['run', suite, '-e', envFile, '--runner', 'postman', '--postman-cli', cli], {
    cwd: work,
    timeoutMs: 40_000,
    env: { COGNITO_PASSWORD: PASSWORD, AWS_SECRET_ACCESS_KEY: AWS_SECRET, AWS_SESSION_TOKEN: AWS_TOKEN, TMPDIR: tmp, ...extraEnv },
  });
}

beforeAll(async () => {
  assertBuilt();
  work = tempDir('pm-cognito-signals-test-');
  // Nothing listens there: the sign-in up front fails at once and the suite still starts (as it does after any refused sign-in).
  const closed = await freePort();
  envFile = writeEnvironment({
    cognito_endpoint: 'http://127.0.0.1:' + closed, cognito_region: 'us-east-1', cognito_user_pool_id: 'us-east-1_Signals1',
    cognito_client_id: 'signalsclient', cognito_username: 'alice', cognito_timeout_ms: '500', baseUrl: 'http://127.0.0.1:' + closed,
  }, work);
  suite = writeJson(work, 'signals.postman_collection.json', collection('signals', [item({ name: 'me', path: '/me' })]));
});

afterAll(() => removeTempDirs());

describe('pm-cognito run and signals, while the Postman CLI has not opened its environment FIFO yet', () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    it(`${signal} ends the run with ${code} within 5 s, kills the child and removes the run's temporary directories`, async () => {
      const tmp = tempDir('pm-cognito-signals-tmp-');
      const cli = fakeCli('waits-' + signal, 'exec /bin/sleep 60');
      const running = start(cli.path, tmp);
      await waitFor(() => existsSync(cli.pidFile) && readFileSync(cli.pidFile, 'utf8').endsWith('\n'), 'the stand-in CLI');
      const child = Number(readFileSync(cli.pidFile, 'utf8'));
      const sent = Date.now();
      running.child.kill(signal);
      const result: PmResult = await running.result;
      const elapsed = Date.now() - sent;
      if (alive(child)) process.kill(child, 'SIGKILL');
      expect({ code: result.code, signal: result.signal }).toEqual({ code, signal: null });
      expect(elapsed).toBeLessThan(5_000);
      expect(result.stderr).toContain('run interrupted (' + signal + ')');
      await waitFor(() => !alive(child), 'the child to be gone', 2_000).catch(() => undefined);
      expect(alive(child), 'the stand-in CLI (pid ' + child + ') is still running').toBe(false);
      expect(runDirs(tmp)).toEqual([]);
    }, 60_000);
  }
});

describe('the Postman CLI child', () => {
  it('gets no AWS or Cognito secrets from the environment: only what it needs (PATH, its own HOME and TMPDIR)', async () => {
    const tmp = tempDir('pm-cognito-signals-tmp-');
    const cli = fakeCli('env', 'exit 0');
    const result = await start(cli.path, tmp).result;
    expect(result.code).toBe(1);
    const env = readFileSync(cli.envFile, 'utf8');
    const names = env.split('\n').map((line) => line.split('=')[0]);
    for (const secret of [PASSWORD, AWS_SECRET, AWS_TOKEN]) expect(env.includes(secret), 'a secret reached the child').toBe(false);
    expect(names.filter((name) => /^(AWS_|COGNITO_|NODE_OPTIONS$)/.test(name ?? ''))).toEqual([]);
    expect(names).toContain('PATH');
    expect(env).toMatch(new RegExp('^TMPDIR=' + tmp.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '/pm-cognito-postman-\\d+-\\w+/tmp$', 'm'));
    expect(runDirs(tmp)).toEqual([]);
  }, 60_000);
});

describe('SIGKILL where there is no mkfifo', () => {
  it('leaves the 0600 environment file until the next run, which removes the dead run\'s directory', async () => {
    const tmp = tempDir('pm-cognito-signals-tmp-');
    // No mkfifo on this PATH (node is started by its full path): the environment is handed over in a 0600 file.
    const bare = join(work, 'bare-path');
    mkdirSync(bare);
    const cli = fakeCli('killed', 'exec /bin/sleep 60');
    const running = start(cli.path, tmp, { PATH: bare });
    await waitFor(() => existsSync(cli.pidFile) && readFileSync(cli.pidFile, 'utf8').endsWith('\n'), 'the stand-in CLI');
    const [left] = runDirs(tmp).filter((name) => name.startsWith('pm-cognito-postman-'));
    expect(left).toBeDefined();
    const environment = join(tmp, left!, 'environment.json');
    expect(statSync(environment).mode & 0o777).toBe(0o600);
    running.child.kill('SIGKILL');
    await running.result;
    const child = Number(readFileSync(cli.pidFile, 'utf8'));
    if (alive(child)) process.kill(child, 'SIGKILL');
    expect(readFileSync(environment, 'utf8')).toContain(PASSWORD);

    const next = await start(fakeCli('next', 'exit 0').path, tmp).result;
    expect(next.code).toBe(1);
    expect(existsSync(join(tmp, left!)), 'the killed run\'s directory is still there').toBe(false);
    expect(runDirs(tmp)).toEqual([]);
  }, 90_000);
});
