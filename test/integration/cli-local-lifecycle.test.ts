// `pm-cognito local`'s life as real processes: a signal during the start, SIGHUP, cognito-local dying, two starts on one state directory, --detach interrupted, a user's own .cognito kept.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/local/free-port';
import { isAlive, PID_FILE, STATE_FILE, type LocalState } from '../../src/local/local-state';
import { ROOT } from '../support/collection';
import { pmInProcess } from '../support/in-process-cli';
import { CLI, exitWithin, portOpen, processesIn, spawnLocal, spawnRaw, until, untilReady, type Started } from '../support/spawn-local';

const pools = (names: string[]) => `pools:
${names.map((name) => `  - name: ${name}
    clients: [{ name: web }]
    users: [{ username: alice, password: Lifecycle-Pass-1 }]`).join('\n')}
`;
/** Three pools: cognito-local restarts once per pool, so the start takes seconds (a window for the tests that interrupt it). */
const CONFIG = pools(['one', 'two', 'three']);
/** One pool: for the tests that act once the start is over (each pool costs a cognito-local process, ~1 s of CPU). */
const ONE_POOL = pools(['one']);

let dir: string;
let config: string;
let onePool: string;
const started: Started[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pm-cognito-local-life-'));
  config = join(dir, 'local-cognito.yaml');
  writeFileSync(config, CONFIG);
  onePool = join(dir, 'one-pool.yaml');
  writeFileSync(onePool, ONE_POOL);
});

afterAll(() => {
  for (const s of started) if (s.child.exitCode === null) s.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function track(s: Started): Started {
  started.push(s);
  return s;
}

function expectNothingLeft(stateDir: string): void {
  expect(processesIn(stateDir)).toEqual([]);
  expect(existsSync(join(stateDir, PID_FILE))).toBe(false);
  expect(existsSync(join(stateDir, STATE_FILE))).toBe(false);
}

describe('pm-cognito local, interrupted and failing', () => {
  it('stops at once on SIGTERM during the start (exit 143): port closed, cognito-local gone, pid file removed, never ready', async () => {
    const stateDir = join(dir, 'during-start');
    const port = await freePort();
    const local = track(spawnRaw(['-c', config, '--state-dir', stateDir, '--port', String(port)]));
    // cognito-local runs: the start is under way.
    await until(() => processesIn(stateDir).length > 0, 30_000);
    local.child.kill('SIGTERM');
    expect(await exitWithin(local, 10_000)).toBe(143);
    expect(local.output()).not.toContain('pm-cognito local: ready.');
    expect(local.output()).toContain('pm-cognito local: stopped (SIGTERM) before it was ready');
    expect(await portOpen(port)).toBe(false);
    expectNothingLeft(stateDir);
  }, 60_000);

  it('ends with 129 on SIGHUP, removing its files, and leaves a .cognito/ of the user\'s in the state directory alone', async () => {
    const stateDir = join(dir, 'hup');
    mkdirSync(join(stateDir, '.cognito'), { recursive: true });
    writeFileSync(join(stateDir, '.cognito', 'mine.json'), '{"user":"data"}\n');
    const local = track(await spawnLocal(['-c', onePool, '--state-dir', stateDir]));
    const state = JSON.parse(readFileSync(join(stateDir, STATE_FILE), 'utf8')) as LocalState;
    expect(state.startTime).toMatch(/^stat:\d+$/);
    local.child.kill('SIGHUP');
    expect(await exitWithin(local, 15_000)).toBe(129);
    expect(local.output()).toContain('pm-cognito local: stopped (SIGHUP)');
    expect(isAlive(state.cognitoLocalPid)).toBe(false);
    expectNothingLeft(stateDir);
    expect(readFileSync(join(stateDir, '.cognito', 'mine.json'), 'utf8')).toBe('{"user":"data"}\n');
  }, 90_000);

  it('exits 1 when cognito-local dies, with its exit and output, instead of answering 502 forever', async () => {
    const stateDir = join(dir, 'dies');
    const local = track(await spawnLocal(['-c', onePool, '--state-dir', stateDir]));
    const state = JSON.parse(readFileSync(join(stateDir, STATE_FILE), 'utf8')) as LocalState;
    process.kill(state.cognitoLocalPid, 'SIGKILL');
    expect(await exitWithin(local, 15_000)).toBe(1);
    expect(local.output()).toContain('cognito-local was killed by SIGKILL');
    expect(local.output()).toContain('--- cognito-local stderr');
    expect(await portOpen(Number(new URL(state.endpoint).port))).toBe(false);
    expectNothingLeft(stateDir);
  }, 90_000);

  it('lets only one of two simultaneous starts on one state directory run; the other exits 1 saying so', async () => {
    const stateDir = join(dir, 'twice');
    const first = track(spawnRaw(['-c', onePool, '--state-dir', stateDir]));
    const second = track(spawnRaw(['-c', onePool, '--state-dir', stateDir]));
    const loser = await Promise.race([first.closed.then(() => first), second.closed.then(() => second), new Promise<undefined>((r) => setTimeout(() => r(undefined), 60_000))]);
    expect(loser, 'both started: ' + first.output() + second.output()).toBeDefined();
    expect(loser!.child.exitCode).toBe(1);
    expect(loser!.output()).toMatch(/already running from|another pm-cognito local is starting or running from/);
    const winner = loser === first ? second : first;
    await untilReady(winner);
    winner.child.kill('SIGINT');
    expect(await exitWithin(winner, 15_000)).toBe(130);
    expectNothingLeft(stateDir);
  }, 120_000);

  it('refuses --port -5 with exit 2, asking for a port from 1 to 65535', async () => {
    // In-process: refused before anything starts, so no process of its own is under test here.
    const bad = await pmInProcess(['local', '-c', config, '-p', '-5', '--state-dir', join(dir, 'bad-port')], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('a port from 1 to 65535');
  });
});

describe('pm-cognito local --detach, interrupted while the background instance starts', () => {
  it('passes the Ctrl-C on to the background instance, which stops: exit 130, nothing left running', async () => {
    const stateDir = join(dir, 'detached');
    const parent = spawn(process.execPath, [CLI, 'local', '-c', config, '--detach', '--state-dir', stateDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    parent.stdout.on('data', (d: Buffer) => { output += d; });
    parent.stderr.on('data', (d: Buffer) => { output += d; });
    const closed = new Promise<number | null>((resolve) => parent.on('close', (code) => resolve(code)));
    try {
      await until(() => processesIn(stateDir).length > 0, 30_000);
      parent.kill('SIGINT');
      expect(await closed, output).toBe(130);
      expect(output).toContain('stopped (SIGINT) before the background instance was ready');
      expectNothingLeft(stateDir);
    } finally {
      if (parent.exitCode === null) parent.kill('SIGKILL');
    }
  }, 60_000);
});
