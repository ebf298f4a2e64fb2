// parseAuthenticationResult: every shape that is not an AuthenticationResult is refused (table-driven).

import { describe, expect, it } from 'vitest';
import { parseAuthenticationResult } from '../../../src/core/sign-in/auth-result';
import { fakeJwt } from '../jwt';
import { settingsFor } from './settings-for';

const JWT = fakeJwt({ sub: 'x' });
const settings = settingsFor();

describe('parseAuthenticationResult', () => {
  it('takes the tokens and ExpiresIn', () => {
    expect(parseAuthenticationResult({ IdToken: JWT, AccessToken: JWT, RefreshToken: 'r', ExpiresIn: 300 }, settings, 'InitiateAuth', true))
      .toEqual({ idToken: JWT, accessToken: JWT, refreshToken: 'r', expiresIn: 300 });
    expect(parseAuthenticationResult({ IdToken: JWT, AccessToken: JWT }, settings, 'GetTokensFromRefreshToken', false))
      .toEqual({ idToken: JWT, accessToken: JWT, refreshToken: undefined, expiresIn: undefined });
  });

  // [what, value, needRefresh]
  const REFUSED: Array<[string, unknown, boolean]> = [
    ['not an object', 'tokens', false],
    ['null', null, false],
    ['no ID token', { AccessToken: JWT }, false],
    ['an access token that is not a JWT', { IdToken: JWT, AccessToken: 'opaque' }, false],
    ['a numeric ID token', { IdToken: 42, AccessToken: JWT }, false],
    ['a refresh token that is not a string', { IdToken: JWT, AccessToken: JWT, RefreshToken: 7 }, false],
    ['no refresh token where a sign-in needs one', { IdToken: JWT, AccessToken: JWT }, true],
    ['ExpiresIn as text', { IdToken: JWT, AccessToken: JWT, ExpiresIn: '3600' }, false],
  ];
  for (const [what, value, needRefresh] of REFUSED) {
    it('refuses ' + what + ' as COGNITO_BAD_RESPONSE, not retryable', () => {
      expect(() => parseAuthenticationResult(value, settings, 'InitiateAuth', needRefresh)).toThrow(expect.objectContaining({ code: 'COGNITO_BAD_RESPONSE', retryable: false }));
    });
  }
});
