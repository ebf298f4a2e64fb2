// Refreshing: REFRESH_TOKEN_AUTH (with SECRET_HASH) and GetTokensFromRefreshToken (raw ClientSecret, rotation).

import { awsErrors } from './aws-errors';
import { checkSecretHash, missingSecret } from './client-rules';
import { opaqueRefreshToken } from './jwt-issuer';
import type { ClientRecord, JsonObject, RefreshRecord, UserRecord } from './records';
import { asObject, optionalString, requiredParam, requiredString } from './request-fields';
import { safeEqual } from './secret-hash';
import { tokens } from './sign-in-result';
import type { StrictUserPool } from './user-pool';

export function refresh(pool: StrictUserPool, client: ClientRecord, params: Record<string, string>): JsonObject {
  const token = requiredParam(params, 'REFRESH_TOKEN');
  const record = pool.refreshTokens.get(token);
  if (record === undefined || record.clientId !== client.clientId) {
    // The hash cannot be checked without knowing the user; a missing one is still reported first.
    if (client.secrets.length > 0 && params['SECRET_HASH'] === undefined) throw missingSecret(client);
    throw awsErrors.invalidRefreshToken();
  }
  checkSecretHash(client, record.username, params['SECRET_HASH']);
  const user = usableRefresh(pool, record);
  return { AuthenticationResult: tokens(pool, user, client, record), ChallengeParameters: {} };
}

/** The user a refresh token may still refresh, refused when it was revoked or has expired. */
export function usableRefresh(pool: StrictUserPool, record: RefreshRecord): UserRecord {
  if (record.revoked) throw awsErrors.revokedRefreshToken();
  if (pool.settings.nowMs() >= record.expiresAt) throw awsErrors.expiredRefreshToken();
  const user = pool.users.get(record.username);
  if (user === undefined) throw awsErrors.invalidRefreshToken();
  return user;
}

/**
 * Refresh with the raw ClientSecret (not a SECRET_HASH). Works on every client; a rotating client also returns a
 * new refresh token, and the one presented is rotated out: valid for the grace period, then RefreshTokenReuseException.
 * The new token expires when the one it replaces would have (KensioSoftware/yulin#842; oidc-client-ts#2039 reports
 * the same of Cognito's hosted refresh grant). DeviceKey and ClientMetadata are accepted and not used.
 */
export function getTokensFromRefreshToken(pool: StrictUserPool, body: unknown): JsonObject {
  const input = asObject(body);
  const clientId = requiredString(input, 'ClientId', 'clientId');
  const token = requiredString(input, 'RefreshToken', 'refreshToken');
  const clientSecret = optionalString(input, 'ClientSecret');
  optionalString(input, 'DeviceKey');
  const client = pool.clients.get(clientId);
  if (client === undefined) throw awsErrors.clientNotFound(clientId);
  // The secret is checked before the token is looked at (as stackd's Cognito emulator does); a public client ignores one.
  if (client.secrets.length > 0) {
    if (clientSecret === undefined || clientSecret === '') throw awsErrors.missingSecretForSecret(client.clientId);
    if (!client.secrets.some((secret) => safeEqual(clientSecret, secret))) throw awsErrors.badSecretHash(client.clientId);
  }
  const record = pool.refreshTokens.get(token);
  if (record === undefined || record.clientId !== client.clientId) throw awsErrors.invalidRefreshToken();
  const user = usableRefresh(pool, record);
  if (client.rotationGraceMs === undefined) return { AuthenticationResult: tokens(pool, user, client, record) };
  const now = pool.settings.nowMs();
  if (record.rotatedAt !== undefined && now >= record.rotatedAt + client.rotationGraceMs) throw awsErrors.refreshTokenReuse();
  record.rotatedAt ??= now;
  const result = tokens(pool, user, client, record);
  const successor = opaqueRefreshToken();
  pool.refreshTokens.set(successor, { ...record, rotatedAt: undefined, revoked: false });
  result['RefreshToken'] = successor;
  return { AuthenticationResult: result };
}
