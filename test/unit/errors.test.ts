// The error hierarchy: a code per class, facts set where the error is made, messages built from them.

import { describe, expect, it } from 'vitest';
import { BadResponseError, ChallengeError, CognitoRefusal, describeError, IdentityPoolRefusal, isPmCognitoError, PmCognitoError, SettingsError, TokenError, TransportError, withNote } from '../../src/core/errors';

describe('errors', () => {
  // [error, code, retryable, permanent, message]
  const CASES: Array<[PmCognitoError, string, boolean, boolean, string]> = [
    [new SettingsError({ identity: 'admin', problems: ['a is not set', 'b is "x"'] }), 'SETTINGS_INVALID', false, false, 'pm-cognito settings for identity "admin" need attention (2): a is not set; b is "x".'],
    [new SettingsError({ text: 'the identity name "x y" is not valid' }), 'SETTINGS_INVALID', false, false, 'pm-cognito: the identity name "x y" is not valid'],
    [new CognitoRefusal('COGNITO_NOT_AUTHORIZED', 'refused', { cognitoType: 'NotAuthorizedException', cognitoMessage: '' }), 'COGNITO_NOT_AUTHORIZED', false, true, 'pm-cognito: refused (Cognito said NotAuthorizedException: no message)'],
    [new CognitoRefusal('COGNITO_NOT_AUTHORIZED', 'session', { permanent: false }), 'COGNITO_NOT_AUTHORIZED', false, false, 'pm-cognito: session'],
    [new CognitoRefusal('COGNITO_THROTTLED', 'slow down', { retryable: true }), 'COGNITO_THROTTLED', true, false, 'pm-cognito: slow down'],
    [new ChallengeError('COGNITO_CHALLENGE_UNSUPPORTED', 'no SMS', { permanent: false }), 'COGNITO_CHALLENGE_UNSUPPORTED', false, true, 'pm-cognito: no SMS'],
    [new BadResponseError('COGNITO_BAD_RESPONSE', 'HTML'), 'COGNITO_BAD_RESPONSE', false, false, 'pm-cognito: HTML'],
    [new TransportError({ kind: 'timeout', timeoutMs: 250 }), 'COGNITO_TIMEOUT', true, false, 'pm-cognito: Cognito did not answer within 250 ms (cognito_timeout_ms): check the endpoint is reachable from here'],
    [new TransportError({ kind: 'unreachable', url: 'http://127.0.0.1:1/', detail: 'ECONNREFUSED' }), 'COGNITO_UNREACHABLE', true, false, 'pm-cognito: could not reach Cognito at http://127.0.0.1:1/ (ECONNREFUSED): check cognito_endpoint / cognito_region and the network'],
    [new SettingsError({ identity: 'visitor', problems: ['a is not set'], subject: 'identity-pool settings' }), 'SETTINGS_INVALID', false, false, 'pm-cognito identity-pool settings for identity "visitor" need attention (1): a is not set.'],
    [new IdentityPoolRefusal('IDENTITY_POOL_GUEST_DISABLED', 'no guests', { cognitoType: 'NotAuthorizedException', cognitoMessage: '' }), 'IDENTITY_POOL_GUEST_DISABLED', false, false, 'pm-cognito: no guests (Cognito Identity said NotAuthorizedException: no message)'],
    [new IdentityPoolRefusal('COGNITO_THROTTLED', 'slow down', { cognitoType: 'TooManyRequestsException', cognitoMessage: 'Rate exceeded', retryable: true }), 'COGNITO_THROTTLED', true, false, 'pm-cognito: slow down (Cognito Identity said TooManyRequestsException: Rate exceeded)'],
    [new TokenError('ID token'), 'TOKEN_INVALID', false, false, 'The ID token from Cognito is not a readable JWT: check that cognito_endpoint points at Cognito'],
  ];
  for (const [error, code, retryable, permanent, message] of CASES) {
    it(error.constructor.name + ' ' + code + (permanent ? ' (permanent)' : '') + (retryable ? ' (retryable)' : ''), () => {
      expect(error).toBeInstanceOf(PmCognitoError);
      expect({ code: error.code, retryable: error.retryable, permanent: error.permanent, message: error.message, name: error.name })
        .toEqual({ code, retryable, permanent, message, name: 'PmCognitoError' });
    });
  }

  it('keeps the identity and the setting', () => {
    expect(new SettingsError({ identity: 'admin', setting: 'cognito_password@admin', problems: ['x'] })).toMatchObject({ identity: 'admin', setting: 'cognito_password@admin', problems: ['x'] });
  });

  it('withNote appends a note and keeps every fact', () => {
    const original = new CognitoRefusal('COGNITO_THROTTLED', 'slow', { retryable: true, identity: 'a', cognitoType: 'TooManyRequestsException', cognitoMessage: 'Rate exceeded' });
    expect(withNote(original, 'gave up after 4 attempts')).toMatchObject({
      code: 'COGNITO_THROTTLED', retryable: true, permanent: false, identity: 'a', cognitoType: 'TooManyRequestsException',
      message: original.message + ' [gave up after 4 attempts]',
    });
  });

  it('withNote keeps the class, so callers can still branch on it (a TransportError stays one, with forIdentity)', () => {
    const refusal = withNote(new CognitoRefusal('COGNITO_THROTTLED', 'slow', { retryable: true }), 'gave up after 4 attempts');
    expect(refusal).toBeInstanceOf(CognitoRefusal);
    const timeout = withNote(new TransportError({ kind: 'timeout', timeoutMs: 250 }), 'gave up after 4 attempts');
    expect(timeout).toBeInstanceOf(TransportError);
    expect(timeout.forIdentity('admin', { endpointVariables: 'cognito_endpoint@admin', timeoutVariable: 'cognito_timeout_ms@admin' }).message).toContain('(cognito_timeout_ms@admin)');
    expect(withNote(new TokenError('token'), 'n', { identity: 'b' })).toMatchObject({ identity: 'b', code: 'TOKEN_INVALID' });
  });

  it('describeError shows ours as they are and wraps anything else as a bug to report', () => {
    expect(describeError(new TokenError('token'))).toBe(new TokenError('token').message);
    expect(describeError(new TypeError('x is undefined'))).toBe('pm-cognito failed unexpectedly: x is undefined. Please report this with the steps that led to it.');
    expect(isPmCognitoError({ name: 'PmCognitoError' })).toBe(true);
    expect(isPmCognitoError(new Error('x'))).toBe(false);
  });
});
