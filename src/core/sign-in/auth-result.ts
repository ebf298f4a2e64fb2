// Cognito's AuthenticationResult as pm-cognito uses it: checked into a typed result, or refused.

import { BadResponseError } from '../errors';
import { badResponse } from '../cognito-client';
import { isRecord } from '../safe-json';
import { variableName, type Settings } from '../settings';

export interface AuthResult {
  idToken: string | undefined;
  accessToken: string;
  refreshToken: string | undefined;
  expiresIn: number | undefined;
}

const isJwt = (value: unknown) => typeof value === 'string' && value.split('.').length === 3;

/** Parses Cognito's AuthenticationResult, refusing any shape that is not one. */
export const parseAuthenticationResult = (value: unknown, settings: Settings, operation: string, needRefresh: boolean): AuthResult => {
  if (!isRecord(value)) throw badResponse(settings, operation, 200, 'no AuthenticationResult');
  const { IdToken, AccessToken, RefreshToken, ExpiresIn } = value;
  const ok = isJwt(IdToken) && isJwt(AccessToken)
    && (RefreshToken === undefined || typeof RefreshToken === 'string')
    && (!needRefresh || typeof RefreshToken === 'string')
    && (ExpiresIn === undefined || typeof ExpiresIn === 'number');
  if (!ok) {
    throw new BadResponseError('COGNITO_BAD_RESPONSE', operation + ' returned an AuthenticationResult without the expected tokens: check ' + variableName('endpoint', settings.identity) + ' points at Cognito', { identity: settings.identity });
  }
  return {
    idToken: IdToken as string,
    accessToken: AccessToken as string,
    refreshToken: RefreshToken as string | undefined,
    expiresIn: ExpiresIn as number | undefined,
  };
};
