// Refresh: one Cognito call per refresh on clients with and without rotation, the API learned in the cache entry,
// a rotated refresh token stored at once, and exactly one fresh sign-in when the refresh token is refused.

import { describe, expect, it } from 'vitest';
import { authenticate } from '../../../src/core/authenticate';
import { FIRST_REFRESH_API } from '../../../src/core/sign-in/refresh-flow';
import { readSettings } from '../../../src/core/settings';
import { cacheKey, cacheVariable, parseCache, serialiseCache, type CachedTokens } from '../../../src/core/cache-entry';
import type { HttpRequest } from '../../../src/core/transport';
import { fakeHost, fault, json } from '../fake-host';
import { fakeJwt } from '../jwt';

const NOW = 1_800_000_000_000;
const base: Record<string, string> = {
  cognito_endpoint: 'http://127.0.0.1:9229/',
  cognito_client_id: 'client1',
  cognito_username: 'alice',
  cognito_password: 'pw-Secret1!',
};
const settings = readSettings((n) => base[n]);
const withSecret = readSettings((n) => ({ ...base, cognito_client_secret: 'raw-client-secret' } as Record<string, string>)[n]);

function tokensAt(ms: number): Record<string, unknown> {
  const s = Math.floor(ms / 1000);
  return {
    IdToken: fakeJwt({ aud: 'client1', 'cognito:username': 'alice', iat: s, exp: s + 3600 }),
    AccessToken: fakeJwt({ client_id: 'client1', username: 'alice', iat: s, exp: s + 3600 }),
    ExpiresIn: 3600,
  };
}

/** A cache entry that needs a refresh now (obtained just over an hour ago). */
function expiring(s = settings, extra: Partial<CachedTokens> = {}): string {
  const t = tokensAt(NOW - 3_590_000);
  return serialiseCache({
    key: cacheKey(s), idToken: t['IdToken'] as string, accessToken: t['AccessToken'] as string, refreshToken: 'refresh-1',
    obtainedAt: NOW - 3_590_000, expiresAt: NOW + 10_000, ...extra,
  });
}

const target = (r: HttpRequest) => r.headers['X-Amz-Target']!.replace('AWSCognitoIdentityProviderService.', '');
const body = (r: HttpRequest) => JSON.parse(r.body) as Record<string, unknown>;

function setup(s: typeof settings, entry: string, responder: (r: HttpRequest, i: number) => ReturnType<typeof json>) {
  const fake = fakeHost(responder, NOW);
  const variable = cacheVariable(cacheKey(s));
  fake.store.set(variable, entry);
  return { ...fake, variable, cached: () => parseCache(fake.store.get(variable), s) };
}

describe('refresh', () => {
  it('tries GetTokensFromRefreshToken first: one call, the rotated refresh token stored at once, the API remembered', async () => {
    expect(FIRST_REFRESH_API).toBe('GetTokensFromRefreshToken');
    const t = setup(settings, expiring(), () => json(200, { AuthenticationResult: { ...tokensAt(NOW), RefreshToken: 'refresh-2' } }));
    const out = await authenticate(t.host, settings);
    expect(out.source).toBe('refresh');
    expect(t.requests.map(target)).toEqual(['GetTokensFromRefreshToken']);
    expect(body(t.requests[0]!)).toEqual({ ClientId: 'client1', RefreshToken: 'refresh-1' });
    expect(t.cached()?.refreshToken).toBe('refresh-2');
    expect(t.cached()?.refreshWith).toBe('GetTokensFromRefreshToken');
  });

  it('a client without rotation keeps its refresh token (none in the answer)', async () => {
    const t = setup(settings, expiring(), () => json(200, { AuthenticationResult: tokensAt(NOW) }));
    await authenticate(t.host, settings);
    expect(t.requests).toHaveLength(1);
    expect(t.cached()?.refreshToken).toBe('refresh-1');
  });

  it('sends the raw client secret to GetTokensFromRefreshToken, never a SECRET_HASH', async () => {
    const t = setup(withSecret, expiring(withSecret), () => json(200, { AuthenticationResult: tokensAt(NOW) }));
    await authenticate(t.host, withSecret);
    expect(body(t.requests[0]!)).toEqual({ ClientId: 'client1', RefreshToken: 'refresh-1', ClientSecret: 'raw-client-secret' });
  });

  it('where GetTokensFromRefreshToken is not offered (cognito-local), uses REFRESH_TOKEN_AUTH and remembers it', async () => {
    const t = setup(withSecret, expiring(withSecret), (r) => target(r) === 'GetTokensFromRefreshToken'
      ? json(500, { __type: 'CognitoLocal#Unsupported', message: 'Cognito Local unsupported feature: Unsupported x-amz-target header' })
      : json(200, { AuthenticationResult: tokensAt(NOW) }));
    await authenticate(t.host, withSecret);
    expect(t.requests.map(target)).toEqual(['GetTokensFromRefreshToken', 'InitiateAuth']);
    const params = body(t.requests[1]!)['AuthParameters'] as Record<string, string>;
    expect(params['REFRESH_TOKEN']).toBe('refresh-1');
    expect(params['SECRET_HASH']).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(t.cached()?.refreshWith).toBe('REFRESH_TOKEN_AUTH');
    // The next refresh goes straight to the remembered API: one call.
    t.advance(3_600_000);
    await authenticate(t.host, withSecret);
    expect(t.requests.map(target)).toEqual(['GetTokensFromRefreshToken', 'InitiateAuth', 'InitiateAuth']);
  });

  it('a remembered REFRESH_TOKEN_AUTH refused because the client now rotates switches to GetTokensFromRefreshToken', async () => {
    const t = setup(settings, expiring(settings, { refreshWith: 'REFRESH_TOKEN_AUTH' }), (r) => target(r) === 'InitiateAuth'
      ? fault('InvalidParameterException', 'REFRESH_TOKEN_AUTH flow not enabled for this client')
      : json(200, { AuthenticationResult: { ...tokensAt(NOW), RefreshToken: 'refresh-2' } }));
    const out = await authenticate(t.host, settings);
    expect(out.source).toBe('refresh');
    expect(t.requests.map(target)).toEqual(['InitiateAuth', 'GetTokensFromRefreshToken']);
    expect(t.cached()?.refreshWith).toBe('GetTokensFromRefreshToken');
    expect(t.cached()?.refreshToken).toBe('refresh-2');
  });

  const refusals: Array<[string, string]> = [
    ['RefreshTokenReuseException', 'Refresh token reuse detected'],
    ['NotAuthorizedException', 'Invalid Refresh Token.'],
    ['NotAuthorizedException', 'Refresh Token has expired'],
    ['NotAuthorizedException', 'Refresh Token has been revoked'],
  ];
  for (const [type, message] of refusals) {
    it(type + ' (' + message + ') gets exactly one fresh sign-in, and the learned API survives it', async () => {
      const t = setup(settings, expiring(settings, { refreshWith: 'GetTokensFromRefreshToken' }), (r) => target(r) === 'GetTokensFromRefreshToken'
        ? fault(type, message)
        : json(200, { AuthenticationResult: { ...tokensAt(NOW), RefreshToken: 'fresh-refresh' } }));
      const out = await authenticate(t.host, settings);
      expect(out.source).toBe('sign-in');
      expect(t.requests.map((r) => target(r) + ':' + String(body(r)['AuthFlow'] ?? ''))).toEqual(['GetTokensFromRefreshToken:', 'InitiateAuth:USER_PASSWORD_AUTH']);
      expect(t.cached()?.refreshToken).toBe('fresh-refresh');
      expect(t.cached()?.refreshWith).toBe('GetTokensFromRefreshToken');
    });
  }

  it('S7: a refresh refused after GetTokensFromRefreshToken proved not offered keeps that memory through the fresh sign-in: one call per later refresh', async () => {
    // cognito-local: GetTokensFromRefreshToken is not offered; this refresh token is expired, so REFRESH_TOKEN_AUTH refuses it.
    let expired = true;
    const t = setup(settings, expiring(), (r) => {
      if (target(r) === 'GetTokensFromRefreshToken') return json(500, { __type: 'CognitoLocal#Unsupported', message: 'Cognito Local unsupported feature: Unsupported x-amz-target header' });
      if (body(r)['AuthFlow'] === 'REFRESH_TOKEN_AUTH' && expired) return fault('NotAuthorizedException', 'Refresh Token has expired');
      return json(200, { AuthenticationResult: { ...tokensAt(NOW), RefreshToken: 'fresh-refresh' } });
    });
    const out = await authenticate(t.host, settings);
    expect(out.source).toBe('sign-in');
    expect(t.requests.map((r) => target(r) + ':' + String(body(r)['AuthFlow'] ?? ''))).toEqual(['GetTokensFromRefreshToken:', 'InitiateAuth:REFRESH_TOKEN_AUTH', 'InitiateAuth:USER_PASSWORD_AUTH']);
    expect(t.cached()?.refreshWith).toBe('REFRESH_TOKEN_AUTH');
    // The next refresh cycle: one call, straight to the API that works.
    expired = false;
    t.advance(3_600_000);
    expect((await authenticate(t.host, settings)).source).toBe('refresh');
    expect(t.requests.slice(3).map((r) => target(r) + ':' + String(body(r)['AuthFlow'] ?? ''))).toEqual(['InitiateAuth:REFRESH_TOKEN_AUTH']);
  });

  it('never retries GetTokensFromRefreshToken (a lost answer may have rotated the token): one try, then one sign-in', async () => {
    const t = setup(settings, expiring(), (r) => target(r) === 'GetTokensFromRefreshToken'
      ? { status: 503, body: '' }
      : json(200, { AuthenticationResult: { ...tokensAt(NOW), RefreshToken: 'fresh-refresh' } }));
    const out = await authenticate(t.host, settings);
    expect(out.source).toBe('sign-in');
    expect(t.requests.map(target)).toEqual(['GetTokensFromRefreshToken', 'InitiateAuth']);
  });

  it('ignores an unknown refreshWith in a cache entry (tries the default again)', () => {
    const entry = JSON.parse(expiring()) as Record<string, unknown>;
    entry['refreshWith'] = 'SOMETHING_ELSE';
    const parsed = parseCache(JSON.stringify(entry), settings);
    expect(parsed).toBeDefined();
    expect(parsed?.refreshWith).toBeUndefined();
  });
});
