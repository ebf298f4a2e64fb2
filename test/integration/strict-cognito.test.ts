// Proves the strict Cognito double behaves like AWS for AWS's own clients: amazon-cognito-identity-js (SRP),
// @aws-sdk/client-cognito-identity-provider (SigV4, SECRET_HASH, sessions), aws-jwt-verify (tokens) and /oauth2/token.

import { Sha256 } from '@aws-crypto/sha256-js';
import {
  AdminInitiateAuthCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type AuthenticationResultType,
} from '@aws-sdk/client-cognito-identity-provider';
import { SignatureV4 } from '@smithy/signature-v4';
import * as cognitoJs from 'amazon-cognito-identity-js';
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStrictCognito, type StrictCognito, type StrictCognitoOptions } from '../support/strict-cognito';
import { claimsOf, expectAccessToken, expectIdToken } from '../support/strict-cognito/expect-tokens';
import { hotp, totpMatches } from '../support/strict-cognito/totp';

const TIMEOUT = 60_000;

const ADMIN_KEY = { accessKeyId: 'AKIASTRICTEXAMPLE001', secretAccessKey: 'strict/Secret+Access/Key0000000000000000' };
const CLIENT_SECRET = 'the_client_secret_0123456789abcdefghijklmnopqrstuv';
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

const baseOptions = (): StrictCognitoOptions => ({
  clients: [
    { clientId: 'publicclient' },
    { clientId: 'secretclient', clientSecret: CLIENT_SECRET, scopes: ['api/read', 'api/write'] },
    { clientId: 'srponly', allowedFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
    { clientId: 'passwordonly', allowedFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
  ],
  users: [
    { username: 'alice', password: 'Alice-Passw0rd!', groups: ['admins', 'readers'], attributes: { email: 'alice@example.com', email_verified: 'true' } },
    { username: 'newbie', password: 'Temp-Passw0rd!', status: 'FORCE_CHANGE_PASSWORD', requiredAttributes: ['name'] },
    { username: 'totp-user', password: 'Totp-Passw0rd!', totpSecret: TOTP_SECRET },
    { username: 'unconfirmed', password: 'Some-Passw0rd!', status: 'UNCONFIRMED' },
    { username: 'reset', password: 'Some-Passw0rd!', status: 'RESET_REQUIRED' },
    { username: 'sms-user', password: 'Sms-Passw0rd!', challenge: 'SMS_MFA' },
  ],
  credentials: [ADMIN_KEY],
});

/** Starts one double for the enclosing describe block and stops it afterwards. */
function startPerSuite(options: () => StrictCognitoOptions, use: (double: StrictCognito) => void): void {
  let started: StrictCognito | undefined;
  beforeAll(async () => {
    started = await startStrictCognito(options());
    use(started);
  }, TIMEOUT);
  afterAll(async () => {
    await started?.stop();
  }, TIMEOUT);
}

// ---- Independent helpers (no code shared with the double or with src/) ----------------------------

function base32ToBytes(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of text.replace(/=+$/, '')) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** RFC 6238 TOTP, SHA-1, 6 digits, 30 s, written here with node:crypto only. */
function totpNow(secretBase32: string, atMs = Date.now()): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(atMs / 30_000)));
  const mac = createHmac('sha1', base32ToBytes(secretBase32)).update(counter).digest();
  const offset = mac[19]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** The documented formula: Base64(HMAC-SHA256(client secret, username + clientId)). */
const secretHashOf = (username: string, clientId = 'secretclient', secret = CLIENT_SECRET): string =>
  createHmac('sha256', secret).update(username + clientId).digest('base64');

interface RawAnswer {
  status: number;
  json: Record<string, unknown>;
  headers: Headers;
}

async function callApi(endpoint: string, op: string, body: unknown, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const res = await fetch(endpoint + '/', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${op}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>), headers: res.headers };
}

/** Signs a raw request the way the AWS SDK does, at a chosen instant. */
async function signedCall(double: StrictCognito, op: string, body: unknown, signingDate: Date, key = ADMIN_KEY): Promise<RawAnswer> {
  const url = new URL(double.endpoint);
  const text = JSON.stringify(body);
  const signer = new SignatureV4({ credentials: key, region: double.region, service: 'cognito-idp', sha256: Sha256 });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      query: {},
      headers: {
        host: url.host,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${op}`,
      },
      body: text,
    },
    { signingDate },
  );
  const headers: Record<string, string> = {};
  // host comes from the URL; content-type and x-amz-target are set by callApi with the same values.
  for (const [k, v] of Object.entries(signed.headers)) if (!['host', 'content-type', 'x-amz-target'].includes(k)) headers[k] = String(v);
  return callApi(double.endpoint, op, text, headers);
}

type Outcome =
  | { kind: 'success'; session: CognitoUserSession }
  | { kind: 'failure'; error: { name?: string; code?: string; message: string } }
  | { kind: 'newPasswordRequired'; userAttributes: Record<string, unknown>; requiredAttributes: string[] }
  | { kind: 'totpRequired' | 'mfaRequired'; challengeName: string };

function callbacks(resolve: (o: Outcome) => void) {
  return {
    onSuccess: (session: CognitoUserSession) => resolve({ kind: 'success', session }),
    onFailure: (error: { name?: string; code?: string; message: string }) => resolve({ kind: 'failure', error }),
    newPasswordRequired: (userAttributes: Record<string, unknown>, requiredAttributes: string[]) =>
      resolve({ kind: 'newPasswordRequired', userAttributes, requiredAttributes }),
    totpRequired: (challengeName: string) => resolve({ kind: 'totpRequired', challengeName }),
    mfaRequired: (challengeName: string) => resolve({ kind: 'mfaRequired', challengeName }),
  };
}

function libraryUser(double: StrictCognito, username: string, clientId = 'publicclient'): CognitoUser {
  const pool = new CognitoUserPool({ UserPoolId: double.poolId, ClientId: clientId, endpoint: double.endpoint });
  return new CognitoUser({ Username: username, Pool: pool });
}

function signIn(user: CognitoUser, password: string): Promise<Outcome> {
  return new Promise((resolve) => user.authenticateUser(new AuthenticationDetails({ Username: user.getUsername(), Password: password }), callbacks(resolve)));
}

function failureOf(outcome: Outcome): { name: string; message: string } {
  if (outcome.kind !== 'failure') throw new Error(`expected a failure, got ${outcome.kind}`);
  return { name: outcome.error.code ?? outcome.error.name ?? '', message: outcome.error.message };
}

/** Runs `body` with global fetch rewriting the ChallengeResponses of RespondToAuthChallenge requests. */
async function withChallengeRewrite<T>(
  rewrite: (responses: Record<string, string>) => void,
  body: () => Promise<T>,
  seen: string[] = [],
): Promise<T> {
  const original = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    if (headers.get('x-amz-target') === 'AWSCognitoIdentityProviderService.RespondToAuthChallenge' && typeof init?.body === 'string') {
      const parsed = JSON.parse(init.body) as { ChallengeResponses: Record<string, string> };
      rewrite(parsed.ChallengeResponses);
      const text = JSON.stringify(parsed);
      seen.push(text);
      return original(input, { ...init, body: text });
    }
    return original(input, init);
  }) as typeof fetch;
  try {
    return await body();
  } finally {
    globalThis.fetch = original;
  }
}

function flipOneByte(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[5] = bytes[5]! ^ 0x01;
  return bytes.toString('base64');
}

function sdkClient(double: StrictCognito, key = ADMIN_KEY, maxAttempts = 1): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ region: double.region, endpoint: double.endpoint, credentials: key, maxAttempts });
}

async function sdkError(promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

// ---- Known answers for the double's own building blocks --------------------------------------------

describe('strict double building blocks', () => {
  it('computes RFC 6238 TOTP (SHA-1 test vector, 6 digits) and the ±1 step window', () => {
    const key = Buffer.from('12345678901234567890', 'ascii');
    expect(hotp(key, Math.floor(59 / 30), 8)).toBe('94287082');
    expect(hotp(key, Math.floor(1111111109 / 30), 8)).toBe('07081804');
    const code = hotp(key, Math.floor(1111111109 / 30));
    expect(totpMatches(key, code, 1111111109_000 + 30_000)).toBe(true);
    expect(totpMatches(key, code, 1111111109_000 + 61_000)).toBe(false);
    expect(totpNow('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59_000)).toBe('287082');
  });
});

// ---- amazon-cognito-identity-js ---------------------------------------------------------------------

describe('amazon-cognito-identity-js against the strict double', () => {
  let double: StrictCognito;
  startPerSuite(baseOptions, (d) => (double = d));

  it('signs in with USER_SRP_AUTH and gets tokens the library accepts', async () => {
    const before = double.calls.length;
    const outcome = await signIn(libraryUser(double, 'alice'), 'Alice-Passw0rd!');
    expect(outcome.kind).toBe('success');
    if (outcome.kind !== 'success') return;
    expect(outcome.session.isValid()).toBe(true);
    const id = outcome.session.getIdToken().decodePayload();
    expect(id['cognito:username']).toBe('alice');
    expect(id['aud']).toBe('publicclient');
    expect(id['cognito:groups']).toEqual(['admins', 'readers']);
    expect(double.calls.slice(before)).toEqual([
      { op: 'InitiateAuth', authFlow: 'USER_SRP_AUTH', status: 200 },
      { op: 'RespondToAuthChallenge', challengeName: 'PASSWORD_VERIFIER', status: 200 },
    ]);
  }, TIMEOUT);

  it('refuses a wrong password with NotAuthorizedException', async () => {
    const outcome = await signIn(libraryUser(double, 'alice'), 'Alice-Passw0rd?');
    expect(failureOf(outcome)).toEqual({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  }, TIMEOUT);

  it('refuses SRP for a client with a secret: the library cannot send SECRET_HASH', async () => {
    const outcome = await signIn(libraryUser(double, 'alice', 'secretclient'), 'Alice-Passw0rd!');
    expect(failureOf(outcome)).toEqual({
      name: 'NotAuthorizedException',
      message: 'Client secretclient is configured with secret but SECRET_HASH was not received',
    });
  }, TIMEOUT);

  it('reports unknown, unconfirmed and reset users as AWS does', async () => {
    expect(failureOf(await signIn(libraryUser(double, 'nobody'), 'x'))).toEqual({ name: 'UserNotFoundException', message: 'User does not exist.' });
    expect(failureOf(await signIn(libraryUser(double, 'unconfirmed'), 'Some-Passw0rd!'))).toEqual({
      name: 'UserNotConfirmedException',
      message: 'User is not confirmed.',
    });
    expect(failureOf(await signIn(libraryUser(double, 'reset'), 'Some-Passw0rd!'))).toEqual({
      name: 'PasswordResetRequiredException',
      message: 'Password reset required for the user',
    });
  }, TIMEOUT);

  it('refuses USER_PASSWORD_AUTH on a client that only allows SRP, and an unknown client', async () => {
    const user = libraryUser(double, 'alice', 'srponly');
    user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
    expect(failureOf(await signIn(user, 'Alice-Passw0rd!'))).toEqual({
      name: 'InvalidParameterException',
      message: 'USER_PASSWORD_AUTH flow not enabled for this client',
    });
    expect(failureOf(await signIn(libraryUser(double, 'alice', 'nosuchclient'), 'Alice-Passw0rd!'))).toEqual({
      name: 'ResourceNotFoundException',
      message: 'User pool client nosuchclient does not exist.',
    });
  }, TIMEOUT);

  it('fires newPasswordRequired, enforces policy and attributes, then completes', async () => {
    const user = libraryUser(double, 'newbie');
    const first = await signIn(user, 'Temp-Passw0rd!');
    expect(first).toEqual({ kind: 'newPasswordRequired', userAttributes: {}, requiredAttributes: ['name'] });
    const complete = (password: string, attributes: Record<string, string>): Promise<Outcome> =>
      new Promise((resolve) => user.completeNewPasswordChallenge(password, attributes, callbacks(resolve)));
    expect(failureOf(await complete('short', { name: 'New Bie' }))).toEqual({
      name: 'InvalidPasswordException',
      message: 'Password does not conform to policy: Password not long enough',
    });
    expect(failureOf(await complete('NoSymbolsUpper1', { name: 'New Bie' }))).toEqual({
      name: 'InvalidPasswordException',
      message: 'Password does not conform to policy: Password must have symbol characters',
    });
    expect(failureOf(await complete('Brand-New-Passw0rd!', {}))).toEqual({
      name: 'InvalidParameterException',
      message: 'Invalid attributes given, name is missing',
    });
    const done = await complete('Brand-New-Passw0rd!', { name: 'New Bie' });
    expect(done.kind).toBe('success');
    if (done.kind === 'success') expect(done.session.getIdToken().decodePayload()['name']).toBe('New Bie');
    // The session was used up, and the user is now CONFIRMED with the new password.
    expect(failureOf(await complete('Brand-New-Passw0rd!', { name: 'New Bie' }))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });
    expect((await signIn(libraryUser(double, 'newbie'), 'Brand-New-Passw0rd!')).kind).toBe('success');
  }, TIMEOUT);

  it('fires totpRequired; a correct RFC 6238 code signs in, a wrong one is CodeMismatchException', async () => {
    const user = libraryUser(double, 'totp-user');
    expect(await signIn(user, 'Totp-Passw0rd!')).toEqual({ kind: 'totpRequired', challengeName: 'SOFTWARE_TOKEN_MFA' });
    const send = (u: CognitoUser, code: string): Promise<Outcome> =>
      new Promise((resolve) => u.sendMFACode(code, callbacks(resolve), 'SOFTWARE_TOKEN_MFA'));
    const ok = await send(user, totpNow(TOTP_SECRET));
    expect(ok.kind).toBe('success');

    const again = libraryUser(double, 'totp-user');
    expect((await signIn(again, 'Totp-Passw0rd!')).kind).toBe('totpRequired');
    const good = totpNow(TOTP_SECRET);
    const wrong = String((Number(good) + 500_000) % 1_000_000).padStart(6, '0');
    expect(failureOf(await send(again, wrong))).toEqual({ name: 'CodeMismatchException', message: 'Invalid code received for user' });
  }, TIMEOUT);

  it('issues SMS_MFA with a masked destination when told to', async () => {
    const user = libraryUser(double, 'sms-user');
    expect(await signIn(user, 'Sms-Passw0rd!')).toEqual({ kind: 'mfaRequired', challengeName: 'SMS_MFA' });
  }, TIMEOUT);
});

// ---- SRP proof tampering ------------------------------------------------------------------------------

describe('SRP proof checks', () => {
  let double: StrictCognito;
  startPerSuite(baseOptions, (d) => (double = d));

  it('refuses a PASSWORD_CLAIM_SIGNATURE with one byte flipped', async () => {
    const outcome = await withChallengeRewrite(
      (r) => {
        r['PASSWORD_CLAIM_SIGNATURE'] = flipOneByte(r['PASSWORD_CLAIM_SIGNATURE']!);
      },
      () => signIn(libraryUser(double, 'alice'), 'Alice-Passw0rd!'),
    );
    expect(failureOf(outcome)).toEqual({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  }, TIMEOUT);

  it('refuses a SECRET_BLOCK it did not issue, a wrong weekday, and an unparseable TIMESTAMP', async () => {
    const block = await withChallengeRewrite(
      (r) => {
        r['PASSWORD_CLAIM_SECRET_BLOCK'] = flipOneByte(r['PASSWORD_CLAIM_SECRET_BLOCK']!);
      },
      () => signIn(libraryUser(double, 'alice'), 'Alice-Passw0rd!'),
    );
    expect(failureOf(block)).toEqual({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });

    const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    const weekday = await withChallengeRewrite(
      (r) => {
        const [day, ...rest] = r['TIMESTAMP']!.split(' ');
        r['TIMESTAMP'] = [days[(days.indexOf(day!) + 1) % 7], ...rest].join(' ');
      },
      () => signIn(libraryUser(double, 'alice'), 'Alice-Passw0rd!'),
    );
    expect(failureOf(weekday)).toEqual({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });

    const garbage = await withChallengeRewrite(
      (r) => {
        r['TIMESTAMP'] = new Date().toISOString();
      },
      () => signIn(libraryUser(double, 'alice'), 'Alice-Passw0rd!'),
    );
    expect(failureOf(garbage)).toEqual({
      name: 'InvalidParameterException',
      message: 'TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.',
    });
  }, TIMEOUT);

  it('accepts a PASSWORD_VERIFIER answer once: a replay is refused', async () => {
    const seen: string[] = [];
    const outcome = await withChallengeRewrite(() => undefined, () => signIn(libraryUser(double, 'alice'), 'Alice-Passw0rd!'), seen);
    expect(outcome.kind).toBe('success');
    expect(seen).toHaveLength(1);
    const replay = await callApi(double.endpoint, 'RespondToAuthChallenge', seen[0]);
    expect(replay.status).toBe(400);
    expect(replay.json).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  }, TIMEOUT);
});

describe('SRP TIMESTAMP against a frozen clock', () => {
  // Thu Mar 5 2026, a day below 10, so the zero-padded form ("Mar 05") can be tried.
  let nowMs = Date.UTC(2026, 2, 5, 4, 5, 6);
  let double: StrictCognito;
  type Helper = {
    getLargeAValue(cb: (err: unknown, a: { toString(radix: number): string }) => void): void;
    getPasswordAuthenticationKey(u: string, p: string, b: unknown, s: unknown, cb: (err: unknown, key: Buffer) => void): void;
    N: { constructor: new (hex: string, radix: number) => unknown };
  };
  const HelperCtor = (cognitoJs as unknown as { AuthenticationHelper: new (poolName: string) => Helper }).AuthenticationHelper;

  /** A USER_SRP_AUTH exchange driven by hand with the library's AuthenticationHelper, signing a TIMESTAMP of our choice. */
  async function srpWithTimestamp(timestamp: string): Promise<RawAnswer> {
    const poolName = double.poolId.split('_')[1]!;
    const helper = new HelperCtor(poolName);
    const A = await new Promise<string>((resolve) => helper.getLargeAValue((_e, a) => resolve(a.toString(16))));
    const start = await callApi(double.endpoint, 'InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: 'publicclient',
      AuthParameters: { USERNAME: 'alice', SRP_A: A },
    });
    expect(start.status).toBe(200);
    expect(start.json['Session']).toBeUndefined();
    const params = start.json['ChallengeParameters'] as Record<string, string>;
    const BigInteger = helper.N.constructor;
    const key = await new Promise<Buffer>((resolve, reject) =>
      helper.getPasswordAuthenticationKey(
        params['USER_ID_FOR_SRP']!,
        'Alice-Passw0rd!',
        new BigInteger(params['SRP_B']!, 16),
        new BigInteger(params['SALT']!, 16),
        (err, k) => (err ? reject(err) : resolve(k)),
      ),
    );
    const signature = createHmac('sha256', key)
      .update(Buffer.concat([Buffer.from(poolName), Buffer.from(params['USER_ID_FOR_SRP']!), Buffer.from(params['SECRET_BLOCK']!, 'base64'), Buffer.from(timestamp)]))
      .digest('base64');
    return callApi(double.endpoint, 'RespondToAuthChallenge', {
      ChallengeName: 'PASSWORD_VERIFIER',
      ClientId: 'publicclient',
      ChallengeResponses: {
        USERNAME: params['USER_ID_FOR_SRP'],
        PASSWORD_CLAIM_SECRET_BLOCK: params['SECRET_BLOCK'],
        PASSWORD_CLAIM_SIGNATURE: signature,
        TIMESTAMP: timestamp,
      },
    });
  }

  startPerSuite(() => ({ ...baseOptions(), nowMs: () => nowMs }), (d) => (double = d));

  it('accepts the canonical form, signed by hand', async () => {
    const ok = await srpWithTimestamp('Thu Mar 5 04:05:06 UTC 2026');
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.json['AuthenticationResult'] as object).sort()).toEqual(['AccessToken', 'ExpiresIn', 'IdToken', 'RefreshToken', 'TokenType']);
  }, TIMEOUT);

  it('refuses a correctly signed zero-padded day, like AWS (ministack#1758)', async () => {
    const padded = await srpWithTimestamp('Thu Mar 05 04:05:06 UTC 2026');
    expect(padded.json).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  }, TIMEOUT);

  it('refuses a correctly signed TIMESTAMP six minutes away from its clock', async () => {
    const stale = await srpWithTimestamp('Thu Mar 5 03:59:06 UTC 2026');
    expect(stale.json).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    nowMs += 60_000;
    const withinWindow = await srpWithTimestamp('Thu Mar 5 04:05:06 UTC 2026');
    expect(withinWindow.status).toBe(200);
  }, TIMEOUT);
});

// ---- @aws-sdk/client-cognito-identity-provider --------------------------------------------------------

describe('AWS SDK v3 against the strict double', () => {
  let double: StrictCognito;
  startPerSuite(baseOptions, (d) => (double = d));

  it('AdminInitiateAuth succeeds with a valid SigV4 signature', async () => {
    const out = await sdkClient(double).send(
      new AdminInitiateAuthCommand({
        UserPoolId: double.poolId,
        ClientId: 'publicclient',
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'alice', PASSWORD: 'Alice-Passw0rd!' },
      }),
    );
    expect(out.AuthenticationResult?.TokenType).toBe('Bearer');
    expect(out.AuthenticationResult?.ExpiresIn).toBe(3600);
    expect(claimsOf(out.AuthenticationResult!.AccessToken!)['username']).toBe('alice');
  }, TIMEOUT);

  it('AdminInitiateAuth fails with a wrong secret key or an unknown key id', async () => {
    const command = new AdminInitiateAuthCommand({
      UserPoolId: double.poolId,
      ClientId: 'publicclient',
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'alice', PASSWORD: 'Alice-Passw0rd!' },
    });
    expect(await sdkError(sdkClient(double, { ...ADMIN_KEY, secretAccessKey: ADMIN_KEY.secretAccessKey + 'x' }).send(command))).toEqual({
      name: 'InvalidSignatureException',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      status: 400,
    });
    expect(await sdkError(sdkClient(double, { ...ADMIN_KEY, accessKeyId: 'AKIAUNKNOWN000000000' }).send(command))).toEqual({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
      status: 400,
    });
  }, TIMEOUT);

  it('the SDK sends a request with a bad signature once, even allowed 3 attempts: count the wire', async () => {
    const before = double.count('AdminInitiateAuth');
    const error = await sdkError(
      sdkClient(double, { ...ADMIN_KEY, secretAccessKey: 'wrong' }, 3).send(
        new AdminInitiateAuthCommand({
          UserPoolId: double.poolId,
          ClientId: 'publicclient',
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'alice', PASSWORD: 'Alice-Passw0rd!' },
        }),
      ),
    );
    expect(error.name).toBe('InvalidSignatureException');
    expect(double.count('AdminInitiateAuth') - before).toBe(1);
  }, TIMEOUT);

  it('refuses unsigned, stale and wrong-pool admin calls', async () => {
    const body = {
      UserPoolId: double.poolId,
      ClientId: 'publicclient',
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'alice', PASSWORD: 'Alice-Passw0rd!' },
    };
    const unsigned = await callApi(double.endpoint, 'AdminInitiateAuth', body);
    expect(unsigned.status).toBe(400);
    expect(unsigned.json['__type']).toBe('MissingAuthenticationTokenException');

    const stale = await signedCall(double, 'AdminInitiateAuth', body, new Date(Date.now() - 10 * 60_000));
    expect(stale.status).toBe(400);
    expect(stale.json['__type']).toBe('InvalidSignatureException');
    expect(String(stale.json['message'])).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);

    const fresh = await signedCall(double, 'AdminInitiateAuth', body, new Date());
    expect(fresh.status).toBe(200);

    const wrongPool = await signedCall(double, 'AdminInitiateAuth', { ...body, UserPoolId: 'us-east-1_Other9999' }, new Date());
    expect(wrongPool.json).toEqual({ __type: 'ResourceNotFoundException', message: 'User pool us-east-1_Other9999 does not exist.' });

    const wrongFlow = await signedCall(double, 'AdminInitiateAuth', { ...body, AuthFlow: 'USER_PASSWORD_AUTH' }, new Date());
    expect(wrongFlow.json).toEqual({ __type: 'InvalidParameterException', message: 'Initiate Auth method not supported.' });
  }, TIMEOUT);

  it('enforces each client\'s ExplicitAuthFlows with AWS\'s wording, and signs AdminRespondToAuthChallenge too', async () => {
    const admin = { UserPoolId: double.poolId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: 'Alice-Passw0rd!' } };
    expect((await signedCall(double, 'AdminInitiateAuth', { ...admin, ClientId: 'srponly' }, new Date())).json).toEqual({
      __type: 'InvalidParameterException',
      message: 'Auth flow not enabled for this client',
    });
    const srp = await callApi(double.endpoint, 'InitiateAuth', {
      ClientId: 'passwordonly',
      AuthFlow: 'USER_SRP_AUTH',
      AuthParameters: { USERNAME: 'alice', SRP_A: 'abc123' },
    });
    expect(srp.json).toEqual({ __type: 'InvalidParameterException', message: 'USER_SRP_AUTH is not enabled for the client.' });
    const extraHash = await callApi(double.endpoint, 'InitiateAuth', {
      ClientId: 'publicclient',
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'alice', PASSWORD: 'Alice-Passw0rd!', SECRET_HASH: secretHashOf('alice', 'publicclient') },
    });
    expect(extraHash.json).toEqual({
      __type: 'InvalidParameterException',
      message: 'App client publicclient is not configured for secret but secret hash was received',
    });

    const challenge = await signedCall(double, 'AdminInitiateAuth', { ...admin, ClientId: 'publicclient', AuthParameters: { USERNAME: 'totp-user', PASSWORD: 'Totp-Passw0rd!' } }, new Date());
    expect(challenge.json['ChallengeName']).toBe('SOFTWARE_TOKEN_MFA');
    const respond = {
      UserPoolId: double.poolId,
      ClientId: 'publicclient',
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: challenge.json['Session'],
      ChallengeResponses: { USERNAME: 'totp-user', SOFTWARE_TOKEN_MFA_CODE: totpNow(TOTP_SECRET) },
    };
    expect((await callApi(double.endpoint, 'AdminRespondToAuthChallenge', respond)).json['__type']).toBe('MissingAuthenticationTokenException');
    const done = await signedCall(double, 'AdminRespondToAuthChallenge', respond, new Date());
    expect(done.status).toBe(200);
    expect(Object.keys(done.json['AuthenticationResult'] as object)).toContain('RefreshToken');
  }, TIMEOUT);

  it('refuses a client configuration AWS would refuse', async () => {
    await expect(
      startStrictCognito({ clients: [{ clientId: 'c', allowedFlows: ['ALLOW_USER_SRP_AUTH'] }], users: [] }),
    ).rejects.toThrow('REFRESH_TOKEN_AUTH should always be allowed.');
  }, TIMEOUT);

  it('InitiateAuth USER_PASSWORD_AUTH checks SECRET_HASH by the documented formula', async () => {
    const client = sdkClient(double);
    const auth = (params: Record<string, string>) =>
      client.send(new InitiateAuthCommand({ ClientId: 'secretclient', AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: params }));
    const ok = await auth({ USERNAME: 'alice', PASSWORD: 'Alice-Passw0rd!', SECRET_HASH: secretHashOf('alice') });
    expectIdToken(ok.AuthenticationResult?.IdToken, 'secretclient', 'alice');
    expect(await sdkError(auth({ USERNAME: 'alice', PASSWORD: 'Alice-Passw0rd!', SECRET_HASH: secretHashOf('alice', 'secretclient', 'other') }))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Unable to verify secret hash for client secretclient',
      status: 400,
    });
    expect(await sdkError(auth({ USERNAME: 'alice', PASSWORD: 'Alice-Passw0rd!', SECRET_HASH: secretHashOf('alice', 'publicclient') }))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Unable to verify secret hash for client secretclient',
    });
    expect(await sdkError(auth({ USERNAME: 'alice', PASSWORD: 'Alice-Passw0rd!' }))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Client secretclient is configured with secret but SECRET_HASH was not received',
    });
  }, TIMEOUT);

  it('REFRESH_TOKEN_AUTH returns new ID and access tokens only, for the issuing client, until revoked', async () => {
    const client = sdkClient(double);
    const first = await client.send(
      new InitiateAuthCommand({
        ClientId: 'secretclient',
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'alice', PASSWORD: 'Alice-Passw0rd!', SECRET_HASH: secretHashOf('alice') },
      }),
    );
    const refreshToken = first.AuthenticationResult!.RefreshToken!;
    const refresh = (clientId: string, params: Record<string, string>) =>
      client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken, ...params } }));
    const refreshed = await refresh('secretclient', { SECRET_HASH: secretHashOf('alice') });
    const result = refreshed.AuthenticationResult as AuthenticationResultType;
    expect(result.RefreshToken).toBeUndefined();
    expectIdToken(result.IdToken, 'secretclient', 'alice');
    expect(claimsOf(result.IdToken!)['origin_jti']).toBe(claimsOf(first.AuthenticationResult!.IdToken!)['origin_jti']);
    expect(await sdkError(refresh('secretclient', { SECRET_HASH: secretHashOf('bob') }))).toMatchObject({
      message: 'Unable to verify secret hash for client secretclient',
    });
    expect(await sdkError(refresh('publicclient', {}))).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid Refresh Token.' });
    double.revokeRefreshTokens('alice');
    expect(await sdkError(refresh('secretclient', { SECRET_HASH: secretHashOf('alice') }))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Refresh Token has been revoked',
    });
  }, TIMEOUT);

  it('RespondToAuthChallenge refuses a tampered Session and a reused one', async () => {
    const client = sdkClient(double);
    const start = async () =>
      client.send(
        new InitiateAuthCommand({ ClientId: 'publicclient', AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'newbie', PASSWORD: 'Temp-Passw0rd!' } }),
      );
    const challenge = await start();
    expect(challenge.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(challenge.ChallengeParameters).toEqual({ USER_ID_FOR_SRP: 'newbie', userAttributes: '{}', requiredAttributes: '["userAttributes.name"]' });
    const answer = (session: string) =>
      client.send(
        new RespondToAuthChallengeCommand({
          ClientId: 'publicclient',
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: session,
          ChallengeResponses: { USERNAME: 'newbie', NEW_PASSWORD: 'Brand-New-Passw0rd!', 'userAttributes.name': 'New Bie' },
        }),
      );
    const session = challenge.Session!;
    const tampered = session.slice(0, 10) + (session[10] === 'A' ? 'B' : 'A') + session.slice(11);
    expect(await sdkError(answer(tampered))).toEqual({ name: 'NotAuthorizedException', message: 'Invalid session for the user.', status: 400 });
    const ok = await answer(session);
    expectAccessToken(ok.AuthenticationResult?.AccessToken, 'publicclient', 'newbie');
    expect(await sdkError(answer(session))).toEqual({ name: 'NotAuthorizedException', message: 'Invalid session for the user.', status: 400 });
  }, TIMEOUT);
});

describe('sessions against a frozen clock', () => {
  let nowMs = Date.UTC(2026, 5, 1, 12, 0, 0);
  let double: StrictCognito;
  startPerSuite(() => ({ ...baseOptions(), nowMs: () => nowMs }), (d) => (double = d));

  it('expires a challenge Session after 3 minutes, and checks TOTP against its own clock', async () => {
    const start = () =>
      callApi(double.endpoint, 'InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: 'publicclient',
        AuthParameters: { USERNAME: 'totp-user', PASSWORD: 'Totp-Passw0rd!' },
      });
    const answer = (session: unknown, code: string) =>
      callApi(double.endpoint, 'RespondToAuthChallenge', {
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        ClientId: 'publicclient',
        Session: session,
        ChallengeResponses: { USERNAME: 'totp-user', SOFTWARE_TOKEN_MFA_CODE: code },
      });
    const first = await start();
    expect(first.json['ChallengeName']).toBe('SOFTWARE_TOKEN_MFA');
    nowMs += 181_000;
    const late = await answer(first.json['Session'], totpNow(TOTP_SECRET, nowMs));
    expect(late.json).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });

    const second = await start();
    nowMs += 29_000;
    const previousStep = await answer(second.json['Session'], totpNow(TOTP_SECRET, nowMs - 30_000));
    expect(previousStep.status).toBe(200);
    const third = await start();
    const twoStepsOld = await answer(third.json['Session'], totpNow(TOTP_SECRET, nowMs - 60_000));
    expect(twoStepsOld.json).toEqual({ __type: 'CodeMismatchException', message: 'Invalid code received for user' });
    expect(new Date(twoStepsOld.headers.get('date')!).getTime()).toBe(Math.floor(nowMs / 1000) * 1000);
  }, TIMEOUT);
});

// ---- Tokens and /oauth2/token ----------------------------------------------------------------------------

describe('tokens verify with aws-jwt-verify, and /oauth2/token', () => {
  let double: StrictCognito;
  startPerSuite(baseOptions, (d) => (double = d));

  it('issues ID and access tokens that CognitoJwtVerifier accepts for the right client only', async () => {
    const outcome = await signIn(libraryUser(double, 'alice'), 'Alice-Passw0rd!');
    if (outcome.kind !== 'success') throw new Error(`sign-in failed: ${outcome.kind}`);
    const idToken = outcome.session.getIdToken().getJwtToken();
    const accessToken = outcome.session.getAccessToken().getJwtToken();

    const jwksRes = await fetch(`${double.endpoint}/${double.poolId}/.well-known/jwks.json`);
    const jwks = (await jwksRes.json()) as typeof double.jwks;
    expect(jwks).toEqual(double.jwks);

    const idVerifier = CognitoJwtVerifier.create({ userPoolId: double.poolId, tokenUse: 'id', clientId: 'publicclient' });
    idVerifier.cacheJwks(jwks as Parameters<typeof idVerifier.cacheJwks>[0]);
    const id = await idVerifier.verify(idToken);
    expect(id).toMatchObject({
      aud: 'publicclient',
      token_use: 'id',
      iss: double.issuer,
      'cognito:username': 'alice',
      'cognito:groups': ['admins', 'readers'],
      email: 'alice@example.com',
      email_verified: true,
    });
    for (const claim of ['sub', 'auth_time', 'exp', 'iat', 'jti', 'origin_jti', 'event_id']) expect(id).toHaveProperty(claim);
    expect(id.exp - id.iat).toBe(3600);

    const accessVerifier = CognitoJwtVerifier.create({ userPoolId: double.poolId, tokenUse: 'access', clientId: 'publicclient' });
    accessVerifier.cacheJwks(jwks as Parameters<typeof accessVerifier.cacheJwks>[0]);
    const access = await accessVerifier.verify(accessToken);
    expect(access).toMatchObject({ client_id: 'publicclient', token_use: 'access', scope: 'aws.cognito.signin.user.admin', username: 'alice', sub: id.sub });

    const otherClient = CognitoJwtVerifier.create({ userPoolId: double.poolId, tokenUse: 'id', clientId: 'srponly' });
    otherClient.cacheJwks(jwks as Parameters<typeof otherClient.cacheJwks>[0]);
    await expect(otherClient.verify(idToken)).rejects.toThrow(/Client ID \("audience"\) not allowed: publicclient/);
    await expect(idVerifier.verify(accessToken)).rejects.toThrow(/Token use not allowed/);
  }, TIMEOUT);

  it('grants client_credentials with HTTP Basic or form credentials and refuses bad ones with 400 invalid_client', async () => {
    const token = (headers: Record<string, string>, form: Record<string, string>) =>
      fetch(`${double.oauthUrl}/oauth2/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(form).toString(),
      }).then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, unknown> }));
    const basic = (id: string, secret: string) => ({ Authorization: 'Basic ' + Buffer.from(`${id}:${secret}`).toString('base64') });

    const ok = await token(basic('secretclient', CLIENT_SECRET), { grant_type: 'client_credentials', scope: 'api/read' });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ expires_in: 3600, token_type: 'Bearer' });
    const verifier = CognitoJwtVerifier.create({ userPoolId: double.poolId, tokenUse: 'access', clientId: 'secretclient', scope: 'api/read' });
    verifier.cacheJwks(double.jwks as Parameters<typeof verifier.cacheJwks>[0]);
    const claims = await verifier.verify(String(ok.json['access_token']));
    expect(claims).toMatchObject({ client_id: 'secretclient', token_use: 'access', scope: 'api/read' });
    expect(claims).not.toHaveProperty('username');

    const viaForm = await token({}, { grant_type: 'client_credentials', client_id: 'secretclient', client_secret: CLIENT_SECRET });
    expect(viaForm.status).toBe(200);
    expect(claimsOf(String(viaForm.json['access_token']))['scope']).toBe('api/read api/write');

    expect(await token(basic('secretclient', 'wrong'), { grant_type: 'client_credentials' })).toEqual({ status: 400, json: { error: 'invalid_client' } });
    expect(await token(basic('publicclient', ''), { grant_type: 'client_credentials' })).toEqual({ status: 400, json: { error: 'invalid_client' } });
    expect(await token(basic('secretclient', CLIENT_SECRET), { grant_type: 'client_credentials', scope: 'api/admin' })).toEqual({
      status: 400,
      json: { error: 'invalid_scope' },
    });
    expect(await token(basic('secretclient', CLIENT_SECRET), { grant_type: 'password' })).toEqual({ status: 400, json: { error: 'unsupported_grant_type' } });
    expect(double.count('oauth2/token')).toBe(6);
  }, TIMEOUT);

  it('answers malformed requests with AWS JSON errors and never fails internally', async () => {
    const bad = await callApi(double.endpoint, 'InitiateAuth', '{"AuthFlow": ');
    expect(bad.status).toBe(400);
    expect(bad.json['__type']).toBe('SerializationException');
    expect(bad.headers.get('content-type')).toBe('application/x-amz-json-1.1');

    const noTarget = await fetch(double.endpoint + '/', { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.1' }, body: '{}' });
    expect(noTarget.status).toBe(400);
    expect(((await noTarget.json()) as { __type: string }).__type).toBe('UnknownOperationException');

    const unknownFlow = await callApi(double.endpoint, 'InitiateAuth', { AuthFlow: 'MAGIC', ClientId: 'publicclient' });
    expect(unknownFlow.json['__type']).toBe('InvalidParameterException');
    expect(String(unknownFlow.json['message'])).toContain("Value 'MAGIC' at 'authFlow' failed to satisfy constraint");

    const noClient = await callApi(double.endpoint, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH' });
    expect(noClient.json).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value null at 'clientId' failed to satisfy constraint: Member must not be null",
    });

    for (const body of ['null', '[]', '"x"', '{"ClientId": 5}', '{"ClientId":"publicclient","AuthFlow":"USER_SRP_AUTH","AuthParameters":{"USERNAME":"alice","SRP_A":"0"}}']) {
      const res = await callApi(double.endpoint, 'InitiateAuth', body);
      expect(res.status).toBe(400);
    }
    const zeroA = await callApi(double.endpoint, 'InitiateAuth', {
      ClientId: 'publicclient',
      AuthFlow: 'USER_SRP_AUTH',
      AuthParameters: { USERNAME: 'alice', SRP_A: '0' },
    });
    expect(zeroA.json['__type']).toBe('InvalidParameterException');

    const plain = await fetch(double.endpoint + '/', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
      body: '{}',
    });
    expect(plain.status).toBe(400);
    expect(double.calls.filter((c) => c.status >= 500)).toEqual([]);
  }, TIMEOUT);
});
