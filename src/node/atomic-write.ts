// Replaces a file's content all at once (temp file beside it, then rename), so a crash never leaves it half written.

import { chmodSync, closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** `file` must not be a symbolic link (the rename would replace the link): pass the link's target. The file's mode is kept. */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  // Same directory: rename is atomic only within one file system.
  const temp = join(dirname(file), '.' + basename(file) + '.' + process.pid + '-' + randomBytes(4).toString('hex') + '.tmp');
  let mode: number | undefined;
  try {
    mode = statSync(file).mode & 0o777;
  } catch {
    mode = undefined;
  }
  try {
    const fd = openSync(temp, 'wx', mode ?? 0o644);
    try {
      writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (mode !== undefined) chmodSync(temp, mode);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
