// startCognitoLocal({ emptyPools }) (what `pm-cognito local` starts): each pool of the config is set up in a pool written
// before cognito-local started, with no restart; one more pool than that still works, through a restart.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCognitoLocal, type LocalCognito } from '../../src/local/cognito-local';
import { setUpPool } from '../../src/local/pool-setup';

const PASSWORD = 'Empty-pools-1!x';
let cognito: LocalCognito;

beforeAll(async () => {
  cognito = await startCognitoLocal({ emptyPools: 2 });
}, 60_000);

afterAll(async () => {
  await cognito?.stop();
});

async function signIn(poolClient: string, username: string): Promise<number> {
  const response = await fetch(cognito.endpoint + '/', {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: poolClient, AuthParameters: { USERNAME: username, PASSWORD } }),
    signal: AbortSignal.timeout(10_000),
  });
  return response.status;
}

describe('pools written before cognito-local starts', () => {
  it('two pools, no restart: the same cognito-local process, AWS-shaped ids, users that sign in; a third pool restarts it', async () => {
    const pid = cognito.pid;
    const first = await setUpPool(cognito, { users: [{ username: 'ann', password: PASSWORD }] });
    const second = await setUpPool(cognito, { users: [{ username: 'ben', password: PASSWORD }] });
    expect(cognito.pid).toBe(pid);
    expect(first.poolId).not.toBe(second.poolId);
    for (const pool of [first, second]) expect(pool.poolId).toMatch(/^us-east-1_[0-9A-Za-z]{9}$/);
    expect(await signIn(first.clients[0]!.clientId, 'ann')).toBe(200);
    expect(await signIn(second.clients[0]!.clientId, 'ben')).toBe(200);
    // Each user is in its own pool only.
    expect(await signIn(first.clients[0]!.clientId, 'ben')).toBe(400);

    const third = await setUpPool(cognito, { users: [{ username: 'cat', password: PASSWORD }] });
    expect(cognito.pid).not.toBe(pid);
    expect(await signIn(third.clients[0]!.clientId, 'cat')).toBe(200);
    expect(await signIn(first.clients[0]!.clientId, 'ann')).toBe(200);
  }, 60_000);
});
