// SECRET_HASH = Base64(HMAC-SHA256(client secret, username + client id)), as Cognito documents it.

import { base64Encode } from './bytes';
import type { Settings } from './settings';
import { hmacSha256 } from './sha256';

export const secretHash = (username: string, clientId: string, clientSecret: string): string => base64Encode(hmacSha256(clientSecret, username + clientId));

/** Adds SECRET_HASH to a request's parameters when the app client has a secret; `username` is Cognito's own name for the user. */
export const withSecretHash = (settings: Settings, params: Record<string, string>, username: string): Record<string, string> => {
  if (settings.clientSecret !== undefined) params['SECRET_HASH'] = secretHash(username, settings.clientId, settings.clientSecret);
  return params;
};
