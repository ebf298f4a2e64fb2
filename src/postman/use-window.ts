// The time window in which the cache's decision (cache-policy.ts `decide`) is "use as it is", for the fast path's note.

import type { CachedTokens } from '../core/cache-entry';
import { CLOCK_SKEW_ALLOWANCE_MS, renewalMarginMs } from '../core/cache-policy';

/**
 * `decide(entry, now, margin)` answers 'use' exactly when from <= now < until (whole milliseconds, as
 * Date.now() gives): not before the tokens were obtained (a clock that went backwards), not after their own
 * exp plus the skew allowance, and not within the refresh margin of the entry's expiry.
 * test/unit/fast-path-in-step.test.ts checks this against decide at every edge.
 */
export function useWindow(entry: CachedTokens, marginSeconds: number): { from: number; until: number } {
  let until = entry.expiresAt - renewalMarginMs(marginSeconds, entry.expiresAt - entry.obtainedAt);
  const exp = entry.jwtExpMs;
  if (exp !== undefined) until = Math.min(until, Math.floor(exp + CLOCK_SKEW_ALLOWANCE_MS) + 1);
  return { from: entry.obtainedAt, until };
}
