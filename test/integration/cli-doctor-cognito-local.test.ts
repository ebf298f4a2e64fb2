// `pm-cognito doctor` in-process against cognito-local: where its Describe* and AdminGetUser answers suffice.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../src/cli/cli';
import type { LocalCognito } from '../../src/local/cognito-local';
import { setUpPool, type PoolInfo } from '../../src/local/pool-setup';
import { testCognitoLocal } from '../support/local-stack';
import { memoryIo } from '../support/memory-io';
import { JWT } from './cli-harness';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
process.env['AWS_EC2_METADATA_DISABLED'] = 'true';

const PW = 'Local-Doctor-Passw0rd!';
let cognito: LocalCognito;
let pool: PoolInfo;

beforeAll(async () => {
  cognito = await testCognitoLocal();
  pool = await setUpPool(cognito, {
    clients: [{ name: 'plain' }, { name: 'secret', generateSecret: true }],
    users: [{ username: 'alice', password: PW }, { username: 'fresh', password: PW, temporaryPassword: true }],
  });
});
afterAll(async () => {
  await cognito?.stop();
});

async function doctor(client: string, username: string, env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  const clientId = pool.clients.find((c) => c.name === client)!.clientId;
  const io = memoryIo({ AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', COGNITO_PASSWORD: PW, ...env });
  const vars = { cognito_endpoint: cognito.endpoint, cognito_user_pool_id: pool.poolId, cognito_client_id: clientId, cognito_username: username };
  const code = await cli(['doctor', ...Object.entries(vars).flatMap(([k, v]) => ['--env-var', k + '=' + v])], io);
  const out = io.stdout() + io.stderr();
  expect(out).not.toContain(PW);
  expect(out).not.toMatch(JWT);
  for (const c of pool.clients) if (c.clientSecret !== undefined) expect(out).not.toContain(c.clientSecret);
  return { code, out };
}

describe('pm-cognito doctor on cognito-local', () => {
  it('a clean setup passes and exits 0', async () => {
    const run = await doctor('plain', 'alice');
    expect(run.out).toContain('✓ user status: user alice is CONFIRMED');
    expect(run.out).toContain('✓ sign-in: signed in with USER_PASSWORD_AUTH');
    expect(run.out).not.toContain('✗');
    expect(run.code).toBe(0);
  });

  it('a client with a secret and none set; a temporary password without cognito_new_password', async () => {
    const secret = await doctor('secret', 'alice');
    expect(secret.out).toContain('✗ client secret: app client ' + pool.clients[1]!.clientId + ' has a secret but cognito_client_secret is empty');
    const fresh = await doctor('plain', 'fresh');
    expect(fresh.out).toContain('✗ user status: user fresh is FORCE_CHANGE_PASSWORD');
    expect(fresh.code).toBe(1);
  });
});
