// Every sign-in flow through the built script, in real newman and Postman's CLI, against the strict Cognito double.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startDemoApi, type DemoApi } from '../../src/local/demo-api';
import { runSuite } from '../../src/node/newman-runner';
import { collection, iamScript, item, times, writeTemp } from '../support/collection';
import { POSTMAN_CLI_SKIP, runPostmanCollection } from '../support/postman-cli';
import { startStrictCognito, type StrictCognito } from '../support/strict-cognito';
import { everyOtherOutlives, LONG_ID_SECONDS, renewalsAtLeast, renewalsAtMost, SHORT_ACCESS_SECONDS } from '../support/short-tokens';
import { junitByRequest, once } from '../support/junit-by-request';

const SECRET = 'client_secret_0123456789abcdefghijklmnopqrstuvwxyz';
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const KEY = { accessKeyId: 'AKIDSTRICTEXAMPLE', secretAccessKey: 'strict-secret-access-key', sessionToken: 'strict-session-token' };
const PW = 'Strict-pass-1!x';
const NEW_PW = 'Strict-new-pass-2!y';

let cognito: StrictCognito;
let api: DemoApi;

beforeAll(async () => {
  cognito = await startStrictCognito({
    poolId: 'us-east-1_StrictPool1',
    clients: [
      { clientId: 'publicclient1' },
      { clientId: 'secretclient1', clientSecret: SECRET, scopes: ['pets/read'] },
      { clientId: 'srponlyclient', allowedFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
      { clientId: 'shortclient01', clientSecret: SECRET },
      { clientId: 'twosecrets001', clientSecret: 'old_' + SECRET, secondClientSecret: SECRET },
      { clientId: 'forsecret0001', clientSecret: SECRET, missingSecretWording: 'secret' },
    ],
    users: [
      { username: 'plain', password: PW, groups: ['admins'] },
      { username: 'fresh', password: PW, status: 'FORCE_CHANGE_PASSWORD', requiredAttributes: ['email'] },
      { username: 'fresh-srp', password: PW, status: 'FORCE_CHANGE_PASSWORD' },
      { username: 'fresh-attr', password: PW, status: 'FORCE_CHANGE_PASSWORD', requiredAttributes: ['email', 'name'] },
      { username: 'totp', password: PW, totpSecret: TOTP_SECRET },
      { username: 'sms', password: PW, challenge: 'SMS_MFA' },
      { username: 'setup', password: PW, challenge: 'MFA_SETUP' },
      { username: 'select', password: PW, challenge: 'SELECT_MFA_TYPE' },
      { username: 'email-otp', password: PW, challenge: 'EMAIL_OTP' },
      { username: 'custom', password: PW, challenge: 'CUSTOM_CHALLENGE' },
      { username: 'unconfirmed', password: PW, status: 'UNCONFIRMED' },
      { username: 'zoë+qa test', password: PW },
      { username: 'srp-choice', password: PW, firstFactors: ['PASSWORD_SRP', 'EMAIL_OTP'] },
      { username: 'passkey', password: PW, firstFactors: ['WEB_AUTHN', 'EMAIL_OTP'] },
      { username: 'fresh-choice', password: PW, status: 'FORCE_CHANGE_PASSWORD' },
      { username: 'fresh-nonew', password: PW, status: 'FORCE_CHANGE_PASSWORD' },
    ],
    credentials: [KEY],
    idTokenSeconds: 3600,
  });
  api = await startDemoApi({ cognitoEndpoint: cognito.endpoint, userPoolId: cognito.poolId, clientIds: ['publicclient1', 'secretclient1', 'srponlyclient', 'shortclient01', 'twosecrets001'] });
}, 60_000);

afterAll(async () => {
  await api?.stop();
  await cognito?.stop();
});

function env(vars: Record<string, string>): Record<string, string> {
  return { baseUrl: api.url, cognito_endpoint: cognito.endpoint + '/', cognito_user_pool_id: cognito.poolId, cognito_client_id: 'publicclient1', cognito_password: PW, ...vars };
}

const ok = "pm.test('status 200', () => pm.response.to.have.status(200));";
const userIs = (name: string) => 'pm.test(\'as user\', () => pm.expect(pm.response.json().username).to.eql(' + JSON.stringify(name) + '));';

/** The ADMIN_* flows sign with AWS keys, which only the --iam form carries (`pm-cognito install --iam`). */
const scriptFor = (vars: Record<string, string>) => (vars['cognito_auth_flow']?.startsWith('ADMIN_') === true ? { script: iamScript() } : {});

function meCollection(username: string, count = 3, options: { script?: string } = {}) {
  return collection('flow', times(count, (i) => item({ name: 'me ' + i, path: '/me', tests: [ok, userIs(username)] })), options);
}

async function run(username: string, vars: Record<string, string>, count = 3, options = scriptFor(vars)) {
  const before = cognito.calls.length;
  const result = await runSuite({ collection: meCollection(username, count, options), environment: env({ cognito_username: username, ...vars }), silent: true });
  const calls = cognito.calls.slice(before);
  return { result, calls, messages: result.summary.run.failures.map((f) => f.error.message) };
}

interface FlowCase {
  name: string;
  username: string;
  vars: Record<string, string>;
  /** Operations Cognito must have seen, in order, for one sign-in. */
  ops: string[];
}

const FLOWS: FlowCase[] = [
  { name: 'USER_PASSWORD_AUTH with a client secret', username: 'plain', vars: { cognito_client_id: 'secretclient1', cognito_client_secret: SECRET }, ops: ['InitiateAuth'] },
  { name: 'USER_SRP_AUTH', username: 'plain', vars: { cognito_auth_flow: 'USER_SRP_AUTH', cognito_client_id: 'srponlyclient' }, ops: ['InitiateAuth', 'RespondToAuthChallenge'] },
  { name: 'USER_SRP_AUTH with a client secret', username: 'plain', vars: { cognito_auth_flow: 'USER_SRP_AUTH', cognito_client_id: 'secretclient1', cognito_client_secret: SECRET }, ops: ['InitiateAuth', 'RespondToAuthChallenge'] },
  { name: 'USER_SRP_AUTH with a unicode username', username: 'zoë+qa test', vars: { cognito_auth_flow: 'USER_SRP_AUTH' }, ops: ['InitiateAuth', 'RespondToAuthChallenge'] },
  { name: 'ADMIN_USER_PASSWORD_AUTH (SigV4 with a session token)', username: 'plain', vars: { cognito_auth_flow: 'ADMIN_USER_PASSWORD_AUTH', cognito_client_id: 'secretclient1', cognito_client_secret: SECRET, cognito_aws_access_key_id: KEY.accessKeyId, cognito_aws_secret_access_key: KEY.secretAccessKey, cognito_aws_session_token: KEY.sessionToken }, ops: ['AdminInitiateAuth'] },
  { name: 'SRP then SOFTWARE_TOKEN_MFA', username: 'totp', vars: { cognito_auth_flow: 'USER_SRP_AUTH', cognito_client_id: 'secretclient1', cognito_client_secret: SECRET, cognito_totp_secret: TOTP_SECRET }, ops: ['InitiateAuth', 'RespondToAuthChallenge', 'RespondToAuthChallenge'] },
  { name: 'ADMIN then SOFTWARE_TOKEN_MFA', username: 'totp', vars: { cognito_auth_flow: 'ADMIN_USER_PASSWORD_AUTH', cognito_aws_access_key_id: KEY.accessKeyId, cognito_aws_secret_access_key: KEY.secretAccessKey, cognito_aws_session_token: KEY.sessionToken, cognito_totp_secret: TOTP_SECRET }, ops: ['AdminInitiateAuth', 'AdminRespondToAuthChallenge'] },
  { name: 'USER_PASSWORD_AUTH with the second of two client secrets', username: 'plain', vars: { cognito_client_id: 'twosecrets001', cognito_client_secret: SECRET }, ops: ['InitiateAuth'] },
  { name: 'USER_AUTH, PASSWORD (the default)', username: 'plain', vars: { cognito_auth_flow: 'USER_AUTH' }, ops: ['InitiateAuth'] },
  { name: 'USER_AUTH, PASSWORD with a client secret', username: 'plain', vars: { cognito_auth_flow: 'USER_AUTH', cognito_client_id: 'secretclient1', cognito_client_secret: SECRET }, ops: ['InitiateAuth'] },
  { name: 'USER_AUTH, PASSWORD then SOFTWARE_TOKEN_MFA', username: 'totp', vars: { cognito_auth_flow: 'USER_AUTH', cognito_totp_secret: TOTP_SECRET }, ops: ['InitiateAuth', 'RespondToAuthChallenge'] },
  { name: 'USER_AUTH, PASSWORD_SRP', username: 'plain', vars: { cognito_auth_flow: 'USER_AUTH', cognito_preferred_challenge: 'PASSWORD_SRP' }, ops: ['InitiateAuth', 'RespondToAuthChallenge'] },
  { name: 'USER_AUTH, PASSWORD_SRP with a client secret, then SOFTWARE_TOKEN_MFA', username: 'totp', vars: { cognito_auth_flow: 'USER_AUTH', cognito_preferred_challenge: 'PASSWORD_SRP', cognito_client_id: 'secretclient1', cognito_client_secret: SECRET, cognito_totp_secret: TOTP_SECRET }, ops: ['InitiateAuth', 'RespondToAuthChallenge', 'RespondToAuthChallenge'] },
  { name: 'USER_AUTH, SELECT_CHALLENGE answered with PASSWORD_SRP (the user has no PASSWORD factor)', username: 'srp-choice', vars: { cognito_auth_flow: 'USER_AUTH' }, ops: ['InitiateAuth', 'RespondToAuthChallenge', 'RespondToAuthChallenge'] },
  { name: 'ADMIN_USER_AUTH, PASSWORD with a client secret (SigV4 with a session token)', username: 'plain', vars: { cognito_auth_flow: 'ADMIN_USER_AUTH', cognito_client_id: 'secretclient1', cognito_client_secret: SECRET, cognito_aws_access_key_id: KEY.accessKeyId, cognito_aws_secret_access_key: KEY.secretAccessKey, cognito_aws_session_token: KEY.sessionToken }, ops: ['AdminInitiateAuth'] },
  { name: 'ADMIN_USER_AUTH, PASSWORD_SRP then SOFTWARE_TOKEN_MFA', username: 'totp', vars: { cognito_auth_flow: 'ADMIN_USER_AUTH', cognito_preferred_challenge: 'PASSWORD_SRP', cognito_aws_access_key_id: KEY.accessKeyId, cognito_aws_secret_access_key: KEY.secretAccessKey, cognito_aws_session_token: KEY.sessionToken, cognito_totp_secret: TOTP_SECRET }, ops: ['AdminInitiateAuth', 'AdminRespondToAuthChallenge', 'AdminRespondToAuthChallenge'] },
];

describe('each flow through newman against the strict double', () => {
  for (const flow of FLOWS) {
    it(flow.name + ': one sign-in for three requests, tokens accepted by the API', async () => {
      const { result, calls, messages } = await run(flow.username, flow.vars);
      expect(messages).toEqual([]);
      expect(result.assertions).toBe(6);
      expect(calls.map((c) => c.op)).toEqual(flow.ops);
      expect(calls.every((c) => c.status === 200)).toBe(true);
    });
  }

  it('NEW_PASSWORD_REQUIRED with a required attribute, then the new password works in the next run', async () => {
    const vars = { cognito_client_id: 'secretclient1', cognito_client_secret: SECRET, cognito_new_password: NEW_PW, cognito_user_attributes: '{"email":"fresh@example.com"}' };
    const first = await run('fresh', vars);
    expect(first.messages).toEqual([]);
    expect(first.calls.map((c) => [c.op, c.challengeName ?? ''])).toEqual([['InitiateAuth', ''], ['RespondToAuthChallenge', 'NEW_PASSWORD_REQUIRED']]);
    const second = await run('fresh', vars);
    expect(second.messages).toEqual([]);
    expect(second.calls.map((c) => c.errorType ?? 'ok')).toEqual(['NotAuthorizedException', 'ok']);
  });

  it('USER_PASSWORD_AUTH then SOFTWARE_TOKEN_MFA (public client): one sign-in for three requests', async () => {
    const { result, calls, messages } = await run('totp', { cognito_totp_secret: TOTP_SECRET });
    expect(messages).toEqual([]);
    expect(result.assertions).toBe(6);
    expect(calls.map((c) => c.op + ':' + (c.challengeName ?? ''))).toEqual(['InitiateAuth:', 'RespondToAuthChallenge:SOFTWARE_TOKEN_MFA']);
    expect(calls.every((c) => c.status === 200)).toBe(true);
  });

  it('NEW_PASSWORD_REQUIRED after SRP', async () => {
    const { messages, calls } = await run('fresh-srp', { cognito_auth_flow: 'USER_SRP_AUTH', cognito_new_password: NEW_PW });
    expect(messages).toEqual([]);
    expect(calls.map((c) => c.challengeName ?? '')).toEqual(['', 'PASSWORD_VERIFIER', 'NEW_PASSWORD_REQUIRED']);
  });

  it('a temporary password without cognito_new_password: one failure saying what to set', async () => {
    const { result, messages, calls } = await run('fresh-nonew', {}, 1);
    expect(result.failures).toBe(1);
    expect(calls.map((c) => c.op)).toEqual(['InitiateAuth']);
    expect(messages[0]).toContain('NEW_PASSWORD_REQUIRED');
    expect(messages[0]).toContain('set cognito_new_password');
  });

  it('a missing required attribute names it and cognito_user_attributes', async () => {
    const { messages } = await run('fresh-attr', { cognito_new_password: NEW_PW, cognito_user_attributes: '{"name":"QA"}' }, 1);
    expect(messages[0]).toContain('needs the attribute(s) email of user "fresh-attr"');
    expect(messages[0]).toContain('add them to cognito_user_attributes');
  });

  it('an unconfirmed user is told how to confirm', async () => {
    const { messages } = await run('unconfirmed', {}, 1);
    expect(messages[0]).toContain('has not confirmed sign-up');
  });

  it('refresh with a client secret works, and a revoked refresh token gets exactly one fresh sign-in', async () => {
    const short = await startStrictCognito({ poolId: 'us-east-1_ShortPool1', clients: [{ clientId: 'shortclient01', clientSecret: SECRET }], users: [{ username: 'alias-user', password: PW, sub: 'sub-0001' }], idTokenSeconds: LONG_ID_SECONDS, accessTokenSeconds: SHORT_ACCESS_SECONDS });
    const shortApi = await startDemoApi({ cognitoEndpoint: short.endpoint, userPoolId: short.poolId, clientIds: ['shortclient01'] });
    try {
      // Renewals at requests 1, 3, 5 and 7 at the least (short-tokens.ts).
      const c = collection('flow', everyOtherOutlives(8, (i, wait) => item({ name: 'me ' + i, path: '/me', tests: [ok, userIs('alias-user'), ...wait] })));
      // Revoke while the run goes on, once two refreshes have worked (the next renewal comes at least 700 ms later):
      // the next refresh is refused and the script signs in again, once.
      const revoke = setInterval(() => {
        if (short.calls.filter((x) => x.op === 'GetTokensFromRefreshToken' && x.status === 200).length < 2) return;
        short.revokeRefreshTokens('alias-user');
        clearInterval(revoke);
      }, 20);
      const result = await runSuite({
        collection: c,
        environment: { baseUrl: shortApi.url, cognito_endpoint: short.endpoint, cognito_user_pool_id: short.poolId, cognito_client_id: 'shortclient01', cognito_client_secret: SECRET, cognito_username: 'alias-user', cognito_password: PW },
        silent: true,
      });
      clearInterval(revoke);
      expect(result.summary.run.failures.map((f) => f.error.message)).toEqual([]);
      const signIns = short.calls.filter((x) => x.op === 'InitiateAuth' && x.authFlow === 'USER_PASSWORD_AUTH');
      // One API per refresh: GetTokensFromRefreshToken (with the raw client secret), never REFRESH_TOKEN_AUTH as well.
      expect(short.count('InitiateAuth', 'REFRESH_TOKEN_AUTH')).toBe(0);
      const refreshes = short.calls.filter((x) => x.op === 'GetTokensFromRefreshToken');
      expect(signIns.map((x) => x.status)).toEqual([200, 200]);
      expect(refreshes.filter((x) => x.status === 200).length).toBeGreaterThanOrEqual(2);
      expect(refreshes.filter((x) => x.status !== 200).map((x) => x.errorType)).toEqual(['NotAuthorizedException']);
    } finally {
      await shortApi.stop();
      await short.stop();
    }
  });

  it('client credentials get an access token from /oauth2/token', async () => {
    const before = cognito.calls.length;
    const c = collection('m2m', times(3, (i) => item({ name: 'pets ' + i, path: '/pets', tests: [ok] })));
    const result = await runSuite({ collection: c, environment: env({ cognito_auth_flow: 'CLIENT_CREDENTIALS', cognito_client_id: 'secretclient1', cognito_client_secret: SECRET, cognito_oauth_token_url: cognito.oauthUrl + '/oauth2/token', cognito_scopes: 'pets/read' }), silent: true });
    expect(result.summary.run.failures.map((f) => f.error.message)).toEqual([]);
    expect(cognito.calls.slice(before).map((x) => x.op)).toEqual(['oauth2/token']);
  });
});

describe('the default script (installed without --iam) and the ADMIN_* flows', () => {
  it('refuses ADMIN_USER_PASSWORD_AUTH with one assertion per request naming cognito_auth_flow and the install line; calls nothing, sends nothing', async () => {
    const vars = { cognito_auth_flow: 'ADMIN_USER_PASSWORD_AUTH', cognito_aws_access_key_id: KEY.accessKeyId, cognito_aws_secret_access_key: KEY.secretAccessKey, cognito_aws_session_token: KEY.sessionToken };
    const { result, messages, calls } = await run('plain', vars, 2, {});
    const refusal = 'pm-cognito: cognito_auth_flow is ADMIN_USER_PASSWORD_AUTH, which signs with AWS keys that this installed script leaves out: install the script with them: npx pm-cognito install --iam <collection> (in the Postman app, paste dist/pm-cognito.iam.prerequest.js)';
    // The refusal is permanent: the second request is refused from the run's memory, without trying again.
    expect(messages).toEqual([refusal, refusal + ' [not tried again: this run already failed with the same settings]']);
    expect(calls).toEqual([]);
    expect(result.summary.run.executions.filter((e) => e.response !== undefined)).toEqual([]);
  });
});

describe('wrong proofs fail with clear messages', () => {
  it('a wrong client secret', async () => {
    const { messages, calls } = await run('plain', { cognito_client_id: 'secretclient1', cognito_client_secret: 'not-the-secret' }, 1);
    expect(calls[0]!.errorType).toBe('NotAuthorizedException');
    expect(messages[0]).toContain('cognito_client_secret matches no secret of app client secretclient1: set it to a current one');
    expect(messages[0]).not.toContain('not-the-secret');
  });

  it('a missing client secret, in both of Cognito\'s wordings, names cognito_client_secret', async () => {
    for (const [clientId, wording] of [['secretclient1', 'configured with secret but SECRET_HASH was not received'], ['forsecret0001', 'configured for secret but secret was not received']]) {
      const { messages, calls } = await run('plain', { cognito_client_id: clientId! }, 1);
      expect(calls.map((c) => c.errorType)).toEqual(['NotAuthorizedException']);
      expect(messages[0]).toContain('(Cognito said NotAuthorizedException: Client ' + clientId + ' is ' + wording + ')');
      expect(messages[0]).toContain('has a client secret: set cognito_client_secret to it');
      expect(messages[0]).not.toContain('check cognito_username');
    }
  });

  it('a client secret that matches neither of the client\'s two secrets says so', async () => {
    const { messages } = await run('plain', { cognito_client_id: 'twosecrets001', cognito_client_secret: 'neither-' + SECRET }, 1);
    expect(messages[0]).toContain('cognito_client_secret matches no secret of app client twosecrets001: set it to a current one, or empty');
    expect(messages[0]).not.toContain('neither-' + SECRET);
  });

  it('USER_AUTH for a user with only passkeys and e-mail codes: cannot be automated, and says what to change', async () => {
    const { messages, calls } = await run('passkey', { cognito_auth_flow: 'USER_AUTH' }, 1);
    expect(calls.map((c) => c.op)).toEqual(['InitiateAuth']);
    expect(messages[0]).toContain('user "passkey" can only sign in with WEB_AUTHN, EMAIL_OTP, which cannot be automated');
    expect(messages[0]).toContain('Give the user a password and allow PASSWORD in the pool\'s sign-in options');
  });

  it('USER_AUTH then NEW_PASSWORD_REQUIRED', async () => {
    const { messages, calls } = await run('fresh-choice', { cognito_auth_flow: 'USER_AUTH', cognito_new_password: NEW_PW });
    expect(messages).toEqual([]);
    expect(calls.map((c) => c.op + ':' + (c.challengeName ?? ''))).toEqual(['InitiateAuth:', 'RespondToAuthChallenge:NEW_PASSWORD_REQUIRED']);
  });

  it('USER_AUTH on a client without ALLOW_USER_AUTH names the flag', async () => {
    const { messages } = await run('plain', { cognito_auth_flow: 'USER_AUTH', cognito_client_id: 'srponlyclient' }, 1);
    expect(messages[0]).toContain('does not allow USER_AUTH: enable ALLOW_USER_AUTH');
  });

  it('a wrong password over SRP', async () => {
    const { messages, calls } = await run('plain', { cognito_auth_flow: 'USER_SRP_AUTH', cognito_password: 'Wrong-pass-9!z' }, 1);
    expect(calls.map((c) => c.errorType ?? 'ok')).toEqual(['ok', 'NotAuthorizedException']);
    expect(messages[0]).toContain('check cognito_username, cognito_password');
  });

  it('a flow the app client does not allow', async () => {
    const { messages } = await run('plain', { cognito_client_id: 'srponlyclient' }, 1);
    expect(messages[0]).toContain('does not allow USER_PASSWORD_AUTH');
  });

  it('a wrong AWS secret key', async () => {
    const { messages, calls } = await run('plain', { cognito_auth_flow: 'ADMIN_USER_PASSWORD_AUTH', cognito_aws_access_key_id: KEY.accessKeyId, cognito_aws_secret_access_key: 'wrong-secret-key', cognito_aws_session_token: KEY.sessionToken }, 1);
    expect(calls[0]!.status).toBe(400);
    expect(messages[0]).toContain('cognito_aws_secret_access_key');
    expect(messages[0]).not.toContain('wrong-secret-key');
  });

  it('SOFTWARE_TOKEN_MFA without cognito_totp_secret names it', async () => {
    const { result, messages, calls } = await run('totp', {}, 1);
    expect(result.failures).toBe(1);
    expect(calls.map((c) => c.op)).toEqual(['InitiateAuth']);
    expect(messages[0]).toContain('set cognito_totp_secret');
  });

  it('a wrong TOTP secret', async () => {
    const { messages } = await run('totp', { cognito_totp_secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' }, 1);
    expect(messages[0]).toContain('check cognito_totp_secret');
  });

  const unautomatable: Array<[string, string]> = [
    ['sms', 'SMS_MFA'], ['setup', 'MFA_SETUP'], ['select', 'SELECT_MFA_TYPE'], ['email-otp', 'EMAIL_OTP'], ['custom', 'CUSTOM_CHALLENGE'],
  ];
  for (const [user, challenge] of unautomatable) {
    it(challenge + ' says why it cannot be automated', async () => {
      const { messages } = await run(user, {}, 1);
      expect(messages[0]).toContain('for ' + challenge + ', which cannot be automated');
    });
  }

  it('client credentials with a wrong secret', async () => {
    const c = collection('m2m', [item({ name: 'pets', path: '/pets' })]);
    const result = await runSuite({ collection: c, environment: env({ cognito_auth_flow: 'CLIENT_CREDENTIALS', cognito_client_id: 'secretclient1', cognito_client_secret: 'nope', cognito_oauth_token_url: cognito.oauthUrl + '/oauth2/token' }), silent: true });
    expect(result.summary.run.failures[0]!.error.message).toContain('(invalid_client)');
  });
});

/** The rotation case of rotation.test.ts: a rotating client with a secret, on a double of its own with 1-second access tokens. */
const ROTATION_SECRET = 'rotation_secret_0123456789abcdefghijklmnopqrstu';
const ROTATION_PW = 'Rotation-pass-1!x';
const ROTATION_REQUESTS = 6;

/**
 * One Postman CLI start (seconds of CPU) for both tests below: every flow as an identity `@f<i>` with its own settings,
 * then rotation.test.ts's case as identity `@rot`, whose requests go to a second double and its demo API. Flows that
 * would share a cache entry (same user, client and flow: USER_AUTH with PASSWORD and with PASSWORD_SRP) must not meet
 * in one run (each flow must sign in its own way); the flows test checks that they do not.
 */
const postmanRun = once(async () => {
  const rotation = await startStrictCognito({
    poolId: 'us-east-1_Rotation1',
    clients: [{ clientId: 'rotatingsecret', clientSecret: ROTATION_SECRET, refreshTokenRotation: { retryGracePeriodSeconds: 0 } }],
    users: [{ username: 'rita', password: ROTATION_PW }],
    idTokenSeconds: LONG_ID_SECONDS,
    accessTokenSeconds: SHORT_ACCESS_SECONDS,
  });
  const rotationApi = await startDemoApi({ cognitoEndpoint: rotation.endpoint, userPoolId: rotation.poolId, clientIds: ['rotatingsecret'] });
  try {
    const vars: Record<string, string> = {
      rotationUrl: rotationApi.url, 'cognito_endpoint@rot': rotation.endpoint, 'cognito_user_pool_id@rot': rotation.poolId, 'cognito_username@rot': 'rita',
      'cognito_password@rot': ROTATION_PW, 'cognito_client_id@rot': 'rotatingsecret', 'cognito_client_secret@rot': ROTATION_SECRET,
    };
    const flowItems = postmanFlows().map((c, i) => {
      const identity = 'f' + i;
      for (const [name, value] of Object.entries({ cognito_username: c.username, cognito_password: PW, ...c.vars })) vars[name + '@' + identity] = value;
      return item({ name: c.name + ' @' + identity, path: c.path ?? '/me', tests: c.path !== undefined ? [ok] : [ok, userIs(c.username)] });
    });
    // rotation.test.ts's `outliving`: every second request waits past the renewal point of the 1-second tokens.
    const rotationItems = everyOtherOutlives(ROTATION_REQUESTS, (i, wait) => onRotationApi(item({ name: 'me ' + i, path: '/me', tests: [ok, ...wait] })));
    const junit = join(mkdtempSync(join(tmpdir(), 'pm-cognito-flows-')), 'flows.xml');
    const items = [...flowItems, { name: 'rotation @rot', item: rotationItems }];
    const before = cognito.calls.length;
    const out = await runPostmanCollection(writeTemp('flows.postman_collection.json', collection('flows', items, { script: iamScript() })), env(vars), undefined, junit);
    const results = junitByRequest(readFileSync(junit, 'utf8'));
    rmSync(dirname(junit), { recursive: true, force: true });
    return { out, results, flowCalls: cognito.calls.slice(before), rotationCalls: [...rotation.calls] };
  } finally {
    await rotationApi.stop();
    await rotation.stop();
  }
});

/** The request sent to the rotation double's demo API instead of baseUrl's. */
function onRotationApi(request: object): object {
  const r = request as { request: { url: string } };
  return { ...r, request: { ...r.request, url: r.request.url.replace('{{baseUrl}}', '{{rotationUrl}}') } };
}

// USER_AUTH with PASSWORD_SRP signs in zoë here: as plain it would share the cache entry of USER_AUTH with PASSWORD
// (same user, client and flow) and need a second run, a second Postman CLI start.
const postmanFlows = (): Array<{ name: string; username: string; vars: Record<string, string>; path?: string }> => [
  ...FLOWS.map((f) => ({ name: f.name, username: f.name === 'USER_AUTH, PASSWORD_SRP' ? 'zoë+qa test' : f.username, vars: f.vars })),
  { name: 'CLIENT_CREDENTIALS', username: 'plain', vars: { cognito_auth_flow: 'CLIENT_CREDENTIALS', cognito_client_id: 'secretclient1', cognito_client_secret: SECRET, cognito_oauth_token_url: cognito.oauthUrl + '/oauth2/token', cognito_scopes: 'pets/read' }, path: '/pets' },
];

describe.skipIf(POSTMAN_CLI_SKIP)("each flow through Postman's own CLI (the app's sandbox)", () => {
  it('password with secret, SRP, admin, TOTP, new password and client credentials all pass: a few Postman CLI runs, an identity per flow', async () => {
    // No two flows of the one run share a cache entry (same user, client and flow), so every flow signs in its own way, once.
    const flows = postmanFlows();
    const cacheKey = (c: (typeof flows)[number]) => [c.username, c.vars['cognito_client_id'] ?? 'publicclient1', c.vars['cognito_auth_flow'] ?? 'USER_PASSWORD_AUTH'].join('|');
    expect(new Set(flows.map(cacheKey)).size).toBe(flows.length);
    const { out, results, flowCalls } = await postmanRun();
    const assertions = flows.reduce((n, c) => n + (c.path !== undefined ? 1 : 2), 0);
    // The flows' assertions and the rotation identity's (the next test's), none failed.
    expect(out.output, flows.map((c) => c.name).join('; ')).toMatch(new RegExp('assertions\\s*\\|\\s*' + (assertions + ROTATION_REQUESTS) + '\\s*\\|\\s*0'));
    expect(out.code).toBe(0);
    expect(flows.map((c, i) => [c.name, results.get(c.name + ' @f' + i)])).toEqual(
      flows.map((c) => [c.name, { testcases: c.path !== undefined ? 1 : 2, failures: [] }]));
    // One sign-in per flow of the run (client credentials go to /oauth2/token instead).
    const starts = flowCalls.filter((c) => c.op === 'InitiateAuth' || c.op === 'AdminInitiateAuth');
    expect(starts).toHaveLength(flows.filter((c) => c.path === undefined).length);
  }, 240_000);
});

describe.skipIf(POSTMAN_CLI_SKIP)("refresh token rotation through Postman's own CLI (moved here from rotation.test.ts: one Postman CLI start with the flows)", () => {
  it('a rotating client: 1 sign-in, one call per refresh, none refused', async () => {
    const { out, results, rotationCalls } = await postmanRun();
    for (let i = 0; i < ROTATION_REQUESTS; i++) expect(results.get('rotation @rot / me ' + i), 'me ' + i).toEqual({ testcases: 1, failures: [] });
    expect(out.code).toBe(0);
    expect(out.output).not.toContain(ROTATION_SECRET);
    expect(rotationCalls.filter((c) => c.status !== 200).map((c) => c.op + ':' + (c.errorType ?? c.status))).toEqual([]);
    expect(rotationCalls.filter((c) => c.op === 'InitiateAuth' && c.authFlow === 'USER_PASSWORD_AUTH')).toHaveLength(1);
    expect(rotationCalls.filter((c) => c.authFlow === 'REFRESH_TOKEN_AUTH')).toHaveLength(0);
    const getTokens = rotationCalls.filter((c) => c.op === 'GetTokensFromRefreshToken').length;
    expect(getTokens).toBeGreaterThanOrEqual(renewalsAtLeast(ROTATION_REQUESTS));
    expect(getTokens).toBeLessThanOrEqual(renewalsAtMost(ROTATION_REQUESTS));
  }, 240_000);
});
