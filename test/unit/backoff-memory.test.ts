// The run-wide back-off: a throttling Cognito sees a bounded number of calls per run, and a working one is forgotten.

import { describe, expect, it } from 'vitest';
import { callCognito } from '../../src/core/cognito-client';
import { backoffVariable, FORGET_AFTER_MS, RUN_BUDGET } from '../../src/core/backoff-memory';
import { readSettings } from '../../src/core/settings';
import { fakeHost, fault, json } from './fake-host';

const settings = readSettings((name) => ({ cognito_endpoint: 'http://127.0.0.1:9/', cognito_client_id: 'client1', cognito_username: 'alice', cognito_password: 'Alice-pass-1!x' } as Record<string, string>)[name], '');
const THROTTLED = fault('TooManyRequestsException', 'Rate exceeded');

async function outcome(host: ReturnType<typeof fakeHost>['host']): Promise<string> {
  try {
    await callCognito(host, settings, 'InitiateAuth', {});
    return 'ok';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('run-wide back-off', () => {
  it('20 calls against a Cognito that always throttles: ' + RUN_BUDGET + ' reach it, the rest fail at once saying the run backed off', async () => {
    const { host, requests, sleeps, logs } = fakeHost(() => THROTTLED);
    const messages: string[] = [];
    for (let i = 0; i < 20; i++) messages.push(await outcome(host));
    expect(requests).toHaveLength(RUN_BUDGET);
    expect(messages[0]).toMatch(/\[gave up after 4 attempts\]$/);
    expect(messages[1]).toMatch(/^pm-cognito: no call made for identity default: this run backed off from http:\/\/127\.0\.0\.1:9\/ after 6 failed or throttled calls in a row, the last: Cognito is throttling/);
    expect(new Set(messages.slice(1))).toEqual(new Set([messages[1]]));
    // The second request waited out the pause the first one left (2000 ms cap after 4 failures) before calling.
    expect(sleeps).toEqual([250, 500, 1000, 2000, 250]);
    expect(logs).toEqual(['pm-cognito: http://127.0.0.1:9/ failed or throttled 6 calls in a row (identity default): this run backs off and makes no more calls to it; run again later']);
  });

  it('an answer clears the memory: throttling, then success, then throttling again starts a new count', async () => {
    const { host, requests, store } = fakeHost((_r, i) => (i === 2 ? json(200, {}) : THROTTLED));
    expect(await outcome(host)).toBe('ok');
    expect(store.get(backoffVariable(settings.endpoint))).toBe('');
    expect(await outcome(host)).toMatch(/\[gave up after 4 attempts\]$/);
    expect(requests).toHaveLength(7);
  });

  it('a refusal is an answer too: the endpoint works, its failures are forgotten', async () => {
    const { host, requests, store } = fakeHost((_r, i) => (i < 4 ? THROTTLED : fault('NotAuthorizedException', 'Incorrect username or password.')));
    await outcome(host);
    expect(await outcome(host)).toMatch(/refused the sign-in/);
    expect(store.get(backoffVariable(settings.endpoint))).toBe('');
    expect(requests).toHaveLength(5);
  });

  it('a spent budget is forgotten ' + FORGET_AFTER_MS / 1000 + ' s after the last failure (the next run, or the Postman app later)', async () => {
    const { host, requests, advance } = fakeHost((_r, i) => (i < RUN_BUDGET ? THROTTLED : json(200, {})));
    await outcome(host);
    await outcome(host);
    expect(await outcome(host)).toMatch(/this run backed off/);
    expect(requests).toHaveLength(RUN_BUDGET);
    advance(FORGET_AFTER_MS + 1);
    expect(await outcome(host)).toBe('ok');
    expect(requests).toHaveLength(RUN_BUDGET + 1);
  });
});
