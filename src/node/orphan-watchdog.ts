// Ends a child's process group when this process dies without ending it (SIGKILL, a crash), so no child is left waiting for ever.

import { spawn, type ChildProcess } from 'node:child_process';

export interface Watchdog {
  /** Ends the watchdog without touching the group: call it once the group is gone or has been killed. Idempotent. */
  stop(): void;
}

/**
 * Runs in the watchdog, a POSIX shell using only its builtins (about 1 ms of CPU, where a Node process costs about a
 * second): its stdin is a pipe whose other end only the watched-over process holds. Any end of that process closes the
 * pipe (the kernel does it, even after SIGKILL); `read` then meets end of file and the shell kills the group.
 */
const GUARD = 'while read -r _; do :; done; kill -s KILL -- -"$1" 2>/dev/null';
const SHELL = '/bin/sh';

/**
 * Watches over process group `pgid` (a child started with `detached: true`). A run that ends normally calls stop()
 * first, so the watchdog never signals a group id that may since belong to another process. Nothing is started on
 * Windows, which has no process groups.
 */
export function watchProcessGroup(pgid: number, platform: NodeJS.Platform = process.platform): Watchdog {
  if (platform === 'win32') return { stop: () => undefined };
  let dog: ChildProcess | undefined = spawn(SHELL, ['-c', GUARD, 'pm-cognito-watchdog', String(pgid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
    // Its own group: a Ctrl-C aimed at the run must not end the watchdog before the run has cleaned up.
    detached: true,
    env: {},
  });
  // A watchdog that cannot start leaves things as they were without it; it must never fail the run.
  dog.on('error', () => undefined);
  dog.stdin?.on('error', () => undefined);
  // Neither the process nor its pipe may keep this process alive.
  dog.unref();
  (dog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return {
    stop() {
      if (dog === undefined) return;
      const ending = dog;
      dog = undefined;
      if (ending.exitCode === null && ending.signalCode === null) ending.kill('SIGKILL');
      ending.stdin?.destroy();
    },
  };
}
