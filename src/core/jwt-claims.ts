// Reads a JWT's claims without verifying it: enough to learn expiry and who a cached token belongs to.

import { base64Decode, utf8Decode } from './bytes';
import { TokenError } from './errors';
import { safeJsonParse } from './safe-json';

export type JwtClaims = Record<string, unknown>;

export function decodeJwtClaims(token: string, what = 'token'): JwtClaims {
  const parts = token.split('.');
  const payload = parts.length === 3 ? base64Decode(parts[1]!) : undefined;
  const claims = payload === undefined ? undefined : safeJsonParse(utf8Decode(payload));
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    throw new TokenError(what);
  }
  return claims as JwtClaims;
}

export function numericClaim(claims: JwtClaims, name: string): number | undefined {
  const value = claims[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function stringClaim(claims: JwtClaims, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' ? value : undefined;
}
