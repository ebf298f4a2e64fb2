// SECRET_HASH = Base64(HMAC-SHA256(client secret, username + client id)), as Cognito documents it.

import { base64Encode } from './bytes';
import { hmacSha256 } from './sha256';

export function secretHash(username: string, clientId: string, clientSecret: string): string {
  return base64Encode(hmacSha256(clientSecret, username + clientId));
}
