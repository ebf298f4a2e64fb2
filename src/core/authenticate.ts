// Gives a valid token set for one identity: from the cache, by refreshing, or by signing in.

import { PmCognitoError, TokenError } from './errors';
import { variableName, type Settings } from './settings';
import { refresh } from './sign-in/refresh-flow';
import { signIn } from './sign-in/sign-in';
import { cacheKey, cacheVariable, parseCache, serialiseCache, toCachedTokens, type CachedTokens } from './cache-entry';
import { decide } from './cache-policy';
import { rememberSecrets } from './redact';
import { debugLog, type Host } from './transport';

export type TokenSource = 'cache' | 'refresh' | 'sign-in';

export interface Authenticated {
  tokens: CachedTokens;
  source: TokenSource;
}

export const authenticate = async (host: Host, settings: Settings): Promise<Authenticated> => {
  const key = cacheKey(settings);
  const variable = cacheVariable(key);
  const cached = parseCache(host.store.get(variable), settings);
  const decision = decide(cached, host.now(), settings.refreshMarginSeconds);
  if (cached) rememberSecrets([cached.refreshToken, cached.idToken, cached.accessToken]);
  const debug = (text: string) => debugLog(host, settings, text);

  if (decision.action === 'use') {
    debug('using the cached token (valid for ' + Math.round((decision.tokens.expiresAt - host.now()) / 1000) + ' s more)');
    return { tokens: decision.tokens, source: 'cache' };
  }

  let learnedNow: CachedTokens['refreshWith'];
  if (decision.action === 'refresh') {
    debug('refreshing: ' + decision.reason);
    try {
      const { result, refreshWith } = await refresh(host, settings, decision.tokens, (api) => { learnedNow = api; });
      const tokens = toCachedTokens(result, key, host.now(), decision.tokens.refreshToken);
      tokens.refreshWith = refreshWith;
      // Stored before anything else runs: a rotated-out refresh token must never be presented again.
      host.store.set(variable, serialiseCache(tokens));
      return { tokens, source: 'refresh' };
    } catch (error) {
      // Any refresh failure (expired, revoked or reused refresh token, a changed client) gets one fresh sign-in.
      debug('refresh failed (' + (error instanceof PmCognitoError ? error.code : 'error') + '), signing in again');
    }
  } else {
    debug('signing in: ' + decision.reason);
  }

  const result = await signIn(host, settings);
  const tokens = cachedFromAnswer(result, key, host.now(), settings);
  rememberSecrets([tokens.refreshToken, tokens.idToken, tokens.accessToken]);
  // What the app client's refresh API is does not change with a new sign-in.
  const learned = learnedNow ?? (decision.action === 'refresh' ? decision.tokens.refreshWith : cached?.refreshWith);
  if (learned !== undefined) tokens.refreshWith = learned;
  host.store.set(variable, serialiseCache(tokens));
  return { tokens, source: 'sign-in' };
};

/** toCachedTokens for a fresh sign-in, with an unreadable token reported for this identity's endpoint setting. */
const cachedFromAnswer = (result: Parameters<typeof toCachedTokens>[0], key: string, receivedAt: number, settings: Settings): CachedTokens => {
  try {
    return toCachedTokens(result, key, receivedAt);
  } catch (error) {
    throw error instanceof TokenError ? error.forIdentity(settings.identity, variableName('endpoint', settings.identity)) : error;
  }
};
