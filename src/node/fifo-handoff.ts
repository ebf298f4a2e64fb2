// Hands a secret-bearing file to a child through a named pipe, so its content never lands on disk (a 0600 file, removed once read, where there is no mkfifo).

import { spawnSync } from 'node:child_process';
import { closeSync, constants, openSync, statSync, unlinkSync, utimesSync, writeFileSync, writeSync } from 'node:fs';

export interface Handoff {
  /** 'fifo': the content only passes through a pipe; 'file': it sits in a 0600 file until read (see handOverFile) or removed. */
  kind: 'fifo' | 'file';
  /** Call when the reader is gone (or will never come): stops waiting for it. Safe to call more than once, and from an exit hook. */
  release(): void;
}

/** How often the writer looks for a reader, in ms. */
const POLL_MS = 10;

/**
 * Creates `path` (in a private directory) for one reader. With a FIFO, the writing end is opened
 * non-blocking, retried until the child opens the reading end: no thread ever waits in open(), so an
 * interrupted run can unlink the FIFO and exit at any moment (a blocking open in libuv's thread pool
 * kept the process from exiting).
 */
export function handOver(path: string, content: string): Handoff {
  const made = spawnSync('mkfifo', ['-m', '600', path], { stdio: 'ignore' });
  if (made.error !== undefined || made.status !== 0) return handOverFile(path, content);
  const bytes = Buffer.from(content, 'utf8');
  let fd: number | undefined;
  let written = 0;
  let timer: NodeJS.Timeout | undefined;
  let done = false;
  const finish = () => {
    done = true;
    if (timer !== undefined) clearTimeout(timer);
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  const step = () => {
    timer = undefined;
    if (done) return;
    try {
      // ENXIO until a reader has the FIFO open; EAGAIN while the pipe is full.
      fd ??= openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      finish();
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== 'ENXIO' && code !== 'EAGAIN') {
        // The reader left (EPIPE) or the FIFO is gone: nothing more to hand over.
        finish();
        return;
      }
    }
    timer = setTimeout(step, POLL_MS);
    // Waiting for a reader must not keep the process alive.
    timer.unref();
  };
  step();
  return { kind: 'fifo', release: finish };
}

/**
 * Without mkfifo: a 0600 file, removed as soon as it has been read, so that a run killed with SIGKILL after that
 * leaves no secret behind (the reader's open descriptor keeps the content until it closes it). The file's access
 * time is set to 1970 first (or the earliest date the file system stores), and any later access time means a read:
 * with relatime (Linux's default) or strictatime the first read moves it, and a poll sees that. Where reads do not
 * update it (noatime mounts, some Windows volumes) the file stays until the caller removes it.
 */
function handOverFile(path: string, content: string): Handoff {
  writeFileSync(path, content, { mode: 0o600, flag: 'wx' });
  let timer: NodeJS.Timeout | undefined;
  // What the file system stored: one that cannot hold 1970 (FAT starts at 1980) keeps its own earliest date.
  let setAtimeMs: number;
  try {
    utimesSync(path, 0, statSync(path).mtime);
    setAtimeMs = statSync(path).atimeMs;
  } catch {
    return { kind: 'file', release: () => undefined };
  }
  const poll = () => {
    timer = undefined;
    try {
      if (statSync(path).atimeMs > setAtimeMs) {
        unlinkSync(path);
        return;
      }
    } catch {
      // Removed already: nothing to watch.
      return;
    }
    timer = setTimeout(poll, POLL_MS);
    // Watching must not keep the process alive.
    timer.unref();
  };
  poll();
  return {
    kind: 'file',
    release: () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
