// `pm-cognito token` with every sign-in flow against the strict Cognito double; the demo API accepts each token.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoApi, type DemoApi } from '../../src/local/demo-api';
import { startStrictCognito, type StrictCognito } from '../support/strict-cognito';
import { assertBuilt, JWT, removeTempDirs } from './cli-harness';
import { pmInProcess } from '../support/in-process-cli';

const SECRET = 'client_secret_abcdefghijklmnopqrstuvwxyz0123456789';
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const KEY = { accessKeyId: 'AKIDCLITOKENFLOWS', secretAccessKey: 'cli-secret-access-key' };
const PW = 'Cli-flow-pass-1!x';
const NEW_PW = 'Cli-flow-new-2!y';

let cognito: StrictCognito;
let api: DemoApi;

beforeAll(async () => {
  await assertBuilt();
  cognito = await startStrictCognito({
    poolId: 'us-east-1_CliFlows1',
    clients: [{ clientId: 'publicclient1' }, { clientId: 'secretclient1', clientSecret: SECRET, scopes: ['pets/read'] }],
    users: [
      { username: 'plain', password: PW },
      { username: 'totp', password: PW, totpSecret: TOTP_SECRET },
      { username: 'fresh', password: PW, status: 'FORCE_CHANGE_PASSWORD' },
    ],
    credentials: [KEY],
  });
  api = await startDemoApi({ cognitoEndpoint: cognito.endpoint, userPoolId: cognito.poolId, clientIds: ['publicclient1', 'secretclient1'] });
}, 120_000);

afterAll(async () => {
  removeTempDirs();
  await api?.stop();
  await cognito?.stop();
});

function args(vars: Record<string, string>): string[] {
  const all: Record<string, string> = { cognito_endpoint: cognito.endpoint, cognito_user_pool_id: cognito.poolId, cognito_client_id: 'publicclient1', ...vars };
  return Object.entries(all).flatMap(([k, v]) => ['--env-var', k + '=' + v]);
}

const CASES: Array<{ name: string; vars: Record<string, string>; secrets: Record<string, string>; path: string; type?: string }> = [
  { name: 'USER_PASSWORD_AUTH with a secret', vars: { cognito_username: 'plain', cognito_client_id: 'secretclient1' }, secrets: { COGNITO_PASSWORD: PW, COGNITO_CLIENT_SECRET: SECRET }, path: '/me' },
  { name: 'USER_SRP_AUTH', vars: { cognito_username: 'plain', cognito_auth_flow: 'USER_SRP_AUTH' }, secrets: { COGNITO_PASSWORD: PW }, path: '/me' },
  { name: 'USER_SRP_AUTH with a secret and TOTP', vars: { cognito_username: 'totp', cognito_auth_flow: 'USER_SRP_AUTH', cognito_client_id: 'secretclient1' }, secrets: { COGNITO_PASSWORD: PW, COGNITO_CLIENT_SECRET: SECRET, COGNITO_TOTP_SECRET: TOTP_SECRET }, path: '/me' },
  { name: 'ADMIN_USER_PASSWORD_AUTH (SigV4)', vars: { cognito_username: 'plain', cognito_auth_flow: 'ADMIN_USER_PASSWORD_AUTH', cognito_aws_access_key_id: KEY.accessKeyId }, secrets: { COGNITO_PASSWORD: PW, COGNITO_AWS_SECRET_ACCESS_KEY: KEY.secretAccessKey }, path: '/me' },
  { name: 'NEW_PASSWORD_REQUIRED', vars: { cognito_username: 'fresh' }, secrets: { COGNITO_PASSWORD: PW, COGNITO_NEW_PASSWORD: NEW_PW }, path: '/me' },
  { name: 'USER_AUTH, PASSWORD with a secret', vars: { cognito_username: 'plain', cognito_auth_flow: 'USER_AUTH', cognito_client_id: 'secretclient1' }, secrets: { COGNITO_PASSWORD: PW, COGNITO_CLIENT_SECRET: SECRET }, path: '/me' },
  { name: 'USER_AUTH, PASSWORD_SRP', vars: { cognito_username: 'plain', cognito_auth_flow: 'USER_AUTH', cognito_preferred_challenge: 'PASSWORD_SRP' }, secrets: { COGNITO_PASSWORD: PW }, path: '/me' },
  { name: 'USER_AUTH, PASSWORD_SRP with a secret and TOTP', vars: { cognito_username: 'totp', cognito_auth_flow: 'USER_AUTH', cognito_preferred_challenge: 'PASSWORD_SRP', cognito_client_id: 'secretclient1' }, secrets: { COGNITO_PASSWORD: PW, COGNITO_CLIENT_SECRET: SECRET, COGNITO_TOTP_SECRET: TOTP_SECRET }, path: '/me' },
  { name: 'ADMIN_USER_AUTH, PASSWORD with TOTP', vars: { cognito_username: 'totp', cognito_auth_flow: 'ADMIN_USER_AUTH', cognito_aws_access_key_id: KEY.accessKeyId }, secrets: { COGNITO_PASSWORD: PW, COGNITO_AWS_SECRET_ACCESS_KEY: KEY.secretAccessKey, COGNITO_TOTP_SECRET: TOTP_SECRET }, path: '/me' },
  { name: 'CLIENT_CREDENTIALS', vars: { cognito_auth_flow: 'CLIENT_CREDENTIALS', cognito_client_id: 'secretclient1', cognito_scopes: 'pets/read' }, secrets: { COGNITO_CLIENT_SECRET: SECRET }, path: '/pets', type: 'access' },
];

describe('pm-cognito token with every flow', () => {
  for (const c of CASES) {
    it(c.name + ': the printed token is accepted by the API, and no secret is printed', async () => {
      const before = cognito.calls.length;
      const extra = c.type ? ['--type', c.type] : [];
      const vars = c.name === 'CLIENT_CREDENTIALS' ? { ...c.vars, cognito_oauth_token_url: cognito.oauthUrl + '/oauth2/token' } : c.vars;
      const result = await pmInProcess(['token', ...extra, ...args(vars)], { env: c.secrets });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const token = result.stdout.trim();
      expect(token).toMatch(JWT);
      const response = await fetch(api.url + c.path, { headers: { Authorization: token } });
      expect(response.status).toBe(200);
      for (const secret of Object.values(c.secrets)) expect(result.stdout + result.stderr).not.toContain(secret);
      expect(cognito.calls.slice(before).every((call) => call.status === 200)).toBe(true);
    });
  }

  it('a missing client secret exits 1 naming cognito_client_secret', async () => {
    const result = await pmInProcess(['token', ...args({ cognito_username: 'plain', cognito_client_id: 'secretclient1', cognito_auth_flow: 'USER_AUTH' })], { env: { COGNITO_PASSWORD: PW } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('has a client secret: set cognito_client_secret to it');
  });

  it('a wrong SRP password exits 1 with the clear message', async () => {
    const result = await pmInProcess(['token', ...args({ cognito_username: 'plain', cognito_auth_flow: 'USER_SRP_AUTH' })], { env: { COGNITO_PASSWORD: 'Wrong-pass-9!z' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('check cognito_username, cognito_password');
    expect(result.stdout).toBe('');
  });
});
