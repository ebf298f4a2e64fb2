// cognito-local accepts any SECRET_HASH (or none): this refuses what AWS refuses, with AWS's wordings, before a call reaches it.

import { createHmac, timingSafeEqual } from 'node:crypto';

/** An answer Cognito would give instead of the call's result: HTTP status, `__type` and message. */
export interface AwsRefusal {
  status: number;
  type: string;
  message: string;
}

export interface SecretHashClient {
  clientId: string;
  /** Undefined for a client without a secret: then a SECRET_HASH is refused as AWS refuses it. */
  clientSecret?: string;
}

export interface SecretHashUser {
  username: string;
  sub: string;
}

/** Where each operation carries the user's name and the SECRET_HASH (the API reference of each operation). */
const PLACES: Record<string, { params?: 'AuthParameters' | 'ChallengeResponses'; username: string; hash: string }> = {
  InitiateAuth: { params: 'AuthParameters', username: 'USERNAME', hash: 'SECRET_HASH' },
  AdminInitiateAuth: { params: 'AuthParameters', username: 'USERNAME', hash: 'SECRET_HASH' },
  RespondToAuthChallenge: { params: 'ChallengeResponses', username: 'USERNAME', hash: 'SECRET_HASH' },
  AdminRespondToAuthChallenge: { params: 'ChallengeResponses', username: 'USERNAME', hash: 'SECRET_HASH' },
  SignUp: { username: 'Username', hash: 'SecretHash' },
  ConfirmSignUp: { username: 'Username', hash: 'SecretHash' },
  ForgotPassword: { username: 'Username', hash: 'SecretHash' },
  ConfirmForgotPassword: { username: 'Username', hash: 'SecretHash' },
  ResendConfirmationCode: { username: 'Username', hash: 'SecretHash' },
};
const REFRESH_FLOWS = new Set(['REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN']);

const notAuthorized = (message: string): AwsRefusal => ({ status: 400, type: 'NotAuthorizedException', message });
// AWS has been seen with two wordings for a missing secret (docs/cognito-errors.md); this one also covers ClientSecret.
const missing = (clientId: string) => notAuthorized('Client ' + clientId + ' is configured for secret but secret was not received');
const wrong = (clientId: string) => notAuthorized('Unable to verify secret hash for client ' + clientId);
const unexpected = (clientId: string): AwsRefusal => ({
  status: 400, type: 'InvalidParameterException', message: 'App client ' + clientId + ' is not configured for secret but secret hash was received',
});

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

function hashOf(secret: string, username: string, clientId: string): string {
  return createHmac('sha256', secret).update(username + clientId, 'utf8').digest('base64');
}

/** `cognito:username` of a refresh token as cognito-local makes them (a JWT); undefined for anything else. */
function refreshTokenUser(token: unknown): string | undefined {
  if (typeof token !== 'string') return undefined;
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims = record(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    const name = claims?.['cognito:username'];
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A check for the counting proxy: `operation` is the X-Amz-Target's operation (`InitiateAuth`), `body` the request.
 * Calls for unknown clients, other operations and bodies that are not JSON pass: cognito-local answers them.
 */
export function secretHashCheck(clients: readonly SecretHashClient[], users: readonly SecretHashUser[]): (operation: string, body: Buffer) => AwsRefusal | undefined {
  const byId = new Map(clients.map((client) => [client.clientId, client]));
  const subs = new Map(users.map((user) => [user.username, user.sub]));
  return (operation, body) => {
    if (operation !== 'GetTokensFromRefreshToken' && PLACES[operation] === undefined) return undefined;
    let request: Record<string, unknown> | undefined;
    try {
      request = record(JSON.parse(body.toString('utf8')));
    } catch {
      return undefined;
    }
    const client = typeof request?.['ClientId'] === 'string' ? byId.get(request['ClientId']) : undefined;
    if (request === undefined || client === undefined) return undefined;
    const { clientId, clientSecret } = client;
    if (operation === 'GetTokensFromRefreshToken') {
      // This API takes the raw secret, not a hash.
      const given = request['ClientSecret'];
      if (clientSecret === undefined) return undefined;
      if (typeof given !== 'string' || given === '') return missing(clientId);
      return sameText(given, clientSecret) ? undefined : wrong(clientId);
    }
    const place = PLACES[operation]!;
    const params = place.params === undefined ? request : record(request[place.params]) ?? {};
    const given = params[place.hash];
    const hasHash = typeof given === 'string' && given !== '';
    if (clientSecret === undefined) return hasHash ? unexpected(clientId) : undefined;
    if (!hasHash) return missing(clientId);
    const refresh = place.params === 'AuthParameters' && REFRESH_FLOWS.has(String(request['AuthFlow']));
    // For a refresh Cognito hashes the user's own name (or sub); the token says who the user is.
    const user = refresh ? refreshTokenUser(params['REFRESH_TOKEN']) : params[place.username];
    if (typeof user !== 'string') return refresh ? undefined : wrong(clientId);
    const names = refresh ? [user, subs.get(user)] : [user];
    return names.some((name) => name !== undefined && sameText(given, hashOf(clientSecret, name, clientId))) ? undefined : wrong(clientId);
  };
}
