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
import { expectAccessToken, expectIdToken, expectNewRefreshToken } from '../support/strict-cognito/expect-tokens';

const TIMEOUT = 60_000;
const SECRET = 'first_secret_0123456789abcdefghijklmnopqrstuvwxyz';
const SECOND = 'second_secret_0123456789abcdefghijklmnopqrstuvwxy';
const PW = 'Alice-Passw0rd!';
const ADMIN_KEY = { accessKeyId: 'AKIDCURRENTFEATURES1', secretAccessKey: 'current-features-secret-access-key' };

let nowMs = Date.UTC(2026, 5, 1, 12, 0, 0);

const options = (): StrictCognitoOptions => ({
  nowMs: () => nowMs,
  clients: [
    { clientId: 'plainclient' },
    { clientId: 'rotatingclient', refreshTokenRotation: { retryGracePeriodSeconds: 10 } },
    { clientId: 'rotatingnograce', refreshTokenRotation: {} },
    { clientId: 'rotatingsecret', clientSecret: SECRET, secondClientSecret: SECOND, refreshTokenRotation: { retryGracePeriodSeconds: 0 } },
    { clientId: 'twosecrets', clientSecret: SECRET, secondClientSecret: SECOND },
    { clientId: 'forsecretwording', clientSecret: SECRET, missingSecretWording: 'secret' },
    { clientId: 'nouserauth', allowedFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
  ],
  users: [
    { username: 'alice', password: PW },
    { username: 'srponly', password: PW, firstFactors: ['PASSWORD_SRP', 'EMAIL_OTP'] },
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
    const first = await signIn('rotatingclient');
    const out = await sdk().send(new GetTokensFromRefreshTokenCommand({ ClientId: 'rotatingclient', RefreshToken: first }));
    const second = out.AuthenticationResult!.RefreshToken!;
    expectNewRefreshToken(second, first);
    expect(second).not.toBe(first);
    expect(out.AuthenticationResult!.AccessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(out.AuthenticationResult!.ExpiresIn).toBe(3600);
    // Within RetryGracePeriodSeconds the rotated-out token still works (a client-side retry)...
    nowMs += 9_000;
    const retry = await sdk().send(new GetTokensFromRefreshTokenCommand({ ClientId: 'rotatingclient', RefreshToken: first }));
    expectNewRefreshToken(retry.AuthenticationResult!.RefreshToken, second);
    // ...after it, presenting it again is reuse.
    nowMs += 2_000;
    expect(await sdkError(sdk().send(new GetTokensFromRefreshTokenCommand({ ClientId: 'rotatingclient', RefreshToken: first })))).toEqual({
      name: 'RefreshTokenReuseException', message: 'Refresh token reuse detected',
    });
    // The newest one keeps working, and rotates again.
    const third = await sdk().send(new GetTokensFromRefreshTokenCommand({ ClientId: 'rotatingclient', RefreshToken: second }));
    expect(third.AuthenticationResult!.RefreshToken).not.toBe(second);
  }, TIMEOUT);

  it('with no grace period, the rotated-out token is refused at once', async () => {
    const first = await signIn('rotatingnograce');
    await sdk().send(new GetTokensFromRefreshTokenCommand({ ClientId: 'rotatingnograce', RefreshToken: first }));
    const reuse = await sdkError(sdk().send(new GetTokensFromRefreshTokenCommand({ ClientId: 'rotatingnograce', RefreshToken: first })));
    expect(reuse.name).toBe('RefreshTokenReuseException');
  }, TIMEOUT);

  it('a rotating client refuses REFRESH_TOKEN_AUTH', async () => {
    const token = await signIn('rotatingclient');
    const error = await sdkError(sdk().send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'rotatingclient', AuthParameters: { REFRESH_TOKEN: token } })));
    expect(error).toEqual({ name: 'InvalidParameterException', message: 'REFRESH_TOKEN_AUTH flow not enabled for this client' });
  }, TIMEOUT);

  it('a client without rotation answers GetTokensFromRefreshToken without a refresh token, and the old one keeps working', async () => {
    const token = await signIn('plainclient');
    const out = await sdk().send(new GetTokensFromRefreshTokenCommand({ ClientId: 'plainclient', RefreshToken: token }));
    expectIdToken(out.AuthenticationResult!.IdToken, 'plainclient', 'alice');
    expect(out.AuthenticationResult!.RefreshToken).toBeUndefined();
    const again = await sdk().send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'plainclient', AuthParameters: { REFRESH_TOKEN: token } }));
    expectAccessToken(again.AuthenticationResult!.AccessToken, 'plainclient', 'alice');
  }, TIMEOUT);

  it('takes the raw ClientSecret (either active secret), not a SECRET_HASH', async () => {
    const token = await signIn('rotatingsecret', SECRET);
    expect(await sdkError(sdk().send(new GetTokensFromRefreshTokenCommand({ ClientId: 'rotatingsecret', RefreshToken: token })))).toEqual({
      name: 'NotAuthorizedException', message: 'Client rotatingsecret is configured for secret but secret was not received',
    });
    // A SECRET_HASH is base64 ending in '=', which AWS's model refuses as a ClientSecret before any secret is compared.
    expect(await sdkError(sdk().send(new GetTokensFromRefreshTokenCommand({ ClientId: 'rotatingsecret', RefreshToken: token, ClientSecret: hashOf(SECRET, 'rotatingsecret') })))).toEqual({
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value at 'clientSecret' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+]+",
    });
    expect(await sdkError(sdk().send(new GetTokensFromRefreshTokenCommand({ ClientId: 'rotatingsecret', RefreshToken: token, ClientSecret: 'not_' + SECRET.slice(4) })))).toEqual({
      name: 'NotAuthorizedException', message: 'Unable to verify secret hash for client rotatingsecret',
    });
    const out = await sdk().send(new GetTokensFromRefreshTokenCommand({ ClientId: 'rotatingsecret', RefreshToken: token, ClientSecret: SECOND }));
    expectNewRefreshToken(out.AuthenticationResult!.RefreshToken, token);
  }, TIMEOUT);

  it('refuses an unknown or another client\'s refresh token', async () => {
    const token = await signIn('plainclient');
    expect(await sdkError(sdk().send(new GetTokensFromRefreshTokenCommand({ ClientId: 'rotatingclient', RefreshToken: token })))).toEqual({
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
    await signIn('twosecrets', SECRET);
    await signIn('twosecrets', SECOND);
    expect(await sdkError(signIn('twosecrets', 'neither-secret'))).toEqual({ name: 'NotAuthorizedException', message: 'Unable to verify secret hash for client twosecrets' });
  }, TIMEOUT);

  it('a missing SECRET_HASH uses the wording the client is set up with', async () => {
    expect(await sdkError(signIn('twosecrets'))).toEqual({ name: 'NotAuthorizedException', message: 'Client twosecrets is configured with secret but SECRET_HASH was not received' });
    expect(await sdkError(signIn('forsecretwording'))).toEqual({ name: 'NotAuthorizedException', message: 'Client forsecretwording is configured for secret but secret was not received' });
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
    const out = await sdk().send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: 'plainclient', AuthParameters: { USERNAME: 'alice', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: PW } }));
    expectAccessToken(out.AuthenticationResult?.AccessToken, 'plainclient', 'alice');
    const wrong = await sdkError(sdk().send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: 'plainclient', AuthParameters: { USERNAME: 'alice', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Wrong-pass-9!z' } })));
    expect(wrong).toEqual({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  }, TIMEOUT);

  it('PREFERRED_CHALLENGE PASSWORD_SRP answers PASSWORD_VERIFIER, which AWS\'s own SRP code completes', async () => {
    const helper = new HelperCtor(double.poolId.split('_')[1]!);
    const start = await sdk().send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: 'twosecrets', AuthParameters: { USERNAME: 'alice', PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: await largeA(helper), SECRET_HASH: hashOf(SECOND, 'twosecrets') } }));
    expect(start.ChallengeName).toBe('PASSWORD_VERIFIER');
    const answers = { ...(await srpAnswer(helper, start.ChallengeParameters as Record<string, string>, PW)), SECRET_HASH: hashOf(SECRET, 'twosecrets') };
    const done = await sdk().send(new RespondToAuthChallengeCommand({ ChallengeName: 'PASSWORD_VERIFIER', ClientId: 'twosecrets', ChallengeResponses: answers }));
    expectIdToken(done.AuthenticationResult?.IdToken, 'twosecrets', 'alice');
  }, TIMEOUT);

  it('without an available preferred challenge: SELECT_CHALLENGE with AvailableChallenges, answered with ANSWER', async () => {
    const start = await sdk().send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: 'plainclient', AuthParameters: { USERNAME: 'srponly', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: PW } }));
    expect(start.ChallengeName).toBe('SELECT_CHALLENGE');
    expect(start.AvailableChallenges).toEqual(['PASSWORD_SRP', 'EMAIL_OTP']);
    expect(start.Session?.length).toBeGreaterThanOrEqual(20);
    const notOffered = await sdkError(sdk().send(new RespondToAuthChallengeCommand({ ChallengeName: 'SELECT_CHALLENGE', ClientId: 'plainclient', Session: start.Session, ChallengeResponses: { USERNAME: 'srponly', ANSWER: 'PASSWORD', PASSWORD: PW } })));
    expect(notOffered.name).toBe('InvalidParameterException');
    const again = await sdk().send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: 'plainclient', AuthParameters: { USERNAME: 'srponly' } }));
    const helper = new HelperCtor(double.poolId.split('_')[1]!);
    const verifier = await sdk().send(new RespondToAuthChallengeCommand({ ChallengeName: 'SELECT_CHALLENGE', ClientId: 'plainclient', Session: again.Session, ChallengeResponses: { USERNAME: 'srponly', ANSWER: 'PASSWORD_SRP', SRP_A: await largeA(helper) } }));
    expect(verifier.ChallengeName).toBe('PASSWORD_VERIFIER');
    const done = await sdk().send(new RespondToAuthChallengeCommand({ ChallengeName: 'PASSWORD_VERIFIER', ClientId: 'plainclient', ChallengeResponses: await srpAnswer(helper, verifier.ChallengeParameters as Record<string, string>, PW) }));
    expectAccessToken(done.AuthenticationResult?.AccessToken, 'plainclient', 'srponly');
  }, TIMEOUT);

  it('a passwordless user is offered only what it has; EMAIL_OTP is issued but cannot be completed here', async () => {
    const start = await sdk().send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: 'plainclient', AuthParameters: { USERNAME: 'passwordless', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: PW } }));
    expect(start.AvailableChallenges).toEqual(['EMAIL_OTP', 'WEB_AUTHN']);
    const otp = await sdk().send(new RespondToAuthChallengeCommand({ ChallengeName: 'SELECT_CHALLENGE', ClientId: 'plainclient', Session: start.Session, ChallengeResponses: { USERNAME: 'passwordless', ANSWER: 'EMAIL_OTP' } }));
    expect(otp.ChallengeName).toBe('EMAIL_OTP');
    expect(otp.ChallengeParameters?.['CODE_DELIVERY_DELIVERY_MEDIUM']).toBe('EMAIL');
  }, TIMEOUT);

  it('the admin variant: AdminInitiateAuth USER_AUTH, signed with SigV4', async () => {
    // The double's clock is frozen in 2026-06: the SDK signs for that time.
    const admin = new CognitoIdentityProviderClient({ region: double.region, endpoint: double.endpoint, credentials: ADMIN_KEY, maxAttempts: 1, systemClockOffset: nowMs - Date.now() });
    const out = await admin.send(new AdminInitiateAuthCommand({ UserPoolId: double.poolId, AuthFlow: 'USER_AUTH', ClientId: 'plainclient', AuthParameters: { USERNAME: 'alice', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: PW } }));
    expectAccessToken(out.AuthenticationResult?.AccessToken, 'plainclient', 'alice');
  }, TIMEOUT);

  it('a client without ALLOW_USER_AUTH refuses the flow', async () => {
    const error = await sdkError(sdk().send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: 'nouserauth', AuthParameters: { USERNAME: 'alice', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: PW } })));
    expect(error).toEqual({ name: 'InvalidParameterException', message: 'USER_AUTH flow not enabled for this client' });
  }, TIMEOUT);
});
