// Proves that stacks on one shared cognito-local each get their own pool, cannot reach each other's users, and never restart it.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attachCognitoLocal, startSharedCognitoLocal, writePremadePools, type SharedCognitoLocal } from '../support/shared-cognito-local';
import { setUpPool, type PoolClientInfo } from '../../src/local/pool-setup';
import { startLocalStack, type LocalStack } from '../../src/local/stack';
import { startTestStack } from '../support/local-stack';
import { alive } from '../support/process-alive';

const ANN = { username: 'ann', password: 'Ann-pass-1!x' };
const BOB = { username: 'bob', password: 'Bob-pass-1!x' };
const POOL_ID = /^us-east-1_[A-Za-z0-9]{9}$/;

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function call(endpoint: string, operation: string, body: unknown): Promise<Answer> {
  const response = await fetch(endpoint.replace(/\/+$/, '') + '/', {
    method: 'POST',
    headers: { 'X-Amz-Target': 'AWSCognitoIdentityProviderService.' + operation, 'Content-Type': 'application/x-amz-json-1.1' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const signIn = (endpoint: string, client: PoolClientInfo, user: { username: string; password: string }): Promise<Answer> =>
  call(endpoint, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client.clientId, AuthParameters: { USERNAME: user.username, PASSWORD: user.password } });

function idToken(answer: Answer): string {
  expect(answer.status).toBe(200);
  return String((answer.body.AuthenticationResult as Record<string, unknown>).IdToken);
}

const issuer = (token: string): unknown => (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>).iss;

async function me(stack: LocalStack, token: string): Promise<number> {
  const response = await fetch(stack.api.url + '/me', { headers: { Authorization: token }, signal: AbortSignal.timeout(10_000) });
  await response.arrayBuffer();
  return response.status;
}

describe('two stacks on one shared cognito-local of their own (three pre-made pools)', () => {
  let shared: SharedCognitoLocal;
  let a: LocalStack;
  let b: LocalStack;
  let pid: number;

  beforeAll(async () => {
    shared = await startSharedCognitoLocal(3);
    pid = shared.handle.pid;
    // Each as a test file would attach it in its own worker; started side by side, as two workers do.
    [a, b] = await Promise.all([
      startLocalStack({ cognito: attachCognitoLocal({ ...shared.handle }), users: [ANN], mfa: 'OPTIONAL' }),
      startLocalStack({ cognito: attachCognitoLocal({ ...shared.handle }), users: [BOB] }),
    ]);
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await shared?.stop();
  });

  it('each stack has its own pre-made pool, with the pool options it asked for, and cognito-local was not restarted (same pid, still running)', async () => {
    expect(a.pool.poolId).toMatch(POOL_ID);
    expect(b.pool.poolId).toMatch(POOL_ID);
    expect(a.pool.poolId).not.toBe(b.pool.poolId);
    expect(existsSync(shared.handle.dataDir + '/.cognito/db/' + a.pool.poolId + '.json')).toBe(true);
    expect([a.cognito.pid, b.cognito.pid, shared.handle.pid]).toEqual([pid, pid, pid]);
    expect(alive(pid)).toBe(true);
    const mfa = async (poolId: string): Promise<unknown> => ((await call(shared.handle.endpoint, 'DescribeUserPool', { UserPoolId: poolId })).body.UserPool as Record<string, unknown>).MfaConfiguration;
    expect([await mfa(a.pool.poolId), await mfa(b.pool.poolId)]).toEqual(['OPTIONAL', 'OFF']);
  });

  it('a user signs in through their own stack, not through the other stack\'s client, and a token of one pool is refused by the other stack\'s API', async () => {
    const annToken = idToken(await signIn(a.connection['cognito_endpoint']!, a.pool.clients[0]!, ANN));
    expect(issuer(annToken)).toBe('https://cognito-idp.us-east-1.amazonaws.com/' + a.pool.poolId);
    const bobToken = idToken(await signIn(b.connection['cognito_endpoint']!, b.pool.clients[0]!, BOB));
    expect(await signIn(b.connection['cognito_endpoint']!, b.pool.clients[0]!, ANN)).toMatchObject({ status: 400, body: { __type: 'NotAuthorizedException' } });
    expect(await signIn(a.connection['cognito_endpoint']!, a.pool.clients[0]!, BOB)).toMatchObject({ status: 400, body: { __type: 'NotAuthorizedException' } });
    expect([await me(a, annToken), await me(b, bobToken), await me(b, annToken), await me(a, bobToken)]).toEqual([200, 200, 401, 401]);
  });

  it('setUpPool on the shared cognito-local claims the last pool, then says all are taken; restart() is refused', async () => {
    const third = await setUpPool(attachCognitoLocal(shared.handle), { users: [ANN] });
    expect(third.poolId).toMatch(POOL_ID);
    expect([a.pool.poolId, b.pool.poolId]).not.toContain(third.poolId);
    await expect(setUpPool(attachCognitoLocal(shared.handle), {})).rejects.toThrow('all 3 pre-made pools of the shared cognito-local in ' + shared.handle.dataDir + ' are taken');
    await expect(a.cognito.restart()).rejects.toThrow('is shared with other stacks: it is not restarted');
    expect(alive(pid)).toBe(true);
  });

  it('stopping a stack leaves the shared cognito-local and the other stack working', async () => {
    await a.stop();
    expect(alive(pid)).toBe(true);
    idToken(await signIn(b.connection['cognito_endpoint']!, b.pool.clients[0]!, BOB));
  });

  it('reset() frees every pool again (a watch-mode rerun) on the same port; stop() ends the process and removes its directory', async () => {
    await shared.reset();
    expect(shared.handle.endpoint).toBe(b.cognito.endpoint);
    expect(alive(pid)).toBe(false);
    expect(alive(shared.handle.pid)).toBe(true);
    // The old pools and clients are gone; three fresh pools can be claimed.
    expect((await signIn(shared.handle.endpoint, b.pool.clients[0]!, BOB)).status).toBe(400);
    const again = await Promise.all([0, 1, 2].map(() => attachCognitoLocal(shared.handle).claimPool!()));
    expect(new Set(again).size).toBe(3);
    const newPid = shared.handle.pid;
    await shared.stop();
    expect(alive(newPid)).toBe(false);
    expect(existsSync(shared.handle.dataDir)).toBe(false);
  });
});

describe('claims from several processes at once (test workers)', () => {
  it('two processes claiming eight pools each, at the same time, get sixteen different pools', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm-cognito-claims-'));
    try {
      const ids = await writePremadePools(dir, 16);
      const module = JSON.stringify(join(__dirname, '..', 'support', 'shared-cognito-local.ts'));
      const script = 'const m = await import(' + module + '); const claim = m.claimPremadePool ?? m.default.claimPremadePool;' +
        ' console.log(JSON.stringify(await Promise.all(Array.from({ length: 8 }, () => claim(' + JSON.stringify(dir) + ')))));';
      const worker = () => promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 30_000, maxBuffer: 64 * 1024 });
      const outputs = await Promise.all([worker(), worker()]);
      const claimed = outputs.flatMap((output) => JSON.parse(output.stdout) as string[]);
      expect(claimed.sort()).toEqual([...ids].sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('startTestStack in this run', () => {
  const provided = inject('sharedCognitoLocal');

  it.skipIf(provided === undefined)('uses the run\'s shared cognito-local (test/shared-cognito-local-setup.ts), and its stop() leaves it running', async () => {
    const stack = await startTestStack({ users: [ANN] });
    try {
      expect(stack.cognito.endpoint).toBe(provided!.endpoint);
      expect(stack.cognito.pid).toBe(provided!.pid);
      idToken(await signIn(stack.connection['cognito_endpoint']!, stack.pool.clients[0]!, ANN));
    } finally {
      await stack.stop();
    }
    expect(alive(provided!.pid)).toBe(true);
    expect((await fetch(provided!.endpoint + '/health', { signal: AbortSignal.timeout(5_000) })).status).toBe(200);
  });
});
