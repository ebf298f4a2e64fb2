// secretHashCheck: what AWS refuses about SECRET_HASH (and ClientSecret) is refused with AWS's wording; what AWS accepts passes.

import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { secretHashCheck } from '../../src/local/secret-hash-check';

const SECRET = 'local-client-secret-1234567890';
const check = secretHashCheck(
  [{ clientId: 'withsecret', clientSecret: SECRET }, { clientId: 'nosecret' }],
  [{ username: 'alice', sub: '11111111-2222-4333-8444-555555555555' }],
);
const hash = (username: string, clientId = 'withsecret', secret = SECRET) => createHmac('sha256', secret).update(username + clientId).digest('base64');
const body = (value: unknown) => Buffer.from(JSON.stringify(value));
const signIn = (clientId: string, params: Record<string, string>) => body({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'alice', PASSWORD: 'x', ...params } });
/** A refresh token shaped as cognito-local makes them: a JWT naming the user. */
const refreshToken = 'eyJhbGciOiJSUzI1NiJ9.' + Buffer.from(JSON.stringify({ 'cognito:username': 'alice' })).toString('base64url') + '.sig';
const missing = { status: 400, type: 'NotAuthorizedException', message: 'Client withsecret is configured for secret but secret was not received' };
const wrong = { status: 400, type: 'NotAuthorizedException', message: 'Unable to verify secret hash for client withsecret' };

describe('secretHashCheck', () => {
  it('passes a correct SECRET_HASH and refuses a missing or wrong one as AWS does', () => {
    expect(check('InitiateAuth', signIn('withsecret', { SECRET_HASH: hash('alice') }))).toBeUndefined();
    expect(check('InitiateAuth', signIn('withsecret', {}))).toEqual(missing);
    expect(check('InitiateAuth', signIn('withsecret', { SECRET_HASH: '' }))).toEqual(missing);
    expect(check('InitiateAuth', signIn('withsecret', { SECRET_HASH: hash('bob') }))).toEqual(wrong);
    expect(check('InitiateAuth', signIn('withsecret', { SECRET_HASH: hash('alice', 'withsecret', 'other-secret') }))).toEqual(wrong);
    expect(check('AdminInitiateAuth', signIn('withsecret', { SECRET_HASH: 'AAAA' }))).toEqual(wrong);
  });

  it('refuses a SECRET_HASH sent for a client without a secret, and passes that client without one', () => {
    expect(check('InitiateAuth', signIn('nosecret', {}))).toBeUndefined();
    expect(check('InitiateAuth', signIn('nosecret', { SECRET_HASH: hash('alice', 'nosecret') }))).toEqual({
      status: 400, type: 'InvalidParameterException', message: 'App client nosecret is not configured for secret but secret hash was received',
    });
  });

  it('checks challenge answers and the top-level SecretHash of the sign-up family', () => {
    const answer = (responses: Record<string, string>) => body({ ClientId: 'withsecret', ChallengeName: 'NEW_PASSWORD_REQUIRED', ChallengeResponses: { USERNAME: 'alice', ...responses } });
    expect(check('RespondToAuthChallenge', answer({ SECRET_HASH: hash('alice') }))).toBeUndefined();
    expect(check('RespondToAuthChallenge', answer({}))).toEqual(missing);
    expect(check('ForgotPassword', body({ ClientId: 'withsecret', Username: 'alice', SecretHash: hash('alice') }))).toBeUndefined();
    expect(check('SignUp', body({ ClientId: 'withsecret', Username: 'carol', Password: 'x', SecretHash: hash('alice') }))).toEqual(wrong);
  });

  it('hashes a refresh with the name (or sub) of the user the refresh token belongs to', () => {
    const refresh = (secretHash?: string) => body({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'withsecret', AuthParameters: { REFRESH_TOKEN: refreshToken, ...(secretHash !== undefined ? { SECRET_HASH: secretHash } : {}) } });
    expect(check('InitiateAuth', refresh(hash('alice')))).toBeUndefined();
    expect(check('InitiateAuth', refresh(hash('11111111-2222-4333-8444-555555555555')))).toBeUndefined();
    expect(check('InitiateAuth', refresh(hash('bob')))).toEqual(wrong);
    expect(check('InitiateAuth', refresh())).toEqual(missing);
  });

  it('compares the raw ClientSecret of GetTokensFromRefreshToken', () => {
    expect(check('GetTokensFromRefreshToken', body({ ClientId: 'withsecret', RefreshToken: refreshToken, ClientSecret: SECRET }))).toBeUndefined();
    expect(check('GetTokensFromRefreshToken', body({ ClientId: 'withsecret', RefreshToken: refreshToken }))).toEqual(missing);
    expect(check('GetTokensFromRefreshToken', body({ ClientId: 'withsecret', RefreshToken: refreshToken, ClientSecret: 'nope' }))).toEqual(wrong);
  });

  it('leaves unknown clients, other operations and bodies that are not JSON to cognito-local', () => {
    expect(check('InitiateAuth', signIn('someone-else', {}))).toBeUndefined();
    expect(check('ListUsers', body({ ClientId: 'withsecret' }))).toBeUndefined();
    expect(check('InitiateAuth', Buffer.from('not json'))).toBeUndefined();
  });
});
