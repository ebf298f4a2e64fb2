// Cognito Identity's refusals by type: ValidationException (a constraint violation) names the setting and is not retried.

import { describe, expect, it } from 'vitest';
import { identityPoolError } from '../../../src/core/identity-pool/errors';
import { readIdentityPoolSettings } from '../../../src/core/identity-pool/settings';

const POOL_ID = 'eu-west-1:1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';
const guest = (identity: string) => readIdentityPoolSettings((n) => ({ cognito_identity_pool_id: POOL_ID, 'cognito_identity_pool_id@ops': POOL_ID } as Record<string, string>)[n], identity, undefined);

describe('identityPoolError', () => {
  for (const type of ['ValidationException', 'InvalidParameterException']) {
    it(type + ' is COGNITO_INVALID_PARAMETER naming the identity\'s pool id setting, not retryable', () => {
      const message = '1 validation error detected: Value at \'identityPoolId\' failed to satisfy constraint';
      const error = identityPoolError({ type, message }, guest('ops'), undefined, 'GetId');
      expect({ code: error.code, setting: error.setting, retryable: error.retryable, permanent: error.permanent, identity: error.identity })
        .toEqual({ code: 'COGNITO_INVALID_PARAMETER', setting: 'cognito_identity_pool_id@ops', retryable: false, permanent: false, identity: 'ops' });
      expect(error.message).toContain('cognito_identity_pool_id@ops');
      expect(error.message).toContain(type + ': ' + message);
    });
  }
});
