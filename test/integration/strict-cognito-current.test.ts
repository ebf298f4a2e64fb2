// Proves the strict double's newer Cognito features with the AWS SDK v3 itself: refresh token rotation
// (GetTokensFromRefreshToken), two active client secrets, and choice-based sign-in (USER_AUTH).

import {
  AdminInitiateAuthCommand,
  CognitoIdentityProviderClient,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import * as cognitoJs from 'amazon-cognito-identity-js';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStrictCognito, type StrictCognito, type StrictCognitoOptions } from '../support/strict-cognito';

const TIMEOUT = 60_000;
const SECRET = 'first-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const SECOND = 'second-secret-0123456789abcdefghijklmnopqrstuvwxy';
const PW = 'Alice-Passw0rd!';
const ADMIN_KEY = { accessKeyId: 'AKIDCURRENTFEATURES1', secretAccessKey: 'current-features-secret-access-key' };

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
    { clientId: 'no-user-auth', allowedFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
  ],
  users: [
    { username: 'alice', password: PW },
    { username: 'srp-only', password: PW, firstFactors: ['PASSWORD_SRP', 'EMAIL_OTP'] },
    { username: 'passwordless', password: PW, firstFactors: ['EMAIL_OTP', 'WEB_AUTHN'] },
  ],
  credentials: [ADMIN_KEY],
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

// ---- USER_AUTH --------------------------------------------------------------------------------------

type Helper = {
  getLargeAValue(cb: (err: unknown, a: { toString(radix: number): string }) => void): void;
  getPasswordAuthenticationKey(u: string, p: string, b: unknown, s: unknown, cb: (err: unknown, key: Buffer) => void): void;
  N: { constructor: new (hex: string, radix: number) => unknown };
};
const HelperCtor = (cognitoJs as unknown as { AuthenticationHelper: new (poolName: string) => Helper }).AuthenticationHelper;

/** Cognito's SRP TIMESTAMP ("Mon Jun 1 12:00:00 UTC 2026", day not padded) for the double's frozen clock. */
function srpTimestamp(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return days[d.getUTCDay()] + ' ' + months[d.getUTCMonth()] + ' ' + d.getUTCDate() + ' ' + two(d.getUTCHours()) + ':' + two(d.getUTCMinutes()) + ':' + two(d.getUTCSeconds()) + ' UTC ' + d.getUTCFullYear();
}

/** The PASSWORD_VERIFIER answer, computed by amazon-cognito-identity-js's AuthenticationHelper (AWS's own SRP code). */
async function srpAnswer(helper: Helper, params: Record<string, string>, password: string): Promise<Record<string, string>> {
  const poolName = double.poolId.split('_')[1]!;
  const BigInteger = helper.N.constructor;
  const key = await new Promise<Buffer>((resolve, reject) =>
    helper.getPasswordAuthenticationKey(params['USER_ID_FOR_SRP']!, password, new BigInteger(params['SRP_B']!, 16), new BigInteger(params['SALT']!, 16), (err, k) => (err ? reject(err) : resolve(k))),
  );
  const timestamp = srpTimestamp(nowMs);
  const signature = createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(poolName), Buffer.from(params['USER_ID_FOR_SRP']!), Buffer.from(params['SECRET_BLOCK']!, 'base64'), Buffer.from(timestamp)]))
    .digest('base64');
  return { USERNAME: params['USER_ID_FOR_SRP']!, PASSWORD_CLAIM_SECRET_BLOCK: params['SECRET_BLOCK']!, PASSWORD_CLAIM_SIGNATURE: signature, TIMESTAMP: timestamp };
}

async function largeA(helper: Helper): Promise<string> {
  return new Promise<string>((resolve) => helper.getLargeAValue((_e, a) => resolve(a.toString(16))));
}

describe('USER_AUTH (choice-based sign-in), with the AWS SDK v3', () => {
  it('PREFERRED_CHALLENGE PASSWORD signs in with one InitiateAuth', async () => {
    const out = await sdk().send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: 'plain-client', AuthParameters: { USERNAME: 'alice', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: PW } }));
    expect(out.AuthenticationResult?.AccessToken).toBeTruthy();
    const wrong = await sdkError(sdk().send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: 'plain-client', AuthParameters: { USERNAME: 'alice', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Wrong-pass-9!z' } })));
    expect(wrong).toEqual({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  }, TIMEOUT);

  it('PREFERRED_CHALLENGE PASSWORD_SRP answers PASSWORD_VERIFIER, which AWS\'s own SRP code completes', async () => {
    const helper = new HelperCtor(double.poolId.split('_')[1]!);
    const start = await sdk().send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: 'two-secrets', AuthParameters: { USERNAME: 'alice', PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: await largeA(helper), SECRET_HASH: hashOf(SECOND, 'two-secrets') } }));
    expect(start.ChallengeName).toBe('PASSWORD_VERIFIER');
    const answers = { ...(await srpAnswer(helper, start.ChallengeParameters as Record<string, string>, PW)), SECRET_HASH: hashOf(SECRET, 'two-secrets') };
    const done = await sdk().send(new RespondToAuthChallengeCommand({ ChallengeName: 'PASSWORD_VERIFIER', ClientId: 'two-secrets', ChallengeResponses: answers }));
    expect(done.AuthenticationResult?.IdToken).toBeTruthy();
  }, TIMEOUT);

  it('without an available preferred challenge: SELECT_CHALLENGE with AvailableChallenges, answered with ANSWER', async () => {
    const start = await sdk().send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: 'plain-client', AuthParameters: { USERNAME: 'srp-only', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: PW } }));
    expect(start.ChallengeName).toBe('SELECT_CHALLENGE');
    expect(start.AvailableChallenges).toEqual(['PASSWORD_SRP', 'EMAIL_OTP']);
    expect(start.Session).toBeTruthy();
    const notOffered = await sdkError(sdk().send(new RespondToAuthChallengeCommand({ ChallengeName: 'SELECT_CHALLENGE', ClientId: 'plain-client', Session: start.Session, ChallengeResponses: { USERNAME: 'srp-only', ANSWER: 'PASSWORD', PASSWORD: PW } })));
    expect(notOffered.name).toBe('InvalidParameterException');
    const again = await sdk().send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: 'plain-client', AuthParameters: { USERNAME: 'srp-only' } }));
    const helper = new HelperCtor(double.poolId.split('_')[1]!);
    const verifier = await sdk().send(new RespondToAuthChallengeCommand({ ChallengeName: 'SELECT_CHALLENGE', ClientId: 'plain-client', Session: again.Session, ChallengeResponses: { USERNAME: 'srp-only', ANSWER: 'PASSWORD_SRP', SRP_A: await largeA(helper) } }));
    expect(verifier.ChallengeName).toBe('PASSWORD_VERIFIER');
    const done = await sdk().send(new RespondToAuthChallengeCommand({ ChallengeName: 'PASSWORD_VERIFIER', ClientId: 'plain-client', ChallengeResponses: await srpAnswer(helper, verifier.ChallengeParameters as Record<string, string>, PW) }));
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
  }, TIMEOUT);

  it('a passwordless user is offered only what it has; EMAIL_OTP is issued but cannot be completed here', async () => {
    const start = await sdk().send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: 'plain-client', AuthParameters: { USERNAME: 'passwordless', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: PW } }));
    expect(start.AvailableChallenges).toEqual(['EMAIL_OTP', 'WEB_AUTHN']);
    const otp = await sdk().send(new RespondToAuthChallengeCommand({ ChallengeName: 'SELECT_CHALLENGE', ClientId: 'plain-client', Session: start.Session, ChallengeResponses: { USERNAME: 'passwordless', ANSWER: 'EMAIL_OTP' } }));
    expect(otp.ChallengeName).toBe('EMAIL_OTP');
    expect(otp.ChallengeParameters?.['CODE_DELIVERY_DELIVERY_MEDIUM']).toBe('EMAIL');
  }, TIMEOUT);

  it('the admin variant: AdminInitiateAuth USER_AUTH, signed with SigV4', async () => {
    // The double's clock is frozen in 2026-06: the SDK signs for that time.
    const admin = new CognitoIdentityProviderClient({ region: double.region, endpoint: double.endpoint, credentials: ADMIN_KEY, maxAttempts: 1, systemClockOffset: nowMs - Date.now() });
    const out = await admin.send(new AdminInitiateAuthCommand({ UserPoolId: double.poolId, AuthFlow: 'USER_AUTH', ClientId: 'plain-client', AuthParameters: { USERNAME: 'alice', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: PW } }));
    expect(out.AuthenticationResult?.AccessToken).toBeTruthy();
  }, TIMEOUT);

  it('a client without ALLOW_USER_AUTH refuses the flow', async () => {
    const error = await sdkError(sdk().send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: 'no-user-auth', AuthParameters: { USERNAME: 'alice', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: PW } })));
    expect(error).toEqual({ name: 'InvalidParameterException', message: 'USER_AUTH flow not enabled for this client' });
  }, TIMEOUT);
});
