// What a running `pm-cognito local` leaves in its state directory (pid file, state file), and how `local stop` ends it.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PID_FILE = 'pm-cognito-local.pid';
/** Ids and URLs of the running instance; never a secret. */
export const STATE_FILE = 'pm-cognito-local.json';

export interface LocalState {
  pid: number;
  /** When the process with `pid` started (processStartTime): a recycled pid has another one. */
  startTime?: string;
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

/**
 * When the process started, as a string that only equals itself for the same process: on Linux field 22 of
 * /proc/<pid>/stat (clock ticks since boot), elsewhere `ps -o lstart=`. Undefined when it cannot be read.
 */
export function processStartTime(pid: number): string | undefined {
  if (existsSync('/proc/self/stat')) {
    try {
      const stat = readFileSync('/proc/' + pid + '/stat', 'utf8');
      // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = fields[22 - 3];
      return ticks !== undefined && /^\d+$/.test(ticks) ? 'stat:' + ticks : undefined;
    } catch {
      return undefined;
    }
  }
  try {
    const started = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', timeout: 2_000, maxBuffer: 4096, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return started === '' ? undefined : 'ps:' + started;
  } catch {
    return undefined;
  }
}

/** The pid file's content: the pid, then its start time, so a recycled pid is never taken for this instance. */
function pidFileText(pid: number): string {
  return pid + ' ' + (processStartTime(pid) ?? '') + '\n';
}

/**
 * Creates the pid file, exclusively: of two starts on one state directory only one gets it.
 * False when it exists already.
 */
export function claimPidFile(stateDir: string, pid: number): boolean {
  try {
    writeFileSync(join(stateDir, PID_FILE), pidFileText(pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') return false;
    throw error;
  }
}

export function releasePidFile(stateDir: string): void {
  rmSync(join(stateDir, STATE_FILE), { force: true });
  rmSync(join(stateDir, PID_FILE), { force: true });
}

function readPidFile(stateDir: string): { pid: number; startTime: string | undefined } | undefined {
  const file = join(stateDir, PID_FILE);
  if (!existsSync(file)) return undefined;
  const [pidText, startTime] = readFileSync(file, 'utf8').trim().split(' ');
  const pid = Number(pidText);
  return Number.isSafeInteger(pid) && pid > 0 ? { pid, startTime: startTime === '' ? undefined : startTime } : undefined;
}

/** The pid in the pid file, or undefined when there is none or it is not a number. */
export function readPid(stateDir: string): number | undefined {
  return readPidFile(stateDir)?.pid;
}

export function readState(stateDir: string): LocalState | undefined {
  try {
    return JSON.parse(readFileSync(join(stateDir, STATE_FILE), 'utf8')) as LocalState;
  } catch {
    return undefined;
  }
}

export type PidCheck = { kind: 'none' } | { kind: 'ours'; pid: number } | { kind: 'unsure'; pid: number };

/**
 * Whether a `pm-cognito local` still runs from this state directory. A pid file whose process is gone, or whose
 * pid now belongs to a process that started at another time (a recycled pid), is stale and removed. 'unsure': the
 * process lives but its start time cannot be read or was not recorded: it is neither signalled nor removed.
 */
export function checkPid(stateDir: string): PidCheck {
  const recorded = readPidFile(stateDir);
  if (recorded === undefined) return { kind: 'none' };
  const { pid, startTime } = recorded;
  if (isAlive(pid)) {
    const now = processStartTime(pid);
    if (now === undefined || startTime === undefined) return { kind: 'unsure', pid };
    if (now === startTime) return { kind: 'ours', pid };
  }
  releasePidFile(stateDir);
  return { kind: 'none' };
}

/** The pid of a `pm-cognito local` that may still run from this state directory; a stale pid file is removed. */
export function runningPid(stateDir: string): number | undefined {
  const check = checkPid(stateDir);
  return check.kind === 'none' ? undefined : check.pid;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Asks the instance to stop as Ctrl-C does (SIGINT: it stops its servers and cognito-local), and waits until its
 * process is gone. 'none' when nothing runs from this directory; 'unsure' when the pid's process cannot be confirmed
 * to be the instance (nothing is signalled); 'timeout' when it is still there after `timeoutMs`.
 */
export async function stopRunning(stateDir: string, timeoutMs: number): Promise<'stopped' | 'none' | 'unsure' | 'timeout'> {
  const check = checkPid(stateDir);
  if (check.kind !== 'ours') return check.kind;
  process.kill(check.pid, 'SIGINT');
  const deadline = Date.now() + timeoutMs;
  while (isAlive(check.pid)) {
    if (Date.now() > deadline) return 'timeout';
    await sleep(50);
  }
  return 'stopped';
}
