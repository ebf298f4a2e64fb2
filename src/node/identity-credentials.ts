// Gets one identity's identity-pool credentials in Node with the run's variables, for `pm-cognito token --aws-credentials`.

import { credentialsForIdentity } from '../core/identity-pool/credentials';
import type { CachedCredentials } from '../core/identity-pool/cache';
import { mapStore, nodeHost } from './host';
import { settingLookup } from './pre-authenticate';
import type { Variables } from './run-variables';

export async function identityPoolCredentials(variables: Variables, identity: string, store = mapStore()): Promise<CachedCredentials> {
  const { credentials } = await credentialsForIdentity(nodeHost({ store }), settingLookup(variables), identity);
  return credentials;
}

/** Single-quoted for sh/bash/zsh: the secret key and session token may hold `/`, `+` and `=`. */
function shellQuote(value: string): string {
  return "'" + value.replace(/'/g, "'\\''") + "'";
}

/** `export AWS_ACCESS_KEY_ID=...` lines for `eval "$(pm-cognito token --aws-credentials ...)"`. */
export function exportLines(credentials: CachedCredentials): string {
  return [
    ['AWS_ACCESS_KEY_ID', credentials.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey],
    ['AWS_SESSION_TOKEN', credentials.sessionToken],
    // Read by the AWS SDKs' environment provider, so they know when to ask again.
    ['AWS_CREDENTIAL_EXPIRATION', new Date(credentials.expiresAt).toISOString()],
  ].map(([name, value]) => 'export ' + name + '=' + shellQuote(value!) + '\n').join('');
}

/** What a `credential_process` must print (AWS CLI and SDKs): Version 1, the keys, and Expiration in ISO 8601. */
export function credentialProcessJson(credentials: CachedCredentials): string {
  return JSON.stringify({
    Version: 1,
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    SessionToken: credentials.sessionToken,
    Expiration: new Date(credentials.expiresAt).toISOString(),
  }, null, 2) + '\n';
}
