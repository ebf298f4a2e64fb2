// token-times.ts: each JWT's exp and lifetime, what lifetimes are plausible, and the lifetime of fresh tokens (table-driven).

import { describe, expect, it } from 'vitest';
import { jwtTimes, MAX_TOKEN_LIFETIME_MS, plausibleLifetime, tokenLifetimeMs } from '../../src/core/token-times';
import { fakeJwt } from './jwt';

describe('jwtTimes', () => {
  it.each([
    [{ iat: 100, exp: 400 }, { expMs: 400_000, lifetimeMs: 300_000 }],
    [{ auth_time: 100, exp: 400 }, { expMs: 400_000, lifetimeMs: 300_000 }],
    [{ exp: 400 }, { expMs: 400_000, lifetimeMs: undefined }],
    [{ iat: 100 }, { expMs: undefined, lifetimeMs: undefined }],
    [{ iat: 500, exp: 400 }, { expMs: 400_000, lifetimeMs: -100_000 }],
  ])('%j gives %j', (claims, times) => {
    expect(jwtTimes(claims)).toEqual(times);
  });
});

describe('plausibleLifetime', () => {
  it.each([[0, false], [-1, false], [1, true], [MAX_TOKEN_LIFETIME_MS, true], [MAX_TOKEN_LIFETIME_MS + 1000, true], [MAX_TOKEN_LIFETIME_MS + 1001, false]])('%d ms: %s', (ms, ok) => {
    expect(plausibleLifetime(ms)).toBe(ok);
  });
});

describe('tokenLifetimeMs', () => {
  const jwt = (life: number) => fakeJwt({ iat: 1000, exp: 1000 + life });
  it.each([
    ['ExpiresIn alone', 3600, [] as string[], 3_600_000],
    ['the shorter ID token wins over ExpiresIn', 3600, [jwt(300), jwt(3600)], 300_000],
    ['claims alone', undefined, [jwt(900)], 900_000],
    ['nothing known: Cognito\'s shortest, five minutes', undefined, [fakeJwt({})], 300_000],
    ['never more than 24 h', 10 * 86400, [], MAX_TOKEN_LIFETIME_MS],
    ['a backwards token is ignored', 600, [fakeJwt({ iat: 2000, exp: 1000 })], 600_000],
  ])('%s', (_what, expiresIn, tokens, expected) => {
    expect(tokenLifetimeMs(expiresIn, tokens)).toBe(expected);
  });
});
