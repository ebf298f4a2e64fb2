// The recycled-pid guard of `pm-cognito local`: a pid file is trusted only for the process that started at the recorded time.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPid, claimPidFile, isAlive, PID_FILE, processStartTime, readPid, stopRunning } from '../../src/local/local-state';

const children: ChildProcess[] = [];
const dirs: string[] = [];

/** A live process whose command line looks like pm-cognito's (the old guard took any such for the instance). */
function bystander(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'pm-cognito', 'cli.js'], { stdio: 'ignore' });
  children.push(child);
  return child;
}

function stateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pm-cognito-state-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the pid file of pm-cognito local', () => {
  it('records the start time of the process (field 22 of /proc/<pid>/stat on Linux)', () => {
    const dir = stateDir();
    expect(claimPidFile(dir, process.pid)).toBe(true);
    expect(readPid(dir)).toBe(process.pid);
    expect(processStartTime(process.pid)).toMatch(/^(stat:\d+|ps:.+)$/);
    expect(checkPid(dir)).toEqual({ kind: 'ours', pid: process.pid });
  });

  it('is created exclusively: a second claim on the same directory fails', () => {
    const dir = stateDir();
    expect(claimPidFile(dir, process.pid)).toBe(true);
    expect(claimPidFile(dir, process.pid)).toBe(false);
  });

  it('never signals a recycled pid: another process with that pid started at another time, the file is stale', async () => {
    const dir = stateDir();
    const other = bystander();
    await new Promise((resolve) => other.once('spawn', resolve));
    writeFileSync(join(dir, PID_FILE), other.pid + ' stat:1\n');
    expect(await stopRunning(dir, 2_000)).toBe('none');
    expect(isAlive(other.pid!)).toBe(true);
    expect(existsSync(join(dir, PID_FILE))).toBe(false);
  });

  it('refuses to signal a live process whose start time was not recorded, and keeps its pid file', async () => {
    const dir = stateDir();
    const other = bystander();
    await new Promise((resolve) => other.once('spawn', resolve));
    writeFileSync(join(dir, PID_FILE), other.pid + '\n');
    expect(await stopRunning(dir, 2_000)).toBe('unsure');
    expect(isAlive(other.pid!)).toBe(true);
    expect(existsSync(join(dir, PID_FILE))).toBe(true);
  });
});
