// Runs one Cognito sign-in flow to the end, challenges included, and returns the tokens.

import { callCognito } from './cognito-client';
import { PmCognitoError } from './errors';
import { isRecord } from './safe-json';
import { secretHash } from './secret-hash';
import type { Settings } from './settings';
import { variableName } from './settings';
import { tokenLifetimeMs, type CachedTokens } from './token-cache';
import type { Host } from './transport';
import { badResponse } from './cognito-client';
import { decodeJwtClaims, stringClaim } from './jwt-claims';

export interface AuthResult {
  idToken: string | undefined;
  accessToken: string;
  refreshToken: string | undefined;
  expiresIn: number | undefined;
}

/** Parses Cognito's AuthenticationResult, refusing any shape that is not one. */
export function parseAuthenticationResult(value: unknown, settings: Settings, operation: string, needRefresh: boolean): AuthResult {
  if (!isRecord(value)) throw badResponse(settings, operation, 200, 'no AuthenticationResult');
  const { IdToken, AccessToken, RefreshToken, ExpiresIn } = value;
  const ok = typeof IdToken === 'string' && IdToken.split('.').length === 3
    && typeof AccessToken === 'string' && AccessToken.split('.').length === 3
    && (RefreshToken === undefined || typeof RefreshToken === 'string')
    && (!needRefresh || typeof RefreshToken === 'string')
    && (ExpiresIn === undefined || typeof ExpiresIn === 'number');
  if (!ok) {
    throw new PmCognitoError('COGNITO_BAD_RESPONSE', 'pm-cognito: ' + operation + ' returned an AuthenticationResult without the expected tokens: check ' + variableName('endpoint', settings.identity) + ' points at Cognito');
  }
  return {
    idToken: IdToken as string,
    accessToken: AccessToken as string,
    refreshToken: RefreshToken as string | undefined,
    expiresIn: ExpiresIn as number | undefined,
  };
}

export function toCachedTokens(result: AuthResult, key: string, receivedAt: number, previousRefresh?: string): CachedTokens {
  const tokens = result.idToken !== undefined ? [result.idToken, result.accessToken] : [result.accessToken];
  const lifetime = tokenLifetimeMs(result.expiresIn, tokens);
  return {
    key,
    idToken: result.idToken,
    accessToken: result.accessToken,
    refreshToken: result.refreshToken ?? previousRefresh,
    obtainedAt: receivedAt,
    expiresAt: receivedAt + lifetime,
  };
}

function withSecretHash(settings: Settings, params: Record<string, string>, username: string): Record<string, string> {
  if (settings.clientSecret !== undefined) params['SECRET_HASH'] = secretHash(username, settings.clientId, settings.clientSecret);
  return params;
}

/** Signs in from scratch with the configured flow. */
export async function signIn(host: Host, settings: Settings): Promise<AuthResult> {
  switch (settings.authFlow) {
    case 'USER_PASSWORD_AUTH': {
      const response = await callCognito(host, settings, 'InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: settings.clientId,
        AuthParameters: withSecretHash(settings, { USERNAME: settings.username, PASSWORD: settings.password }, settings.username),
      });
      return finish(host, settings, response, 'InitiateAuth');
    }
    default:
      throw new PmCognitoError('SETTINGS_INVALID', 'pm-cognito: ' + variableName('authFlow', settings.identity) + ' ' + settings.authFlow + ' is not available in this build: use USER_PASSWORD_AUTH');
  }
}

/** Follows challenges until Cognito returns tokens. */
async function finish(_host: Host, settings: Settings, response: Record<string, unknown>, operation: string): Promise<AuthResult> {
  if (response['AuthenticationResult'] !== undefined) {
    return parseAuthenticationResult(response['AuthenticationResult'], settings, operation, true);
  }
  const challenge = typeof response['ChallengeName'] === 'string' ? response['ChallengeName'] : undefined;
  if (challenge === undefined) throw badResponse(settings, operation, 200, 'neither tokens nor a challenge');
  throw new PmCognitoError('COGNITO_CHALLENGE_UNSUPPORTED', 'pm-cognito: Cognito asked user "' + settings.username + '" for ' + challenge + ', which this build cannot answer');
}

/** Gets new ID and access tokens with the refresh token. */
export async function refresh(host: Host, settings: Settings, tokens: CachedTokens): Promise<AuthResult> {
  const params: Record<string, string> = { REFRESH_TOKEN: tokens.refreshToken ?? '' };
  if (settings.clientSecret !== undefined) {
    // Cognito hashes the user's own username here, which can differ from the alias used to sign in.
    const claims = decodeJwtClaims(tokens.accessToken);
    const username = stringClaim(claims, 'username') ?? stringClaim(claims, 'sub') ?? settings.username;
    withSecretHash(settings, params, username);
  }
  const response = await callCognito(host, settings, 'InitiateAuth', {
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    ClientId: settings.clientId,
    AuthParameters: params,
  });
  return parseAuthenticationResult(response['AuthenticationResult'], settings, 'InitiateAuth (refresh)', false);
}
