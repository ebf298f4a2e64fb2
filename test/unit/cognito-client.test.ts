import { describe, expect, it } from 'vitest';
import { callCognito } from '../../src/core/cognito-client';
import { PmCognitoError } from '../../src/core/errors';
import { readSettings } from '../../src/core/settings';
import { fakeHost, fault, json } from './fake-host';

const vars: Record<string, string> = {
  cognito_region: 'eu-west-1',
  cognito_client_id: 'client1',
  cognito_username: 'alice',
  cognito_password: 'pw-Secret1!',
};
const settings = readSettings((n) => vars[n]);

async function failure(responder: Parameters<typeof fakeHost>[0]) {
  const fake = fakeHost(responder);
  try {
    await callCognito(fake.host, settings, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH' });
  } catch (error) {
    if (error instanceof PmCognitoError) return { error, fake };
    throw error;
  }
  throw new Error('expected a failure');
}

describe('callCognito', () => {
  it('sends the JSON API headers to the regional endpoint', async () => {
    const fake = fakeHost(() => json(200, { ok: true }));
    await expect(callCognito(fake.host, settings, 'InitiateAuth', { a: 1 })).resolves.toEqual({ ok: true });
    expect(fake.requests[0]).toEqual({
      url: 'https://cognito-idp.eu-west-1.amazonaws.com/',
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
      body: '{"a":1}',
    });
  });

  const mapped: Array<[string, string, string, string]> = [
    ['NotAuthorizedException', 'Incorrect username or password.', 'COGNITO_NOT_AUTHORIZED', 'check cognito_username and cognito_password'],
    ['NotAuthorizedException', 'Unable to verify secret hash for client client1', 'COGNITO_NOT_AUTHORIZED', 'set cognito_client_secret'],
    ['UserNotFoundException', 'User does not exist.', 'COGNITO_USER_NOT_FOUND', 'check cognito_username'],
    ['ResourceNotFoundException', 'User pool client client1 does not exist.', 'COGNITO_RESOURCE_NOT_FOUND', 'check cognito_client_id'],
    ['InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client', 'COGNITO_INVALID_PARAMETER', 'enable ALLOW_USER_PASSWORD_AUTH'],
    ['InvalidParameterException', 'Missing required parameter USERNAME', 'COGNITO_INVALID_PARAMETER', 'Cognito refused a parameter'],
    ['UserNotConfirmedException', 'User is not confirmed.', 'COGNITO_USER_NOT_CONFIRMED', 'admin-confirm-sign-up'],
    ['PasswordResetRequiredException', 'Password reset required for the user', 'COGNITO_PASSWORD_RESET_REQUIRED', 'admin-set-user-password --permanent'],
    ['InvalidPasswordException', 'Invalid password', 'COGNITO_NOT_AUTHORIZED', 'check cognito_username and cognito_password'],
    ['SomethingNewException', 'Brand new failure', 'COGNITO_UNKNOWN_ERROR', 'Cognito said SomethingNewException: Brand new failure'],
  ];
  for (const [type, message, code, advice] of mapped) {
    it(type + ' (' + message + ') says what to do', async () => {
      const { error, fake } = await failure(() => fault(type, message));
      expect(error.code).toBe(code);
      expect(error.message).toContain(advice);
      expect(error.message).toContain(type);
      expect(error.message).not.toContain(vars['cognito_password']);
      expect(fake.requests).toHaveLength(1);
    });
  }

  it('reads namespaced __type values', async () => {
    const { error } = await failure(() => fault('com.amazonaws.cognito#UserNotFoundException', 'User does not exist.'));
    expect(error.code).toBe('COGNITO_USER_NOT_FOUND');
  });

  it('retries throttling with growing backoff, then gives up with a clear error', async () => {
    const { error, fake } = await failure(() => fault('TooManyRequestsException', 'Rate exceeded'));
    expect(error.code).toBe('COGNITO_THROTTLED');
    expect(fake.requests).toHaveLength(4);
    expect(fake.sleeps).toEqual([250, 500, 1000]);
  });

  it('retries 5xx and network failures and succeeds when Cognito recovers', async () => {
    const fake = fakeHost((_r, i) => (i === 0 ? { status: 503, body: '<html>busy</html>' } : i === 1 ? new PmCognitoError('COGNITO_UNREACHABLE', 'x', { retryable: true }) : json(200, { ok: 1 })));
    await expect(callCognito(fake.host, settings, 'InitiateAuth', {})).resolves.toEqual({ ok: 1 });
    expect(fake.requests).toHaveLength(3);
  });

  it('never retries a refused sign-in', async () => {
    const { fake } = await failure(() => fault('NotAuthorizedException', 'Incorrect username or password.'));
    expect(fake.requests).toHaveLength(1);
  });

  it('reports HTML, empty and wrong-shaped answers as bad responses', async () => {
    for (const body of ['<html>proxy error</html>', '', '{"truncated": ', '[1,2]']) {
      const { error } = await failure(() => ({ status: body.startsWith('[') ? 200 : 400, body }));
      expect(error.code).toBe('COGNITO_BAD_RESPONSE');
      expect(error.message).toContain('check cognito_endpoint');
    }
  });
});
