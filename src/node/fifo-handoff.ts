// Hands a secret-bearing file to a child through a named pipe, so its content never lands on disk (a 0600 file where there is no mkfifo).

import { spawnSync } from 'node:child_process';
import { closeSync, constants, openSync, writeFileSync, writeSync } from 'node:fs';

export interface Handoff {
  /** 'fifo': the content only passes through a pipe; 'file': it sits in a 0600 file until removed. */
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
  if (made.error !== undefined || made.status !== 0) {
    writeFileSync(path, content, { mode: 0o600, flag: 'wx' });
    return { kind: 'file', release: () => undefined };
  }
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
