// signIn: each flow reaches its own operation, and the one retry with the new password after NEW_PASSWORD_REQUIRED.

import { describe, expect, it } from 'vitest';
import { AUTH_FLOWS } from '../../../src/core/settings';
import { signIn } from '../../../src/core/sign-in/sign-in';
import type { HttpRequest } from '../../../src/core/transport';
import { fakeHost, fault, json } from '../fake-host';
import { fakeJwt } from '../jwt';
import { settingsFor, TOKENS } from './settings-for';

const FLOW_VARS: Record<string, Record<string, string>> = {
  ADMIN_USER_PASSWORD_AUTH: { cognito_aws_access_key_id: 'AKID', cognito_aws_secret_access_key: 'secret' },
  ADMIN_USER_AUTH: { cognito_aws_access_key_id: 'AKID', cognito_aws_secret_access_key: 'secret' },
  CLIENT_CREDENTIALS: { cognito_client_secret: 's', cognito_oauth_token_url: 'https://auth.example.com/oauth2/token' },
};
// [flow, what its first request is]
const FIRST_CALL: Record<string, string> = {
  USER_PASSWORD_AUTH: 'InitiateAuth USER_PASSWORD_AUTH',
  USER_SRP_AUTH: 'InitiateAuth USER_SRP_AUTH',
  ADMIN_USER_PASSWORD_AUTH: 'AdminInitiateAuth ADMIN_USER_PASSWORD_AUTH',
  USER_AUTH: 'InitiateAuth USER_AUTH',
  ADMIN_USER_AUTH: 'AdminInitiateAuth USER_AUTH',
  CLIENT_CREDENTIALS: 'POST https://auth.example.com/oauth2/token',
};
const describeCall = (r: HttpRequest) => r.headers['X-Amz-Target'] !== undefined
  ? r.headers['X-Amz-Target'].split('.')[1] + ' ' + (JSON.parse(r.body) as { AuthFlow: string }).AuthFlow
  : r.method + ' ' + r.url;

describe('signIn', () => {
  for (const flow of AUTH_FLOWS) {
    it(flow + ' starts with ' + FIRST_CALL[flow], async () => {
      const fake = fakeHost(() => (flow === 'CLIENT_CREDENTIALS' ? json(200, { access_token: fakeJwt({}) }) : json(200, TOKENS)));
      await signIn(fake.host, settingsFor({ cognito_auth_flow: flow, ...FLOW_VARS[flow] }));
      expect(fake.requests.map(describeCall)).toEqual([FIRST_CALL[flow]]);
    });
  }

  it('after a refusal, signs in once more with cognito_new_password (the temporary password was already replaced)', async () => {
    const fake = fakeHost((_r, i) => (i === 0 ? fault('NotAuthorizedException', 'Incorrect username or password.') : json(200, TOKENS)));
    await signIn(fake.host, settingsFor({ cognito_new_password: 'New-pass-1!' }));
    expect(fake.requests.map((r) => (JSON.parse(r.body) as { AuthParameters: { PASSWORD: string } }).AuthParameters.PASSWORD)).toEqual(['pw-Secret1!', 'New-pass-1!']);
  });

  it.each([
    ['no new password is set', {}, fault('NotAuthorizedException', 'Incorrect username or password.')],
    ['the new password is the password', { cognito_new_password: 'pw-Secret1!' }, fault('NotAuthorizedException', 'Incorrect username or password.')],
    ['the refusal is not about the credentials', { cognito_new_password: 'New-pass-1!' }, fault('UserNotFoundException', 'User does not exist.')],
    // A UserBlocked refusal: the same code as a wrong password, another family; the new password cannot unblock the user.
    ['the user is disabled (COGNITO_NOT_AUTHORIZED, not a refused password)', { cognito_new_password: 'New-pass-1!' }, fault('NotAuthorizedException', 'User is disabled.')],
  ])('does not try again when %s', async (_what, vars, answer) => {
    const fake = fakeHost(() => answer);
    await expect(signIn(fake.host, settingsFor(vars))).rejects.toMatchObject({ permanent: true });
    expect(fake.requests).toHaveLength(1);
  });
});
