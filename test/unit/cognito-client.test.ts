import { describe, expect, it } from 'vitest';
import { callCognito } from '../../src/core/cognito-client';
import { cognitoError, isPermanentRefusal } from '../../src/core/cognito-errors';
import { BadResponseError, ChallengeError, PmCognitoError, SettingsError, TokenError, TransportError } from '../../src/core/errors';
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
    ['NotAuthorizedException', 'Incorrect username or password.', 'COGNITO_NOT_AUTHORIZED', 'check cognito_username, cognito_password'],
    ['NotAuthorizedException', 'Unable to verify secret hash for client client1', 'COGNITO_NOT_AUTHORIZED', 'cognito_client_secret matches no secret'],
    ['UserNotFoundException', 'User does not exist.', 'COGNITO_USER_NOT_FOUND', 'check cognito_username'],
    ['ResourceNotFoundException', 'User pool client client1 does not exist.', 'COGNITO_RESOURCE_NOT_FOUND', 'check cognito_client_id'],
    ['InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client', 'COGNITO_INVALID_PARAMETER', 'enable ALLOW_USER_PASSWORD_AUTH'],
    ['InvalidParameterException', 'Missing required parameter USERNAME', 'COGNITO_INVALID_PARAMETER', 'Cognito refused a parameter'],
    ['UserNotConfirmedException', 'User is not confirmed.', 'COGNITO_USER_NOT_CONFIRMED', 'admin-confirm-sign-up'],
    ['PasswordResetRequiredException', 'Password reset required for the user', 'COGNITO_PASSWORD_RESET_REQUIRED', 'admin-set-user-password --permanent'],
    ['InvalidPasswordException', 'Invalid password', 'COGNITO_NOT_AUTHORIZED', 'check cognito_username, cognito_password'],
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
    expect(error.retryable).toBe(true);
    expect(error.message).toBe('pm-cognito: Cognito is throttling or failing: run again later, or sign in less often (Cognito said TooManyRequestsException: Rate exceeded) [gave up after 4 attempts]');
    expect(fake.requests).toHaveLength(4);
    expect(fake.sleeps).toEqual([250, 500, 1000]);
  });

  it('does not claim retries when the policy allows one attempt', async () => {
    const fake = fakeHost(() => fault('TooManyRequestsException', 'Rate exceeded'));
    const error = await callCognito(fake.host, settings, 'RespondToAuthChallenge', {}, { retry: { attempts: 1, baseDelayMs: 250, maxDelayMs: 4000 } }).catch((e: PmCognitoError) => e);
    expect(error).toMatchObject({ code: 'COGNITO_THROTTLED' });
    expect((error as PmCognitoError).message).not.toContain('gave up after');
    expect(fake.requests).toHaveLength(1);
  });

  it('retries a gateway\'s 5xx page and then says it was not Cognito\'s answer', async () => {
    const { error, fake } = await failure(() => ({ status: 502, body: '<html><body>Bad gateway</body></html>' }));
    expect(error.code).toBe('COGNITO_UNREACHABLE');
    expect(error.message).toBe('pm-cognito: InitiateAuth got HTTP 502 with an HTML page from https://cognito-idp.eu-west-1.amazonaws.com/, which is not Cognito\'s answer: check cognito_endpoint / cognito_region point at Cognito and that it is reachable, or run again later [gave up after 4 attempts]');
    expect(fake.requests).toHaveLength(4);
  });

  it('names what came back instead of Cognito\'s JSON, never retries a 2xx, never echoes the body', async () => {
    const cases: Array<[string, string]> = [
      ['<!DOCTYPE html><title>Login</title>', 'an HTML page'],
      ['{"AuthenticationResult":{"IdToken":"eyJ', 'cut-off or malformed JSON'],
      ['   ', 'an empty body'],
      ['OK', 'an answer of an unknown shape'],
      ['[1,2]', 'an answer of an unknown shape'],
    ];
    for (const [body, what] of cases) {
      const { error, fake } = await failure(() => ({ status: 200, body }));
      expect(error.code).toBe('COGNITO_BAD_RESPONSE');
      expect(error.message).toBe('pm-cognito: InitiateAuth got HTTP 200 with ' + what + ' from https://cognito-idp.eu-west-1.amazonaws.com/, which is not Cognito\'s answer: check cognito_endpoint / cognito_region');
      expect(fake.requests).toHaveLength(1);
      if (body.trim().length > 2) expect(error.message).not.toContain(body.trim());
    }
  });

  it('names the identity\'s variables in a bad-response error', async () => {
    const admin = readSettings((n) => ({ ...vars, 'cognito_username@admin': 'root', 'cognito_password@admin': 'pw-Secret1!' } as Record<string, string>)[n], 'admin');
    const fake = fakeHost(() => ({ status: 200, body: '<html></html>' }));
    const error = await callCognito(fake.host, admin, 'InitiateAuth', {}).catch((e: PmCognitoError) => e);
    expect((error as PmCognitoError).message).toContain('check cognito_endpoint@admin / cognito_region@admin');
  });

  it('names the identity\'s variables, and the identity, when Cognito cannot be reached or does not answer in time', async () => {
    const admin = readSettings((n) => ({ ...vars, 'cognito_username@admin': 'root', 'cognito_password@admin': 'pw-Secret1!' } as Record<string, string>)[n], 'admin');
    const retry = { retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } };
    const down = await callCognito(fakeHost(() => new TransportError({ kind: 'unreachable', url: 'http://127.0.0.1:1/', detail: 'ECONNREFUSED' })).host, admin, 'InitiateAuth', {}, retry).catch((e: PmCognitoError) => e) as PmCognitoError;
    expect(down).toBeInstanceOf(TransportError);
    expect({ code: down.code, identity: down.identity, retryable: down.retryable, message: down.message }).toEqual({ code: 'COGNITO_UNREACHABLE', identity: 'admin', retryable: true,
      message: 'pm-cognito: could not reach Cognito at http://127.0.0.1:1/ (ECONNREFUSED): check cognito_endpoint@admin / cognito_region@admin and the network' });
    const slow = await callCognito(fakeHost(() => new TransportError({ kind: 'timeout', timeoutMs: 250 })).host, admin, 'InitiateAuth', {}, retry).catch((e: PmCognitoError) => e) as PmCognitoError;
    expect({ code: slow.code, identity: slow.identity, message: slow.message }).toEqual({ code: 'COGNITO_TIMEOUT', identity: 'admin',
      message: 'pm-cognito: Cognito did not answer within 250 ms (cognito_timeout_ms@admin): check the endpoint is reachable from here' });
    // The default identity's call names the plain variables.
    const plain = await callCognito(fakeHost(() => new TransportError({ kind: 'timeout', timeoutMs: 250 })).host, settings, 'InitiateAuth', {}, retry).catch((e: PmCognitoError) => e) as PmCognitoError;
    expect(plain.message).toContain('(cognito_timeout_ms)');
  });

  it('retries 5xx and network failures and succeeds when Cognito recovers', async () => {
    const fake = fakeHost((_r, i) => (i === 0 ? { status: 503, body: '<html>busy</html>' } : i === 1 ? new TransportError({ kind: 'unreachable', url: 'http://127.0.0.1:1/', detail: 'ECONNRESET' }) : json(200, { ok: 1 })));
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

describe('isPermanentRefusal (which failed sign-ins a run should not try again)', () => {
  const refusal = (type: string, message: string) => cognitoError({ type, message }, settings, 'InitiateAuth');
  it('is true for refusals the same settings meet again', () => {
    for (const [type, message] of [
      ['NotAuthorizedException', 'Incorrect username or password.'],
      ['NotAuthorizedException', 'Password attempts exceeded'],
      ['NotAuthorizedException', 'Unable to verify secret hash for client client1'],
      ['UserNotFoundException', 'User does not exist.'],
      ['ResourceNotFoundException', 'User pool client client1 does not exist.'],
      ['InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client'],
      ['UserNotConfirmedException', 'User is not confirmed.'],
      ['PasswordResetRequiredException', 'Password reset required for the user'],
      ['CodeMismatchException', 'Invalid code received for user'],
    ]) {
      expect({ type, permanent: isPermanentRefusal(refusal(type!, message!)) }).toEqual({ type, permanent: true });
    }
    expect(isPermanentRefusal(new ChallengeError('COGNITO_CHALLENGE_NEEDS_SETTING', 'x'))).toBe(true);
  });
  it('is false for what may pass a moment later, and for anything that is not a refusal', () => {
    for (const [type, message] of [
      ['NotAuthorizedException', 'Invalid session for the user, session is expired.'],
      ['ExpiredCodeException', 'Your software token has already been used once.'],
      ['TooManyRequestsException', 'Rate exceeded'],
      ['InternalErrorException', 'An internal error occurred'],
    ]) {
      expect({ type, permanent: isPermanentRefusal(refusal(type!, message!)) }).toEqual({ type, permanent: false });
    }
    for (const error of [new BadResponseError('COGNITO_BAD_RESPONSE', 'x'), new TransportError({ kind: 'unreachable', url: 'http://127.0.0.1:1/', detail: 'ECONNREFUSED' }),
      new TransportError({ kind: 'timeout', timeoutMs: 100 }), new TokenError('token'), new SettingsError({ problems: ['x'] })]) {
      expect({ code: error.code, permanent: isPermanentRefusal(error) }).toEqual({ code: error.code, permanent: false });
    }
    expect(isPermanentRefusal(new Error('Incorrect username or password.'))).toBe(false);
    expect(isPermanentRefusal({ name: 'PmCognitoError', code: 'COGNITO_NOT_AUTHORIZED' })).toBe(false);
  });
});
