// The fast path serves exactly what the full code would: one suite runs both over the same inputs and compares every outcome.
//
// Reading a cache entry and deciding on it are core's alone (the fast path calls readCacheEntry and decide): their edges
// are tested in cache-entry.test.ts and cache-policy.test.ts. What this suite covers is the note: settings, watched
// values, routing and outputs.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NOAUTH_REQUESTS_VARIABLE } from '../../src/core/identities';
import { serveFromNote } from '../../src/postman/fast-path';
import { NOTE_VARIABLE } from '../../src/postman/fast-path-note';
import { runFullCode } from '../../src/postman/full-code';
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

describe('the fast path serves as the full code would', () => {
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

  it('a note entry without a margin (a note written by an older script) is declined, and the full code writes a new one', async () => {
    const oldNote = (world: FakeWorld) => {
      const note = JSON.parse(world.collection.get(NOTE_VARIABLE)!) as Record<string, Record<string, unknown>>;
      for (const entry of Object.values(note)) {
        entry['from'] = 0;
        entry['until'] = Number.MAX_SAFE_INTEGER;
        delete entry['m'];
      }
      world.collection.set(NOTE_VARIABLE, JSON.stringify(note));
    };
    const { full, fast } = await inStep([req('a'), req('b'), { tamper: oldNote }, req('c'), req('d')]);
    expect(full.outcomes.map((o) => o.cognitoCalls.length)).toEqual([1, 0, 0, 0]);
    // b and d: c goes through the full code, which leaves a note with a margin again.
    expect(fast.served).toBe(2);
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

  describe('AWS credentials (cognito_iam_*, identity pools): never a token, the same credentials', () => {
    const iamAuth = (identity = '') => {
      const suffix = identity ? '@' + identity : '';
      return { type: 'awsv4', awsv4: [
        { key: 'accessKey', value: '{{cognito_iam_access_key_id' + suffix + '}}' }, { key: 'secretKey', value: '{{cognito_iam_secret_access_key' + suffix + '}}' },
        { key: 'sessionToken', value: '{{cognito_iam_session_token' + suffix + '}}' }, { key: 'service', value: 'execute-api' },
      ] };
    };
    const iam = (name: string, identity = '', extra: Partial<FakeRequest> = {}): Step => ({ request: { name, auth: iamAuth(identity), ...extra } });
    const pool: Step[] = [
      { set: 'environment', name: 'cognito_user_pool_id', value: 'us-east-1_AbCdEf123' },
      { set: 'environment', name: 'cognito_identity_pool_id', value: 'us-east-1:1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d' },
      { set: 'environment', name: 'cognito_identity_endpoint', value: 'http://127.0.0.1:9/' },
      { set: 'environment', name: 'cognito_identity_guest@visitor', value: 'true' },
    ];
    const iamValues = (run: Run, suffix = '') => ['access_key_id', 'secret_access_key', 'session_token', 'identity_id'].map((k) => run.collection['cognito_iam_' + k + suffix]);

    it('signed in and guest: one GetId and credentials each, then the fast path fills the variables; no Authorization header', async () => {
      const { full, fast } = await inStep([
        ...pool, iam('iam 1'), iam('iam 2'), iam('iam 3', '', { headers: [{ key: 'X-Token', value: '{{cognito_token}}' }] }),
        iam('guest 1', 'visitor'), iam('guest 2', 'visitor'), req('token'), iam('iam 4'), req('token again'),
        { request: { name: 'both identities', auth: iamAuth(), body: '{{cognito_iam_identity_id@visitor}}' } }, iam('guest 3', 'visitor'),
      ]);
      expect(full.outcomes.map((o) => o.cognitoCalls.join('+'))).toEqual([
        'InitiateAuth+GetId+GetCredentialsForIdentity', '', '', 'GetId+GetCredentialsForIdentity', '', '', '', '', '', '',
      ]);
      for (const i of [0, 1, 2, 3, 4, 6, 8, 9]) {
        expect(full.outcomes[i]!.headers).toEqual(i === 2 ? [{ key: 'X-Token', value: '{{cognito_token}}' }] : []);
        expect(full.outcomes[i]!.failures).toEqual([]);
      }
      expect(full.outcomes[5]!.headers[0]!.key).toBe('Authorization');
      expect(full.collection['cognito_token']).toBeDefined();
      expect(iamValues(full)[0]).toMatch(/^ASIAU/);
      expect(iamValues(full, '@visitor')[0]).toMatch(/^ASIAG/);
      expect(iamValues(full)[3]).not.toBe(iamValues(full, '@visitor')[3]);
      // Served by the fast path: iam 2, iam 3, guest 2, token again, iam 4, both identities, guest 3.
      expect(fast.served).toBe(7);
    });

    it('renewal at expiresAt - min(margin, lifetime / 2), a changed identity-pool setting, a tampered or emptied credentials cache', async () => {
      const credentialsVariables = (w: FakeWorld) => [...w.collection.keys()].filter((k) => k.startsWith('pm_cognito_iam_'));
      const swapKey = (w: FakeWorld) => {
        const name = credentialsVariables(w)[0]!;
        const entry = JSON.parse(w.collection.get(name)!) as Record<string, unknown>;
        entry['accessKeyId'] = 'ASIAMALLORY00000000';
        w.collection.set(name, JSON.stringify(entry));
      };
      const { full, fast } = await inStep([
        ...pool, iam('a'), { advanceMs: 3_539_000 }, iam('just inside the window'), { advanceMs: 1_000 }, iam('at the margin: renew'), iam('after renewal'),
        { set: 'environment', name: 'cognito_refresh_margin_seconds', value: '120' }, iam('larger margin'), { advanceMs: 3_600_000 - 119_000 }, iam('inside the larger margin: renew'),
        { set: 'environment', name: 'cognito_identity_pool_id', value: 'us-east-1:0a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d' }, iam('other identity pool: GetId'), iam('other pool again'),
        { tamper: swapKey }, iam('tampered'), iam('after tamper'), { tamper: (w) => w.collection.set(credentialsVariables(w)[1]!, '') }, iam('emptied'), iam('after emptied'),
        { advanceMs: -60_000 }, iam('clock went backwards'),
      ]);
      // Tokens and credentials both live an hour with the same margin: each renewal also refreshes the ID token it sends.
      // A tampered entry that still parses is used by the full code as it is (the fast path only declines it).
      expect(full.outcomes.map((o) => o.cognitoCalls.join('+'))).toEqual([
        'InitiateAuth+GetId+GetCredentialsForIdentity', '', 'GetTokensFromRefreshToken+GetCredentialsForIdentity', '', '',
        'GetTokensFromRefreshToken+GetCredentialsForIdentity', 'GetId+GetCredentialsForIdentity', '', '', '',
        'GetId+GetCredentialsForIdentity', '', 'GetTokensFromRefreshToken+GetCredentialsForIdentity',
      ]);
      expect(full.outcomes[8]!.cognitoCalls).toEqual([]);
      expect(full.outcomes.every((o) => o.headers.length === 0 && o.failures.length === 0)).toBe(true);
      // just inside, after renewal, larger margin, other pool again, after tamper, after emptied.
      expect(fast.served).toBe(6);
    });

    it('a bad identity-pool setting fails the request alike, and the fast path steps aside until it is fixed', async () => {
      const { full, fast } = await inStep([
        ...pool, iam('a'), iam('b'), { set: 'environment', name: 'cognito_identity_pool_id', value: 'eu-west-1_AbCdEf123' }, iam('bad pool id'), iam('still bad'),
        { set: 'environment', name: 'cognito_identity_pool_id', value: 'us-east-1:1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d' }, iam('fixed'), iam('fixed again'),
      ]);
      expect(full.outcomes[2]!.failures[0]).toMatch(/cognito_identity_pool_id is "eu-west-1_AbCdEf123", which is not an identity pool ID/);
      expect(full.outcomes[2]!.skipped).toBe(true);
      expect(full.outcomes[3]!.skipped).toBe(true);
      expect(full.outcomes.map((o) => o.cognitoCalls.length)).toEqual([3, 0, 0, 0, 0, 0]);
      // b and fixed again: a failed request drops its entry, the next one rebuilds it.
      expect(fast.served).toBe(2);
    });
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
