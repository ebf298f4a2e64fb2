// The identity-pool core with a scripted transport and a frozen clock: settings, cache decisions, calls on the wire, refusals.

import { describe, expect, it } from 'vitest';
import { readSettings } from '../../src/core/settings';
import { readIdentityPoolSettings } from '../../src/core/identity-pool/settings';
import { credentialsKey, decideCredentials, parseCredentials, readCredentialsEntry, serialiseCredentials, type CachedCredentials } from '../../src/core/identity-pool/cache';
import { credentialsForIdentity, identityCredentials, type IdentityUser } from '../../src/core/identity-pool/credentials';
import { PmCognitoError } from '../../src/core/errors';
import type { HttpRequest } from '../../src/core/transport';
import { fakeHost, fault, json } from './fake-host';

const POOL_ID = 'eu-west-1:1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';
const base: Record<string, string> = {
  cognito_user_pool_id: 'eu-west-1_AbCdEf123',
  cognito_client_id: 'client1',
  cognito_username: 'alice',
  cognito_password: 'pw-Secret1!',
  cognito_identity_pool_id: POOL_ID,
};
const NOW = 1_800_000_000_000;

function settingsOf(vars: Record<string, string>, identity = '') {
  const lookup = (n: string) => vars[n];
  const user = readIdentityPoolSettings(lookup, identity, undefined).guest ? undefined : readSettings(lookup, identity);
  return { pool: readIdentityPoolSettings(lookup, identity, user), user };
}

function problem(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    return { code: (error as PmCognitoError).code, message: (error as Error).message };
  }
  throw new Error('expected an error');
}

describe('identity-pool settings', () => {
  it('derives the region and endpoint from the pool id', () => {
    const { pool } = settingsOf(base);
    expect(pool).toEqual({ identity: '', identityPoolId: POOL_ID, region: 'eu-west-1', endpoint: 'https://cognito-identity.eu-west-1.amazonaws.com/', guest: false, refreshMarginSeconds: 60, timeoutMs: 10000, debug: false });
  });

  it('a guest identity needs no user, and keeps its own margin and time limit', () => {
    const { pool, user } = settingsOf({ cognito_identity_pool_id: POOL_ID, 'cognito_identity_guest@visitor': 'true', cognito_timeout_ms: '2500', cognito_identity_endpoint: 'http://127.0.0.1:9/x' }, 'visitor');
    expect(user).toBeUndefined();
    expect(pool).toMatchObject({ identity: 'visitor', guest: true, timeoutMs: 2500, endpoint: 'http://127.0.0.1:9/x/' });
  });

  it('names every problem at once', () => {
    expect(problem(() => readIdentityPoolSettings((n) => ({ cognito_identity_guest: 'maybe', cognito_identity_endpoint: 'ftp://x' } as Record<string, string>)[n], '', undefined))).toEqual({
      code: 'SETTINGS_INVALID',
      message: 'pm-cognito identity-pool settings need attention (3): cognito_identity_guest is "maybe": set true or false; cognito_identity_pool_id is not set: the request names cognito_iam_* variables, which come from an identity pool; set it to the identity pool ID (Cognito console: Identity pools, e.g. us-east-1:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d); cognito_identity_endpoint is "ftp://x", which is not an http(s) URL: set it like http://127.0.0.1:9230/ or leave it empty to use the identity pool\'s region.',
    });
    expect(problem(() => settingsOf({ ...base, cognito_identity_pool_id: 'eu-west-1_AbCdEf123' })).message).toContain('cognito_identity_pool_id is "eu-west-1_AbCdEf123", which is not an identity pool ID');
    expect(problem(() => settingsOf({ ...base, cognito_identity_pool_id: '{{pool}}' })).message).toContain('cognito_identity_pool_id refers to {{pool}}, which is not set');
  });

  it('a signed-in identity needs a user pool id and an ID token', () => {
    const noPool = { ...base, cognito_endpoint: 'http://127.0.0.1:9229/' } as Record<string, string>;
    delete noPool['cognito_user_pool_id'];
    expect(problem(() => settingsOf(noPool)).message).toContain('cognito_user_pool_id is not set: the identity pool names the user pool by its id; set it (e.g. us-east-1_AbCdEf123)');
    const m2m = { ...base, cognito_auth_flow: 'CLIENT_CREDENTIALS', cognito_client_secret: 's', cognito_oauth_token_url: 'https://d.auth.eu-west-1.amazoncognito.com/oauth2/token' };
    expect(problem(() => settingsOf(m2m)).message).toContain('cognito_auth_flow is CLIENT_CREDENTIALS, which gives no ID token');
  });
});

describe('identity-pool cache', () => {
  const { pool, user } = settingsOf(base);
  const key = credentialsKey(pool, user);
  const entry: CachedCredentials = { key, identityId: 'eu-west-1:abc', accessKeyId: 'ASIAAAAAAAAAAAAAAAAA', secretAccessKey: 's', sessionToken: 't', obtainedAt: NOW, expiresAt: NOW + 3600_000 };

  it('keys guests, other users and other pools apart', () => {
    const guest = settingsOf({ cognito_identity_pool_id: POOL_ID, cognito_identity_guest: 'true' });
    const bob = settingsOf({ ...base, cognito_username: 'bob' });
    const otherPool = settingsOf({ ...base, cognito_identity_pool_id: 'eu-west-1:0a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d' });
    const keys = [key, credentialsKey(guest.pool, undefined), credentialsKey(bob.pool, bob.user), credentialsKey(otherPool.pool, otherPool.user)];
    expect(new Set(keys).size).toBe(4);
    expect(parseCredentials(serialiseCredentials(entry), keys[1]!)).toBeUndefined();
    expect(parseCredentials(serialiseCredentials(entry), key)).toEqual(entry);
  });

  it('uses, renews near Expiration with the token margin rule, and refuses edited entries', () => {
    expect(decideCredentials(entry, NOW + 3540_000 - 1, 60).action).toBe('use');
    expect(decideCredentials(entry, NOW + 3540_000, 60)).toEqual({ action: 'renew', identityId: 'eu-west-1:abc', reason: 'the credentials expire soon' });
    // A 10 s lifetime renews at most half-way (5 s), not 60 s before.
    const short = { ...entry, expiresAt: NOW + 10_000 };
    expect(decideCredentials(short, NOW + 4999, 60).action).toBe('use');
    expect(decideCredentials(short, NOW + 5000, 60).action).toBe('renew');
    expect(decideCredentials(entry, NOW - 1, 60).action).toBe('renew');
    expect(decideCredentials(undefined, NOW, 60).action).toBe('get-id');
    expect(parseCredentials(serialiseCredentials({ ...entry, expiresAt: NOW + 13 * 3600_000 }), key)).toBeUndefined();
    expect(parseCredentials(JSON.stringify({ v: 1, ...entry, sessionToken: 5 }), key)).toBeUndefined();
    expect(parseCredentials('{', key)).toBeUndefined();
  });

  it('readCredentialsEntry (the fast path\'s reader): the entry parseCredentials gives, whoever it belongs to; malformed entries never', () => {
    const text = serialiseCredentials(entry);
    expect(readCredentialsEntry(text)).toEqual(parseCredentials(text, key));
    const guestKey = JSON.stringify(['guest']);
    expect(readCredentialsEntry(serialiseCredentials({ ...entry, key: guestKey }))).toEqual({ ...entry, key: guestKey });
    for (const bad of [undefined, '', '{', '[]', JSON.stringify({ ...entry, v: 1, key: 5 }), serialiseCredentials({ ...entry, expiresAt: NOW + 13 * 3600_000 }), JSON.stringify({ v: 1, ...entry, sessionToken: 5 }), JSON.stringify({ ...entry })]) {
      expect(readCredentialsEntry(bad)).toBeUndefined();
    }
  });
});

const IDENTITY = 'eu-west-1:11111111-2222-4333-8444-555555555555';
function issued(n: number, seconds = 3600) {
  return json(200, { IdentityId: IDENTITY, Credentials: { AccessKeyId: 'ASIAKEY' + String(n).padStart(13, '0'), SecretKey: 'secret' + n, SessionToken: 'session' + n, Expiration: NOW / 1000 + seconds } });
}
const op = (r: HttpRequest) => r.headers['X-Amz-Target']!.replace('AWSCognitoIdentityService.', '');

describe('identityCredentials', () => {
  const { pool, user } = settingsOf(base);
  let tokenCalls = 0;
  const alice: IdentityUser = { settings: user!, idToken: async () => { tokenCalls++; return 'id.token.alice'; } };

  it('GetId once, then renews near Expiration with GetCredentialsForIdentity only', async () => {
    let n = 0;
    const { host, requests, advance } = fakeHost((r) => (op(r) === 'GetId' ? json(200, { IdentityId: IDENTITY }) : issued(++n)));
    tokenCalls = 0;
    const first = await identityCredentials(host, pool, alice);
    expect(first.source).toBe('get-id');
    expect(first.credentials).toMatchObject({ identityId: IDENTITY, accessKeyId: 'ASIAKEY0000000000001', secretAccessKey: 'secret1', sessionToken: 'session1', expiresAt: NOW + 3600_000 });
    expect(requests.map((r) => [r.url, op(r), JSON.parse(r.body)])).toEqual([
      ['https://cognito-identity.eu-west-1.amazonaws.com/', 'GetId', { IdentityPoolId: POOL_ID, Logins: { 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123': 'id.token.alice' } }],
      ['https://cognito-identity.eu-west-1.amazonaws.com/', 'GetCredentialsForIdentity', { IdentityId: IDENTITY, Logins: { 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123': 'id.token.alice' } }],
    ]);
    expect(requests[0]!.headers['Content-Type']).toBe('application/x-amz-json-1.1');
    expect((await identityCredentials(host, pool, alice)).source).toBe('cache');
    expect(requests).toHaveLength(2);
    expect(tokenCalls).toBe(1);
    advance(3540_000);
    const renewed = await identityCredentials(host, pool, alice);
    expect(renewed.source).toBe('renew');
    expect(renewed.credentials.accessKeyId).toBe('ASIAKEY0000000000002');
    expect(requests.map(op)).toEqual(['GetId', 'GetCredentialsForIdentity', 'GetCredentialsForIdentity']);
  });

  it('a guest sends no Logins and needs no token', async () => {
    const guest = settingsOf({ cognito_identity_pool_id: POOL_ID, cognito_identity_guest: 'true' });
    const { host, requests } = fakeHost((r) => (op(r) === 'GetId' ? json(200, { IdentityId: IDENTITY }) : issued(1)));
    await identityCredentials(host, guest.pool, undefined);
    expect(requests.map((r) => JSON.parse(r.body))).toEqual([{ IdentityPoolId: POOL_ID }, { IdentityId: IDENTITY }]);
  });

  it('retries throttling with backoff, like the sign-in calls', async () => {
    const { host, requests, sleeps } = fakeHost((r, i) => (i < 2 ? fault('TooManyRequestsException', 'Rate exceeded') : op(r) === 'GetId' ? json(200, { IdentityId: IDENTITY }) : issued(1)));
    expect((await identityCredentials(host, pool, alice)).source).toBe('get-id');
    expect(requests.map(op)).toEqual(['GetId', 'GetId', 'GetId', 'GetCredentialsForIdentity']);
    expect(sleeps).toEqual([250, 500]);
  });

  it('gets the identity again when the cached one is refused', async () => {
    let n = 0;
    const { host, requests, advance } = fakeHost((r) => (op(r) === 'GetId' ? json(200, { IdentityId: IDENTITY }) : ++n === 2 ? fault('NotAuthorizedException', "Logins don't match. Please include at least one valid login for this identity or identity pool.") : issued(n, 7200 * n)));
    await identityCredentials(host, pool, alice);
    advance(7200_000);
    expect((await identityCredentials(host, pool, alice)).source).toBe('get-id');
    expect(requests.map(op)).toEqual(['GetId', 'GetCredentialsForIdentity', 'GetCredentialsForIdentity', 'GetId', 'GetCredentialsForIdentity']);
  });

  async function refusal(type: string, message: string, guest = false): Promise<{ code: string; message: string; retryable: boolean }> {
    const { host } = fakeHost(() => fault(type, message));
    const s = guest ? settingsOf({ cognito_identity_pool_id: POOL_ID, 'cognito_identity_guest@visitor': 'true' }, 'visitor') : { pool, user };
    try {
      await identityCredentials(host, s.pool, guest ? undefined : alice);
    } catch (error) {
      const e = error as PmCognitoError;
      return { code: e.code, message: e.message, retryable: e.retryable };
    }
    throw new Error('expected a refusal');
  }

  it('names the setting to fix for each refusal', async () => {
    expect(await refusal('ResourceNotFoundException', "IdentityPool '" + POOL_ID + "' not found.")).toEqual({ code: 'IDENTITY_POOL_NOT_FOUND', retryable: false, message: "pm-cognito: Cognito Identity does not know the identity pool " + POOL_ID + ": check cognito_identity_pool_id (Cognito console: Identity pools) and that cognito_identity_endpoint / the region in the pool ID is where it lives (Cognito Identity said ResourceNotFoundException: IdentityPool '" + POOL_ID + "' not found.)" });
    expect(await refusal('NotAuthorizedException', 'Token is not from a supported provider of this identity pool.')).toEqual({ code: 'IDENTITY_POOL_PROVIDER_REFUSED', retryable: false, message: 'pm-cognito: identity pool ' + POOL_ID + ' does not accept ID tokens of user pool eu-west-1_AbCdEf123 and app client client1: add them as an identity provider in the identity pool\'s User access settings, or check cognito_identity_pool_id, cognito_user_pool_id and cognito_client_id (Cognito Identity said NotAuthorizedException: Token is not from a supported provider of this identity pool.)' });
    expect(await refusal('NotAuthorizedException', 'Unauthenticated access is not supported for this identity pool.', true)).toMatchObject({ code: 'IDENTITY_POOL_GUEST_DISABLED', message: expect.stringContaining('turn on "Guest access" in the identity pool\'s User access settings, or set cognito_identity_guest@visitor to false') });
    expect(await refusal('InvalidIdentityPoolConfigurationException', 'Invalid identity pool configuration. Check assigned IAM roles for this pool.', true)).toMatchObject({ code: 'IDENTITY_POOL_ROLE_REFUSED', message: expect.stringContaining('"cognito-identity.amazonaws.com:amr" = "unauthenticated"') });
    expect(await refusal('InternalErrorException', 'oops')).toMatchObject({ code: 'COGNITO_THROTTLED', retryable: true, message: expect.stringContaining('[gave up after 4 attempts]') });
  });

  it('refuses an answer without usable credentials or with an implausible Expiration', async () => {
    const bad = async (answer: unknown) => {
      const { host } = fakeHost((r) => (op(r) === 'GetId' ? json(200, { IdentityId: IDENTITY }) : json(200, answer)));
      return identityCredentials(host, pool, alice).then(() => 'ok', (e: PmCognitoError) => e.code + ' ' + e.message);
    };
    expect(await bad({ Credentials: { AccessKeyId: 'ASIA', SecretKey: 's' } })).toMatch(/^COGNITO_BAD_RESPONSE pm-cognito: GetCredentialsForIdentity got HTTP 200 with an answer of an unknown shape from https:\/\/cognito-identity/);
    expect(await bad({ Credentials: { AccessKeyId: 'ASIAKEY0000000000001', SecretKey: 's', SessionToken: 't', Expiration: NOW / 1000 - 10 } })).toMatch(/^COGNITO_BAD_RESPONSE .*check that this clock is right/);
  });
});

describe('credentialsForIdentity', () => {
  it('reports an unreadable guest setting before asking for user settings', async () => {
    const { host, requests } = fakeHost(() => json(500, {}));
    const error = await credentialsForIdentity(host, (n) => ({ cognito_identity_pool_id: POOL_ID, 'cognito_identity_guest@visitor': 'maybe' } as Record<string, string>)[n], 'visitor').catch((e: PmCognitoError) => e);
    expect(error).toMatchObject({ code: 'SETTINGS_INVALID', message: 'pm-cognito identity-pool settings for identity "visitor" need attention (1): cognito_identity_guest@visitor is "maybe": set true or false.' });
    expect(requests).toHaveLength(0);
  });

  it('a signed-in identity with identity-pool settings but no user names the user settings', async () => {
    const { host } = fakeHost(() => json(500, {}));
    const error = await credentialsForIdentity(host, (n) => ({ cognito_identity_pool_id: POOL_ID, cognito_user_pool_id: 'eu-west-1_AbCdEf123', cognito_client_id: 'c1' } as Record<string, string>)[n], '').catch((e: PmCognitoError) => e);
    expect(error).toMatchObject({ code: 'SETTINGS_INVALID', message: expect.stringContaining('cognito_username is not set') });
  });
});
