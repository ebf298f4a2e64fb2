// Gives valid AWS credentials for one identity-pool identity: from the cache, by renewing them, or after GetId.

import { authenticate } from '../authenticate';
import { BadResponseError, PmCognitoError } from '../errors';
import { credentialsKey, credentialsVariable, decideCredentials, MAX_CREDENTIALS_LIFETIME_MS, parseCredentials, serialiseCredentials, type CachedCredentials } from './cache';
import { getCredentials, getIdentityId, identityService, type Logins } from './client';
import { readIdentityPoolSettings, userPoolProvider, type IdentityPoolSettings } from './settings';
import { readSettings, variableName, type Settings, type VariableLookup } from '../settings';
import type { Host } from '../transport';

export type CredentialsSource = 'cache' | 'renew' | 'get-id';

/** A signed-in identity: its settings, and its ID token when a call needs one (from the token cache, so usually no sign-in). */
export interface IdentityUser {
  settings: Settings;
  idToken(): Promise<string>;
}

export interface ProvidedCredentials {
  credentials: CachedCredentials;
  source: CredentialsSource;
}

/** Answers after which a fresh GetId may help: the cached identity is gone or is not this user's. */
function identityLost(error: unknown): boolean {
  return error instanceof PmCognitoError && (
    (error.cognitoType === 'ResourceNotFoundException' && error.code === 'COGNITO_RESOURCE_NOT_FOUND')
    || (error.cognitoType === 'NotAuthorizedException' && error.code === 'COGNITO_NOT_AUTHORIZED' && !error.retryable));
}

export async function identityCredentials(host: Host, pool: IdentityPoolSettings, user: IdentityUser | undefined): Promise<ProvidedCredentials> {
  const key = credentialsKey(pool, user?.settings);
  const variable = credentialsVariable(key);
  const decision = decideCredentials(parseCredentials(host.store.get(variable), key), host.now(), pool.refreshMarginSeconds);
  const debug = (text: string) => { if (pool.debug) host.log('pm-cognito' + (pool.identity ? ' [' + pool.identity + ']' : '') + ': ' + text); };
  if (decision.action === 'use') {
    debug('using cached AWS credentials (valid for ' + Math.round((decision.credentials.expiresAt - host.now()) / 1000) + ' s more)');
    return { credentials: decision.credentials, source: 'cache' };
  }
  debug((decision.action === 'renew' ? 'renewing AWS credentials: ' : 'getting an identity-pool identity: ') + decision.reason);

  const service = identityService(pool, user?.settings);
  let logins: Logins;
  if (user !== undefined) logins = { [userPoolProvider(user.settings)]: await user.idToken() };
  let identityId = decision.action === 'renew' ? decision.identityId : undefined;
  let source: CredentialsSource = 'renew';
  let issued;
  if (identityId !== undefined) {
    try {
      issued = await getCredentials(host, service, identityId, logins);
    } catch (error) {
      if (!identityLost(error)) throw error;
      debug('the cached identity was refused, getting it again');
      identityId = undefined;
    }
  }
  if (issued === undefined) {
    source = 'get-id';
    identityId = await getIdentityId(host, service, pool.identityPoolId, logins);
    issued = await getCredentials(host, service, identityId, logins);
  }
  const obtainedAt = host.now();
  const lifetime = issued.expiration - obtainedAt;
  if (lifetime <= 0 || lifetime > MAX_CREDENTIALS_LIFETIME_MS + 5 * 60_000) {
    throw new BadResponseError('COGNITO_BAD_RESPONSE', 'Cognito Identity gave credentials that expire ' + new Date(issued.expiration).toISOString() + ', ' + Math.round(lifetime / 60_000) + ' min from now on this machine\'s clock: check that this clock is right (AWS also refuses signatures more than 5 minutes off)', { identity: pool.identity });
  }
  const credentials: CachedCredentials = {
    key,
    identityId: issued.identityId,
    accessKeyId: issued.accessKeyId,
    secretAccessKey: issued.secretAccessKey,
    sessionToken: issued.sessionToken,
    obtainedAt,
    expiresAt: Math.min(issued.expiration, obtainedAt + MAX_CREDENTIALS_LIFETIME_MS),
  };
  host.store.set(variable, serialiseCredentials(credentials));
  return { credentials, source };
}

/** A signed-in identity whose ID token comes from the token cache (a sign-in or refresh only when it is due). */
export function cachedTokenUser(host: Host, settings: Settings): IdentityUser {
  return {
    settings,
    idToken: async () => {
      const { tokens } = await authenticate(host, settings);
      if (tokens.idToken === undefined) {
        throw new BadResponseError('COGNITO_BAD_RESPONSE', 'the sign-in of user "' + settings.username + '" gave no ID token, which the identity pool needs: check ' + variableName('authFlow', settings.identity), { identity: settings.identity, setting: variableName('authFlow', settings.identity) });
      }
      return tokens.idToken;
    },
  };
}

/** One identity's settings for AWS credentials: the identity-pool ones, and the user's unless it is a guest. */
export function readCredentialsSettings(lookup: VariableLookup, identity: string): { pool: IdentityPoolSettings; user: Settings | undefined } {
  // The identity-pool settings first: whether this is a guest decides whether user settings are needed at all.
  const poolOnly = readIdentityPoolSettings(lookup, identity, undefined);
  const user = poolOnly.guest ? undefined : readSettings(lookup, identity);
  return { pool: user === undefined ? poolOnly : readIdentityPoolSettings(lookup, identity, user), user };
}

/**
 * Reads one identity's settings (a guest needs only the identity-pool ones) and gives its credentials. The adapters
 * (Postman script, CLI and `pm-cognito run`'s up-front step) call this with their own host and variable lookup.
 */
export async function credentialsForIdentity(host: Host, lookup: VariableLookup, identity: string): Promise<ProvidedCredentials & { pool: IdentityPoolSettings; user: Settings | undefined }> {
  const { pool, user } = readCredentialsSettings(lookup, identity);
  const provided = await identityCredentials(host, pool, user === undefined ? undefined : cachedTokenUser(host, user));
  return { ...provided, pool, user };
}
