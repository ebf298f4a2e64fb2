// Refreshes tokens with whichever API the app client takes, learning it once so that each refresh is one Cognito call.

import { callCognito } from '../cognito-client';
import { PmCognitoError } from '../errors';
import { decodeJwtClaims, stringClaim } from '../jwt-claims';
import { withSecretHash } from '../secret-hash';
import type { Settings } from '../settings';
import type { CachedTokens, RefreshApi } from '../cache-entry';
import { debugLog, type Host } from '../transport';
import { parseAuthenticationResult, type AuthResult } from './auth-result';

/**
 * Which API to try when the cache has not learned one yet. GetTokensFromRefreshToken works on every app client
 * (AWS's RefreshTokenRotationType reference; Amplify JS switched to it, amplify-js#14427) and is the only one a
 * rotating client takes, so trying it first costs one call on both kinds of client against AWS. REFRESH_TOKEN_AUTH
 * first would cost two calls on the first refresh of every run on a rotating client (refused, then the other API).
 * Only endpoints without GetTokensFromRefreshToken (cognito-local 5.3.0, older emulators) pay the extra call, once.
 * `npm run bench` measures both orders.
 */
export const FIRST_REFRESH_API: RefreshApi = 'GetTokensFromRefreshToken';

export interface Refreshed {
  result: AuthResult;
  /** The API that answered: stored in the cache entry so the next refresh goes straight to it. */
  refreshWith: RefreshApi;
}

/** Error types that mean "this endpoint does not offer the operation", not "your refresh token is bad". */
const NOT_OFFERED = new Set(['UnknownOperationException', 'Unsupported', 'UnsupportedOperationException', 'InvalidAction', 'UnknownOperation']);

const notOffered = (error: unknown): boolean => error instanceof PmCognitoError && error.cognitoType !== undefined && NOT_OFFERED.has(error.cognitoType);

/** REFRESH_TOKEN_AUTH refused because the client rotates refresh tokens (or has ALLOW_REFRESH_TOKEN_AUTH off). */
const refreshFlowRefused = (error: unknown): boolean => {
  return error instanceof PmCognitoError
    && (error.cognitoType === 'InvalidParameterException' || error.cognitoType === 'NotAuthorizedException')
    && /REFRESH_TOKEN|rotation/.test(error.cognitoMessage ?? '');
};

/**
 * Gets new tokens with the cached refresh token: one call with the API the cache learned, or with
 * FIRST_REFRESH_API; a second call only when that API is not offered or the client refuses it, and the answer
 * says which API to remember (`learn` hears it as soon as the first API is ruled out). A refused refresh token (expired, revoked, already rotated) is thrown: the caller
 * signs in again, once.
 */
export const refresh = async (host: Host, settings: Settings, tokens: CachedTokens, learn?: (api: RefreshApi) => void): Promise<Refreshed> => {
  const first = tokens.refreshWith ?? FIRST_REFRESH_API;
  try {
    return await refreshWith(host, settings, tokens, first);
  } catch (error) {
    const other: RefreshApi = first === 'GetTokensFromRefreshToken' ? 'REFRESH_TOKEN_AUTH' : 'GetTokensFromRefreshToken';
    const switchApi = first === 'GetTokensFromRefreshToken' ? notOffered(error) : refreshFlowRefused(error) || notOffered(error);
    if (!switchApi) throw error;
    debugLog(host, settings, first + ' is not available for this app client, refreshing with ' + other);
    // Known now, even if the other API then refuses this refresh token: the fresh sign-in's entry keeps it (issue 20, S7).
    learn?.(other);
    return refreshWith(host, settings, tokens, other);
  }
};

const refreshWith = async (host: Host, settings: Settings, tokens: CachedTokens, api: RefreshApi): Promise<Refreshed> => {
  const refreshToken = tokens.refreshToken ?? '';
  if (api === 'GetTokensFromRefreshToken') {
    // The raw client secret, not a SECRET_HASH (API reference of GetTokensFromRefreshToken).
    const request: Record<string, unknown> = { ClientId: settings.clientId, RefreshToken: refreshToken };
    if (settings.clientSecret !== undefined) request['ClientSecret'] = settings.clientSecret;
    // Never retried: a retry of a call whose answer was lost would present a rotated-out refresh token again.
    const response = await callCognito(host, settings, 'GetTokensFromRefreshToken', request, { retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
    return { result: parseAuthenticationResult(response['AuthenticationResult'], settings, 'GetTokensFromRefreshToken', false), refreshWith: api };
  }
  const params: Record<string, string> = { REFRESH_TOKEN: refreshToken };
  if (settings.clientSecret !== undefined) {
    // Cognito hashes the user's own username here, which can differ from the alias used to sign in.
    const claims = decodeJwtClaims(tokens.accessToken);
    const username = stringClaim(claims, 'username') ?? stringClaim(claims, 'sub') ?? settings.username;
    withSecretHash(settings, params, username);
  }
  const response = await callCognito(host, settings, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: settings.clientId, AuthParameters: params });
  return { result: parseAuthenticationResult(response['AuthenticationResult'], settings, 'InitiateAuth (refresh)', false), refreshWith: api };
};
