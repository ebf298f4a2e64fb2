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

const CACHE_PREFIX = 'pm_cognito_cache_';
const CREDENTIALS_PREFIX = 'pm_cognito_iam_';

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

/** The cache entry without its refresh token (an entry that does not parse is passed on as is: the script ignores it). */
function withoutRefreshToken(value: string): string {
  try {
    const entry = JSON.parse(value) as unknown;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return value;
    const copy = { ...(entry as Record<string, unknown>) };
    delete copy['refreshToken'];
    return JSON.stringify(copy);
  } catch {
    return value;
  }
}
