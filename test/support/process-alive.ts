// Whether a process still runs: the signal and hand-off tests check that nothing is left behind.

/** True while a process with this pid exists (signal 0 tests for it without sending anything). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
