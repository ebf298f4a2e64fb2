// Decides, from a cached entry and the clock, whether to use a token, refresh it, or sign in again.

import { hexEncode } from './bytes';
import { decodeJwtClaims, numericClaim, stringClaim, type JwtClaims } from './jwt-claims';
import { isRecord, safeJsonParse } from './safe-json';
import type { Settings } from './settings';
import { sha256 } from './sha256';
import type { AuthResult } from './sign-in/auth-result';

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
  /**
   * The refresh API this app client answered last (learned, see refresh.ts): kept so later refreshes make one call.
   * Absent until the first refresh.
   */
  refreshWith?: RefreshApi;
}

/** Cognito's two ways to refresh: GetTokensFromRefreshToken (any client; required with rotation) and InitiateAuth REFRESH_TOKEN_AUTH. */
export type RefreshApi = 'GetTokensFromRefreshToken' | 'REFRESH_TOKEN_AUTH';
const REFRESH_APIS: readonly string[] = ['GetTokensFromRefreshToken', 'REFRESH_TOKEN_AUTH'];

/**
 * Cognito's longest ID and access token lifetime (AWS allows 5 minutes to 1 day). pm-cognito never
 * writes a longer one, so a cached entry or a token that claims more was edited by hand.
 */
export const MAX_TOKEN_LIFETIME_MS = 24 * 3600_000;

/**
 * How far this machine's clock may be from Cognito's before a token's own `exp` overrides the cache's
 * local expiry: AWS's own tolerance for SigV4 and SRP timestamps, which pm-cognito's other flows need anyway.
 */
export const CLOCK_SKEW_ALLOWANCE_MS = 5 * 60_000;

/** Rounding of seconds-based claims (exp, iat, ExpiresIn) against the millisecond clock. */
const ROUNDING_MS = 1000;

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

/**
 * Claims of tokens read before: parseCache and decide look at the same two tokens several times per
 * request, and decoding (base64, UTF-8, JSON in plain JS) is a measurable part of the script's cost in
 * newman's sandbox. Bounded, and a pure function of the token, so safe to share.
 */
const claimsMemo = new Map<string, JwtClaims>();

function claimsOf(token: string): JwtClaims {
  let claims = claimsMemo.get(token);
  if (claims === undefined) {
    claims = decodeJwtClaims(token);
    if (claimsMemo.size >= 8) claimsMemo.clear();
    claimsMemo.set(token, claims);
  }
  return claims;
}

/** The cache entry for a fresh answer: its lifetime from receipt on the local clock (tokenLifetimeMs). */
export function toCachedTokens(result: AuthResult, key: string, receivedAt: number, previousRefresh?: string): CachedTokens {
  const tokens = result.idToken !== undefined ? [result.idToken, result.accessToken] : [result.accessToken];
  return {
    key,
    idToken: result.idToken,
    accessToken: result.accessToken,
    // A rotating client's refresh answer carries a new refresh token (the old one is spent); others keep the old one.
    refreshToken: result.refreshToken ?? previousRefresh,
    obtainedAt: receivedAt,
    expiresAt: receivedAt + tokenLifetimeMs(result.expiresIn, tokens),
  };
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
  if (typeof obtainedAt !== 'number' || typeof expiresAt !== 'number' || !Number.isFinite(obtainedAt) || !(expiresAt > obtainedAt)) return undefined;
  // A lifetime Cognito never gives means the entry was edited: do not trust its tokens or its refresh token.
  if (expiresAt - obtainedAt > MAX_TOKEN_LIFETIME_MS + ROUNDING_MS) return undefined;
  const tokens: CachedTokens = { key: value['key'], idToken, accessToken, refreshToken, obtainedAt, expiresAt };
  // An unknown value is only a lost hint: the next refresh learns the API again.
  if (typeof value['refreshWith'] === 'string' && REFRESH_APIS.includes(value['refreshWith'])) tokens.refreshWith = value['refreshWith'] as RefreshApi;
  if (!tokensBelongTo(tokens, settings)) return undefined;
  const jwtLifetime = shortestJwtLifetimeMs(tokens);
  if (jwtLifetime === 'implausible') return undefined;
  // The entry may not outlive its own tokens (an entry written from ExpiresIn while the ID token is shorter-lived).
  if (jwtLifetime !== undefined && expiresAt > obtainedAt + jwtLifetime) tokens.expiresAt = obtainedAt + jwtLifetime;
  return tokens;
}

function cachedJwts(tokens: CachedTokens): string[] {
  return tokens.idToken !== undefined ? [tokens.idToken, tokens.accessToken] : [tokens.accessToken];
}

/** exp - iat of the shortest-lived cached token; 'implausible' beyond Cognito's 24 h; undefined without the claims. */
function shortestJwtLifetimeMs(tokens: CachedTokens): number | 'implausible' | undefined {
  let shortest: number | undefined;
  for (const token of cachedJwts(tokens)) {
    const claims = claimsOf(token);
    const exp = numericClaim(claims, 'exp');
    const iat = numericClaim(claims, 'iat') ?? numericClaim(claims, 'auth_time');
    if (exp === undefined || iat === undefined) continue;
    const lifetime = (exp - iat) * 1000;
    if (lifetime <= 0 || lifetime > MAX_TOKEN_LIFETIME_MS + ROUNDING_MS) return 'implausible';
    shortest = shortest === undefined ? lifetime : Math.min(shortest, lifetime);
  }
  return shortest;
}

/** The earliest `exp` (ms, Cognito's clock) of the cached tokens; undefined when none has one. */
export function earliestExpMs(tokens: CachedTokens): number | undefined {
  let earliest: number | undefined;
  for (const token of cachedJwts(tokens)) {
    let exp: number | undefined;
    try {
      exp = numericClaim(claimsOf(token), 'exp');
    } catch {
      exp = undefined;
    }
    if (exp !== undefined) earliest = earliest === undefined ? exp * 1000 : Math.min(earliest, exp * 1000);
  }
  return earliest;
}

/** Checks the cached JWTs were issued to this app client (and user): a copied or edited cache is not trusted. */
export function tokensBelongTo(tokens: CachedTokens, settings: Settings): boolean {
  try {
    const access = claimsOf(tokens.accessToken);
    if (stringClaim(access, 'client_id') !== settings.clientId) return false;
    if (tokens.idToken !== undefined) {
      const id = claimsOf(tokens.idToken);
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
 * Lifetime in ms of fresh tokens, measured from receipt on the local clock, so it needs no clock
 * agreement with AWS: the shortest of Cognito's ExpiresIn (the access token's) and each JWT's own
 * exp - iat (the ID token may be shorter-lived than the access token), at most 24 h.
 * Throws TOKEN_INVALID when a token is not a readable JWT, so unusable tokens are never cached.
 */
export function tokenLifetimeMs(expiresIn: unknown, tokens: string[]): number {
  let lifetime = Infinity;
  if (typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0) lifetime = expiresIn * 1000;
  for (const token of tokens) {
    const claims = decodeJwtClaims(token);
    const exp = numericClaim(claims, 'exp');
    const iat = numericClaim(claims, 'iat') ?? numericClaim(claims, 'auth_time');
    if (exp !== undefined && iat !== undefined && exp > iat) lifetime = Math.min(lifetime, (exp - iat) * 1000);
  }
  // Without any usable claim, assume Cognito's shortest allowed lifetime: five minutes.
  return Number.isFinite(lifetime) ? Math.min(lifetime, MAX_TOKEN_LIFETIME_MS) : 300_000;
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
  // The tokens' own exp is an upper bound whatever the entry says (an entry written on a machine whose
  // clock ran ahead, or edited by hand). Only beyond the allowance: a clock a little ahead must not make
  // every request refresh.
  const exp = earliestExpMs(entry);
  if (exp !== undefined && nowMs > exp + CLOCK_SKEW_ALLOWANCE_MS) {
    const reason = 'the token\'s own exp passed ' + Math.round((nowMs - exp) / 60_000) + ' min ago on this machine\'s clock (if this repeats on every request, this clock is ahead of Cognito\'s)';
    return entry.refreshToken !== undefined ? { action: 'refresh', tokens: entry, reason } : { action: 'sign-in', reason };
  }
  if (nowMs < entry.expiresAt - margin) return { action: 'use', tokens: entry };
  if (entry.refreshToken !== undefined) return { action: 'refresh', tokens: entry, reason: 'the token expires soon' };
  return { action: 'sign-in', reason: 'the token expires soon and there is no refresh token' };
}
