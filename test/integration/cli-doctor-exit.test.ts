// `pm-cognito doctor` as a real process: its exit codes (0 clean, 1 a problem, 2 bad usage) and no secret in its output.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStrictCognito, type StrictCognito } from '../support/strict-cognito';
import { assertBuilt, JWT, pm } from './cli-harness';

const KEY = { accessKeyId: 'AKIDDOCTOREXIT000001', secretAccessKey: 'doctor-exit-secret-access-key' };
const PW = 'Doctor-Exit-Passw0rd!';
let cognito: StrictCognito;

beforeAll(async () => {
  assertBuilt();
  cognito = await startStrictCognito({ poolId: 'us-east-1_DoctorExit', credentials: [KEY], clients: [{ clientId: 'exitclient' }], users: [{ username: 'alice', password: PW }, { username: 'pending', password: PW, status: 'UNCONFIRMED' }] });
});
afterAll(async () => {
  await cognito?.stop();
});

const vars = (username: string) => ['--env-var', 'cognito_endpoint=' + cognito.endpoint, '--env-var', 'cognito_user_pool_id=' + cognito.poolId, '--env-var', 'cognito_client_id=exitclient', '--env-var', 'cognito_username=' + username];
const env = { AWS_ACCESS_KEY_ID: KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: KEY.secretAccessKey, COGNITO_PASSWORD: PW };

describe('pm-cognito doctor exit codes', () => {
  it('0 on a clean setup, 1 on a broken one, 2 on bad usage', async () => {
    const clean = await pm(['doctor', ...vars('alice')], { env });
    expect(clean.stdout).toContain('pm-cognito doctor: no problems');
    expect(clean.code).toBe(0);
    const broken = await pm(['doctor', ...vars('pending')], { env });
    expect(broken.stdout).toContain('✗ user status: user pending is UNCONFIRMED');
    expect(broken.code).toBe(1);
    const usage = await pm(['doctor', ...vars('alice'), '--method', 'DELETE'], { env });
    expect(usage.stderr).toContain('--method is "DELETE": give GET or HEAD');
    expect(usage.code).toBe(2);
    for (const run of [clean, broken, usage]) {
      expect(run.stdout + run.stderr).not.toContain(PW);
      expect(run.stdout + run.stderr).not.toContain(KEY.secretAccessKey);
      expect(run.stdout + run.stderr).not.toMatch(JWT);
    }
  });
});
