// What a proven step leads to: the next challenge (with its Session) or Cognito-shaped tokens.

import { randomBytes, randomUUID } from 'node:crypto';
import { opaqueRefreshToken } from './jwt-issuer';
import type { ClientRecord, JsonObject, RefreshRecord, UserRecord } from './records';
import type { StrictUserPool } from './user-pool';

/** After a proven step: the next challenge the user owes, or tokens. */
export function continueSignIn(pool: StrictUserPool, user: UserRecord, client: ClientRecord, after: 'password' | 'new-password' | 'mfa'): JsonObject {
  if (after === 'password' && user.status === 'FORCE_CHANGE_PASSWORD') return challenge(pool, user, client, 'NEW_PASSWORD_REQUIRED');
  if (after !== 'mfa') {
    if (user.challenge !== undefined) return challenge(pool, user, client, user.challenge);
    if (user.totpKey !== undefined) return challenge(pool, user, client, 'SOFTWARE_TOKEN_MFA');
  }
  return { AuthenticationResult: tokens(pool, user, client, undefined), ChallengeParameters: {} };
}

/** A challenge Session, valid for sessionSeconds, for this user, client and challenge. */
export function newSession(pool: StrictUserPool, user: UserRecord, client: ClientRecord, challengeName: string): string {
  const session = randomBytes(600).toString('base64url');
  const missing = user.requiredAttributes.filter((name) => !(name in user.attributes));
  pool.sessions.set(session, {
    challengeName,
    username: user.username,
    clientId: client.clientId,
    expiresAt: pool.settings.nowMs() + pool.sessionMs,
    requiredAttributes: challengeName === 'NEW_PASSWORD_REQUIRED' ? missing : [],
  });
  return session;
}

export function challenge(pool: StrictUserPool, user: UserRecord, client: ClientRecord, challengeName: string): JsonObject {
  const session = newSession(pool, user, client, challengeName);
  const missing = user.requiredAttributes.filter((name) => !(name in user.attributes));
  const parameters: Record<string, string> = { USER_ID_FOR_SRP: user.username };
  switch (challengeName) {
    case 'NEW_PASSWORD_REQUIRED':
      parameters['userAttributes'] = JSON.stringify(user.attributes);
      parameters['requiredAttributes'] = JSON.stringify(missing.map((name) => `userAttributes.${name}`));
      break;
    case 'SMS_MFA':
      parameters['CODE_DELIVERY_DELIVERY_MEDIUM'] = 'SMS';
      parameters['CODE_DELIVERY_DESTINATION'] = '+*******0100';
      break;
    case 'EMAIL_OTP':
      parameters['CODE_DELIVERY_DELIVERY_MEDIUM'] = 'EMAIL';
      parameters['CODE_DELIVERY_DESTINATION'] = 'u***@e***';
      break;
    case 'SMS_OTP':
      parameters['CODE_DELIVERY_DELIVERY_MEDIUM'] = 'SMS';
      parameters['CODE_DELIVERY_DESTINATION'] = '+*******0100';
      break;
    case 'WEB_AUTHN':
      parameters['CREDENTIAL_REQUEST_OPTIONS'] = JSON.stringify({ challenge: randomBytes(32).toString('base64url'), timeout: 180000, rpId: 'example.com', userVerification: 'required' });
      break;
    case 'MFA_SETUP':
      parameters['MFAS_CAN_SETUP'] = '["SMS_MFA","SOFTWARE_TOKEN_MFA"]';
      break;
    case 'SELECT_MFA_TYPE':
      parameters['MFAS_CAN_CHOOSE'] = '["SMS_MFA","SOFTWARE_TOKEN_MFA"]';
      break;
    case 'CUSTOM_CHALLENGE':
      parameters['USERNAME'] = user.username;
      break;
    default:
      break;
  }
  return { ChallengeName: challengeName, Session: session, ChallengeParameters: parameters };
}

/** ID and access tokens (and a refresh token on a fresh sign-in) with Cognito's claims. */
export function tokens(pool: StrictUserPool, user: UserRecord, client: ClientRecord, refreshed: RefreshRecord | undefined): JsonObject {
  const nowMs = pool.settings.nowMs();
  const now = Math.floor(nowMs / 1000);
  const originJti = refreshed?.originJti ?? randomUUID();
  const eventId = refreshed?.eventId ?? randomUUID();
  const authTime = refreshed?.authTime ?? now;
  const groups = user.groups.length > 0 ? { 'cognito:groups': [...user.groups] } : {};
  const idClaims: Record<string, unknown> = {
    sub: user.sub,
    ...groups,
    ...attributeClaims(user.attributes),
    iss: pool.settings.issuer,
    'cognito:username': user.username,
    origin_jti: originJti,
    aud: client.clientId,
    event_id: eventId,
    token_use: 'id',
    auth_time: authTime,
    exp: now + pool.idTokenSeconds,
    iat: now,
    jti: randomUUID(),
  };
  const accessClaims: Record<string, unknown> = {
    sub: user.sub,
    ...groups,
    iss: pool.settings.issuer,
    client_id: client.clientId,
    origin_jti: originJti,
    event_id: eventId,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: authTime,
    exp: now + pool.accessTokenSeconds,
    iat: now,
    jti: randomUUID(),
    username: user.username,
  };
  const result: JsonObject = {
    AccessToken: pool.settings.issuerKeys.sign(accessClaims),
    ExpiresIn: pool.accessTokenSeconds,
    TokenType: 'Bearer',
    IdToken: pool.settings.issuerKeys.sign(idClaims),
  };
  if (refreshed === undefined) {
    const refreshToken = opaqueRefreshToken();
    pool.refreshTokens.set(refreshToken, {
      clientId: client.clientId,
      username: user.username,
      originJti,
      eventId,
      authTime,
      expiresAt: nowMs + pool.refreshTokenSeconds * 1000,
      revoked: false,
    });
    result['RefreshToken'] = refreshToken;
  }
  return result;
}


function attributeClaims(attributes: Readonly<Record<string, string>>): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(attributes)) {
    claims[name] = name.endsWith('_verified') && (value === 'true' || value === 'false') ? value === 'true' : value;
  }
  return claims;
}
