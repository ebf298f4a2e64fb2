// The built dist/ script through real newman against cognito-local and the demo API, counting Cognito calls on the wire.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startTestStack, type LocalStack } from '../support/local-stack';
import { runSuite } from '../../src/node/newman-runner';
import { collection, item, NOAUTH, ROOT, times, writeTemp } from '../support/collection';
import { startHeaderEcho, type HeaderEcho } from '../support/header-echo';
import { runCli } from '../support/run-cli';
import { everyOtherOutlives, LONG_ID_SECONDS, renewalsAtLeast, renewalsAtMost, SHORT_ACCESS_SECONDS } from '../support/short-tokens';

const ALICE_PASSWORD = 'Alice-pass-1!x';
const BOB_PASSWORD = 'Bob-pass-2!y';
let stack: LocalStack;
let echo: HeaderEcho;

function env(overrides: Record<string, string> = {}): Record<string, string> {
  return { ...stack.connection, cognito_username: 'alice', cognito_password: ALICE_PASSWORD, ...overrides };
}

const ME_OK = [
  "pm.test('status 200', () => pm.response.to.have.status(200));",
];

beforeAll(async () => {
  stack = await startTestStack({
    clients: [{ name: 'demo' }, { name: 'short', idTokenValiditySeconds: LONG_ID_SECONDS, accessTokenValiditySeconds: SHORT_ACCESS_SECONDS }],
    users: [
      { username: 'alice', password: ALICE_PASSWORD, groups: ['admins'] },
      { username: 'bob', password: BOB_PASSWORD },
    ],
  });
  echo = await startHeaderEcho();
}, 60_000);

afterAll(async () => {
  await echo?.stop();
  await stack?.stop();
});

describe('pre-request script through newman', () => {
  it('a 50-request run signs in exactly once', async () => {
    stack.proxy.reset();
    const c = collection('fifty', times(50, (i) => item({ name: 'me ' + i, path: '/me', tests: [...ME_OK, "pm.test('alice', () => pm.expect(pm.response.json().username).to.eql('alice'));"] })));
    const result = await runSuite({ collection: c, environment: env(), silent: true });
    expect(result.failures).toBe(0);
    expect(result.assertions).toBe(100);
    expect(stack.proxy.signIns()).toBe(1);
    expect(stack.proxy.refreshes()).toBe(0);
    expect(stack.proxy.calls).toHaveLength(1);
  }, 60_000);

  it('refreshes with the refresh token when a run outlives short-lived tokens', async () => {
    stack.proxy.reset();
    const shortClient = stack.pool.clients[1]!.clientId;
    const c = collection('short', everyOtherOutlives(8, (i, wait) => item({ name: 'me ' + i, path: '/me', tests: [...ME_OK, ...wait] })));
    const result = await runSuite({ collection: c, environment: env({ cognito_client_id: shortClient }), silent: true });
    expect(result.failures).toBe(0);
    expect(stack.proxy.signIns()).toBe(1);
    // 1 s tokens renewed from 500 ms, every second request 700 ms after a receipt: 4 refreshes, not one per request
    // (plus the one GetTokensFromRefreshToken cognito-local answers 500 before the REFRESH_TOKEN_AUTH fallback).
    expect(stack.proxy.refreshes()).toBeGreaterThanOrEqual(renewalsAtLeast(8));
    expect(stack.proxy.refreshes()).toBeLessThanOrEqual(renewalsAtMost(8) + 1);
  }, 60_000);

  it('a username change between requests signs in the new user and never reuses the old token', async () => {
    stack.proxy.reset();
    const switchTo = (user: string, pw: string) => [
      "pm.environment.set('cognito_username', '" + user + "');",
      "pm.environment.set('cognito_password', pm.environment.get('" + pw + "'));",
    ];
    const who = (user: string) => [...ME_OK, "pm.test('as " + user + "', () => pm.expect(pm.response.json().username).to.eql('" + user + "'));"];
    const c = collection('switch', [
      item({ name: 'alice 1', path: '/me', tests: [...who('alice'), ...switchTo('bob', 'bob_password')] }),
      item({ name: 'bob 1', path: '/me', tests: who('bob') }),
      item({ name: 'bob 2', path: '/me', tests: [...who('bob'), ...switchTo('alice', 'alice_password')] }),
      item({ name: 'alice 2', path: '/me', tests: who('alice') }),
    ]);
    const result = await runSuite({ collection: c, environment: env({ alice_password: ALICE_PASSWORD, bob_password: BOB_PASSWORD }), silent: true });
    expect(result.failures).toBe(0);
    expect(result.assertions).toBe(8);
    // alice, then bob; back to alice comes from alice's own cache entry.
    expect(stack.proxy.signIns()).toBe(2);
  }, 60_000);

  it('after a refused sign-in, later requests of the run fail at once instead of hammering Cognito', async () => {
    stack.proxy.reset();
    echo.seen.length = 0;
    const c = collection('refused', times(5, (i) => item({ name: 'me ' + i, path: '/me' })));
    const result = await runSuite({ collection: c, environment: env({ baseUrl: echo.url, cognito_password: 'Wrong-pass-9!z' }), silent: true });
    expect(result.failedAssertions).toBe(5);
    expect(stack.proxy.signIns()).toBe(1);
    expect(echo.seen).toHaveLength(0);
    const messages = result.summary.run.failures.map((f) => f.error.message);
    expect(messages[0]).toContain('check cognito_username, cognito_password');
    for (const m of messages.slice(1)) expect(m).toContain('not tried again');
  }, 60_000);

  it('a noauth request carries no token and needs no sign-in', async () => {
    stack.proxy.reset();
    echo.seen.length = 0;
    const c = collection('noauth', [
      item({ name: 'anonymous', path: '/anonymous', auth: NOAUTH }),
      item({ name: 'signed', path: '/signed' }),
      item({ name: 'anonymous again', path: '/anonymous-again', auth: NOAUTH }),
    ]);
    const result = await runSuite({ collection: c, environment: env({ baseUrl: echo.url }), silent: true });
    expect(result.failures).toBe(0);
    const headersOf = (path: string) => echo.seen.find((s) => s.path === path)!.headers;
    expect(headersOf('/anonymous')['authorization']).toBeUndefined();
    expect(headersOf('/anonymous-again')['authorization']).toBeUndefined();
    const sent = String(headersOf('/signed')['authorization']);
    expect(sent.split('.')).toHaveLength(3);
    expect(sent.startsWith('Bearer')).toBe(false);
    expect(stack.proxy.signIns()).toBe(1);
  }, 60_000);

  it('a noauth-only run makes no Cognito call even with no settings at all', async () => {
    stack.proxy.reset();
    const c = collection('anon', [item({ name: 'health', path: '/health', auth: NOAUTH, tests: ME_OK })]);
    const result = await runSuite({ collection: c, environment: { baseUrl: stack.api.url }, silent: true });
    expect(result.failures).toBe(0);
    expect(stack.proxy.calls).toHaveLength(0);
  }, 60_000);

  it('scheme and header name are configurable', async () => {
    echo.seen.length = 0;
    const c = collection('scheme', [item({ name: 'signed', path: '/scheme' })]);
    const result = await runSuite({ collection: c, environment: env({ baseUrl: echo.url, cognito_header_scheme: 'Bearer', cognito_header_name: 'X-Auth', cognito_token_type: 'access' }), silent: true });
    expect(result.failures).toBe(0);
    const headers = echo.seen[0]!.headers;
    expect(headers['authorization']).toBeUndefined();
    const value = String(headers['x-auth']);
    expect(value).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = JSON.parse(Buffer.from(value.split('.')[1]!, 'base64url').toString()) as { token_use: string };
    expect(claims.token_use).toBe('access');
  }, 60_000);
});

describe('failures through the newman CLI', () => {
  async function newmanCli(c: object, vars: Record<string, string>) {
    const file = writeTemp('c.postman_collection.json', c);
    const args = ['run', file, '--reporters', 'cli', '--color', 'off'];
    for (const [k, v] of Object.entries(vars)) args.push('--env-var', k + '=' + v);
    return runCli(join(ROOT, 'node_modules', '.bin', 'newman'), args);
  }

  it('a wrong password fails clearly, sends no request, exits 1 and does not crash', async () => {
    stack.proxy.reset();
    echo.seen.length = 0;
    const wrong = 'Wrong-pass-9!z';
    const c = collection('wrong', [item({ name: 'me', path: '/me', tests: ME_OK })]);
    const result = await newmanCli(c, env({ baseUrl: echo.url, cognito_password: wrong }));
    expect(result.code).toBe(1);
    expect(result.output).toContain('pm-cognito: sign in to Cognito');
    expect(result.output).toContain('check cognito_username, cognito_password');
    expect(result.output).toMatch(/assertions\s*│\s*1\s*│\s*1/);
    expect(echo.seen).toHaveLength(0);
    expect(stack.proxy.signIns()).toBe(1);
    expect(result.output).not.toContain(wrong);
    expect(result.output).not.toMatch(/eyJ[\w-]{10,}\.eyJ/);
  }, 60_000);

  // In-process (newman.run): what is checked is the one message; the CLI's exit code and output are the test above.
  it('missing client id and password: one error naming both', async () => {
    stack.proxy.reset();
    echo.seen.length = 0;
    const c = collection('missing', [item({ name: 'me', path: '/me' })]);
    const vars = env({ baseUrl: echo.url });
    delete vars['cognito_client_id'];
    delete vars['cognito_password'];
    const result = await runSuite({ collection: c, environment: vars, silent: true });
    // newman's CLI exits 1 when the run has a failure.
    expect(result.summary.run.failures.length).toBeGreaterThan(0);
    const messages = result.summary.run.failures.map((f) => f.error.message);
    const attention = messages.filter((m) => m.includes('settings need attention'));
    expect(attention).toHaveLength(1);
    expect(attention[0]).toContain('cognito_client_id is not set');
    expect(attention[0]).toContain('cognito_password is not set');
    expect(attention[0]!.match(/settings need attention/g)).toHaveLength(1);
    expect(attention[0]!.split('\n').find((l) => l.includes('settings need attention'))).toContain('(2)');
    expect(echo.seen).toHaveLength(0);
    expect(stack.proxy.calls).toHaveLength(0);
  }, 60_000);
});
