// Decides, from a cached entry and the clock, whether to use a token, refresh it, or sign in again.

import { hexEncode } from './bytes';
import { decodeJwtClaims, numericClaim, stringClaim } from './jwt-claims';
import { isRecord, safeJsonParse } from './safe-json';
import type { Settings } from './settings';
import { sha256 } from './sha256';

export interface CachedTokens {
  /** Which identity these tokens belong to; a mismatch means the entry is ignored. */
  key: string;
  idToken: string | undefined;
  accessToken: string;
  refreshToken: string | undefined;
  /** Local clock (ms) when Cognito's answer arrived. */
  obtainedAt: number;
  /** Local clock (ms) after which the tokens are no longer valid. */
  expiresAt: number;
}

export type CacheDecision =
  | { action: 'use'; tokens: CachedTokens }
  | { action: 'refresh'; tokens: CachedTokens; reason: string }
  | { action: 'sign-in'; reason: string };

/** Everything that makes two identities different: endpoint, pool, client, user and flow. */
export function cacheKey(settings: Settings): string {
  const user = settings.authFlow === 'CLIENT_CREDENTIALS' ? 'scopes:' + (settings.scopes ?? '') : settings.username;
  const endpoint = settings.authFlow === 'CLIENT_CREDENTIALS' ? settings.oauthTokenUrl ?? '' : settings.endpoint;
  return JSON.stringify([endpoint, settings.userPoolId ?? '', settings.clientId, user, settings.authFlow]);
}

/** Collection variable holding one identity's cache; derived from the key so identities never share. */
export function cacheVariable(key: string): string {
  return 'pm_cognito_cache_' + hexEncode(sha256(key)).slice(0, 16);
}

export function serialiseCache(tokens: CachedTokens): string {
  return JSON.stringify({ v: 1, ...tokens });
}

/** Reads a cached entry; anything malformed, tampered with or of another identity gives undefined. */
export function parseCache(text: string | undefined, settings: Settings): CachedTokens | undefined {
  if (text === undefined || text === '') return undefined;
  const value = safeJsonParse(text);
  if (!isRecord(value) || value['v'] !== 1 || value['key'] !== cacheKey(settings)) return undefined;
  const { idToken, accessToken, refreshToken, obtainedAt, expiresAt } = value;
  if (typeof accessToken !== 'string' || accessToken === '') return undefined;
  if (idToken !== undefined && typeof idToken !== 'string') return undefined;
  if (refreshToken !== undefined && typeof refreshToken !== 'string') return undefined;
  if (typeof obtainedAt !== 'number' || typeof expiresAt !== 'number' || !(expiresAt > obtainedAt)) return undefined;
  const tokens: CachedTokens = { key: value['key'], idToken, accessToken, refreshToken, obtainedAt, expiresAt };
  return tokensBelongTo(tokens, settings) ? tokens : undefined;
}

/** Checks the cached JWTs were issued to this app client (and user): a copied or edited cache is not trusted. */
export function tokensBelongTo(tokens: CachedTokens, settings: Settings): boolean {
  try {
    const access = decodeJwtClaims(tokens.accessToken);
    if (stringClaim(access, 'client_id') !== settings.clientId) return false;
    if (tokens.idToken !== undefined) {
      const id = decodeJwtClaims(tokens.idToken);
      if (stringClaim(id, 'aud') !== settings.clientId) return false;
      if (!matchesUser(id, settings.username)) return false;
    } else if (settings.authFlow !== 'CLIENT_CREDENTIALS' && !matchesUser(access, settings.username)) {
      return false;
    }
    return true;
  } catch {
    return false;
  }
}

function matchesUser(claims: Record<string, unknown>, username: string): boolean {
  const wanted = username.toLowerCase();
  return ['cognito:username', 'username', 'email', 'phone_number', 'preferred_username', 'sub']
    .some((name) => stringClaim(claims, name)?.toLowerCase() === wanted);
}

/**
 * Lifetime in ms of fresh tokens. Cognito's ExpiresIn is measured from receipt on the local clock;
 * where it is missing (cognito-local), the JWTs' own exp - iat is used, which needs no clock agreement.
 */
export function tokenLifetimeMs(expiresIn: unknown, tokens: string[]): number {
  if (typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0) return expiresIn * 1000;
  let lifetime = Infinity;
  for (const token of tokens) {
    const claims = decodeJwtClaims(token);
    const exp = numericClaim(claims, 'exp');
    const iat = numericClaim(claims, 'iat') ?? numericClaim(claims, 'auth_time');
    if (exp !== undefined && iat !== undefined && exp > iat) lifetime = Math.min(lifetime, (exp - iat) * 1000);
  }
  // Without any usable claim, assume Cognito's shortest allowed lifetime: five minutes.
  return Number.isFinite(lifetime) ? lifetime : 300_000;
}

export function decide(entry: CachedTokens | undefined, nowMs: number, marginSeconds: number): CacheDecision {
  if (entry === undefined) return { action: 'sign-in', reason: 'no cached tokens' };
  const lifetime = entry.expiresAt - entry.obtainedAt;
  const margin = Math.min(marginSeconds * 1000, lifetime / 2);
  if (nowMs < entry.obtainedAt) {
    // The clock went backwards: the token's age is unknown, so do not trust it as is.
    return entry.refreshToken !== undefined
      ? { action: 'refresh', tokens: entry, reason: 'the clock moved backwards' }
      : { action: 'sign-in', reason: 'the clock moved backwards' };
  }
  if (nowMs < entry.expiresAt - margin) return { action: 'use', tokens: entry };
  if (entry.refreshToken !== undefined) return { action: 'refresh', tokens: entry, reason: 'the token expires soon' };
  return { action: 'sign-in', reason: 'the token expires soon and there is no refresh token' };
}
