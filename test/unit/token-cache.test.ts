import { describe, expect, it } from 'vitest';
import { readSettings } from '../../src/core/settings';
import { cacheKey, cacheVariable, decide, parseCache, serialiseCache, tokenLifetimeMs, type CachedTokens } from '../../src/core/token-cache';
import { decodeJwtClaims } from '../../src/core/jwt-claims';
import { fakeJwt } from './jwt';

const vars: Record<string, string> = {
  cognito_endpoint: 'http://127.0.0.1:9229/',
  cognito_client_id: 'client1',
  cognito_username: 'alice',
  cognito_password: 'pw-Secret1!',
};
const settings = readSettings((n) => vars[n]);
const NOW = 1_800_000_000_000;

function entry(overrides: Partial<CachedTokens> = {}): CachedTokens {
  return {
    key: cacheKey(settings),
    idToken: fakeJwt({ aud: 'client1', 'cognito:username': 'alice', token_use: 'id', iat: 100, exp: 3700 }),
    accessToken: fakeJwt({ client_id: 'client1', username: 'alice', token_use: 'access', iat: 100, exp: 3700 }),
    refreshToken: 'opaque-refresh',
    obtainedAt: NOW,
    expiresAt: NOW + 3_600_000,
    ...overrides,
  };
}

describe('decide', () => {
  it('signs in without an entry', () => {
    expect(decide(undefined, NOW, 60).action).toBe('sign-in');
  });
  it('uses a token until the margin before expiry', () => {
    expect(decide(entry(), NOW + 1000, 60).action).toBe('use');
    expect(decide(entry(), NOW + 3_600_000 - 60_001, 60).action).toBe('use');
    expect(decide(entry(), NOW + 3_600_000 - 60_000, 60).action).toBe('refresh');
  });
  it('refreshes an expired token when there is a refresh token, else signs in', () => {
    expect(decide(entry(), NOW + 7_200_000, 60).action).toBe('refresh');
    expect(decide(entry({ refreshToken: undefined }), NOW + 7_200_000, 60).action).toBe('sign-in');
  });
  it('caps the margin at half the lifetime, so short-lived tokens are still used', () => {
    const short = entry({ expiresAt: NOW + 4000 });
    expect(decide(short, NOW + 1500, 60).action).toBe('use');
    expect(decide(short, NOW + 2000, 60).action).toBe('refresh');
  });
  it('does not trust a token when the clock went backwards', () => {
    expect(decide(entry(), NOW - 10_000, 60).action).toBe('refresh');
  });
});

describe('parseCache', () => {
  it('round-trips an entry', () => {
    const e = entry();
    expect(parseCache(serialiseCache(e), settings)).toEqual(e);
  });
  it('ignores garbage, wrong shapes and other keys', () => {
    for (const text of ['', 'not json', '[]', '{"v":2}', JSON.stringify({ ...entry(), v: 1, key: 'other' }), JSON.stringify({ v: 1, ...entry(), expiresAt: 'soon' }), JSON.stringify({ v: 1, ...entry(), accessToken: 42 })]) {
      expect(parseCache(text, settings)).toBeUndefined();
    }
  });
  it('ignores tokens of another client or another user', () => {
    const otherClient = entry({ accessToken: fakeJwt({ client_id: 'client2', username: 'alice' }) });
    expect(parseCache(serialiseCache(otherClient), settings)).toBeUndefined();
    const otherUser = entry({ idToken: fakeJwt({ aud: 'client1', 'cognito:username': 'bob' }) });
    expect(parseCache(serialiseCache(otherUser), settings)).toBeUndefined();
    const broken = entry({ idToken: 'a.b' });
    expect(parseCache(serialiseCache(broken), settings)).toBeUndefined();
  });
});

describe('cache keys', () => {
  it('differ by user, client, endpoint and flow', () => {
    const variants = [
      vars,
      { ...vars, cognito_username: 'bob' },
      { ...vars, cognito_client_id: 'client2' },
      { ...vars, cognito_endpoint: 'http://127.0.0.1:9230/' },
      { ...vars, cognito_auth_flow: 'USER_SRP_AUTH', cognito_user_pool_id: 'us-east-1_x' },
    ];
    const names = variants.map((v) => cacheVariable(cacheKey(readSettings((n) => (v as Record<string, string>)[n]))));
    expect(new Set(names).size).toBe(variants.length);
    for (const name of names) expect(name).toMatch(/^pm_cognito_cache_[0-9a-f]{16}$/);
  });
});

describe('tokenLifetimeMs', () => {
  it('prefers ExpiresIn', () => {
    expect(tokenLifetimeMs(3600, [])).toBe(3_600_000);
  });
  it('falls back to exp - iat of the shortest-lived token', () => {
    const id = fakeJwt({ iat: 1000, exp: 1005 });
    const access = fakeJwt({ iat: 1000, exp: 1010 });
    expect(tokenLifetimeMs(undefined, [id, access])).toBe(5000);
  });
});

describe('decodeJwtClaims', () => {
  it('reads claims, including unicode', () => {
    expect(decodeJwtClaims(fakeJwt({ name: 'Zoë 🐶', n: 1 }))).toEqual({ name: 'Zoë 🐶', n: 1 });
  });
  it('refuses non-JWTs with TOKEN_INVALID', () => {
    for (const token of ['', 'abc', 'a.b.c', 'a.' + Buffer.from('[1]').toString('base64url') + '.c']) {
      expect(() => decodeJwtClaims(token)).toThrow(expect.objectContaining({ code: 'TOKEN_INVALID' }));
    }
  });
});
