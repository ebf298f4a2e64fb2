// The fast path and the full code over the same inputs must decide alike: one suite runs both and compares every outcome.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NOAUTH_REQUESTS_VARIABLE } from '../../src/core/identities';
import type { CachedTokens } from '../../src/core/cache-entry';
import { decide } from '../../src/core/cache-policy';
import { serveFromNote } from '../../src/postman/fast-path';
import { NOTE_VARIABLE } from '../../src/postman/fast-path-note';
import { runFullCode } from '../../src/postman/full-code';
import { useWindow } from '../../src/postman/use-window';
import { fakeWorld, type FakeRequest, type FakeWorld, type Outcome } from './fake-pm';
import { fakeJwt } from './jwt';

const CLIENT = 'client1';
const START = Date.UTC(2026, 11, 6, 9, 0, 0);

type Step =
  | { request: FakeRequest }
  | { set: 'environment' | 'collection'; name: string; value: string | undefined }
  | { advanceMs: number }
  | { tamper: (world: FakeWorld) => void };

interface Run {
  outcomes: Outcome[];
  /** Requests the fast path served (always 0 for the full code alone). */
  served: number;
  /** Variables at the end, without the note (which only the fast-path run reads). */
  collection: Record<string, string>;
}

function newWorld(): FakeWorld {
  const world = fakeWorld({ clientId: CLIENT, users: { alice: { password: 'Alice-pass-1!' }, bob: { password: 'Bob-pass-2!' } }, lifetimeSeconds: 3600 });
  for (const [k, v] of Object.entries({
    cognito_endpoint: 'http://127.0.0.1:9/',
    cognito_client_id: CLIENT,
    cognito_username: 'alice',
    cognito_password: 'Alice-pass-1!',
    'cognito_username@admin': 'bob',
    'cognito_password@admin': 'Bob-pass-2!',
    'cognito_username@bad': 'carol',
    'cognito_password@bad': 'wrong-password',
  })) world.environment.set(k, v);
  return world;
}

async function play(steps: Step[], withFastPath: boolean): Promise<Run> {
  vi.setSystemTime(START);
  const world = newWorld();
  const outcomes: Outcome[] = [];
  let served = 0;
  for (const step of steps) {
    if ('request' in step) {
      const { pm, outcome } = world.request(step.request);
      (globalThis as { pm?: unknown }).pm = pm;
      if (withFastPath && serveFromNote()) served++;
      else await runFullCode();
      outcomes.push(outcome);
    } else if ('set' in step) {
      const scope = step.set === 'environment' ? world.environment : world.collection;
      if (step.value === undefined) scope.delete(step.name);
      else scope.set(step.name, step.value);
    } else if ('advanceMs' in step) {
      vi.setSystemTime(Date.now() + step.advanceMs);
    } else {
      step.tamper(world);
    }
  }
  const collection = Object.fromEntries([...world.collection].filter(([k]) => k !== NOTE_VARIABLE));
  return { outcomes, served, collection };
}

/** Runs the scenario through the full code alone and through fast path + full code; both must agree on everything. */
async function inStep(steps: Step[]): Promise<{ full: Run; fast: Run }> {
  const full = await play(steps, false);
  const fast = await play(steps, true);
  expect(fast.outcomes).toEqual(full.outcomes);
  expect(fast.collection).toEqual(full.collection);
  return { full, fast };
}

const req = (name: string, extra: Partial<FakeRequest> = {}): Step => ({ request: { name, ...extra } });
const cacheNames = (world: FakeWorld) => [...world.collection.keys()].filter((k) => k.startsWith('pm_cognito_cache_'));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  delete (globalThis as { pm?: unknown }).pm;
});

describe('fast path and full code in step', () => {
  it('the default identity: one sign-in, then the fast path serves, with the same header and outputs', async () => {
    const { full, fast } = await inStep([req('a'), req('b'), req('c'), req('d')]);
    expect(full.outcomes.map((o) => o.cognitoCalls.length)).toEqual([1, 0, 0, 0]);
    expect(full.outcomes[3]!.headers[0]!.key).toBe('Authorization');
    expect(fast.served).toBe(3);
  });

  it('identities and token types from tags, references, noauth, own auth and @none', async () => {
    const { full, fast } = await inStep([
      req('plain'), req('admin @admin'), req('admin access @admin:access'), req('admin again @admin'),
      req('in folder', { folders: ['Admin area @admin'] }), req('opted out @none'), req('no auth', { auth: { type: 'noauth' } }),
      req('basic', { auth: { type: 'basic', basic: [{ key: 'username', value: 'u' }] } }),
      req('reference', { headers: [{ key: 'X-Token', value: '{{cognito_access_token@admin}}' }] }),
      req('two references', { body: '{"a":"{{cognito_id_token}}","b":"{{cognito_token@admin}}"}' }),
      req('bearer', { auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{cognito_token}}' }] } }),
      req('plain again'), req('admin access again @admin:access'), req('reference again', { headers: [{ key: 'X-Token', value: '{{cognito_access_token@admin}}' }] }),
    ]);
    expect(full.outcomes.flatMap((o) => o.cognitoCalls)).toEqual(['InitiateAuth', 'InitiateAuth']);
    expect(full.outcomes[5]!.headers).toEqual([]);
    expect(full.outcomes[6]!.headers).toEqual([]);
    expect(fast.served).toBeGreaterThanOrEqual(8);
  });

  it('a tampered or emptied cache is never served: the full code decides, as without the fast path', async () => {
    const swapUser = (world: FakeWorld) => {
      const name = cacheNames(world)[0]!;
      const entry = JSON.parse(world.collection.get(name)!) as Record<string, unknown>;
      entry['idToken'] = fakeJwt({ 'cognito:username': 'mallory', aud: CLIENT, iat: 1, exp: 2 });
      world.collection.set(name, JSON.stringify(entry));
    };
    const { full, fast } = await inStep([req('a'), req('b'), { tamper: swapUser }, req('c'), req('d'), { tamper: (w) => w.collection.set(cacheNames(w)[0]!, '') }, req('e'), req('f')]);
    expect(full.outcomes.map((o) => o.cognitoCalls.length)).toEqual([1, 0, 1, 0, 1, 0]);
    expect(fast.served).toBe(3);
  });

  it('clock rules: refresh near expiry, after the own exp, and when the clock went backwards', async () => {
    const { full } = await inStep([
      req('a'), { advanceMs: 3_530_000 }, req('inside the window'), { advanceMs: 20_000 }, req('in the margin: refresh'),
      req('after refresh'), { advanceMs: -60_000 }, req('clock went backwards'), { advanceMs: 60_000 + 3 * 3600_000 }, req('long after exp'),
    ]);
    expect(full.outcomes.map((o) => o.cognitoCalls.join('+'))).toEqual(['InitiateAuth', '', 'GetTokensFromRefreshToken', '', 'GetTokensFromRefreshToken', 'GetTokensFromRefreshToken']);
  });

  it('a refused sign-in is remembered, and the fast path steps aside while it is', async () => {
    const { full, fast } = await inStep([req('a'), req('bad @bad'), req('bad again @bad'), req('b'), req('c')]);
    expect(full.outcomes[1]!.failures[0]).toMatch(/Incorrect username or password/);
    expect(full.outcomes[2]!.failures[0]).toMatch(/not tried again/);
    expect(full.outcomes[2]!.cognitoCalls).toEqual([]);
    expect(full.outcomes[2]!.skipped).toBe(true);
    expect(fast.served).toBe(0);
  });

  it('a test that switches the user, the header or a secret is seen at once', async () => {
    const { full, fast } = await inStep([
      req('a'), req('b'),
      { set: 'environment', name: 'cognito_username', value: 'bob' }, { set: 'environment', name: 'cognito_password', value: 'Bob-pass-2!' }, req('as bob'), req('as bob again'),
      { set: 'environment', name: 'cognito_username', value: 'alice' }, { set: 'environment', name: 'cognito_password', value: 'Alice-pass-1!' }, req('alice again'),
      { set: 'collection', name: 'cognito_header_scheme', value: 'Bearer' }, req('with scheme'),
      { set: 'environment', name: 'cognito_password', value: ' Alice-pass-1! ' }, req('padded password'),
      { set: 'environment', name: 'cognito_password', value: 'Alice-pass-1!' }, { set: 'environment', name: 'cognito_debug', value: 'true' }, req('debug'), req('debug again'),
    ]);
    expect(full.outcomes.map((o) => o.cognitoCalls.length)).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(full.outcomes[5]!.headers[0]!.value).toMatch(/^Bearer /);
    expect(full.outcomes[6]!.failures[0]).toMatch(/cognito_password starts or ends with whitespace/);
    expect(fast.served).toBe(2);
  });

  it('the runner\'s No Auth list and a {{reference}} in a setting', async () => {
    const { fast } = await inStep([
      { set: 'environment', name: NOAUTH_REQUESTS_VARIABLE, value: JSON.stringify([['Public', 'health']]) },
      { set: 'environment', name: 'tenant_user', value: 'alice' }, { set: 'environment', name: 'cognito_username', value: '{{tenant_user}}' },
      req('a'), req('health', { folders: ['Public'] }), req('b'), { set: 'environment', name: 'tenant_user', value: 'bob' }, { set: 'environment', name: 'cognito_password', value: 'Bob-pass-2!' }, req('c'), req('d'),
    ]);
    expect(fast.served).toBe(3);
  });

  it('unchanged outputs are not written again', async () => {
    vi.setSystemTime(START);
    const world = newWorld();
    for (const name of ['a', 'b', 'c']) {
      (globalThis as { pm?: unknown }).pm = world.request({ name }).pm;
      if (!serveFromNote()) await runFullCode();
    }
    expect(world.writes.filter((w) => w.startsWith('cognito_'))).toEqual(['cognito_token', 'cognito_access_token', 'cognito_id_token']);
    expect(world.writes.filter((w) => w === NOTE_VARIABLE)).toHaveLength(1);
  });
});

describe('useWindow agrees with decide', () => {
  const entry = (obtainedAt: number, lifetimeS: number, expShiftS = 0): CachedTokens => {
    const iat = Math.floor(obtainedAt / 1000) + expShiftS;
    const claims = { iat, exp: iat + lifetimeS };
    return { key: 'k', idToken: fakeJwt({ ...claims, aud: CLIENT }), accessToken: fakeJwt({ ...claims, client_id: CLIENT }), refreshToken: 'r', obtainedAt, expiresAt: obtainedAt + lifetimeS * 1000, jwtExpMs: claims.exp * 1000 };
    // jwtExpMs: what parseCache keeps from the tokens' own exp (decide reads it from the entry)
  };
  it.each([
    ['an hour, margin 60 s', entry(START, 3600), 60],
    ['ten seconds, margin larger than half', entry(START, 10), 60],
    ['no margin', entry(START, 300), 0],
    ['token exp far behind the local clock', entry(START, 3600, -7200), 60],
    ['odd milliseconds', entry(START + 537, 301), 7],
  ])('%s', (_label, tokens, margin) => {
    const { from, until } = useWindow(tokens, margin);
    for (const t of [from - 1, from, from + 1, until - 1, until, until + 1, Math.floor((from + until) / 2)]) {
      expect(decide(tokens, t, margin).action === 'use').toBe(t >= from && t < until);
    }
  });
});
