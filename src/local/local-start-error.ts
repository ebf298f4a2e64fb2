// Why `pm-cognito local` could not start (a port in use, cognito-local not ready, a failed pool setup): told to the user as it is, exit code 1, never as a bug.

export class LocalStartError extends Error {
  /** Whether trying again may help (a slow machine, a port taken meanwhile); false when something must change first. */
  readonly retryable: boolean;
  constructor(message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LocalStartError';
    this.retryable = options.retryable ?? false;
  }
}

/** Thrown by the start when it was asked to stop (a signal) before it was ready; everything it had started is stopped. */
export class LocalStartAborted extends Error {
  constructor(readonly reason: unknown) {
    super('pm-cognito local: the start was interrupted (' + String(reason) + ')');
    this.name = 'LocalStartAborted';
  }
}

const TRANSIENT = /timed? ?out|TimeoutError|ECONNRESET|ECONNREFUSED|EPIPE|socket hang up|did not answer|aborted/i;

/**
 * Any other failure of the start (cognito-local not ready in time, an SDK error while the pools are set up) as a
 * LocalStartError that keeps the cause, says whether a retry may help, and how to see cognito-local's output.
 */
export function asLocalStartError(error: unknown, step: string): LocalStartError | LocalStartAborted {
  if (error instanceof LocalStartError || error instanceof LocalStartAborted) return error;
  const name = typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string' ? (error as { name: string }).name : '';
  const message = error instanceof Error ? error.message : String(error);
  const retryable = TRANSIENT.test(name + ' ' + message);
  return new LocalStartError(
    step + ' failed: ' + (name !== '' && name !== 'Error' && !message.startsWith(name) ? name + ': ' : '') + message.trim() + '\n' +
      (retryable ? 'This looks transient: trying again may help (a busy machine slows cognito-local down). ' : 'Trying again will likely fail the same way: check the config file. ') +
      'Set PM_COGNITO_DEBUG_LOCAL=1 to see cognito-local\'s own output as it runs.',
    { cause: error, retryable },
  );
}
