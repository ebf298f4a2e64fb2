// Runs `pm-cognito local` as a user does (a real process) for the tests of its start, signals and stop.

import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { ROOT } from './collection';

export const CLI = join(ROOT, 'bin', 'pm-cognito.js');

export interface Started {
  child: ChildProcess;
  output: () => string;
  closed: Promise<number | null>;
}

/** Spawns `pm-cognito local ...` without waiting for anything. */
export function spawnRaw(args: string[]): Started {
  const child = spawn(process.execPath, [CLI, 'local', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => { output += d; });
  child.stderr!.on('data', (d: Buffer) => { output += d; });
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, output: () => output, closed };
}

/** Spawns `pm-cognito local ...` and resolves once it says it is ready (or rejects with its output if it exits first). */
export async function spawnLocal(args: string[]): Promise<Started> {
  const started = spawnRaw(args);
  await untilReady(started);
  return started;
}

export function untilReady({ output, closed }: Started): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output().includes('pm-cognito local: ready.')) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    void closed.then((code) => {
      clearInterval(timer);
      reject(new Error('pm-cognito local exited with ' + code + ' before it was ready:\n' + output()));
    });
  });
}

/** Live processes whose working directory is in `dir` (cognito-local runs in the state directory's cognito-local/). */
export function processesIn(dir: string): number[] {
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try {
      return readlinkSync('/proc/' + p + '/cwd').startsWith(dir);
    } catch {
      return false;
    }
  }).map(Number);
}

export async function until(what: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!what()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Resolves to the exit code, or 'running' when the process has not ended within `ms`. */
export function exitWithin(started: Started, ms: number): Promise<number | null | 'running'> {
  return Promise.race([started.closed, new Promise<'running'>((r) => setTimeout(() => r('running'), ms))]);
}

export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

