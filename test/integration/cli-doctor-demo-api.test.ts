// `pm-cognito doctor --url` against the real demo API on cognito-local: a route that takes the ID token raw and one that wants the access token as Bearer.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type LocalStack } from '../support/local-stack';
import { doctorRun, finding, isolateAwsEnvironment, type DoctorRun } from '../support/doctor-run';

isolateAwsEnvironment();

const PW = 'Demo-Doctor-Passw0rd!';
let stack: LocalStack;

beforeAll(async () => {
  stack = await startTestStack({ users: [{ username: 'alice', password: PW }] });
});
afterAll(async () => {
  await stack?.stop();
});

function doctor(vars: Record<string, string>, urls: string[]): Promise<DoctorRun> {
  const args = urls.flatMap((url) => ['--url', url]);
  // cognito-local takes any AWS keys for the doctor's Describe* and AdminGetUser reads.
  const env = { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', COGNITO_PASSWORD: PW };
  return doctorRun({ ...stack.connection, cognito_username: 'alice', ...vars }, args, env, [PW]);
}

describe('pm-cognito doctor --url on the demo API', () => {
  it('GET /me takes the ID token raw (the default); GET /bearer/me wants the access token as Bearer, and the fix names both settings', async () => {
    const me = stack.api.url + '/me';
    const bearer = stack.api.url + '/bearer/me';
    const run = await doctor({}, [me, bearer]);
    expect(finding(run.out, '✓', 'GET ' + me)).toContain('200 with the id token raw in Authorization');
    // The ID token as Bearer and the access token raw were tried first (and refused): only both changes pass.
    expect(finding(run.out, '✗', 'GET ' + bearer)).toBe(
      '  ✗ GET ' + bearer + ': 401 with the id token raw in Authorization, but 200 with the access token as Bearer\n'
      + '      fix: set cognito_token_type to access and cognito_header_scheme to Bearer',
    );
    expect(run.code).toBe(1);
  });

  it('with the settings the doctor named, both routes pass and the doctor exits 0', async () => {
    const run = await doctor({ cognito_token_type: 'access', cognito_header_scheme: 'Bearer' }, [stack.api.url + '/me', stack.api.url + '/bearer/me']);
    expect(finding(run.out, '✓', 'GET ' + stack.api.url + '/bearer/me')).toContain('200 with the access token as Bearer');
    expect(finding(run.out, '✓', 'GET ' + stack.api.url + '/me')).toContain('200 with the access token as Bearer');
    expect(run.out).not.toContain('✗');
    expect(run.code).toBe(0);
  });

  it('the access token raw: /bearer/me refuses it, and the fix is the scheme alone', async () => {
    const run = await doctor({ cognito_token_type: 'access', cognito_header_scheme: '' }, [stack.api.url + '/bearer/me']);
    const line = finding(run.out, '✗', 'GET ' + stack.api.url + '/bearer/me');
    expect(line).toContain('401 with the access token raw in Authorization, but 200 with the access token as Bearer');
    expect(line).toContain('fix: set cognito_header_scheme to Bearer');
  });
});
