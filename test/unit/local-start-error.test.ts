// Failures of `pm-cognito local`'s start that are not its own (an SDK error, a timeout) become a LocalStartError saying whether a retry may help.

import { InvalidParameterException } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { asLocalStartError, LocalStartAborted, LocalStartError } from '../../src/local/local-start-error';

describe('asLocalStartError', () => {
  it('wraps an SDK error from the pool setup: cause kept, not retryable, the debug variable named', () => {
    const sdk = new InvalidParameterException({ message: 'Username should be an email.', $metadata: {} });
    const wrapped = asLocalStartError(sdk, 'setting up pool shop in cognito-local');
    expect(wrapped).toBeInstanceOf(LocalStartError);
    const error = wrapped as LocalStartError;
    expect(error.message).toMatch(/^setting up pool shop in cognito-local failed: InvalidParameterException: Username should be an email\.\n/);
    expect(error.message).toContain('PM_COGNITO_DEBUG_LOCAL=1');
    expect(error.message).not.toMatch(/report/i);
    expect(error.retryable).toBe(false);
    expect(error.cause).toBe(sdk);
  });

  it('calls a timeout retryable', async () => {
    const timeout = await new Promise<unknown>((resolve) => {
      const signal = AbortSignal.timeout(1);
      signal.addEventListener('abort', () => resolve(signal.reason));
    });
    const error = asLocalStartError(timeout, 'setting up pool shop in cognito-local') as LocalStartError;
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('trying again may help');
  });

  it('leaves its own errors and an interrupted start as they are', () => {
    const own = new LocalStartError('port 1 on 127.0.0.1 is in use');
    const aborted = new LocalStartAborted('SIGINT');
    expect(asLocalStartError(own, 'x')).toBe(own);
    expect(asLocalStartError(aborted, 'x')).toBe(aborted);
  });
});
