// `pm-cognito doctor` in-process against the strict Cognito double and the identity-pool double:
// one fixture per problem (found, named, the right fix), a clean setup exits 0, and no output carries a secret or token.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentityPoolDouble, type IdentityPoolDouble } from '../../src/local/identity-pool-double';
import { doctorRun, finding, isolateAwsEnvironment, type DoctorRun } from '../support/doctor-run';
import { startStrictCognito, type StrictCognito } from '../support/strict-cognito';

isolateAwsEnvironment();

const KEY = { accessKeyId: 'AKIDDOCTORTEST000001', secretAccessKey: 'doctor-test-secret-access-key' };
const PW = 'Doctor-Passw0rd!';
const SECRET = 'doctor_client_secret_0123456789abcdefghij';
const WRONG_SECRET = 'not_the_client_secret_0123456789abcdefgh';
const TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const NEW_PW = 'Doctor-New-Passw0rd!';
const SECRETS = [PW, SECRET, WRONG_SECRET, TOTP, NEW_PW, KEY.secretAccessKey];

let main: StrictCognito;
let strictPool: StrictCognito;
let identityPool: IdentityPoolDouble;

beforeAll(async () => {
  main = await startStrictCognito({
    poolId: 'us-east-1_Doctor1',
    credentials: [KEY],
    clients: [
      { clientId: 'goodclient' },
      { clientId: 'secretclient', clientSecret: SECRET },
      { clientId: 'srponly', allowedFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
      { clientId: 'rotating', refreshTokenRotation: { retryGracePeriodSeconds: 0 } },
      { clientId: 'machine', clientSecret: SECRET, scopes: ['api/read'] },
      { clientId: 'nooauth', clientSecret: SECRET },
    ],
    users: [
      { username: 'alice', password: PW, groups: ['admins'] },
      { username: 'fresh', password: PW, status: 'FORCE_CHANGE_PASSWORD' },
      { username: 'unconfirmed', password: PW, status: 'UNCONFIRMED' },
      { username: 'reset', password: PW, status: 'RESET_REQUIRED' },
      { username: 'off', password: PW, enabled: false },
      { username: 'totp', password: PW, totpSecret: TOTP },
      { username: 'sms', password: PW, challenge: 'SMS_MFA' },
    ],
    description: { requiredAttributes: ['email'] },
  });
  strictPool = await startStrictCognito({
    poolId: 'us-east-1_Doctor2',
    credentials: [KEY],
    accessTokenSeconds: 300,
    idTokenSeconds: 300,
    clients: [{ clientId: 'client2' }],
    users: [{ username: 'bob', password: PW }],
    description: { allowedFirstAuthFactors: ['EMAIL_OTP'], advancedSecurityMode: 'ENFORCED', skippedIpRanges: ['198.51.100.0/24'] },
  });
  identityPool = await startIdentityPoolDouble({
    providers: [{ providerName: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Doctor1', clientIds: ['goodclient'], jwks: main.jwks }],
    allowUnauthenticated: false,
    roles: { authenticated: 'arn:aws:iam::123456789012:role/doctor-auth' },
    readCredentials: [KEY],
  });
});

afterAll(async () => {
  await identityPool?.stop();
  await strictPool?.stop();
  await main?.stop();
});

const awsEnv = { AWS_ACCESS_KEY_ID: KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: KEY.secretAccessKey };

/** Runs `pm-cognito doctor` in-process with these variables (as --env-var) and process variables; checks no secret or token is printed. */
function doctor(vars: Record<string, string>, args: string[] = [], env: Record<string, string> = { ...awsEnv, COGNITO_PASSWORD: PW }): Promise<DoctorRun> {
  return doctorRun(vars, args, env, SECRETS);
}

const on = (pool: StrictCognito, vars: Record<string, string>) => ({ cognito_endpoint: pool.endpoint, cognito_user_pool_id: pool.poolId, ...vars });
const mainVars = (vars: Record<string, string>) => on(main, { cognito_client_id: 'goodclient', cognito_username: 'alice', ...vars });


describe('pm-cognito doctor: a clean setup', () => {
  it('passes every check, signs in once, refreshes once, and exits 0', async () => {
    const before = main.count('InitiateAuth');
    const run = await doctor(mainVars({}));
    expect(run.out).not.toContain('✗');
    expect(run.code).toBe(0);
    expect(finding(run.out, '✓', 'auth flow allowed')).toContain('USER_PASSWORD_AUTH is allowed');
    expect(finding(run.out, '✓', 'client secret')).toContain('no secret');
    expect(finding(run.out, '✓', 'user status')).toContain('CONFIRMED');
    expect(finding(run.out, '✓', 'sign-in')).toContain('signed in with USER_PASSWORD_AUTH (1 call)');
    expect(finding(run.out, '✓', 'id token')).toMatch(/token_use id, aud goodclient, lives 3600 s, groups admins/);
    expect(finding(run.out, '✓', 'access token')).toMatch(/token_use access, client_id goodclient/);
    expect(finding(run.out, '✓', 'refresh')).toContain('refreshed with GetTokensFromRefreshToken (1 call)');
    expect(main.count('InitiateAuth') - before).toBe(1);
    expect(run.out).toMatch(/pm-cognito doctor: no problems, 0 warnings, \d+ passed, \d+ skipped\n$/);
  });

  it('--json gives the same findings as data', async () => {
    const run = await doctor(mainVars({}), ['--json']);
    const report = JSON.parse(run.out) as { passed: boolean; summary: { fail: number }; identities: Array<{ identity: string; findings: Array<{ status: string; check: string }> }> };
    expect(report.passed).toBe(true);
    expect(report.summary.fail).toBe(0);
    expect(report.identities[0]!.identity).toBe('');
    expect(report.identities[0]!.findings.find((f) => f.check === 'sign-in')?.status).toBe('ok');
  });
});

describe('pm-cognito doctor: settings', () => {
  it('names every identity\'s settings problems at once, and near-miss variable names with the right name', async () => {
    const run = await doctor({ ...mainVars({}), cognito_usernme: 'x', 'cognito_username@admin': 'alice', 'cognito_client_id@admin': 'bad id!' });
    expect(run.code).toBe(1);
    expect(finding(run.out, '!', 'variable names')).toContain('fix: rename cognito_usernme to cognito_username');
    expect(run.out).toContain('identity "admin"\n');
    expect(finding(run.out.slice(run.out.indexOf('identity "admin"')), '✗', 'settings')).toContain('cognito_client_id@admin is "bad id!"');
  });

  it('an endpoint in another region than the pool id is named, and nothing is called there', async () => {
    const run = await doctor({ cognito_endpoint: 'https://cognito-idp.eu-west-1.amazonaws.com/', cognito_user_pool_id: 'us-east-1_Doctor1', cognito_client_id: 'goodclient', cognito_username: 'alice' });
    expect(run.code).toBe(1);
    expect(finding(run.out, '✗', 'region')).toContain('fix: set cognito_endpoint to https://cognito-idp.us-east-1.amazonaws.com/ or leave it empty');
    expect(finding(run.out, '-', 'auth flow allowed')).toContain('skipped: the settings need attention first');
    expect(finding(run.out, '-', 'sign-in')).toContain('fix the problems above first');
  });

  it('without AWS credentials, says which checks were skipped and why, and still signs in', async () => {
    const run = await doctor(mainVars({}), [], { COGNITO_PASSWORD: PW });
    expect(finding(run.out, '-', 'auth flow allowed')).toContain('skipped: no AWS credentials');
    expect(finding(run.out, '-', 'user status')).toContain('skipped: no AWS credentials');
    expect(finding(run.out, '✓', 'sign-in')).toContain('signed in');
    expect(run.code).toBe(0);
  });
});

describe('pm-cognito doctor: credentials AWS does not accept', () => {
  it('says so once, calls no further read, and still signs in', async () => {
    const before = main.calls.length;
    const run = await doctor(mainVars({}), [], { AWS_ACCESS_KEY_ID: 'AKIDNOTKNOWN00000000', AWS_SECRET_ACCESS_KEY: 'unknown-secret-key', COGNITO_PASSWORD: PW });
    expect(finding(run.out, '-', 'auth flow allowed')).toContain('skipped: AWS did not accept the credentials (UnrecognizedClientException)');
    expect(main.calls.slice(before).map((c) => c.op).filter((op) => op.startsWith('Describe') || op === 'AdminGetUser')).toEqual(['DescribeUserPool']);
    expect(finding(run.out, '✓', 'sign-in')).toContain('signed in');
    expect(run.out).not.toContain('unknown-secret-key');
  });
});

describe('pm-cognito doctor: the app client', () => {
  it('a flow the client does not allow: the ALLOW_ flag to add, or the flows it does allow', async () => {
    const run = await doctor(mainVars({ cognito_client_id: 'srponly' }));
    expect(run.code).toBe(1);
    const line = finding(run.out, '✗', 'auth flow allowed');
    expect(line).toContain('USER_PASSWORD_AUTH is not allowed on app client srponly');
    expect(line).toContain('--explicit-auth-flows ALLOW_USER_SRP_AUTH ALLOW_REFRESH_TOKEN_AUTH ALLOW_USER_PASSWORD_AUTH');
    expect(line).toContain('or set cognito_auth_flow to a flow the client allows (USER_SRP_AUTH)');
    expect(finding(run.out, '-', 'sign-in')).toContain('fix the problems above first');
  });

  it('USER_AUTH on a pool whose sign-in policy lacks PASSWORD', async () => {
    const run = await doctor(on(strictPool, { cognito_client_id: 'client2', cognito_username: 'bob', cognito_auth_flow: 'USER_AUTH' }));
    expect(finding(run.out, '✗', 'USER_AUTH first factor')).toContain("AllowedFirstAuthFactors=[EMAIL_OTP,PASSWORD]");
    expect(run.code).toBe(1);
  });

  it('a client with a secret and no cognito_client_secret', async () => {
    const run = await doctor(mainVars({ cognito_client_id: 'secretclient' }));
    expect(finding(run.out, '✗', 'client secret')).toMatch(/has a secret but cognito_client_secret is empty[\s\S]*describe-user-pool-client --user-pool-id us-east-1_Doctor1 --client-id secretclient --query UserPoolClient.ClientSecret/);
  });

  it('a cognito_client_secret that is not the one shown: a warning (a client may have two), and the sign-in decides', async () => {
    const run = await doctor(mainVars({ cognito_client_id: 'secretclient' }), [], { ...awsEnv, COGNITO_PASSWORD: PW, COGNITO_CLIENT_SECRET: WRONG_SECRET });
    expect(finding(run.out, '!', 'client secret')).toContain('cognito_client_secret is not the secret DescribeUserPoolClient shows for app client secretclient');
    expect(finding(run.out, '✗', 'sign-in')).toContain('cognito_client_secret matches no secret of app client secretclient');
    const good = await doctor(mainVars({ cognito_client_id: 'secretclient' }), [], { ...awsEnv, COGNITO_PASSWORD: PW, COGNITO_CLIENT_SECRET: SECRET });
    expect(finding(good.out, '✓', 'client secret')).toContain('matches the client\'s secret (compared in memory)');
    expect(good.code).toBe(0);
  });

  it('a cognito_client_secret for a client without one', async () => {
    const run = await doctor(mainVars({}), [], { ...awsEnv, COGNITO_PASSWORD: PW, COGNITO_CLIENT_SECRET: SECRET });
    expect(finding(run.out, '✗', 'client secret')).toContain('fix: empty cognito_client_secret');
  });

  it('refresh token rotation: explained, and the refresh shows GetTokensFromRefreshToken with a new refresh token', async () => {
    const run = await doctor(mainVars({ cognito_client_id: 'rotating' }));
    expect(finding(run.out, '✓', 'refresh token rotation')).toContain('on: every refresh is one GetTokensFromRefreshToken call');
    expect(finding(run.out, '✓', 'refresh')).toContain('refreshed with GetTokensFromRefreshToken (1 call), which returned a new refresh token (rotation)');
    expect(run.code).toBe(0);
  });

  it('token lifetimes shorter than twice cognito_refresh_margin_seconds', async () => {
    const run = await doctor(on(strictPool, { cognito_client_id: 'client2', cognito_username: 'bob', cognito_refresh_margin_seconds: '200' }));
    expect(finding(run.out, '!', 'token lifetimes')).toContain('fix: set cognito_refresh_margin_seconds to at most 150');
  });
});

describe('pm-cognito doctor: the user', () => {
  const cases: Array<{ name: string; vars: Record<string, string>; check: string; says: string; fix: string }> = [
    { name: 'FORCE_CHANGE_PASSWORD without cognito_new_password', vars: { cognito_username: 'fresh' }, check: 'user status', says: 'FORCE_CHANGE_PASSWORD', fix: 'set cognito_new_password' },
    { name: 'FORCE_CHANGE_PASSWORD without the required attributes', vars: { cognito_username: 'fresh', cognito_new_password: NEW_PW }, check: 'user status', says: 'the pool requires email, which cognito_user_attributes does not carry', fix: 'set cognito_user_attributes to a JSON object with "email"' },
    { name: 'UNCONFIRMED', vars: { cognito_username: 'unconfirmed' }, check: 'user status', says: 'UNCONFIRMED', fix: 'aws cognito-idp admin-confirm-sign-up --user-pool-id us-east-1_Doctor1 --username unconfirmed' },
    { name: 'RESET_REQUIRED', vars: { cognito_username: 'reset' }, check: 'user status', says: 'RESET_REQUIRED', fix: 'aws cognito-idp admin-set-user-password --user-pool-id us-east-1_Doctor1 --username reset' },
    { name: 'disabled', vars: { cognito_username: 'off' }, check: 'user enabled', says: 'is disabled', fix: 'aws cognito-idp admin-enable-user --user-pool-id us-east-1_Doctor1 --username off' },
    { name: 'TOTP MFA without cognito_totp_secret', vars: { cognito_username: 'totp' }, check: 'MFA', says: 'has TOTP MFA and cognito_totp_secret is empty', fix: 'set cognito_totp_secret' },
    { name: 'SMS MFA', vars: { cognito_username: 'sms' }, check: 'MFA', says: 'SMS_MFA MFA: a code sent by SMS or e-mail cannot be answered by a script', fix: '--software-token-mfa-settings Enabled=true' },
  ];
  for (const c of cases) {
    it(c.name + ': found, named, with its fix; no sign-in is tried', async () => {
      const before = main.count('InitiateAuth');
      const run = await doctor(mainVars(c.vars));
      expect(run.code).toBe(1);
      const line = finding(run.out, '✗', c.check);
      expect(line).toContain(c.says);
      expect(line).toContain('fix: ');
      expect(line).toContain(c.fix);
      expect(main.count('InitiateAuth')).toBe(before);
    });
  }

  it('TOTP MFA with cognito_totp_secret passes and signs in', async () => {
    const run = await doctor(mainVars({ cognito_username: 'totp' }), [], { ...awsEnv, COGNITO_PASSWORD: PW, COGNITO_TOTP_SECRET: TOTP });
    expect(finding(run.out, '✓', 'MFA')).toContain('TOTP MFA, answered with cognito_totp_secret');
    expect(finding(run.out, '✓', 'sign-in')).toContain('(2 calls)');
  });

  it('a refused sign-in is reported once and never retried', async () => {
    const before = main.count('InitiateAuth');
    const run = await doctor(mainVars({}), [], { ...awsEnv, COGNITO_PASSWORD: 'Wrong-Passw0rd!' });
    expect(finding(run.out, '✗', 'sign-in')).toContain('Incorrect username or password');
    expect(main.count('InitiateAuth') - before).toBe(1);
    expect(run.code).toBe(1);
  });
});

describe('pm-cognito doctor: threat protection, client credentials, identity pool', () => {
  it('threat protection ENFORCED: the runner outside SkippedIPRangeList gets the command that adds it; inside passes', async () => {
    const vars = on(strictPool, { cognito_client_id: 'client2', cognito_username: 'bob' });
    const outside = await doctor(vars, ['--runner-ip', '203.0.113.9']);
    expect(finding(outside.out, '!', 'threat protection')).toContain('--risk-exception-configuration SkippedIPRangeList=198.51.100.0/24,203.0.113.9/32');
    const inside = await doctor(vars, ['--runner-ip', '198.51.100.20']);
    expect(finding(inside.out, '✓', 'threat protection')).toContain('is in SkippedIPRangeList (198.51.100.0/24)');
  });

  it('client credentials: a client without the grant, and scopes the client may not have', async () => {
    const base = { cognito_auth_flow: 'CLIENT_CREDENTIALS', cognito_oauth_token_url: main.oauthUrl + '/oauth2/token' };
    const env = { ...awsEnv, COGNITO_CLIENT_SECRET: SECRET };
    const noGrant = await doctor(on(main, { ...base, cognito_client_id: 'nooauth' }), [], env);
    expect(finding(noGrant.out, '✗', 'client credentials')).toContain('--allowed-o-auth-flows client_credentials');
    const scope = await doctor(on(main, { ...base, cognito_client_id: 'machine', cognito_scopes: 'api/write' }), [], env);
    expect(finding(scope.out, '✗', 'scopes')).toContain('fix: set cognito_scopes to scopes among: api/read');
    const good = await doctor(on(main, { ...base, cognito_client_id: 'machine', cognito_scopes: 'api/read' }), [], env);
    expect(finding(good.out, '✓', 'access token')).toContain('scopes api/read');
    expect(finding(good.out, '-', 'refresh')).toContain('gives no refresh token');
    expect(good.code).toBe(0);
  });

  it('identity pool: the provider that is not listed, a guest the pool refuses, a missing role', async () => {
    const pool = { cognito_identity_pool_id: identityPool.identityPoolId, cognito_identity_endpoint: identityPool.url };
    const listed = await doctor(mainVars(pool));
    expect(finding(listed.out, '✓', 'identity pool provider')).toContain('lists user pool us-east-1_Doctor1 with app client goodclient');
    expect(finding(listed.out, '-', 'role trust policy')).toContain('aws iam get-role --role-name doctor-auth');
    const other = await doctor(mainVars({ ...pool, cognito_client_id: 'rotating' }));
    const update = finding(other.out, '✗', 'identity pool provider');
    expect(update).toContain('update-identity-pool --identity-pool-id ' + identityPool.identityPoolId + ' --identity-pool-name identity-pool-double --no-allow-unauthenticated-identities --no-allow-classic-flow');
    expect(update).toContain('--cognito-identity-providers ProviderName=cognito-idp.us-east-1.amazonaws.com/us-east-1_Doctor1,ClientId=goodclient,ServerSideTokenCheck=false ProviderName=cognito-idp.us-east-1.amazonaws.com/us-east-1_Doctor1,ClientId=rotating,ServerSideTokenCheck=false');
    const guest = await doctor({ ...pool, 'cognito_identity_guest@visitor': 'true' });
    const visitor = guest.out.slice(guest.out.indexOf('identity "visitor"'));
    expect(finding(visitor, '✗', 'guest access')).toContain('--identity-pool-name identity-pool-double --allow-unauthenticated-identities --no-allow-classic-flow --cognito-identity-providers ProviderName=cognito-idp.us-east-1.amazonaws.com/us-east-1_Doctor1,ClientId=goodclient,ServerSideTokenCheck=false');
    expect(finding(visitor, '✗', 'identity pool roles')).toContain('aws cognito-identity set-identity-pool-roles');
  });
});

describe('pm-cognito doctor: usage', () => {
  it('bad options are usage errors (exit 2)', async () => {
    const post = await doctor(mainVars({}), ['--method', 'POST']);
    expect(post).toMatchObject({ code: 2, out: '' });
    expect(post.err).toContain('--method is "POST": give GET or HEAD');
    const ghost = await doctor(mainVars({}), ['-i', 'ghost']);
    expect(ghost.code).toBe(2);
    expect(ghost.err).toContain('identity "ghost" is not configured: the environment configures default');
    const ftp = await doctor(mainVars({}), ['--url', 'ftp://x']);
    expect(ftp.code).toBe(2);
    expect(ftp.err).toContain('--url needs an http(s) URL');
  });
});
