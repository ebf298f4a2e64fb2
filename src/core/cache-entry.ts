// One identity's cached tokens: the entry's shape, its variable name, and writing and reading it without trusting it.

import { hexEncode } from './bytes';
import { readJwtClaims, stringClaim, type JwtClaims } from './jwt-claims';
import { isRecord, safeJsonParse } from './safe-json';
import type { Settings } from './settings';
import { sha256 } from './sha256';
import type { AuthResult } from './sign-in/auth-result';
import { jwtTimes, MAX_TOKEN_LIFETIME_MS, plausibleLifetime, ROUNDING_MS, tokenLifetimeMs } from './token-times';

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
   * The refresh API this app client answered last (learned, see sign-in/refresh-flow.ts): kept so later refreshes
   * make one call. Absent until the first refresh.
   */
  refreshWith?: RefreshApi;
  /** The earliest `exp` (ms, Cognito's clock) of the tokens, read once by parseCache; never stored. */
  jwtExpMs?: number;
}

/** Cognito's two ways to refresh: GetTokensFromRefreshToken (any client; required with rotation) and InitiateAuth REFRESH_TOKEN_AUTH. */
export type RefreshApi = 'GetTokensFromRefreshToken' | 'REFRESH_TOKEN_AUTH';
const REFRESH_APIS: readonly string[] = ['GetTokensFromRefreshToken', 'REFRESH_TOKEN_AUTH'];

/** Everything that makes two identities different: endpoint, pool, client, user and flow. */
export const cacheKey = (settings: Settings): string => {
  const user = settings.authFlow === 'CLIENT_CREDENTIALS' ? 'scopes:' + (settings.scopes ?? '') : settings.username;
  const endpoint = settings.authFlow === 'CLIENT_CREDENTIALS' ? settings.oauthTokenUrl ?? '' : settings.endpoint;
  return JSON.stringify([endpoint, settings.userPoolId ?? '', settings.clientId, user, settings.authFlow]);
};

/** How every token cache variable's name starts (`pm-cognito run` hands them from suite to suite by it). */
export const CACHE_VARIABLE_PREFIX = 'pm_cognito_cache_';

/** Collection variable holding one identity's cache; derived from the key so identities never share. */
export const cacheVariable = (key: string): string => CACHE_VARIABLE_PREFIX + hexEncode(sha256(key)).slice(0, 16);

/** The cache entry for a fresh answer: its lifetime from receipt on the local clock (token-times.ts). */
export const toCachedTokens = (result: AuthResult, key: string, receivedAt: number, previousRefresh?: string): CachedTokens => {
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
};

export const serialiseCache = (tokens: CachedTokens): string => {
  const { jwtExpMs: _readBack, ...stored } = tokens;
  return JSON.stringify({ v: 1, ...stored });
};

/** Reads a cached entry; anything malformed, tampered with or of another identity gives undefined. */
export const parseCache = (text: string | undefined, settings: Settings): CachedTokens | undefined => {
  const read = readEntry(text);
  if (read === undefined || read.tokens.key !== cacheKey(settings) || !claimsBelongTo(read.access, read.id, settings)) return undefined;
  return read.tokens;
};

/**
 * Reads an entry from its stored text without asking whose it is (the key and the tokens' client and user are
 * parseCache's checks): for the fast path, which serves only text whose checksum matches text parseCache accepted
 * under the same settings. Malformed or implausible entries give undefined, as in parseCache.
 */
export const readCacheEntry = (text: string | undefined): CachedTokens | undefined => readEntry(text)?.tokens;

/** The entry and its tokens' claims (decoded once), or undefined when anything about it is malformed or implausible. */
const readEntry = (text: string | undefined): { tokens: CachedTokens; access: JwtClaims; id: JwtClaims | undefined } | undefined => {
  if (text === undefined || text === '') return undefined;
  const value = safeJsonParse(text);
  if (!isRecord(value) || value['v'] !== 1 || typeof value['key'] !== 'string') return undefined;
  const { idToken, accessToken, refreshToken, obtainedAt, expiresAt } = value;
  if (typeof accessToken !== 'string' || accessToken === '') return undefined;
  if (idToken !== undefined && typeof idToken !== 'string') return undefined;
  if (refreshToken !== undefined && typeof refreshToken !== 'string') return undefined;
  // NaN or +Infinity fails `>`; -Infinity, the lifetime check below.
  if (typeof obtainedAt !== 'number' || typeof expiresAt !== 'number' || !(expiresAt > obtainedAt)) return undefined;
  // A lifetime Cognito never gives means the entry was edited: do not trust its tokens or its refresh token.
  if (expiresAt - obtainedAt > MAX_TOKEN_LIFETIME_MS + ROUNDING_MS) return undefined;
  const tokens: CachedTokens = { key: value['key'], idToken, accessToken, refreshToken, obtainedAt, expiresAt };
  // An unknown value is only a lost hint: the next refresh learns the API again.
  if (typeof value['refreshWith'] === 'string' && REFRESH_APIS.includes(value['refreshWith'])) tokens.refreshWith = value['refreshWith'] as RefreshApi;

  // Each token's claims are decoded once here; an unreadable token makes the whole entry untrusted.
  const access = readJwtClaims(accessToken);
  const id = idToken === undefined ? undefined : readJwtClaims(idToken);
  if (access === undefined || (idToken !== undefined && id === undefined)) return undefined;
  let shortest: number | undefined;
  for (const claims of id === undefined ? [access] : [id, access]) {
    const { expMs, lifetimeMs } = jwtTimes(claims);
    if (expMs !== undefined) tokens.jwtExpMs = Math.min(tokens.jwtExpMs ?? expMs, expMs);
    if (lifetimeMs === undefined) continue;
    if (!plausibleLifetime(lifetimeMs)) return undefined;
    shortest = Math.min(shortest ?? lifetimeMs, lifetimeMs);
  }
  // The entry may not outlive its own tokens (an entry written from ExpiresIn while the ID token is shorter-lived).
  if (shortest !== undefined && expiresAt > obtainedAt + shortest) tokens.expiresAt = obtainedAt + shortest;
  return { tokens, access, id };
};

/**
 * The stored entry without its refresh token, for a suite that must not present it (an entry that does not
 * parse as JSON is given back as is: the script ignores it anyway). Other fields are kept as they are.
 */
export const withoutRefreshToken = (text: string): string => {
  const value = safeJsonParse(text);
  if (!isRecord(value)) return text;
  const copy = { ...value };
  delete copy['refreshToken'];
  return JSON.stringify(copy);
};

/** Whether the cached JWTs were issued to this app client (and user): a copied or edited cache is not trusted. */
const claimsBelongTo = (access: JwtClaims, id: JwtClaims | undefined, settings: Settings): boolean => {
  if (stringClaim(access, 'client_id') !== settings.clientId) return false;
  if (id !== undefined) return stringClaim(id, 'aud') === settings.clientId && matchesUser(id, settings.username);
  return settings.authFlow === 'CLIENT_CREDENTIALS' || matchesUser(access, settings.username);
};

const matchesUser = (claims: JwtClaims, username: string): boolean => {
  const wanted = username.toLowerCase();
  return ['cognito:username', 'username', 'email', 'phone_number', 'preferred_username', 'sub']
    .some((name) => stringClaim(claims, name)?.toLowerCase() === wanted);
};
