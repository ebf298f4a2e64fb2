// decide(): every branch, table-driven, with the clock as a parameter.

import { describe, expect, it } from 'vitest';
import type { CachedTokens } from '../../src/core/cache-entry';
import { CLOCK_SKEW_ALLOWANCE_MS, decide } from '../../src/core/cache-policy';

const T0 = 1_800_000_000_000;
const HOUR = 3_600_000;
const entry = (extra: Partial<CachedTokens> = {}): CachedTokens => ({ key: 'k', idToken: 'i', accessToken: 'a', refreshToken: 'r', obtainedAt: T0, expiresAt: T0 + HOUR, ...extra });

describe('decide', () => {
  // [what, entry, now, margin seconds, action, reason]
  const ROWS: Array<[string, CachedTokens | undefined, number, number, string, string | undefined]> = [
    ['nothing cached', undefined, T0, 60, 'sign-in', 'no cached tokens'],
    ['fresh', entry(), T0 + 1000, 60, 'use', undefined],
    ['just before the margin', entry(), T0 + HOUR - 60_001, 60, 'use', undefined],
    ['inside the margin', entry(), T0 + HOUR - 60_000, 60, 'refresh', 'the token expires soon'],
    ['inside the margin, no refresh token', entry({ refreshToken: undefined }), T0 + HOUR - 1, 60, 'sign-in', 'the token expires soon and there is no refresh token'],
    ['the margin is at most half the lifetime', entry({ expiresAt: T0 + 100_000 }), T0 + 49_999, 3600, 'use', undefined],
    ['past half of a short lifetime', entry({ expiresAt: T0 + 100_000 }), T0 + 50_000, 3600, 'refresh', 'the token expires soon'],
    ['the clock went backwards', entry(), T0 - 1, 60, 'refresh', 'the clock moved backwards'],
    ['backwards, no refresh token', entry({ refreshToken: undefined }), T0 - 1, 60, 'sign-in', 'the clock moved backwards'],
    ['the JWT exp passed beyond the allowance', entry({ jwtExpMs: T0 - CLOCK_SKEW_ALLOWANCE_MS - 60_000 }), T0 + 1000, 60, 'refresh', 'the token\'s own exp passed 6 min ago on this machine\'s clock (if this repeats, this clock is ahead of Cognito\'s)'],
    ['the JWT exp passed within the allowance', entry({ jwtExpMs: T0 - CLOCK_SKEW_ALLOWANCE_MS + 60_000 }), T0 + 1000, 60, 'use', undefined],
  ];
  for (const [what, e, now, margin, action, reason] of ROWS) {
    it(what + ': ' + action, () => {
      const decision = decide(e, now, margin);
      expect({ action: decision.action, reason: 'reason' in decision ? decision.reason : undefined }).toEqual({ action, reason });
    });
  }
});

// Folded from fast-path-in-step.test.ts ("useWindow agrees with decide"): the fast path now asks decide itself, so the
// window is no longer a second copy; its edges remain as decide's own: 'use' exactly when from <= now < until.
describe('the window in which decide says "use"', () => {
  // [what, entry, margin seconds, from, until]
  const WINDOWS: Array<[string, CachedTokens, number, number, number]> = [
    ['an hour, margin 60 s', entry({ jwtExpMs: T0 + HOUR }), 60, T0, T0 + HOUR - 60_000],
    ['ten seconds, margin larger than half', entry({ expiresAt: T0 + 10_000, jwtExpMs: T0 + 10_000 }), 60, T0, T0 + 5_000],
    ['no margin', entry({ expiresAt: T0 + 300_000 }), 0, T0, T0 + 300_000],
    ['the JWT exp binds: until exp + allowance, inclusive', entry({ jwtExpMs: T0 + 10_000 - CLOCK_SKEW_ALLOWANCE_MS }), 60, T0, T0 + 10_001],
    ['odd milliseconds', entry({ obtainedAt: T0 + 537, expiresAt: T0 + 537 + 301_000, jwtExpMs: T0 + 301_000 }), 7, T0 + 537, T0 + 294_537],
  ];
  for (const [what, e, margin, from, until] of WINDOWS) {
    it(what, () => {
      for (const t of [from - 1, from, from + 1, until - 1, until, until + 1, Math.floor((from + until) / 2)]) {
        expect([t - from, decide(e, t, margin).action === 'use']).toEqual([t - from, t >= from && t < until]);
      }
    });
  }
  it('token exp far behind the local clock: never "use"', () => {
    const e = entry({ jwtExpMs: T0 - 2 * HOUR });
    for (const t of [T0 - 1, T0, T0 + 1, T0 + HOUR / 2, T0 + HOUR]) expect(decide(e, t, 60).action).not.toBe('use');
  });
});
