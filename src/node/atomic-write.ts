// Replaces several files' content all at once: every temp file is written first, then all are renamed, so a failure leaves every file as it was.

import { closeSync, fchmodSync, fchownSync, fstatSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';

export interface FileWrite {
  /** Must not be a symbolic link (the rename would replace the link): pass the link's target. */
  file: string;
  content: Uint8Array;
  /** The new file's mode whatever the old one had (0o600 for a file that holds secrets); default: the old file's, else 0644. */
  mode?: number;
}

/** A write that failed, naming the file and the system's error code (ENOSPC, ENAMETOOLONG, EPERM…). */
export class FileWriteError extends Error {
  constructor(readonly file: string, readonly code: string, readonly step: 'temp' | 'owner' | 'rename', readonly written: readonly string[]) {
    super(step + ' ' + file + ': ' + code);
    this.name = 'FileWriteError';
  }
}

function codeOf(error: unknown): string {
  return (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));
}

/** Writes `content` to a new temp file beside `file` with its mode, owner and group; returns the temp file's path. */
function writeTemp({ file, content, mode }: FileWrite): string {
  // Short name, same directory: rename is atomic only within one file system, and a long file name plus a suffix would pass the name limit.
  const temp = join(dirname(file), '.pmc-' + randomBytes(6).toString('hex') + '.tmp');
  let step: 'temp' | 'owner' = 'temp';
  try {
    const old = statSync(file, { throwIfNoEntry: false });
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, content);
      if (old !== undefined) {
        const own = fstatSync(fd);
        if (own.uid !== old.uid || own.gid !== old.gid) {
          step = 'owner';
          fchownSync(fd, old.uid, old.gid);
          step = 'temp';
        }
      }
      // 0600 until here, so a file meant to hold secrets never has a wider mode, not even for a moment.
      fchmodSync(fd, mode ?? (old !== undefined ? old.mode & 0o7777 : 0o644));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return temp;
  } catch (error) {
    rmSync(temp, { force: true });
    throw new FileWriteError(file, codeOf(error), step, []);
  }
}

/**
 * Replaces every file's content. First every temp file is written (content, mode, owner, group); if any
 * of that fails, all temp files are removed and no file has changed. Then all are renamed into place;
 * a rename failing after that (rare: the files were checked) names the files already replaced.
 */
export function writeFilesAtomic(writes: readonly FileWrite[]): void {
  const temps: string[] = [];
  try {
    for (const write of writes) temps.push(writeTemp(write));
  } catch (error) {
    for (const temp of temps) rmSync(temp, { force: true });
    throw error;
  }
  const written: string[] = [];
  writes.forEach(({ file }, i) => {
    try {
      renameSync(temps[i]!, file);
      written.push(file);
    } catch (error) {
      for (const temp of temps.slice(i)) rmSync(temp, { force: true });
      throw new FileWriteError(file, codeOf(error), 'rename', written);
    }
  });
}

/** One file: see writeFilesAtomic. */
export function writeFileAtomic(file: string, content: string | Uint8Array, mode?: number): void {
  writeFilesAtomic([{ file, content: typeof content === 'string' ? Buffer.from(content, 'utf8') : content, ...(mode !== undefined ? { mode } : {}) }]);
}
