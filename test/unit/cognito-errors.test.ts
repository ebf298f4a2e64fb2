// Every wording Cognito is known to use for a refusal names the setting to change (sources in src/core/cognito-errors.ts).

import { describe, expect, it } from 'vitest';
import { cognitoError, isPermanentRefusal } from '../../src/core/cognito-errors';
import { awsCredentialsRefused } from '../../src/core/aws-credential-errors';
import { AwsCredentialsRefused, CredentialsRefused, RefreshTokenRefused, TransientRefusal, UserBlocked, type NotAuthorized } from '../../src/core/refusals';
import { readSettings } from '../../src/core/settings';

const base: Record<string, string> = {
  cognito_region: 'eu-west-1',
  cognito_client_id: 'client1',
  cognito_username: 'alice',
  cognito_password: 'pw-Secret1!',
};
const plain = readSettings((n) => base[n]);
const withSecret = readSettings((n) => ({ ...base, cognito_client_secret: 'the-client-secret' } as Record<string, string>)[n]);
const admin = readSettings((n) => ({ ...base, cognito_user_pool_id: 'eu-west-1_Pool1', cognito_auth_flow: 'ADMIN_USER_PASSWORD_AUTH', cognito_aws_access_key_id: 'AKID', cognito_aws_secret_access_key: 'aws-secret' } as Record<string, string>)[n]);
const named = readSettings((n) => ({ ...base, 'cognito_username@reader': 'bob', 'cognito_password@reader': 'pw-Secret2!' } as Record<string, string>)[n], 'reader');
// A named identity on its own app client: its secret is its own setting.
const ownClient = readSettings((n) => ({ ...base, 'cognito_username@reader': 'bob', 'cognito_password@reader': 'pw-Secret2!', 'cognito_client_id@reader': 'client2' } as Record<string, string>)[n], 'reader');
// A named identity using the shared client and the shared secret.
const namedShared = readSettings((n) => ({ ...base, cognito_client_secret: 'the-client-secret', 'cognito_username@reader': 'bob', 'cognito_password@reader': 'pw-Secret2!' } as Record<string, string>)[n], 'reader');

interface Case {
  name: string;
  type: string;
  message: string;
  settings?: typeof plain;
  operation?: string;
  code: string;
  says: string[];
  saysNot?: string[];
}

const CASES: Case[] = [
  {
    name: 'missing secret, "configured for secret but secret was not received"',
    type: 'NotAuthorizedException', message: 'Client client1 is configured for secret but secret was not received',
    code: 'COGNITO_NOT_AUTHORIZED', says: ['app client client1 has a client secret: set cognito_client_secret to it'], saysNot: ['check cognito_username'],
  },
  {
    name: 'missing secret, "configured with secret but SECRET_HASH was not received"',
    type: 'NotAuthorizedException', message: 'Client client1 is configured with secret but SECRET_HASH was not received',
    code: 'COGNITO_NOT_AUTHORIZED', says: ['has a client secret: set cognito_client_secret'], saysNot: ['check cognito_username'],
  },
  {
    name: 'missing secret filed as InvalidParameterException',
    type: 'InvalidParameterException', message: 'Client client1 is configured with secret but SECRET_HASH was not received',
    code: 'COGNITO_NOT_AUTHORIZED', says: ['has a client secret: set cognito_client_secret'],
  },
  {
    name: 'S5: missing secret for a named identity on the shared client names the shared cognito_client_secret',
    type: 'NotAuthorizedException', message: 'Client client1 is configured for secret but secret was not received', settings: named,
    code: 'COGNITO_NOT_AUTHORIZED', says: ['has a client secret: set cognito_client_secret to it'], saysNot: ['cognito_client_secret@reader'],
  },
  {
    name: 'missing secret for a named identity with its own cognito_client_id@reader names cognito_client_secret@reader',
    type: 'NotAuthorizedException', message: 'Client client2 is configured for secret but secret was not received', settings: ownClient,
    code: 'COGNITO_NOT_AUTHORIZED', says: ['app client client2 has a client secret: set cognito_client_secret@reader'],
  },
  {
    name: 'S5: a wrong shared secret for a named identity blames cognito_client_secret, the variable the user set',
    type: 'NotAuthorizedException', message: 'Unable to verify secret hash for client client1', settings: namedShared,
    code: 'COGNITO_NOT_AUTHORIZED', says: ['cognito_client_secret matches no secret', 'set it to a current one'], saysNot: ['cognito_client_secret@reader', 'the-client-secret'],
  },
  {
    name: 'a secret sent to a client without one',
    type: 'InvalidParameterException', message: 'App client client1 is not configured for secret but secret hash was received', settings: withSecret,
    code: 'COGNITO_INVALID_PARAMETER', says: ['has no client secret: leave cognito_client_secret empty'],
    saysNot: ['the-client-secret'],
  },
  {
    name: 'a wrong secret: neither of the client\'s secrets matches',
    type: 'NotAuthorizedException', message: 'Unable to verify secret hash for client client1', settings: withSecret,
    code: 'COGNITO_NOT_AUTHORIZED', says: ['cognito_client_secret matches no secret of app client client1', 'set it to a current one, or empty'],
    saysNot: ['the-client-secret'],
  },
  {
    name: 'an unknown app client',
    type: 'ResourceNotFoundException', message: 'User pool client client1 does not exist.',
    code: 'COGNITO_RESOURCE_NOT_FOUND', says: ['does not know the app client client1', 'check cognito_client_id'],
  },
  {
    name: 'a client of another pool on an admin call',
    type: 'ResourceNotFoundException', message: 'User pool client client1 does not exist.', settings: admin, operation: 'AdminInitiateAuth',
    code: 'COGNITO_RESOURCE_NOT_FOUND', says: ['in user pool eu-west-1_Pool1', 'that it is a client of cognito_user_pool_id'],
  },
  {
    name: 'an unknown user pool',
    type: 'ResourceNotFoundException', message: 'User pool eu-west-1_Pool1 does not exist.', settings: admin, operation: 'AdminInitiateAuth',
    code: 'COGNITO_RESOURCE_NOT_FOUND', says: ['does not know the user pool: check cognito_user_pool_id'],
  },
  {
    name: 'a client of another pool that hides unknown users',
    type: 'NotAuthorizedException', message: 'Incorrect username or password.',
    code: 'COGNITO_NOT_AUTHORIZED', says: ['check cognito_username, cognito_password and that cognito_client_id is a client of the user\'s pool'],
  },
  {
    name: 'USER_PASSWORD_AUTH not enabled',
    type: 'InvalidParameterException', message: 'USER_PASSWORD_AUTH flow not enabled for this client',
    code: 'COGNITO_INVALID_PARAMETER', says: ['does not allow USER_PASSWORD_AUTH', 'enable ALLOW_USER_PASSWORD_AUTH', 'set cognito_auth_flow'],
  },
  {
    name: 'USER_SRP_AUTH not enabled',
    type: 'InvalidParameterException', message: 'USER_SRP_AUTH is not enabled for the client.',
    code: 'COGNITO_INVALID_PARAMETER', says: ['enable ALLOW_USER_SRP_AUTH'],
  },
  {
    name: 'the admin flow not enabled ("Auth flow not enabled for this client")',
    type: 'InvalidParameterException', message: 'Auth flow not enabled for this client', settings: admin, operation: 'AdminInitiateAuth',
    code: 'COGNITO_INVALID_PARAMETER', says: ['enable ALLOW_ADMIN_USER_PASSWORD_AUTH'],
  },
  {
    name: 'USER_AUTH not enabled',
    type: 'InvalidParameterException', message: 'USER_AUTH flow not enabled for this client',
    code: 'COGNITO_INVALID_PARAMETER', says: ['enable ALLOW_USER_AUTH'],
  },
  {
    name: 'a flow not enabled, filed as NotAuthorizedException',
    type: 'NotAuthorizedException', message: 'USER_SRP_AUTH flow not enabled for this client',
    code: 'COGNITO_INVALID_PARAMETER', says: ['enable ALLOW_USER_SRP_AUTH'],
  },
  {
    name: 'an admin flow on InitiateAuth',
    type: 'InvalidParameterException', message: 'Initiate Auth method not supported.',
    code: 'COGNITO_INVALID_PARAMETER', says: ['InitiateAuth does not accept USER_PASSWORD_AUTH: check cognito_auth_flow'],
  },
  {
    name: 'REFRESH_TOKEN_AUTH refused on a rotating client',
    type: 'InvalidParameterException', message: 'REFRESH_TOKEN_AUTH flow not enabled for this client',
    code: 'COGNITO_INVALID_PARAMETER', says: ['does not allow REFRESH_TOKEN_AUTH', 'rotation'],
  },
  {
    name: 'a reused refresh token',
    type: 'RefreshTokenReuseException', message: 'Refresh token reuse detected', operation: 'GetTokensFromRefreshToken',
    code: 'COGNITO_NOT_AUTHORIZED', says: ['already used', 'rotates them'],
  },
  {
    name: 'a revoked refresh token',
    type: 'NotAuthorizedException', message: 'Refresh Token has been revoked',
    code: 'COGNITO_NOT_AUTHORIZED', says: ['refresh token of user "alice" was refused'],
  },
  {
    name: 'threat protection blocked the sign-in',
    type: 'NotAuthorizedException', message: 'Unable to login because of security reasons.',
    code: 'COGNITO_NOT_AUTHORIZED', says: ['threat protection', 'SkippedIPRangeList'],
  },
  {
    name: 'a lockout after failed sign-ins',
    type: 'NotAuthorizedException', message: 'Password attempts exceeded',
    code: 'COGNITO_NOT_AUTHORIZED', says: ['locked', 'check cognito_password'],
  },
];

describe('cognitoError names the right setting for every known wording', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const error = cognitoError({ type: c.type, message: c.message }, c.settings ?? plain, c.operation ?? 'InitiateAuth');
      expect(error.code).toBe(c.code);
      for (const text of c.says) expect(error.message).toContain(text);
      for (const text of c.saysNot ?? []) expect(error.message).not.toContain(text);
      expect(error.message).toContain('(Cognito said ' + c.type + ': ' + c.message + ')');
      expect(error.message).not.toContain('pw-Secret1!');
      expect(error.retryable).toBe(false);
    });
  }

  it('secret, client and flow refusals are permanent: later requests of the run fail at once', () => {
    for (const message of ['Client client1 is configured for secret but secret was not received', 'Unable to verify secret hash for client client1']) {
      expect(isPermanentRefusal(cognitoError({ type: 'NotAuthorizedException', message }, plain, 'InitiateAuth'))).toBe(true);
    }
    expect(isPermanentRefusal(cognitoError({ type: 'InvalidParameterException', message: 'USER_AUTH flow not enabled for this client' }, plain, 'InitiateAuth'))).toBe(true);
  });
});

describe('COGNITO_NOT_AUTHORIZED is made as the family of its fix (a class to branch on), naming the setting to change', () => {
  // [type, message, settings, family, setting, permanent]
  const CAUSES: Array<[string, string, typeof plain, new (...args: never[]) => NotAuthorized, string | undefined, boolean]> = [
    ['NotAuthorizedException', 'Client client1 is configured for secret but secret was not received', plain, CredentialsRefused, 'cognito_client_secret', true],
    ['NotAuthorizedException', 'Unable to verify secret hash for client client1', withSecret, CredentialsRefused, 'cognito_client_secret', true],
    ['NotAuthorizedException', 'Incorrect username or password.', named, CredentialsRefused, 'cognito_password@reader', true],
    ['InvalidPasswordException', 'Invalid password', plain, CredentialsRefused, 'cognito_password', true],
    ['NotAuthorizedException', 'User is disabled.', plain, UserBlocked, undefined, true],
    ['NotAuthorizedException', 'Password attempts exceeded', plain, UserBlocked, 'cognito_password', true],
    ['NotAuthorizedException', 'Unable to login because of security reasons.', plain, UserBlocked, undefined, true],
    ['NotAuthorizedException', 'Invalid session for the user, session is expired.', plain, TransientRefusal, undefined, false],
    ['NotAuthorizedException', 'Invalid Refresh Token.', plain, RefreshTokenRefused, undefined, true],
    ['RefreshTokenReuseException', 'Refresh token has been used.', plain, RefreshTokenRefused, undefined, true],
    ['CodeMismatchException', 'Invalid code received for user', named, CredentialsRefused, 'cognito_totp_secret@reader', true],
    ['ExpiredCodeException', 'Your software token has already been used once.', plain, TransientRefusal, 'cognito_totp_secret', false],
    ['UnrecognizedClientException', 'The security token included in the request is invalid.', admin, AwsCredentialsRefused, 'cognito_aws_access_key_id', true],
    ['AccessDeniedException', 'User is not authorized to perform: cognito-idp:AdminInitiateAuth', admin, AwsCredentialsRefused, 'cognito_aws_access_key_id', true],
  ];
  for (const [type, message, settings, family, setting, permanent] of CAUSES) {
    it(type + ' "' + message + '": ' + family.name, () => {
      // As callCognito reads a fault: a signed (admin) call's signer first (AWS refusing its credentials), then cognitoError.
      const error = (settings === admin ? awsCredentialsRefused({ type, message }, settings, 'InitiateAuth') : undefined) ?? cognitoError({ type, message }, settings, 'InitiateAuth');
      expect(error).toBeInstanceOf(family);
      expect({ code: error.code, setting: error.setting, permanent: error.permanent, identity: error.identity })
        .toEqual({ code: 'COGNITO_NOT_AUTHORIZED', setting, permanent, identity: settings.identity });
    });
  }
});
