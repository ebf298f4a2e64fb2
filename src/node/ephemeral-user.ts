// Runs a piece of work as a throwaway Cognito user and always deletes the user: on success, failure, exception, or interruption.

import { createTestUser, deleteTestUser, type CreateTestUserOptions, type PoolTarget, type TestUser } from './test-users';

/** Why the work was cut short: a signal, or a crash elsewhere in the process (an unhandled rejection inside newman). */
export type Interruption = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'crash';

export type EphemeralOutcome<T> =
  | { kind: 'done'; value: T; deleted: boolean }
  | { kind: 'interrupted'; by: Interruption; deleted: boolean };

export interface EphemeralHooks {
  onCreated?: (user: TestUser) => void;
  /** Called once the user is gone (or could not be deleted: `error` says why and what to do). */
  onDeleted?: (username: string, error?: string) => void;
}

/**
 * Creates the user, gives it to `work`, and deletes it in every case. An interruption does not wait
 * for `work` (newman cannot be stopped from outside): the user is deleted and the caller should exit.
 */
export async function withEphemeralUser<T>(
  target: PoolTarget,
  options: CreateTestUserOptions,
  interrupted: Promise<Interruption>,
  work: (user: TestUser) => Promise<T>,
  hooks: EphemeralHooks = {},
): Promise<EphemeralOutcome<T>> {
  let interruption: Interruption | undefined;
  void interrupted.then((by) => {
    interruption ??= by;
  });
  const user = await createTestUser(target, options);
  hooks.onCreated?.(user);
  let deleted = false;
  let outcome: { kind: 'done'; value: T } | { kind: 'interrupted'; by: Interruption };
  try {
    outcome = interruption !== undefined
      ? { kind: 'interrupted', by: interruption }
      : await Promise.race([
        work(user).then((value) => ({ kind: 'done' as const, value })),
        interrupted.then((by) => ({ kind: 'interrupted' as const, by })),
      ]);
  } finally {
    // Runs when work throws, too.
    try {
      await deleteTestUser(target, user.username);
      deleted = true;
      hooks.onDeleted?.(user.username);
    } catch (error) {
      hooks.onDeleted?.(user.username, (error instanceof Error ? error.message : String(error)) + ': delete it with pm-cognito users delete --username ' + user.username + ' --pool-id ' + target.userPoolId);
    }
  }
  return { ...outcome, deleted };
}
