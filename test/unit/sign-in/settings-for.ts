// Settings for the flow tests: one identity read through the real readSettings, with the test's overrides.

import { readSettings, type Settings } from '../../../src/core/settings';
import { fakeJwt } from '../jwt';

export const BASE: Record<string, string> = {
  cognito_region: 'eu-west-1',
  cognito_user_pool_id: 'eu-west-1_Pool1',
  cognito_client_id: 'client1',
  cognito_username: 'alice',
  cognito_password: 'pw-Secret1!',
};

export function settingsFor(extra: Record<string, string> = {}, identity = ''): Settings {
  const vars: Record<string, string> = { ...BASE, ...extra };
  return readSettings((name) => vars[name], identity);
}

/** A Cognito answer with tokens for alice of client1. */
export const TOKENS = {
  AuthenticationResult: { IdToken: fakeJwt({ aud: 'client1', 'cognito:username': 'alice' }), AccessToken: fakeJwt({ client_id: 'client1', username: 'alice' }), RefreshToken: 'refresh-1', ExpiresIn: 3600 },
};
