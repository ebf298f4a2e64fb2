// How long tokens live, from Cognito's ExpiresIn and the JWTs' own exp and iat: the one place that does this arithmetic.

import { decodeJwtClaims, numericClaim, type JwtClaims } from './jwt-claims';

/**
 * Cognito's longest ID and access token lifetime (AWS allows 5 minutes to 1 day). pm-cognito never
 * writes a longer one, so a cached entry or a token that claims more was edited by hand.
 */
export const MAX_TOKEN_LIFETIME_MS = 24 * 3600_000;

/** Rounding of seconds-based claims (exp, iat, ExpiresIn) against the millisecond clock. */
export const ROUNDING_MS = 1000;

/** Cognito's shortest allowed lifetime, assumed when nothing says how long tokens live. */
const SHORTEST_LIFETIME_MS = 300_000;

/** A JWT's own times in ms: exp, and exp - iat (auth_time when there is no iat); undefined where a claim is missing. */
export const jwtTimes = (claims: JwtClaims): { expMs: number | undefined; lifetimeMs: number | undefined } => {
  const exp = numericClaim(claims, 'exp');
  const iat = numericClaim(claims, 'iat') ?? numericClaim(claims, 'auth_time');
  return { expMs: exp === undefined ? undefined : exp * 1000, lifetimeMs: exp === undefined || iat === undefined ? undefined : (exp - iat) * 1000 };
};

/** Whether a lifetime is one Cognito can give: positive, and at most 24 h (with rounding). */
export const plausibleLifetime = (lifetimeMs: number): boolean => lifetimeMs > 0 && lifetimeMs <= MAX_TOKEN_LIFETIME_MS + ROUNDING_MS;

/**
 * Lifetime in ms of fresh tokens, measured from receipt on the local clock, so it needs no clock
 * agreement with AWS: the shortest of Cognito's ExpiresIn (the access token's) and each JWT's own
 * exp - iat (the ID token may be shorter-lived than the access token), at most 24 h.
 * Throws TOKEN_INVALID when a token is not a readable JWT, so unusable tokens are never cached.
 */
export const tokenLifetimeMs = (expiresIn: unknown, tokens: string[]): number => {
  let lifetime = Infinity;
  if (typeof expiresIn === 'number' && expiresIn > 0 && expiresIn < Infinity) lifetime = expiresIn * 1000;
  for (const token of tokens) {
    const { lifetimeMs } = jwtTimes(decodeJwtClaims(token));
    if (lifetimeMs !== undefined && lifetimeMs > 0) lifetime = Math.min(lifetime, lifetimeMs);
  }
  return Number.isFinite(lifetime) ? Math.min(lifetime, MAX_TOKEN_LIFETIME_MS) : SHORTEST_LIFETIME_MS;
};
