// Hands a secret-bearing file to a child through a named pipe, so its content never lands on disk (a 0600 file where there is no mkfifo).

import { spawnSync } from 'node:child_process';
import { closeSync, constants, openSync, promises as fsp, writeFileSync } from 'node:fs';

export interface Handoff {
  /** 'fifo': the content only passes through a pipe; 'file': it sits in a 0600 file until removed. */
  kind: 'fifo' | 'file';
  /** Call when the reader is gone: lets a writer still waiting for a reader finish. */
  release(): Promise<void>;
}

/**
 * Creates `path` (in a private directory) for one reader. With a FIFO the writer waits, off the
 * main thread, until the child opens it; if the child never does, release() opens the reading end
 * itself so nothing stays blocked.
 */
export function handOver(path: string, content: string): Handoff {
  const made = spawnSync('mkfifo', ['-m', '600', path], { stdio: 'ignore' });
  if (made.error !== undefined || made.status !== 0) {
    writeFileSync(path, content, { mode: 0o600, flag: 'wx' });
    return { kind: 'file', release: async () => undefined };
  }
  const writing = (async () => {
    const handle = await fsp.open(path, 'w');
    try {
      await handle.writeFile(content);
    } finally {
      await handle.close();
    }
  })().catch(() => undefined);
  return {
    kind: 'fifo',
    release: async () => {
      // A non-blocking open of the reading end lets a pending writer's open return; its write then fails quietly.
      let fd: number | undefined;
      try {
        fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
      } catch {
        fd = undefined;
      }
      if (fd !== undefined) closeSync(fd);
      await writing;
    },
  };
}
