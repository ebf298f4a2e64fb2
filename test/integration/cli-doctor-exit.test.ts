// `pm-cognito doctor`'s exit codes (0 clean, 1 a problem, 2 bad usage; the real process for 2 and 0), no secret in its output,
// and what it says when the optional identity-pool SDK cannot be loaded.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentityPoolDouble } from '../../src/local/identity-pool-double';
import { startStrictCognito, type StrictCognito } from '../support/strict-cognito';
import { assertBuilt, JWT, pm, removeTempDirs, tempDir } from './cli-harness';
import { pmInProcess } from '../support/in-process-cli';

const KEY = { accessKeyId: 'AKIDDOCTOREXIT000001', secretAccessKey: 'doctor-exit-secret-access-key' };
const PW = 'Doctor-Exit-Passw0rd!';
let cognito: StrictCognito;

beforeAll(async () => {
  assertBuilt();
  cognito = await startStrictCognito({ poolId: 'us-east-1_DoctorExit', credentials: [KEY], clients: [{ clientId: 'exitclient' }], users: [{ username: 'alice', password: PW }, { username: 'pending', password: PW, status: 'UNCONFIRMED' }] });
});
afterAll(async () => {
  await cognito?.stop();
  removeTempDirs();
});

const vars = (username: string) => ['--env-var', 'cognito_endpoint=' + cognito.endpoint, '--env-var', 'cognito_user_pool_id=' + cognito.poolId, '--env-var', 'cognito_client_id=exitclient', '--env-var', 'cognito_username=' + username];
const env = { AWS_ACCESS_KEY_ID: KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: KEY.secretAccessKey, COGNITO_PASSWORD: PW };

describe('pm-cognito doctor exit codes', () => {
  it('0 on a clean setup, 1 on a broken one, 2 on bad usage', async () => {
    // The bin's exit code as a shell sees it: bad usage (2) and the SDK-less run below (0) are real processes; the
    // clean and broken setups' codes are what cli() returns, in-process.
    const clean = await pmInProcess(['doctor', ...vars('alice')], { env });
    expect(clean.stdout).toContain('pm-cognito doctor: no problems');
    expect(clean.code).toBe(0);
    const broken = await pmInProcess(['doctor', ...vars('pending')], { env });
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

describe('pm-cognito doctor without the AWS SDKs', () => {
  it('says the AWS checks are skipped and gives each install line; the rest still runs', async () => {
    const ip = await startIdentityPoolDouble({ providers: [{ providerName: 'cognito-idp.us-east-1.amazonaws.com/' + cognito.poolId, clientIds: ['exitclient'], jwks: cognito.jwks }] });
    try {
      // The package is installed here: a preload makes Node answer as if it were not (MODULE_NOT_FOUND).
      const hide = join(tempDir(), 'hide-identity-sdk.cjs');
      writeFileSync(hide, "const Module = require('node:module');\nconst resolve = Module._resolveFilename;\nModule._resolveFilename = function (request, ...rest) {\n  if (request === '@aws-sdk/client-cognito-identity' || request === '@aws-sdk/client-cognito-identity-provider') throw Object.assign(new Error('Cannot find module ' + request), { code: 'MODULE_NOT_FOUND' });\n  return resolve.call(this, request, ...rest);\n};\n");
      const identity = ['--env-var', 'cognito_identity_pool_id=' + ip.identityPoolId, '--env-var', 'cognito_identity_endpoint=' + ip.url];
      const run = await pm(['doctor', ...vars('alice'), ...identity], { env: { ...env, NODE_OPTIONS: '--require ' + hide } });
      expect(run.stdout).toContain('- identity pool: skipped: @aws-sdk/client-cognito-identity is not installed (it is an optional dependency): npm i -D @aws-sdk/client-cognito-identity@3.1164.0');
      expect(run.stdout).toContain('- auth flow allowed: skipped: @aws-sdk/client-cognito-identity-provider is not installed (it is an optional dependency): npm i -D @aws-sdk/client-cognito-identity-provider@3.1169.0');
      expect(run.stdout).toContain('✓ sign-in: signed in');
      expect(run.stderr).not.toContain('failed unexpectedly');
      expect(run.code).toBe(0);
    } finally {
      await ip.stop();
    }
  });
});
