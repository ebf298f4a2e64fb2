// Decides, from a cached entry and the clock, whether to use a token, refresh it, or sign in again: pure, clock as a parameter.

import type { CachedTokens } from './cache-entry';

/**
 * How far this machine's clock may be from Cognito's before a token's own `exp` overrides the cache's
 * local expiry: AWS's own tolerance for SigV4 and SRP timestamps, which pm-cognito's other flows need anyway.
 */
export const CLOCK_SKEW_ALLOWANCE_MS = 5 * 60_000;

export type CacheDecision =
  | { action: 'use'; tokens: CachedTokens }
  | { action: 'refresh'; tokens: CachedTokens; reason: string }
  | { action: 'sign-in'; reason: string };

/** Refresh when there is a refresh token, else sign in, for the same reason. */
const renew = (entry: CachedTokens, reason: string): CacheDecision => entry.refreshToken !== undefined ? { action: 'refresh', tokens: entry, reason } : { action: 'sign-in', reason };

export const decide = (entry: CachedTokens | undefined, nowMs: number, marginSeconds: number): CacheDecision => {
  if (entry === undefined) return { action: 'sign-in', reason: 'no cached tokens' };
  const lifetime = entry.expiresAt - entry.obtainedAt;
  const margin = renewalMarginMs(marginSeconds, lifetime);
  if (nowMs < entry.obtainedAt) {
    // The clock went backwards: the token's age is unknown, so do not trust it as is.
    return renew(entry, 'the clock moved backwards');
  }
  // The tokens' own exp is an upper bound whatever the entry says (an entry written on a machine whose
  // clock ran ahead, or edited by hand). Only beyond the allowance: a clock a little ahead must not make
  // every request refresh.
  const exp = entry.jwtExpMs;
  if (exp !== undefined && nowMs > exp + CLOCK_SKEW_ALLOWANCE_MS) {
    const reason = 'the token\'s own exp passed ' + Math.round((nowMs - exp) / 60_000) + ' min ago on this machine\'s clock (if this repeats, this clock is ahead of Cognito\'s)';
    return renew(entry, reason);
  }
  if (nowMs < entry.expiresAt - margin) return { action: 'use', tokens: entry };
  return renew(entry, 'the token expires soon' + (entry.refreshToken !== undefined ? '' : ' and there is no refresh token'));
};

/** How long before expiry to renew: `marginSeconds`, but never more than half the lifetime (short lifetimes stay usable). Tokens and identity-pool credentials share it. */
export const renewalMarginMs = (marginSeconds: number, lifetimeMs: number): number => Math.min(marginSeconds * 1000, lifetimeMs / 2);
