// Reads a JWT's claims without verifying it: enough to learn expiry and who a cached token belongs to.

import { base64Decode, utf8Decode } from './bytes';
import { TokenError } from './errors';
import { isRecord, safeJsonParse } from './safe-json';

export type JwtClaims = Record<string, unknown>;

/**
 * The claims, or undefined when the token is not a readable JWT. The fast path reads cached tokens with this alone
 * (an unreadable entry is simply not used), so it carries no error classes into `pm-cognito run`'s per-request script.
 */
export const readJwtClaims = (token: string): JwtClaims | undefined => {
  const parts = token.split('.');
  const payload = parts.length === 3 ? base64Decode(parts[1]!) : undefined;
  const claims = payload === undefined ? undefined : safeJsonParse(utf8Decode(payload));
  return isRecord(claims) ? (claims as JwtClaims) : undefined;
};

/** The claims of a token Cognito just gave; a TokenError naming `what` when it is not a readable JWT. */
export const decodeJwtClaims = (token: string, what = 'token'): JwtClaims => {
  const claims = readJwtClaims(token);
  if (claims === undefined) throw new TokenError(what);
  return claims;
};

export const numericClaim = (claims: JwtClaims, name: string): number | undefined => {
  const value = claims[name];
  // Number.isFinite is false for anything but a finite number (no coercion).
  return Number.isFinite(value) ? value as number : undefined;
};

export const stringClaim = (claims: JwtClaims, name: string): string | undefined => {
  const value = claims[name];
  return typeof value === 'string' ? value : undefined;
};
