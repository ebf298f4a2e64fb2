// Refresh token rotation through the built script (newman, Postman's CLI) and `pm-cognito run`, against the strict
// double with 1-second access tokens (short-tokens.ts), counting Cognito calls on the wire: one sign-in, then exactly one
// call per refresh, no refresh token ever presented twice (grace period 0: a second use would be RefreshTokenReuseException).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoApi, type DemoApi } from '../../src/local/demo-api';
import { runSuite } from '../../src/node/newman-runner';
import { runSuites } from '../../src/node/run-suites';
import { readSettings } from '../../src/core/settings';
import { cacheKey, cacheVariable, serialiseCache } from '../../src/core/cache-entry';
import { collection, item } from '../support/collection';
import { startStrictCognito, type StrictCognito, type StrictCognitoCall } from '../support/strict-cognito';
import { everyOtherOutlives, LONG_ID_SECONDS, renewalsAtLeast, renewalsAtMost, SHORT_ACCESS_SECONDS } from '../support/short-tokens';

const SECRET = 'rotation_secret_0123456789abcdefghijklmnopqrstu';
const SECOND = 'rotation_second_0123456789abcdefghijklmnopqrstu';
const PW = 'Rotation-pass-1!x';

let cognito: StrictCognito;
let api: DemoApi;

beforeAll(async () => {
  cognito = await startStrictCognito({
    poolId: 'us-east-1_Rotation1',
    clients: [
      { clientId: 'rotatingclient', refreshTokenRotation: { retryGracePeriodSeconds: 0 } },
      { clientId: 'rotatingsecret', clientSecret: SECRET, secondClientSecret: SECOND, refreshTokenRotation: { retryGracePeriodSeconds: 0 } },
      { clientId: 'plainclient01', clientSecret: SECRET },
    ],
    users: [{ username: 'rita', password: PW }],
    idTokenSeconds: LONG_ID_SECONDS,
    accessTokenSeconds: SHORT_ACCESS_SECONDS,
  });
  api = await startDemoApi({ cognitoEndpoint: cognito.endpoint, userPoolId: cognito.poolId, clientIds: ['rotatingclient', 'rotatingsecret', 'plainclient01'] });
}, 60_000);

afterAll(async () => {
  await api?.stop();
  await cognito?.stop();
});

function env(vars: Record<string, string>): Record<string, string> {
  return { baseUrl: api.url, cognito_endpoint: cognito.endpoint, cognito_user_pool_id: cognito.poolId, cognito_username: 'rita', cognito_password: PW, ...vars };
}

const ok = "pm.test('status 200', () => pm.response.to.have.status(200));";
/**
 * n requests, every second one followed by a wait past the renewal point (the sandbox waits for the timer), so the run
 * outlives the tokens while every token is still chosen right before its request is sent.
 */
const outliving = (n: number) => everyOtherOutlives(n, (i, wait) => item({ name: 'me ' + i, path: '/me', tests: [ok, ...wait] }));

/** Counts what the double saw since `before`: sign-ins, refresh calls by API, and any failure. */
function tally(calls: readonly StrictCognitoCall[]) {
  return {
    signIns: calls.filter((c) => c.op === 'InitiateAuth' && c.authFlow === 'USER_PASSWORD_AUTH').length,
    getTokens: calls.filter((c) => c.op === 'GetTokensFromRefreshToken').length,
    refreshTokenAuth: calls.filter((c) => c.authFlow === 'REFRESH_TOKEN_AUTH').length,
    failed: calls.filter((c) => c.status !== 200).map((c) => c.op + ':' + (c.errorType ?? c.status)),
  };
}

const CLIENTS: Array<{ kind: string; vars: Record<string, string> }> = [
  { kind: 'a rotating client', vars: { cognito_client_id: 'rotatingclient' } },
  { kind: 'a rotating client with a secret (the second of two)', vars: { cognito_client_id: 'rotatingsecret', cognito_client_secret: SECOND } },
  { kind: 'a client without rotation', vars: { cognito_client_id: 'plainclient01', cognito_client_secret: SECRET } },
];

describe('refresh over several token lifetimes through newman', () => {
  for (const c of CLIENTS) {
    it(c.kind + ': 1 sign-in, then exactly 1 Cognito call per refresh, none refused', async () => {
      const before = cognito.calls.length;
      const result = await runSuite({ collection: collection('rotation', outliving(8)), environment: env(c.vars), silent: true });
      expect(result.summary.run.failures.map((f) => f.error.message)).toEqual([]);
      expect(result.assertions).toBe(8);
      const t = tally(cognito.calls.slice(before));
      expect(t.failed).toEqual([]);
      expect(t.signIns).toBe(1);
      expect(t.refreshTokenAuth).toBe(0);
      // 8 requests, every second one 700 ms after a receipt of 1 s tokens (renewed from 500 ms): 4 refreshes at the least,
      // never more than one call per request.
      expect(t.getTokens).toBeGreaterThanOrEqual(renewalsAtLeast(8));
      expect(t.getTokens).toBeLessThanOrEqual(renewalsAtMost(8));
    }, 60_000);
  }

  it('a refresh token that was already rotated gets exactly one fresh sign-in, then refreshes work again', async () => {
    // Sign in and rotate once outside pm-cognito: the first refresh token is now spent (grace period 0).
    const call = async (op: string, body: unknown) => {
      const res = await fetch(cognito.endpoint + '/', { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.' + op }, body: JSON.stringify(body) });
      return (await res.json()) as { AuthenticationResult: { IdToken: string; AccessToken: string; RefreshToken?: string } };
    };
    const signedIn = await call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'rotatingclient', AuthParameters: { USERNAME: 'rita', PASSWORD: PW } });
    await call('GetTokensFromRefreshToken', { ClientId: 'rotatingclient', RefreshToken: signedIn.AuthenticationResult.RefreshToken });
    const vars = env({ cognito_client_id: 'rotatingclient' });
    const settings = readSettings((n) => vars[n]);
    const now = Date.now();
    const spent = serialiseCache({
      key: cacheKey(settings), idToken: signedIn.AuthenticationResult.IdToken, accessToken: signedIn.AuthenticationResult.AccessToken,
      refreshToken: signedIn.AuthenticationResult.RefreshToken, obtainedAt: now - 2000, expiresAt: now + 1000, refreshWith: 'GetTokensFromRefreshToken',
    });
    const before = cognito.calls.length;
    const result = await runSuite({
      collection: collection('reuse', outliving(5)),
      environment: vars,
      collectionVariables: { [cacheVariable(cacheKey(settings))]: spent },
      silent: true,
    });
    expect(result.summary.run.failures.map((f) => f.error.message)).toEqual([]);
    const calls = cognito.calls.slice(before);
    expect(calls[0]).toMatchObject({ op: 'GetTokensFromRefreshToken', errorType: 'RefreshTokenReuseException' });
    expect(calls[1]).toMatchObject({ op: 'InitiateAuth', authFlow: 'USER_PASSWORD_AUTH', status: 200 });
    const t = tally(calls);
    expect(t.signIns).toBe(1);
    expect(t.failed).toEqual(['GetTokensFromRefreshToken:RefreshTokenReuseException']);
    // The refused one, then the renewals of the 5 requests after the fresh sign-in.
    expect(t.getTokens).toBeGreaterThanOrEqual(1 + renewalsAtLeast(5));
  }, 60_000);
});

describe('pm-cognito run hands the caches to its suites without presenting a refresh token twice', () => {
  const suites = () => ['one', 'two'].map((name) => ({ name, path: name + '.postman_collection.json', collection: collection(name, outliving(5)) as Record<string, unknown> }));

  it('sequential suites: the second starts with the refresh token the first rotated to (1 sign-in in all)', async () => {
    const before = cognito.calls.length;
    const result = await runSuites({ suites: suites(), environmentName: 'rotation', variables: env({ cognito_client_id: 'rotatingclient' }), silent: true });
    expect(result.suites.map((s) => s.failureLines)).toEqual([[], []]);
    expect(result.passed).toBe(true);
    const t = tally(cognito.calls.slice(before));
    expect(t.failed).toEqual([]);
    expect(t.signIns).toBe(1);
    // Each suite renews at its items 1 and 3 at the least (the second with the refresh token the first rotated to).
    expect(t.getTokens).toBeGreaterThanOrEqual(2 * renewalsAtLeast(5));
  }, 90_000);

  it('parallel suites: only one keeps the refresh token, the other signs in again when its tokens run out', async () => {
    const before = cognito.calls.length;
    const result = await runSuites({ suites: suites(), environmentName: 'rotation', variables: env({ cognito_client_id: 'rotatingclient' }), silent: true, parallel: true });
    expect(result.suites.map((s) => s.failureLines)).toEqual([[], []]);
    const t = tally(cognito.calls.slice(before));
    expect(t.failed).toEqual([]);
    expect(t.signIns).toBe(2);
    // The suite with the refresh token renews at its items 1 and 3; the other signs in at item 1 and renews at item 3.
    expect(t.getTokens).toBeGreaterThanOrEqual(renewalsAtLeast(5) + 1);
  }, 90_000);
});

// "refresh token rotation through Postman's own CLI: a rotating client: 1 sign-in, one call per refresh, none refused" is in
// flows-strict.test.ts: its identity rides along in that file's one Postman CLI run (a start costs seconds of CPU).
