// The flows cognito-local supports (temporary password, TOTP MFA, admin sign-in), through the built script and real newman.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { startLocalStack, type LocalStack } from '../../src/local/stack';
import { runSuite } from '../../src/node/newman-runner';
import { collection, item, times } from '../support/collection';
import { totpCode } from '../support/totp-code';

let stack: LocalStack;
let totpSecret = '';
const PASSWORDS = { temp: 'Temp-pass-1!x', permanent: 'Perm-pass-2!y', mfa: 'Mfa-pass-3!z', admin: 'Admin-pass-4!w' };

const ok = ["pm.test('status 200', () => pm.response.to.have.status(200));"];
const userIs = (name: string) => "pm.test('as " + name + "', () => pm.expect(pm.response.json().username).to.eql('" + name + "'));";

beforeAll(async () => {
  stack = await startLocalStack({
    mfa: 'OPTIONAL',
    users: [
      { username: 'newbie', password: PASSWORDS.temp, temporaryPassword: true },
      { username: 'newbie2', password: PASSWORDS.temp, temporaryPassword: true },
      { username: 'mfa-user', password: PASSWORDS.mfa },
      { username: 'admin-flow', password: PASSWORDS.admin },
    ],
  });
  // Give mfa-user TOTP MFA the way a person would with an authenticator app.
  const client = new CognitoIdentityProviderClient({ endpoint: stack.cognito.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const signedIn = await client.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: stack.connection['cognito_client_id'], AuthParameters: { USERNAME: 'mfa-user', PASSWORD: PASSWORDS.mfa } }));
  const accessToken = signedIn.AuthenticationResult!.AccessToken!;
  const associated = await client.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
  totpSecret = associated.SecretCode!;
  await client.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: totpCode(totpSecret) }));
  await client.send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
  client.destroy();
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

function meRun(username: string, vars: Record<string, string>, count = 3) {
  const c = collection('flow', times(count, (i) => item({ name: 'me ' + i, path: '/me', tests: [...ok, userIs(username)] })));
  return runSuite({ collection: c, environment: { ...stack.connection, cognito_username: username, ...vars }, silent: true });
}

describe('flows against cognito-local', () => {
  it('a temporary password without cognito_new_password: a clear error saying what to set', async () => {
    const result = await meRun('newbie2', { cognito_password: PASSWORDS.temp }, 1);
    expect(result.failures).toBe(1);
    const message = result.summary.run.failures[0]!.error.message;
    expect(message).toContain('NEW_PASSWORD_REQUIRED');
    expect(message).toContain('set cognito_new_password');
  }, 60_000);

  it('NEW_PASSWORD_REQUIRED is answered the first time, and the new password is used afterwards', async () => {
    stack.proxy.reset();
    const vars = { cognito_password: PASSWORDS.temp, cognito_new_password: PASSWORDS.permanent };
    const first = await meRun('newbie', vars);
    expect(first.failures).toBe(0);
    expect(stack.proxy.count({ target: 'RespondToAuthChallenge' })).toBe(1);
    expect(stack.proxy.calls.find((c) => c.challengeName !== undefined)?.challengeName).toBe('NEW_PASSWORD_REQUIRED');
    // A later run (fresh collection variables): the temporary password is refused, the new one works.
    stack.proxy.reset();
    const second = await meRun('newbie', vars);
    expect(second.failures).toBe(0);
    expect(stack.proxy.signIns()).toBe(2);
    expect(stack.proxy.count({ target: 'RespondToAuthChallenge' })).toBe(0);
  }, 60_000);

  it('SOFTWARE_TOKEN_MFA is answered with a TOTP code from cognito_totp_secret', async () => {
    stack.proxy.reset();
    const result = await meRun('mfa-user', { cognito_password: PASSWORDS.mfa, cognito_totp_secret: totpSecret });
    expect(result.failures).toBe(0);
    expect(stack.proxy.signIns()).toBe(1);
    expect(stack.proxy.calls.filter((c) => c.challengeName === 'SOFTWARE_TOKEN_MFA')).toHaveLength(1);
  }, 60_000);

  it('SOFTWARE_TOKEN_MFA without a secret: a clear error naming cognito_totp_secret', async () => {
    const result = await meRun('mfa-user', { cognito_password: PASSWORDS.mfa }, 1);
    expect(result.failures).toBe(1);
    expect(result.summary.run.failures[0]!.error.message).toContain('set cognito_totp_secret');
  }, 60_000);

  it('ADMIN_USER_PASSWORD_AUTH signs in through AdminInitiateAuth', async () => {
    stack.proxy.reset();
    const result = await meRun('admin-flow', {
      cognito_password: PASSWORDS.admin,
      cognito_auth_flow: 'ADMIN_USER_PASSWORD_AUTH',
      cognito_aws_access_key_id: 'AKIDLOCALEXAMPLE',
      cognito_aws_secret_access_key: 'local-secret-key',
    });
    expect(result.failures).toBe(0);
    expect(stack.proxy.count({ target: 'AdminInitiateAuth' })).toBe(1);
    expect(stack.proxy.signIns()).toBe(1);
  }, 60_000);
});
