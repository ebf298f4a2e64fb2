// The run's private temporary directories, named after the process that owns them, so that a later run removes those a killed run left.

import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `pm-cognito-<kind>-<pid>-XXXXXX`: the kinds are the run's reports (run) and a Postman CLI suite's home, copy and environment (postman). */
const NAME = /^pm-cognito-(run|postman)-(\d+)-[A-Za-z0-9]{6}$/;

/** A new private (0700) directory in the temporary directory, named after this process. */
export function makeRunTempDir(kind: 'run' | 'postman'): string {
  return mkdtempSync(join(tmpdir(), 'pm-cognito-' + kind + '-' + process.pid + '-'));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, under another user.
    return (error as { code?: string }).code === 'EPERM';
  }
}

/**
 * Removes the run directories of this user whose process is gone: what a run killed with SIGKILL (or a
 * machine that lost power) left, the 0600 environment file with the run's secrets included where there
 * was no mkfifo. Returns the directories removed. A directory whose pid now belongs to another process stays.
 */
export function sweepStaleRunTempDirs(dir: string = tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  const uid = process.getuid?.();
  for (const name of names) {
    const match = NAME.exec(name);
    if (match === null) continue;
    const pid = Number(match[2]);
    const path = join(dir, name);
    try {
      const stat = lstatSync(path);
      if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || pid === process.pid || alive(pid)) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}
