// A Cognito that drips its answer (a byte every 200 ms) and never closes: when the newman process exits, plain and under `pm-cognito run`.

import { afterAll, beforeAll, describe, it, type OnTestFinishedHandler, type TestContext } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { collection, item, ROOT } from '../support/collection';
import { startHostileCognito, type HostileCognito } from '../support/hostile-cognito';
import { assertBuilt, removeTempDirs, startPm, tempDir, writeEnvironment, writeJson } from './cli-harness';

const PASSWORD = 'Drip-pass-1!x';
const NEWMAN = join(ROOT, 'node_modules', '.bin', 'newman');
/** How long a plain newman process is watched after its summary before the dripping server is stopped. */
const WATCH_MS = 3_000;
let work: string;

beforeAll(() => {
  assertBuilt();
  work = tempDir('pm-cognito-drip-test-');
});
afterAll(() => removeTempDirs());

/**
 * A dripping server of the test's own (the tests run concurrently: each waits seconds with little CPU), stopped when the
 * test ends, and settings that pass every check with it as cognito_endpoint and nothing listening for the API (no request is sent).
 */
async function dripping(onTestFinished: (fn: OnTestFinishedHandler) => void): Promise<{ server: HostileCognito; settings: Record<string, string> }> {
  const server = await startHostileCognito(undefined, () => ({ kind: 'drip', everyMs: 200 }));
  onTestFinished(() => server.stop());
  return { server, settings: {
    cognito_endpoint: server.url, cognito_region: 'us-east-1', cognito_client_id: 'dripclient', cognito_username: 'alice',
    cognito_timeout_ms: '500', baseUrl: 'http://127.0.0.1:9',
  } };
}

interface Watched {
  code: number | null;
  summaryMs: number;
  /** Whether the process was still running WATCH_MS after its summary (then the server was stopped). */
  aliveAfterWatch: boolean;
  /** From stopping the server to the process's exit, in ms (undefined when it exited by itself). */
  exitAfterStopMs: number | undefined;
}

/** `newman run` as a user types it; the dripping `server` is stopped WATCH_MS after the summary if newman is still running. */
function plainNewman(server: HostileCognito, file: string, envFile: string, flags: string[]): Promise<Watched> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(NEWMAN, ['run', file, '-e', envFile, '--color', 'off', ...flags], { env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    let summaryMs = -1;
    let stoppedAt: number | undefined;
    let aliveAfterWatch = false;
    const onData = (d: Buffer) => {
      output += d;
      if (summaryMs >= 0 || !/total run duration/.test(output)) return;
      summaryMs = Date.now() - started;
      setTimeout(() => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        aliveAfterWatch = true;
        stoppedAt = Date.now();
        void server.stop();
      }, WATCH_MS);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const killer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, summaryMs, aliveAfterWatch, exitAfterStopMs: stoppedAt === undefined ? undefined : Date.now() - stoppedAt });
    });
  });
}

/** Runs one request through plain newman against a dripping server and checks what the process does. */
async function plainDrip(flags: string[], { expect, onTestFinished }: TestContext): Promise<void> {
  const { server, settings } = await dripping(onTestFinished);
  const file = writeJson(work, 'drip-' + flags.length + '.postman_collection.json', collection('drip', [item({ name: 'me', path: '/me' })]));
  const envFile = writeEnvironment({ ...settings, cognito_password: PASSWORD }, tempDir());
  const o = await plainNewman(server, file, envFile, flags);
  console.log('dripping Cognito, plain newman ' + (flags.join(' ') || 'without flags') + ': summary after ' + o.summaryMs + ' ms; still running ' + WATCH_MS + ' ms later: ' + o.aliveAfterWatch + '; exit ' + o.exitAfterStopMs + ' ms after the server closed');
  expect(o.code).toBe(1);
  expect(server.calls()).toBe(4);
  // 4 attempts × 500 ms + pauses (1.75 s) + newman's start: generous, the machine is shared.
  expect(o.summaryMs).toBeGreaterThan(0);
  expect(o.summaryMs).toBeLessThan(30_000);
  // --timeout-request is an idle timeout: a byte every 200 ms keeps the socket, and newman, alive.
  expect(o.aliveAfterWatch).toBe(true);
  expect(o.exitAfterStopMs).toBeLessThan(5_000);
}

describe.concurrent('plain newman and a dripping Cognito', () => {
  it('without flags: the summary comes within the limits, but the process stays until the other side closes', (context) => plainDrip([], context), 120_000);
  it('with --timeout-request 2000: the same, the flag does not end a dripping answer', (context) => plainDrip(['--timeout-request', '2000'], context), 120_000);
});

describe.concurrent('pm-cognito run and a dripping Cognito', () => {
  it('newman runner: the sign-in up front and the suite time out, the JUnit file is written, and the process exits at once', async ({ expect, onTestFinished }) => {
    const { server, settings } = await dripping(onTestFinished);
    const suite = writeJson(work, 'drip-run.postman_collection.json', collection('drip-run', [item({ name: 'me', path: '/me' })]));
    const envFile = writeEnvironment(settings, tempDir());
    const junit = join(work, 'drip-junit.xml');
    const started = Date.now();
    const running = startPm(['run', suite, '-e', envFile, '--junit', junit], { cwd: work, env: { COGNITO_PASSWORD: PASSWORD }, timeoutMs: 90_000 });
    const result = await running.result;
    const ended = Date.now();
    const output = result.stdout + result.stderr;
    console.log('dripping Cognito, pm-cognito run: exited by itself after ' + (ended - started) + ' ms, ' + server.calls() + ' calls; the server was still dripping');
    expect(result.code, output).toBe(1);
    expect(output).toContain('cognito_timeout_ms');
    expect(existsSync(junit)).toBe(true);
    expect(server.calls()).toBeLessThanOrEqual(8);
    // Both time-outs (4 × 500 ms + pauses, twice) and the start of newman: well under this, with no server stopped.
    expect(ended - started).toBeLessThan(40_000);
  }, 120_000);
});
