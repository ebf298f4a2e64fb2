// The identity-pool settings table through settings.ts's one loop: names, fallbacks, defaults, one problem per setting.

import { describe, expect, expectTypeOf, it } from 'vitest';
import type { IdentityPoolValues } from '../../src/core/identity-pool/setting-specs';
import { IdentityPoolRefusal, PmCognitoError } from '../../src/core/errors';
import { identityPoolError } from '../../src/core/identity-pool/errors';
import { readIdentityPoolSettings } from '../../src/core/identity-pool/settings';
import { readSettings } from '../../src/core/settings';

const POOL_ID = 'eu-west-1:1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';

function read(vars: Record<string, string>, identity = '') {
  return readIdentityPoolSettings((name) => vars[name], identity, undefined);
}

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PmCognitoError);
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('identity-pool settings table', () => {
  it('a named identity shares the pool id and endpoint of the default identity, but never its guest switch', () => {
    const vars = { cognito_identity_pool_id: POOL_ID, cognito_identity_endpoint: 'http://127.0.0.1:9230', cognito_identity_guest: 'true' };
    expect(read(vars, 'visitor')).toMatchObject({ identityPoolId: POOL_ID, endpoint: 'http://127.0.0.1:9230/', guest: false });
    expect(read(vars)).toMatchObject({ guest: true });
    expect(read({ ...vars, 'cognito_identity_pool_id@visitor': 'us-east-2:00000000-0000-4000-8000-000000000000' }, 'visitor'))
      .toMatchObject({ region: 'us-east-2', endpoint: 'http://127.0.0.1:9230/' });
  });

  it('guest defaults to false; yes/no/1/0 are read as the user-pool table reads booleans', () => {
    expect(read({ cognito_identity_pool_id: POOL_ID }).guest).toBe(false);
    expect(read({ cognito_identity_pool_id: POOL_ID, cognito_identity_guest: ' YES ' }).guest).toBe(true);
    expect(read({ cognito_identity_pool_id: POOL_ID, cognito_identity_guest: '0' }).guest).toBe(false);
  });

  it('a {{reference}} that is not set is one problem, worded as for every other setting', () => {
    expect(message(() => read({ cognito_identity_pool_id: '{{pool}}' }))).toBe(
      'pm-cognito identity-pool settings need attention (1): cognito_identity_pool_id refers to {{pool}}, which is not set: set pool or put the value in cognito_identity_pool_id directly.');
  });

  it('an invalid identity name is refused before any variable is read', () => {
    expect(message(() => read({}, 'a b'))).toBe('pm-cognito: the identity name "a b" is not valid: use letters, digits, "_", "-" or "." (at most 64 characters)');
  });

  it('a guest takes margin, time limit and debug from the user-pool table rows, defaults where unreadable', () => {
    const guest = { cognito_identity_pool_id: POOL_ID, cognito_identity_guest: 'true' };
    expect(read(guest)).toMatchObject({ refreshMarginSeconds: 60, timeoutMs: 10000, debug: false });
    expect(read({ ...guest, 'cognito_refresh_margin_seconds@v': '5', cognito_timeout_ms: '2500', cognito_debug: 'yes', 'cognito_identity_guest@v': 'true' }, 'v'))
      .toMatchObject({ refreshMarginSeconds: 5, timeoutMs: 2500, debug: true });
    expect(read({ ...guest, cognito_timeout_ms: 'soon', cognito_debug: 'maybe' })).toMatchObject({ timeoutMs: 10000, debug: false });
  });
});

describe('identity-pool refusals', () => {
  const pool = read({ cognito_identity_pool_id: POOL_ID, 'cognito_identity_guest@visitor': 'true' }, 'visitor');
  const user = readSettings((name) => ({ cognito_user_pool_id: 'eu-west-1_AbCdEf123', cognito_client_id: 'client1', cognito_username: 'alice', cognito_password: 'pw' } as Record<string, string>)[name]);

  it('carry the identity, the setting to change and Cognito Identity\'s words as fields', () => {
    const error = identityPoolError({ type: 'NotAuthorizedException', message: 'Unauthenticated access is not supported for this identity pool.' }, pool, undefined, 'GetId');
    expect(error).toBeInstanceOf(IdentityPoolRefusal);
    expect(error).toMatchObject({ code: 'IDENTITY_POOL_GUEST_DISABLED', identity: 'visitor', setting: 'cognito_identity_guest@visitor', cognitoType: 'NotAuthorizedException', retryable: false, permanent: false });
    expect(error.message).toMatch(/ \(Cognito Identity said NotAuthorizedException: Unauthenticated access is not supported for this identity pool\.\)$/);
  });

  it('throttling is retryable; a role problem names no setting (the fix is in the console)', () => {
    expect(identityPoolError({ type: 'TooManyRequestsException', message: '' }, pool, undefined, 'GetId')).toMatchObject({ code: 'COGNITO_THROTTLED', retryable: true, setting: undefined });
    expect(identityPoolError({ type: 'InvalidIdentityPoolConfigurationException', message: 'x' }, { ...pool, identity: '' }, user, 'GetCredentialsForIdentity'))
      .toMatchObject({ code: 'IDENTITY_POOL_ROLE_REFUSED', identity: '', setting: undefined });
  });
});

describe('IdentityPoolValues, derived from the table', () => {
  it('types each row by its kind, convert or derive (checked by tsc -p .)', () => {
    expectTypeOf<IdentityPoolValues>().toEqualTypeOf<{ guest: boolean; identityPoolId: string | undefined; identityEndpoint: string }>();
  });
});
