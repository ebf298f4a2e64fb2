import { describe, expect, it } from 'vitest';
import { readSettings } from '../../src/core/settings';
import { CACHE_VARIABLE_PREFIX, cacheKey, cacheVariable, parseCache, readCacheEntry, serialiseCache, withoutRefreshToken, type CachedTokens } from '../../src/core/cache-entry';
import { CLOCK_SKEW_ALLOWANCE_MS, decide } from '../../src/core/cache-policy';
import { MAX_TOKEN_LIFETIME_MS, tokenLifetimeMs } from '../../src/core/token-times';
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
const NOW_S = NOW / 1000;
const HOUR = 3_600_000;

function idToken(claims: Record<string, unknown> = {}): string {
  return fakeJwt({ aud: 'client1', 'cognito:username': 'alice', token_use: 'id', iat: NOW_S, exp: NOW_S + 3600, ...claims });
}
function accessToken(claims: Record<string, unknown> = {}): string {
  return fakeJwt({ client_id: 'client1', username: 'alice', token_use: 'access', iat: NOW_S, exp: NOW_S + 3600, ...claims });
}

/** An entry as pm-cognito writes it for 1 h tokens received at NOW (local and Cognito clocks agree). */
function entry(overrides: Partial<CachedTokens> = {}): CachedTokens {
  return {
    key: cacheKey(settings),
    idToken: idToken(),
    accessToken: accessToken(),
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
    expect(parseCache(serialiseCache(e), settings)).toEqual({ ...e, jwtExpMs: (NOW_S + 3600) * 1000 });
    expect(serialiseCache({ ...e, jwtExpMs: 1 })).toBe(serialiseCache(e));
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

// The fast path's reader (it serves only text parseCache accepted under the same settings, by checksum and fingerprint).
describe('readCacheEntry', () => {
  it('gives what parseCache gives for an entry of these settings, including jwtExpMs and the clamp to the tokens\' lifetime', () => {
    for (const e of [entry(), entry({ idToken: undefined }), entry({ expiresAt: NOW + 2 * HOUR }), entry({ refreshWith: 'REFRESH_TOKEN_AUTH' })]) {
      const text = serialiseCache(e);
      expect(parseCache(text, settings)).toBeDefined();
      expect(readCacheEntry(text)).toEqual(parseCache(text, settings));
    }
    expect(readCacheEntry(serialiseCache(entry({ expiresAt: NOW + 2 * HOUR })))!.expiresAt).toBe(NOW + HOUR);
  });
  it('does not ask whose the entry is (another key, client or user): parseCache does', () => {
    for (const e of [entry({ key: 'other' }), entry({ accessToken: accessToken({ client_id: 'client2' }) }), entry({ idToken: idToken({ 'cognito:username': 'bob' }) })]) {
      expect(parseCache(serialiseCache(e), settings)).toBeUndefined();
      expect(readCacheEntry(serialiseCache(e))).toBeDefined();
    }
  });
  it('refuses what parseCache refuses for any identity: garbage, wrong shapes, edited lifetimes, unreadable tokens', () => {
    for (const text of [undefined, '', 'not json', '[]', '{"v":2}', JSON.stringify({ v: 1, ...entry(), key: 7 }), JSON.stringify({ v: 1, ...entry(), expiresAt: 'soon' }),
      JSON.stringify({ v: 1, ...entry(), accessToken: 42 }), serialiseCache(entry({ expiresAt: NOW + MAX_TOKEN_LIFETIME_MS + 2000 })), serialiseCache(entry({ idToken: 'a.b' })),
      serialiseCache(entry({ accessToken: accessToken({ iat: NOW_S, exp: NOW_S + 2 * 24 * 3600 }) }))]) {
      expect(readCacheEntry(text)).toBeUndefined();
    }
  });
  it('with decide, serves exactly while the full code would use the entry', () => {
    const text = serialiseCache(entry());
    expect(decide(readCacheEntry(text), NOW + HOUR - 60_001, 60).action).toBe('use');
    expect(decide(readCacheEntry(text), NOW + HOUR - 60_000, 60).action).toBe('refresh');
    expect(decide(readCacheEntry(text), NOW - 1, 60).action).toBe('refresh');
  });
});

describe('withoutRefreshToken', () => {
  it('drops only the refresh token; text that is not an entry object is given back as it is', () => {
    const text = serialiseCache(entry({ refreshWith: 'GetTokensFromRefreshToken' }));
    const stripped = JSON.parse(withoutRefreshToken(text)) as Record<string, unknown>;
    const { refreshToken: _dropped, ...rest } = JSON.parse(text) as Record<string, unknown>;
    expect(stripped).toEqual(rest);
    expect(parseCache(withoutRefreshToken(text), settings)!.refreshToken).toBeUndefined();
    for (const other of ['', 'not json', '[1]', 'null']) expect(withoutRefreshToken(other)).toBe(other);
  });
  it('names every cache variable with the prefix the handoff looks for', () => {
    expect(cacheVariable(cacheKey(settings)).startsWith(CACHE_VARIABLE_PREFIX)).toBe(true);
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

describe('the tokens\' own claims bound the cache (bad-input catalogue: exp in the past, far future)', () => {
  it('a token whose exp passed more than the skew allowance ago is refreshed even if the entry says valid', () => {
    // Entry written 10 min ago saying 1 h, but its tokens expired an hour ago (edited, or written on a clock that ran ahead).
    const stale = entry({
      idToken: idToken({ iat: NOW_S - 7200, exp: NOW_S - 3600 }),
      accessToken: accessToken({ iat: NOW_S - 7200, exp: NOW_S - 3600 }),
      obtainedAt: NOW - 600_000,
      expiresAt: NOW - 600_000 + HOUR,
    });
    const parsed = parseCache(serialiseCache(stale), settings)!;
    expect(parsed).toBeDefined();
    const decision = decide(parsed, NOW, 60);
    expect(decision.action).toBe('refresh');
    expect(decision).toMatchObject({ reason: expect.stringContaining('exp passed 60 min ago') });
    expect(decide({ ...parsed, refreshToken: undefined }, NOW, 60).action).toBe('sign-in');
  });
  it('tolerates a clock up to the allowance ahead of Cognito\'s', () => {
    // The local clock runs 4 min ahead: the token's exp is already 4 min "past" at the end of its lifetime.
    const e = entry({ obtainedAt: NOW + 240_000, expiresAt: NOW + 240_000 + HOUR });
    expect(decide(e, NOW + 240_000 + HOUR - 61_000, 60).action).toBe('use');
    expect(decide(e, NOW + HOUR + CLOCK_SKEW_ALLOWANCE_MS + 1, 60).action).toBe('refresh');
  });
  it('an entry claiming more than Cognito\'s 24 h is treated as tampered: ignored, refresh token included', () => {
    expect(parseCache(serialiseCache(entry({ expiresAt: NOW + MAX_TOKEN_LIFETIME_MS + 2000 })), settings)).toBeUndefined();
    expect(parseCache(serialiseCache(entry({ expiresAt: NOW + MAX_TOKEN_LIFETIME_MS })), settings)).toBeDefined();
  });
  it('a token whose exp - iat exceeds 24 h is treated as tampered, whatever the entry says', () => {
    const far = entry({ accessToken: accessToken({ exp: NOW_S + 10 * 86400 }) });
    expect(parseCache(serialiseCache(far), settings)).toBeUndefined();
    const backwards = entry({ idToken: idToken({ iat: NOW_S, exp: NOW_S - 1 }) });
    expect(parseCache(serialiseCache(backwards), settings)).toBeUndefined();
  });
  it('an entry may not outlive its shortest-lived token: expiresAt is capped at obtainedAt + exp - iat', () => {
    // e.g. written by an older version from ExpiresIn (the access token's 1 h) while the ID token lasts 5 min.
    const e = entry({ idToken: idToken({ exp: NOW_S + 300 }) });
    const parsed = parseCache(serialiseCache(e), settings)!;
    expect(parsed.expiresAt).toBe(NOW + 300_000);
    expect(decide(parsed, NOW + 250_000, 60).action).toBe('refresh');
  });
  it('entries without exp/iat claims keep their own expiry', () => {
    const bare = entry({ idToken: fakeJwt({ aud: 'client1', 'cognito:username': 'alice' }), accessToken: fakeJwt({ client_id: 'client1', username: 'alice' }) });
    const parsed = parseCache(serialiseCache(bare), settings)!;
    expect(parsed.expiresAt).toBe(NOW + HOUR);
    expect(parsed.jwtExpMs).toBeUndefined();
    expect(decide(parsed, NOW + 1000, 60).action).toBe('use');
  });
  it('refuses a non-numeric or non-finite obtainedAt', () => {
    expect(parseCache(JSON.stringify({ v: 1, ...entry(), obtainedAt: null }), settings)).toBeUndefined();
    expect(parseCache(JSON.stringify({ v: 1, ...entry(), obtainedAt: '1' }), settings)).toBeUndefined();
  });
});

describe('tokenLifetimeMs bounds', () => {
  it('takes the shorter of ExpiresIn and the tokens\' own lifetimes (a shorter-lived ID token wins)', () => {
    const id = fakeJwt({ iat: 1000, exp: 1300 });
    const access = fakeJwt({ iat: 1000, exp: 4600 });
    expect(tokenLifetimeMs(3600, [id, access])).toBe(300_000);
  });
  it('never exceeds 24 h, so what it writes always reads back', () => {
    expect(tokenLifetimeMs(10 * 86400, [])).toBe(MAX_TOKEN_LIFETIME_MS);
    expect(tokenLifetimeMs(undefined, [fakeJwt({ iat: 0, exp: 10 * 86400 })])).toBe(MAX_TOKEN_LIFETIME_MS);
  });
  it('refuses tokens that are not readable JWTs with TOKEN_INVALID, even with ExpiresIn', () => {
    expect(() => tokenLifetimeMs(3600, ['a.b.c'])).toThrow(expect.objectContaining({ code: 'TOKEN_INVALID' }));
  });
});
