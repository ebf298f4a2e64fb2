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
    ['the JWT exp passed beyond the allowance', entry({ jwtExpMs: T0 - CLOCK_SKEW_ALLOWANCE_MS - 60_000 }), T0 + 1000, 60, 'refresh', 'the token\'s own exp passed 6 min ago on this machine\'s clock (if this repeats on every request, this clock is ahead of Cognito\'s)'],
    ['the JWT exp passed within the allowance', entry({ jwtExpMs: T0 - CLOCK_SKEW_ALLOWANCE_MS + 60_000 }), T0 + 1000, 60, 'use', undefined],
  ];
  for (const [what, e, now, margin, action, reason] of ROWS) {
    it(what + ': ' + action, () => {
      const decision = decide(e, now, margin);
      expect({ action: decision.action, reason: 'reason' in decision ? decision.reason : undefined }).toEqual({ action, reason });
    });
  }
});
