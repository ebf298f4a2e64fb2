// Hands the run's token caches to its suites so that no refresh token is ever presented twice.
//
// A client that rotates refresh tokens spends a refresh token on its first use: a second suite presenting the same
// one after the grace period gets RefreshTokenReuseException (and some servers revoke the whole family on reuse).
// Sequential suites therefore get the caches as the previous suite left them (with the rotated refresh token);
// parallel suites cannot share one, so only the first keeps the refresh token and the others sign in again if
// their run outlives the tokens. Which clients rotate is not known before a refresh, so this holds for all.
// AWS credentials (`pm_cognito_iam_<hash>`, issue 13) are handed on the same way: a renewal in one suite reaches the
// next, which would otherwise renew the up-front credentials again. They hold no refresh token, so parallel suites
// all get them as they are.

import { CACHE_VARIABLE_PREFIX as CACHE_PREFIX, withoutRefreshToken } from '../core/cache-entry';
import { CREDENTIALS_VARIABLE_PREFIX as CREDENTIALS_PREFIX } from '../core/identity-pool/cache';

export interface CacheHandoff {
  /** Collection variables for the suite about to start. */
  forSuite(index: number): Record<string, string>;
  /** Takes the caches and credentials a finished suite left behind (its collection variables at the end), for the suites after it. */
  suiteDone(collectionVariables: Readonly<Record<string, unknown>>): void;
}

export function cacheHandoff(initial: Readonly<Record<string, string>>, parallel: boolean): CacheHandoff {
  let current: Record<string, string> = { ...initial };
  return {
    forSuite(index) {
      if (!parallel || index === 0) return { ...current };
      const out: Record<string, string> = {};
      for (const [name, value] of Object.entries(current)) out[name] = name.startsWith(CACHE_PREFIX) ? withoutRefreshToken(value) : value;
      return out;
    },
    suiteDone(collectionVariables) {
      if (parallel) return;
      const next = { ...current };
      for (const [name, value] of Object.entries(collectionVariables)) if ((name.startsWith(CACHE_PREFIX) || name.startsWith(CREDENTIALS_PREFIX)) && typeof value === 'string' && value !== '') next[name] = value;
      current = next;
    },
  };
}
