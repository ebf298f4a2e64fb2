// What a running `pm-cognito local` leaves in its state directory (pid file, state file), and how `local stop` ends it.

import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const PID_FILE = 'pm-cognito-local.pid';
/** Ids and URLs of the running instance; never a secret. */
export const STATE_FILE = 'pm-cognito-local.json';

export interface LocalState {
  pid: number;
  cognitoLocalPid: number;
  endpoint: string;
  environmentFile: string;
  pools: Array<{ name: string; poolId: string; jwksUrl: string; clients: Array<{ name: string; clientId: string; secret: boolean }> }>;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** The pid in the pid file, or undefined when there is none or it is not a number. */
export function readPid(stateDir: string): number | undefined {
  const file = join(stateDir, PID_FILE);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

export function readState(stateDir: string): LocalState | undefined {
  try {
    return JSON.parse(readFileSync(join(stateDir, STATE_FILE), 'utf8')) as LocalState;
  } catch {
    return undefined;
  }
}

/** On Linux, whether the process is a pm-cognito (a recycled pid must not be signalled); elsewhere assumed. */
function isPmCognito(pid: number): boolean {
  const cmdline = '/proc/' + pid + '/cmdline';
  if (!existsSync('/proc/self/cmdline')) return true;
  try {
    return /pm-cognito|cli\.js|run-demo/.test(readFileSync(cmdline, 'utf8'));
  } catch {
    return false;
  }
}

/** The pid of a `pm-cognito local` still running from this state directory; a stale pid file is removed. */
export function runningPid(stateDir: string): number | undefined {
  const pid = readPid(stateDir);
  if (pid === undefined) return undefined;
  if (isAlive(pid) && isPmCognito(pid)) return pid;
  rmSync(join(stateDir, PID_FILE), { force: true });
  rmSync(join(stateDir, STATE_FILE), { force: true });
  return undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Asks the instance to stop as Ctrl-C does (SIGINT: it stops its servers and cognito-local), and waits until its
 * process is gone. 'none' when nothing runs from this directory; 'timeout' when it is still there after `timeoutMs`.
 */
export async function stopRunning(stateDir: string, timeoutMs: number): Promise<'stopped' | 'none' | 'timeout'> {
  const pid = runningPid(stateDir);
  if (pid === undefined) return 'none';
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return 'timeout';
    await sleep(50);
  }
  return 'stopped';
}
