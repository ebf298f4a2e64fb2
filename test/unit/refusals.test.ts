// Each family of refusal is its own class with its code, permanence and retryability fixed by the class: callers branch with instanceof.

import { describe, expect, it } from 'vitest';
import { cognitoError } from '../../src/core/cognito-errors';
import { CognitoRefusal, PmCognitoError } from '../../src/core/errors';
import {
  AwsCredentialsRefused, CredentialsRefused, FlowNotAllowed, NotAuthorized, RefreshTokenRefused, RetryableRefusal, Throttled, TransientRefusal, UserBlocked,
} from '../../src/core/refusals';
import { readSettings } from '../../src/core/settings';
import { clientCredentials } from '../../src/core/sign-in/client-credentials-flow';
import { fakeHost, json } from './fake-host';

const vars: Record<string, string> = { cognito_region: 'eu-west-1', cognito_client_id: 'client1', cognito_username: 'alice', cognito_password: 'pw-Secret1!' };
const settings = readSettings((n) => vars[n]);

describe('the families of COGNITO_NOT_AUTHORIZED', () => {
  // [family, permanent]
  const FAMILIES: Array<[new (text: string) => NotAuthorized, boolean]> = [
    [CredentialsRefused, true], [UserBlocked, true], [RefreshTokenRefused, true], [AwsCredentialsRefused, true], [TransientRefusal, false],
  ];
  for (const [Family, permanent] of FAMILIES) {
    it(Family.name + ': COGNITO_NOT_AUTHORIZED, ' + (permanent ? 'permanent' : 'not permanent') + ', never retryable, one of the others', () => {
      const error = new Family('why');
      expect(error).toBeInstanceOf(NotAuthorized);
      expect(error).toBeInstanceOf(CognitoRefusal);
      expect(error).toBeInstanceOf(PmCognitoError);
      expect({ code: error.code, permanent: error.permanent, retryable: error.retryable, message: error.message })
        .toEqual({ code: 'COGNITO_NOT_AUTHORIZED', permanent, retryable: false, message: 'pm-cognito: why' });
      for (const [Other] of FAMILIES) if (Other !== Family) expect(error).not.toBeInstanceOf(Other);
    });
  }

  it('a TransientRefusal stays not permanent even when the facts say permanent', () => {
    expect(new TransientRefusal('why', { permanent: true }).permanent).toBe(false);
  });
});

describe('the refusals beside them', () => {
  it('FlowNotAllowed keeps the public code COGNITO_INVALID_PARAMETER and is permanent', () => {
    const error = cognitoError({ type: 'InvalidParameterException', message: 'USER_PASSWORD_AUTH flow not enabled for this client' }, settings, 'InitiateAuth');
    expect(error).toBeInstanceOf(FlowNotAllowed);
    expect({ code: error.code, permanent: error.permanent, retryable: error.retryable }).toEqual({ code: 'COGNITO_INVALID_PARAMETER', permanent: true, retryable: false });
  });

  it('Cognito throttling is a Throttled, a RetryableRefusal: retryable by type, never permanent', () => {
    const error = cognitoError({ type: 'TooManyRequestsException', message: 'Rate exceeded' }, settings, 'InitiateAuth');
    expect(error).toBeInstanceOf(Throttled);
    expect(error).toBeInstanceOf(RetryableRefusal);
    expect({ code: error.code, permanent: error.permanent, retryable: error.retryable }).toEqual({ code: 'COGNITO_THROTTLED', permanent: false, retryable: true });
  });

  it('a RetryableRefusal stays retryable even when the facts say otherwise', () => {
    expect(new RetryableRefusal('COGNITO_UNREACHABLE', 'why', { retryable: false }).retryable).toBe(true);
  });
});

describe('the token endpoint\'s refusals (CLIENT_CREDENTIALS)', () => {
  const cc = readSettings((n) => ({ ...vars, cognito_auth_flow: 'CLIENT_CREDENTIALS', cognito_client_secret: 's', cognito_oauth_token_url: 'https://auth.example.com/oauth2/token' } as Record<string, string>)[n]);

  it('invalid_client with 400 is CredentialsRefused after one call', async () => {
    const fake = fakeHost(() => json(400, { error: 'invalid_client' }));
    const error = await clientCredentials(fake.host, cc).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsRefused);
    expect(fake.requests).toHaveLength(1);
  });

  it('an error with 429 or 503 is a RetryableRefusal (THROTTLED, UNREACHABLE), tried again', async () => {
    for (const [status, code] of [[429, 'COGNITO_THROTTLED'], [503, 'COGNITO_UNREACHABLE']] as const) {
      const fake = fakeHost(() => json(status, { error: 'slow_down' }));
      const error = await clientCredentials(fake.host, cc).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RetryableRefusal);
      expect((error as PmCognitoError).code).toBe(code);
      expect(fake.requests.length).toBeGreaterThan(1);
    }
  });
});
