// `pm-cognito doctor` in-process: the cases of the review (a sign-in that must not change a password, MFA and alias fixtures,
// things that do not exist, blocked runners, identity-pool reads that need signing) and --url, with no secret printed.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentityPoolDouble, type IdentityPoolDouble } from '../../src/local/identity-pool-double';
import { doctorRun, finding, isolateAwsEnvironment, type DoctorRun } from '../support/doctor-run';
import { startStrictCognito, type StrictCognito } from '../support/strict-cognito';
import { startTokenGate, type TokenGate } from '../support/token-gate';

isolateAwsEnvironment();

const KEY = { accessKeyId: 'AKIDDOCTORCASES00001', secretAccessKey: 'doctor-cases-secret-access-key' };
const PW = 'Cases-Passw0rd!';
const NEW_PW = 'Cases-New-Passw0rd!';
const SECRETS = [PW, NEW_PW, KEY.secretAccessKey];
const awsEnv = { AWS_ACCESS_KEY_ID: KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: KEY.secretAccessKey };

let cases: StrictCognito;
let mfaOn: StrictCognito;
let guarded: StrictCognito;
let identityPool: IdentityPoolDouble;
let gate: TokenGate;

beforeAll(async () => {
  cases = await startStrictCognito({
    poolId: 'us-east-1_Cases1',
    credentials: [KEY],
    clients: [{ clientId: 'casesclient' }],
    users: [
      { username: 'alice', password: PW },
      { username: 'fresh', password: PW, status: 'FORCE_CHANGE_PASSWORD' },
      { username: 'emailotp', password: PW, challenge: 'EMAIL_OTP' },
      { username: 'ana', password: PW, attributes: { email: 'ana@example.com' } },
    ],
    description: { aliasAttributes: ['email'] },
  });
  mfaOn = await startStrictCognito({ poolId: 'us-east-1_Cases2', credentials: [KEY], clients: [{ clientId: 'mfaclient' }], users: [{ username: 'nomfa', password: PW }], description: { mfaConfiguration: 'ON' } });
  guarded = await startStrictCognito({
    poolId: 'us-east-1_Cases3',
    credentials: [KEY],
    clients: [{ clientId: 'own' }, { clientId: 'shared' }],
    users: [{ username: 'bob', password: PW }],
    description: { advancedSecurityMode: 'ENFORCED', skippedIpRanges: ['198.51.100.0/24'], blockedIpRanges: ['203.0.113.0/24'], riskClientIds: ['own'] },
  });
  identityPool = await startIdentityPoolDouble({
    providers: [{ providerName: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Cases1', clientIds: ['casesclient'], jwks: cases.jwks }],
    allowUnauthenticated: true,
    readCredentials: [KEY],
  });
  gate = await startTokenGate(cases.issuer);
});

afterAll(async () => {
  await gate?.stop();
  await identityPool?.stop();
  await guarded?.stop();
  await mfaOn?.stop();
  await cases?.stop();
});

function doctor(vars: Record<string, string>, args: string[] = [], env: Record<string, string> = { ...awsEnv, COGNITO_PASSWORD: PW }): Promise<DoctorRun> {
  return doctorRun(vars, args, env, SECRETS);
}

const on = (pool: StrictCognito, vars: Record<string, string>) => ({ cognito_endpoint: pool.endpoint, cognito_user_pool_id: pool.poolId, ...vars });
const casesVars = (vars: Record<string, string>) => on(cases, { cognito_client_id: 'casesclient', cognito_username: 'alice', ...vars });

describe('pm-cognito doctor: the sign-in never changes a password', () => {
  it('a FORCE_CHANGE_PASSWORD user the doctor could not read: NEW_PASSWORD_REQUIRED is not answered, even with cognito_new_password', async () => {
    const before = cases.count('RespondToAuthChallenge');
    const withNew = await doctor(casesVars({ cognito_username: 'fresh', cognito_new_password: NEW_PW }), [], { COGNITO_PASSWORD: PW });
    expect(finding(withNew.out, '!', 'sign-in')).toMatch(/user fresh must change its password first[\s\S]*fix: the first run sets cognito_new_password as the password for good/);
    const without = await doctor(casesVars({ cognito_username: 'fresh' }), [], { COGNITO_PASSWORD: PW });
    expect(finding(without.out, '✗', 'sign-in')).toMatch(/must change its password first[\s\S]*fix: set cognito_new_password .*admin-set-user-password --user-pool-id us-east-1_Cases1 --username fresh/);
    expect(cases.count('RespondToAuthChallenge')).toBe(before);
    // The temporary password still signs in to the same challenge: nothing was changed.
    const again = await doctor(casesVars({ cognito_username: 'fresh' }), [], { COGNITO_PASSWORD: PW });
    expect(finding(again.out, '✗', 'sign-in')).toContain('must change its password first');
  });
});

describe('pm-cognito doctor: MFA and sign-in names', () => {
  it('e-mail OTP MFA cannot be answered by a script: the fix moves the user to TOTP', async () => {
    const run = await doctor(casesVars({ cognito_username: 'emailotp' }));
    expect(finding(run.out, '✗', 'MFA')).toMatch(/user emailotp has EMAIL_OTP MFA[\s\S]*--email-mfa-settings Enabled=false/);
  });

  it('a pool that requires MFA and a user with none set up', async () => {
    const run = await doctor(on(mfaOn, { cognito_client_id: 'mfaclient', cognito_username: 'nomfa' }));
    expect(finding(run.out, '✗', 'MFA')).toMatch(/the pool requires MFA and user nomfa has none: the sign-in answers MFA_SETUP[\s\S]*fix: set up TOTP/);
    expect(run.code).toBe(1);
  });

  it('signing in with an e-mail alias: names the real username', async () => {
    const run = await doctor(casesVars({ cognito_username: 'ana@example.com' }));
    expect(finding(run.out, '✓', 'username')).toContain('cognito_username is an alias; Cognito\'s username is ana');
  });
});

describe('pm-cognito doctor: what does not exist', () => {
  it('a pool, an app client, a user, an identity pool: each named with the setting to change', async () => {
    const pool = await doctor(on(cases, { cognito_user_pool_id: 'us-east-1_Nothere', cognito_client_id: 'casesclient', cognito_username: 'alice' }));
    expect(finding(pool.out, '✗', 'user pool')).toMatch(/user pool us-east-1_Nothere was not found[\s\S]*fix: set cognito_user_pool_id to the pool id/);
    const client = await doctor(casesVars({ cognito_client_id: 'ghostclient' }));
    expect(finding(client.out, '✗', 'app client')).toMatch(/app client ghostclient was not found in us-east-1_Cases1[\s\S]*fix: set cognito_client_id/);
    const user = await doctor(casesVars({ cognito_username: 'ghost' }));
    expect(finding(user.out, '✗', 'user')).toMatch(/user ghost does not exist in us-east-1_Cases1[\s\S]*fix: set cognito_username/);
    const other = 'us-east-1:00000000-0000-4000-8000-00000000dead';
    const ip = await doctor(casesVars({ cognito_identity_pool_id: other, cognito_identity_endpoint: identityPool.url }));
    expect(finding(ip.out, '✗', 'identity pool')).toMatch(new RegExp('identity pool ' + other + ' was not found[\\s\\S]*fix: set cognito_identity_pool_id'));
    for (const run of [pool, client, user, ip]) expect(run.code).toBe(1);
  });
});

describe('pm-cognito doctor: threat protection', () => {
  it('a runner in BlockedIPRangeList fails; the fix names the client whose own configuration it is', async () => {
    const run = await doctor(on(guarded, { cognito_client_id: 'own', cognito_username: 'bob' }), ['--runner-ip', '203.0.113.9']);
    const line = finding(run.out, '✗', 'threat protection');
    expect(line).toContain('the runner 203.0.113.9 is in BlockedIPRangeList (203.0.113.0/24)');
    expect(line).toContain('set-risk-configuration --user-pool-id us-east-1_Cases3 --client-id own --risk-exception-configuration SkippedIPRangeList=198.51.100.0/24');
    expect(run.code).toBe(1);
  });

  it('the pool\'s configuration (no ClientId in the answer): no --client-id in the fix', async () => {
    const run = await doctor(on(guarded, { cognito_client_id: 'shared', cognito_username: 'bob' }), ['--runner-ip', '192.0.2.4']);
    const line = finding(run.out, '!', 'threat protection');
    expect(line).toContain('set-risk-configuration --user-pool-id us-east-1_Cases3 --risk-exception-configuration SkippedIPRangeList=198.51.100.0/24,192.0.2.4/32,BlockedIPRangeList=203.0.113.0/24');
  });

  it('threat protection off: DescribeRiskConfiguration is not called', async () => {
    const before = cases.count('DescribeRiskConfiguration');
    const run = await doctor(casesVars({}));
    expect(finding(run.out, '✓', 'threat protection')).toContain('off');
    expect(cases.count('DescribeRiskConfiguration')).toBe(before);
  });
});

describe('pm-cognito doctor: identity-pool reads are signed', () => {
  it('keys the identity pool does not accept: its checks are skipped with why', async () => {
    const guest = { cognito_identity_pool_id: identityPool.identityPoolId, cognito_identity_endpoint: identityPool.url, 'cognito_identity_guest@visitor': 'true' };
    const refused = await doctor(guest, ['-i', 'visitor'], { AWS_ACCESS_KEY_ID: 'AKIDNOTKNOWN00000000', AWS_SECRET_ACCESS_KEY: 'unknown-secret-key' });
    expect(finding(refused.out, '-', 'identity pool')).toContain('skipped: AWS did not accept the credentials (UnrecognizedClientException)');
    expect(refused.out).not.toContain('unknown-secret-key');
    const accepted = await doctor(guest, ['-i', 'visitor'], awsEnv);
    expect(finding(accepted.out, '✓', 'guest access')).toContain('the identity pool gives guests identities');
  });
});

describe('pm-cognito doctor --url', () => {
  it('a route that wants the ID token raw passes as configured by default', async () => {
    const run = await doctor(casesVars({}), ['--url', gate.url + '/id-raw']);
    expect(finding(run.out, '✓', 'GET ' + gate.url + '/id-raw')).toContain('200 with the id token raw in Authorization');
  });

  it('a route that wants the access token as Bearer: the settings that make it pass', async () => {
    const run = await doctor(casesVars({}), ['--url', gate.url + '/access-bearer']);
    expect(finding(run.out, '✗', 'GET ' + gate.url + '/access-bearer')).toContain('fix: set cognito_token_type to access and cognito_header_scheme to Bearer');
    const fixed = await doctor(casesVars({ cognito_token_type: 'access', cognito_header_scheme: 'Bearer' }), ['--url', gate.url + '/access-bearer', '--method', 'HEAD']);
    expect(finding(fixed.out, '✓', 'HEAD ' + gate.url + '/access-bearer')).toContain('200 with the access token as Bearer');
    expect(fixed.code).toBe(0);
  });

  it('a route no token passes: says that no setting does', async () => {
    const run = await doctor(casesVars({}), ['--url', gate.url + '/nobody']);
    expect(finding(run.out, '✗', 'GET ' + gate.url + '/nobody')).toContain('no setting makes it pass');
    expect(run.code).toBe(1);
  });

  it('another method than GET or HEAD only with --allow-any-method', async () => {
    const refused = await doctor(casesVars({}), ['--url', gate.url + '/id-raw', '--method', 'DELETE']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('give GET or HEAD (the doctor changes nothing on the API), or add --allow-any-method to send DELETE anyway');
    const allowed = await doctor(casesVars({}), ['--url', gate.url + '/id-raw', '--method', 'delete', '--allow-any-method']);
    expect(finding(allowed.out, '✓', 'DELETE ' + gate.url + '/id-raw')).toContain('200 with the id token raw');
  });

  it('the query string is not shown, and no secret setting\'s value is, wherever it appears', async () => {
    const run = await doctor(casesVars({}), ['--url', gate.url + '/id-raw?api_key=query-key-0123456789']);
    expect(finding(run.out, '✓', 'GET ' + gate.url + '/id-raw?…')).toContain('200');
    expect(run.out).not.toContain('query-key-0123456789');
    for (const args of [[], ['--json']]) {
      const inPath = await doctor(casesVars({}), ['--url', gate.url + '/nobody/' + PW, ...args]);
      expect(inPath.out).toContain(gate.url + '/nobody/***');
    }
  });
});
