// Proves the strict double's newer Cognito features with the AWS SDK v3 itself: refresh token rotation
// (GetTokensFromRefreshToken), two active client secrets, and choice-based sign-in (USER_AUTH).

import {
  CognitoIdentityProviderClient,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStrictCognito, type StrictCognito, type StrictCognitoOptions } from '../support/strict-cognito';

const TIMEOUT = 60_000;
const SECRET = 'first-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const SECOND = 'second-secret-0123456789abcdefghijklmnopqrstuvwxy';
const PW = 'Alice-Passw0rd!';

let nowMs = Date.UTC(2026, 5, 1, 12, 0, 0);

const options = (): StrictCognitoOptions => ({
  nowMs: () => nowMs,
  clients: [
    { clientId: 'plain-client' },
    { clientId: 'rotating-client', refreshTokenRotation: { retryGracePeriodSeconds: 10 } },
    { clientId: 'rotating-nograce', refreshTokenRotation: {} },
    { clientId: 'rotating-secret', clientSecret: SECRET, secondClientSecret: SECOND, refreshTokenRotation: { retryGracePeriodSeconds: 0 } },
    { clientId: 'two-secrets', clientSecret: SECRET, secondClientSecret: SECOND },
    { clientId: 'for-secret-wording', clientSecret: SECRET, missingSecretWording: 'secret' },
  ],
  users: [{ username: 'alice', password: PW }],
});

let double: StrictCognito;
beforeAll(async () => {
  double = await startStrictCognito(options());
}, TIMEOUT);
afterAll(async () => {
  await double?.stop();
});

const sdk = () => new CognitoIdentityProviderClient({ region: double.region, endpoint: double.endpoint, credentials: { accessKeyId: 'AKIDUNUSED', secretAccessKey: 'unused' }, maxAttempts: 1 });
const hashOf = (secret: string, clientId: string, username = 'alice') => createHmac('sha256', secret).update(username + clientId).digest('base64');

async function sdkError(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string };
    return { name: e.name, message: e.message };
  }
  throw new Error('expected the call to fail');
}

async function signIn(clientId: string, secret?: string): Promise<string> {
  const params: Record<string, string> = { USERNAME: 'alice', PASSWORD: PW };
  if (secret !== undefined) params['SECRET_HASH'] = hashOf(secret, clientId);
  const out = await sdk().send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: params }));
  return out.AuthenticationResult!.RefreshToken!;
}

describe('refresh token rotation, with the AWS SDK v3 GetTokensFromRefreshTokenCommand', () => {
  it('a rotating client returns a new refresh token each time; the old one works for the grace period, then is reuse', async () => {
    const first = await signIn('rotating-client');
    const out = await sdk().send(new GetTokensFromRefreshTokenCommand({ ClientId: 'rotating-client', RefreshToken: first }));
    const second = out.AuthenticationResult!.RefreshToken!;
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    expect(out.AuthenticationResult!.AccessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(out.AuthenticationResult!.ExpiresIn).toBe(3600);
    // Within RetryGracePeriodSeconds the rotated-out token still works (a client-side retry)...
    nowMs += 9_000;
    const retry = await sdk().send(new GetTokensFromRefreshTokenCommand({ ClientId: 'rotating-client', RefreshToken: first }));
    expect(retry.AuthenticationResult!.RefreshToken).toBeTruthy();
    // ...after it, presenting it again is reuse.
    nowMs += 2_000;
    expect(await sdkError(sdk().send(new GetTokensFromRefreshTokenCommand({ ClientId: 'rotating-client', RefreshToken: first })))).toEqual({
      name: 'RefreshTokenReuseException', message: 'Refresh token reuse detected',
    });
    // The newest one keeps working, and rotates again.
    const third = await sdk().send(new GetTokensFromRefreshTokenCommand({ ClientId: 'rotating-client', RefreshToken: second }));
    expect(third.AuthenticationResult!.RefreshToken).not.toBe(second);
  }, TIMEOUT);

  it('with no grace period, the rotated-out token is refused at once', async () => {
    const first = await signIn('rotating-nograce');
    await sdk().send(new GetTokensFromRefreshTokenCommand({ ClientId: 'rotating-nograce', RefreshToken: first }));
    const reuse = await sdkError(sdk().send(new GetTokensFromRefreshTokenCommand({ ClientId: 'rotating-nograce', RefreshToken: first })));
    expect(reuse.name).toBe('RefreshTokenReuseException');
  }, TIMEOUT);

  it('a rotating client refuses REFRESH_TOKEN_AUTH', async () => {
    const token = await signIn('rotating-client');
    const error = await sdkError(sdk().send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'rotating-client', AuthParameters: { REFRESH_TOKEN: token } })));
    expect(error).toEqual({ name: 'InvalidParameterException', message: 'REFRESH_TOKEN_AUTH flow not enabled for this client' });
  }, TIMEOUT);

  it('a client without rotation answers GetTokensFromRefreshToken without a refresh token, and the old one keeps working', async () => {
    const token = await signIn('plain-client');
    const out = await sdk().send(new GetTokensFromRefreshTokenCommand({ ClientId: 'plain-client', RefreshToken: token }));
    expect(out.AuthenticationResult!.IdToken).toBeTruthy();
    expect(out.AuthenticationResult!.RefreshToken).toBeUndefined();
    const again = await sdk().send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'plain-client', AuthParameters: { REFRESH_TOKEN: token } }));
    expect(again.AuthenticationResult!.AccessToken).toBeTruthy();
  }, TIMEOUT);

  it('takes the raw ClientSecret (either active secret), not a SECRET_HASH', async () => {
    const token = await signIn('rotating-secret', SECRET);
    expect(await sdkError(sdk().send(new GetTokensFromRefreshTokenCommand({ ClientId: 'rotating-secret', RefreshToken: token })))).toEqual({
      name: 'NotAuthorizedException', message: 'Client rotating-secret is configured for secret but secret was not received',
    });
    expect(await sdkError(sdk().send(new GetTokensFromRefreshTokenCommand({ ClientId: 'rotating-secret', RefreshToken: token, ClientSecret: hashOf(SECRET, 'rotating-secret') })))).toEqual({
      name: 'NotAuthorizedException', message: 'Unable to verify secret hash for client rotating-secret',
    });
    const out = await sdk().send(new GetTokensFromRefreshTokenCommand({ ClientId: 'rotating-secret', RefreshToken: token, ClientSecret: SECOND }));
    expect(out.AuthenticationResult!.RefreshToken).toBeTruthy();
  }, TIMEOUT);

  it('refuses an unknown or another client\'s refresh token', async () => {
    const token = await signIn('plain-client');
    expect(await sdkError(sdk().send(new GetTokensFromRefreshTokenCommand({ ClientId: 'rotating-client', RefreshToken: token })))).toEqual({
      name: 'NotAuthorizedException', message: 'Invalid Refresh Token.',
    });
    expect((await sdkError(sdk().send(new GetTokensFromRefreshTokenCommand({ ClientId: 'nope', RefreshToken: token })))).name).toBe('ResourceNotFoundException');
  }, TIMEOUT);

  it('the double counts GetTokensFromRefreshToken calls on the wire', () => {
    expect(double.count('GetTokensFromRefreshToken')).toBeGreaterThanOrEqual(10);
  });
});

describe('two active client secrets', () => {
  it('a SECRET_HASH made with either secret signs in; one made with neither is refused', async () => {
    await signIn('two-secrets', SECRET);
    await signIn('two-secrets', SECOND);
    expect(await sdkError(signIn('two-secrets', 'neither-secret'))).toEqual({ name: 'NotAuthorizedException', message: 'Unable to verify secret hash for client two-secrets' });
  }, TIMEOUT);

  it('a missing SECRET_HASH uses the wording the client is set up with', async () => {
    expect(await sdkError(signIn('two-secrets'))).toEqual({ name: 'NotAuthorizedException', message: 'Client two-secrets is configured with secret but SECRET_HASH was not received' });
    expect(await sdkError(signIn('for-secret-wording'))).toEqual({ name: 'NotAuthorizedException', message: 'Client for-secret-wording is configured for secret but secret was not received' });
  }, TIMEOUT);
});
