// `pm-cognito run` against cognito-local behind a fault proxy: an in-suite refresh that never answers ends the run in time, and SIGHUP deletes the throwaway user.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { AdminGetUserCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { startTestStack, type LocalStack } from '../support/local-stack';
import type { ProxiedCall } from '../../src/local/counting-proxy';
import { collection, item, NOAUTH } from '../support/collection';
import { POSTMAN_CLI_SKIP } from '../support/postman-cli';
import { LONG_ID_SECONDS, SHORT_ACCESS_SECONDS } from '../support/short-tokens';
import { adminClient, assertBuilt, removeTempDirs, startPm, tempDir, waitFor, writeEnvironment, writeJson } from './cli-harness';

const PASSWORD = 'Limits-pass-1!x';
const TIMEOUT_MS = 1000;
/** cognito_timeout_ms × 4 attempts + the pauses between them (250 + 500 + 1000) + 5 s: run-time-limits.ts. */
const LIMIT_MS = TIMEOUT_MS * 4 + 1750 + 5000;

let stack: LocalStack;
let admin: CognitoIdentityProviderClient;
let work: string;
let shortEnv: string;
let envFile: string;
/** When the first refresh reached the proxy (it is held there and never answered); 0 before. */
let firstRefreshAt = 0;

const isRefresh = (call: ProxiedCall) => call.target.endsWith('GetTokensFromRefreshToken') || call.authFlow === 'REFRESH_TOKEN_AUTH' || call.authFlow === 'REFRESH_TOKEN';

beforeAll(async () => {
  assertBuilt();
  stack = await startTestStack({
    clients: [{ name: 'demo' }, { name: 'short', idTokenValiditySeconds: LONG_ID_SECONDS, accessTokenValiditySeconds: SHORT_ACCESS_SECONDS }],
    users: [{ username: 'alice', password: PASSWORD }],
    proxy: {
      fault: (call) => {
        if (!isRefresh(call)) return undefined;
        if (firstRefreshAt === 0) firstRefreshAt = Date.now();
        return { kind: 'stall', ms: 600_000 };
      },
    },
  });
  admin = adminClient(stack.cognito.endpoint);
  work = tempDir('pm-cognito-limits-test-');
  const shortClient = stack.pool.clients.find((c) => c.name === 'short')!;
  shortEnv = writeEnvironment({ ...stack.connection, cognito_client_id: shortClient.clientId, cognito_username: 'alice', cognito_timeout_ms: String(TIMEOUT_MS) }, tempDir());
  envFile = writeEnvironment({ ...stack.connection, cognito_username: 'alice' }, tempDir());
}, 90_000);

afterAll(async () => {
  await stack?.stop();
  removeTempDirs();
});

const ok = "pm.test('status 200', () => pm.response.to.have.status(200));";

describe('an in-suite refresh that never answers', () => {
  const runners: Array<{ label: string; args: string[]; skip: boolean }> = [
    { label: 'newman', args: [], skip: false },
    { label: 'the Postman CLI', args: ['--runner', 'postman'], skip: POSTMAN_CLI_SKIP },
  ];
  for (const runner of runners) {
    it.skipIf(runner.skip)(runner.label + ': the run ends within cognito_timeout_ms × attempts + a few seconds, with a message naming cognito_timeout_ms', async () => {
      firstRefreshAt = 0;
      // A No Auth request (no token, no refresh) whose test outlives the 1-second access tokens (short-tokens.ts): the
      // one request after it must refresh, inside the suite, however long the runner took to start.
      const suite = writeJson(work, 'refresh-' + runner.args.length + '.postman_collection.json', collection('refresh', [
        item({ name: 'wait', path: '/health', auth: NOAUTH, tests: ['setTimeout(() => {}, 1500);'] }),
        item({ name: 'me', path: '/me', tests: [ok] }),
      ]));
      const running = startPm(['run', suite, '-e', shortEnv, ...runner.args], { cwd: work, env: { COGNITO_PASSWORD: PASSWORD }, timeoutMs: 120_000 });
      const result = await running.result;
      const ended = Date.now();
      expect(firstRefreshAt, 'no refresh reached Cognito: ' + result.stdout + result.stderr).toBeGreaterThan(0);
      expect(result.code).toBe(1);
      // A few seconds: the runner's own exit, and up to 5 s the Postman CLI may linger after its summary.
      expect(ended - firstRefreshAt).toBeLessThan(LIMIT_MS + 10_000);
      expect(result.stdout + result.stderr).toContain('cognito_timeout_ms');
    }, 150_000);
  }
});

describe('SIGHUP', () => {
  it('in the middle of a newman suite: exit 129, the throwaway user deleted, no temporary directory left', async () => {
    const tmp = tempDir('pm-cognito-limits-tmp-');
    const slow = writeJson(work, 'slow.postman_collection.json', collection('slow', Array.from({ length: 20 }, (_, i) => item({ name: 'me ' + i, path: '/me' }))));
    const running = startPm(['run', slow, '-e', envFile, '--ephemeral-user', '--delay-request', '500'], { cwd: work, env: { TMPDIR: tmp }, timeoutMs: 60_000 });
    await waitFor(() => /created throwaway user \S+\n/.test(running.stderrSoFar()), 'the throwaway user');
    const username = /created throwaway user (\S+)/.exec(running.stderrSoFar())![1]!;
    await waitFor(() => stack.proxy.signIns() > 0, 'the sign-in');
    await new Promise((r) => setTimeout(r, 1500));
    running.child.kill('SIGHUP');
    const result = await running.result;
    expect({ code: result.code, signal: result.signal }).toEqual({ code: 129, signal: null });
    expect(result.stderr).toContain('run interrupted (SIGHUP)');
    expect(result.stderr).toContain('deleted throwaway user ' + username);
    await expect(admin.send(new AdminGetUserCommand({ UserPoolId: stack.pool.poolId, Username: username }))).rejects.toMatchObject({ name: 'UserNotFoundException' });
    expect(readdirSync(tmp).filter((name) => name.startsWith('pm-cognito-'))).toEqual([]);
  }, 90_000);
});
