// `pm-cognito run`'s fast path through real newman: refresh and re-sign-in still happen (the full code is fetched from the runner), and a missing runner fails clearly.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type LocalStack } from '../support/local-stack';
import { runSuite } from '../../src/node/newman-runner';
import { readRunnerScripts, startRunnerFastPath, withRunnerFastPath } from '../../src/node/run-fast-path';
import { spliceManagedBlock } from '../../src/core/managed-block';
import { runSuites } from '../../src/node/run-suites';
import { FULL_CODE_URL_VARIABLE } from '../../src/postman/runner-variables';
import { collection, iamScript, item, ROOT, times, writeTemp } from '../support/collection';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readV3Suite } from '../../src/node/collections';
import { iamMe, identityPoolCalls, ONCE_FOR_USER_THEN_GUEST } from '../support/iam-items';
import { POSTMAN_CLI_SKIP, postmanBinary } from '../support/postman-cli';
import { preAuthenticate } from '../../src/node/pre-authenticate';
import { upFrontNote } from '../../src/node/run-fast-path';
import { everyOtherOutlives, LONG_ID_SECONDS, renewalsAtLeast, SHORT_ACCESS_SECONDS } from '../support/short-tokens';

const ALICE_PASSWORD = 'Alice-pass-1!x';
const BOB_PASSWORD = 'Bob-pass-2!y';
const ME_OK = ["pm.test('status 200', () => pm.response.to.have.status(200));"];
let stack: LocalStack;

function env(overrides: Record<string, string> = {}): Record<string, string> {
  return { ...stack.connection, cognito_username: 'alice', cognito_password: ALICE_PASSWORD, ...overrides };
}

function suite(c: object) {
  return { name: (c as { info: { name: string } }).info.name, path: 'in-memory', collection: c as Record<string, unknown>, format: 'v2.1' as const };
}

beforeAll(async () => {
  stack = await startTestStack({
    clients: [{ name: 'demo' }, { name: 'short', idTokenValiditySeconds: LONG_ID_SECONDS, accessTokenValiditySeconds: SHORT_ACCESS_SECONDS }],
    users: [{ username: 'alice', password: ALICE_PASSWORD }, { username: 'bob', password: BOB_PASSWORD }],
  });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe('pm-cognito run with the fast path', () => {
  it('sends the runner fast path instead of the installed script, keeping code outside the markers', () => {
    const scripts = readRunnerScripts();
    const marked = ['// mine before', '// >>> pm-cognito (managed by `pm-cognito install`; edit outside these markers)', scripts.installed.replace(/\n$/, ''), '// <<< pm-cognito', '// mine after'].join('\n');
    const c = collection('marked', [], { script: marked }) as Record<string, unknown>;
    const prepared = withRunnerFastPath(c, scripts)!;
    const code = (prepared['event'] as Array<{ script: { exec: string[] } }>)[0]!.script.exec.join('\n');
    expect(code).toContain(scripts.fastPath.replace(/\n$/, ''));
    expect(code).not.toContain('function pmCognitoFullCode()');
    expect(code.startsWith('// mine before\n')).toBe(true);
    expect(code.endsWith('\n// mine after')).toBe(true);
    // The same build installed with --readable (full code laid out readably): replaced as well.
    const readable = spliceManagedBlock('// mine', scripts.installedReadable);
    const fromReadable = withRunnerFastPath(collection('readable', [], { script: readable }) as Record<string, unknown>, scripts)!;
    expect((fromReadable['event'] as Array<{ script: { exec: string[] } }>)[0]!.script.exec.join('\n')).toBe(spliceManagedBlock('// mine', scripts.fastPath));
    // Pasted whole (no markers), as Portman injects it: replaced as well.
    expect(withRunnerFastPath(collection('pasted', []) as Record<string, unknown>, scripts)).toBeDefined();
    // Another build, or no script: left as it is.
    expect(withRunnerFastPath(collection('old', [], { script: '// pm-cognito 0.0.1: Amazon Cognito sign-in for Postman and newman\n(() => {})();' }) as Record<string, unknown>, scripts)).toBeUndefined();
    expect(withRunnerFastPath({ info: { name: 'none' }, item: [] }, scripts)).toBeUndefined();
    // A collection that names cognito_iam_* (AWS credentials) gets the fast path too: the up-front note has their entries.
    const iam = collection('iam', [item({ name: 'signed', path: '/iam/me', headers: [{ key: 'X-Amz-Security-Token', value: '{{cognito_iam_session_token}}' }] })]);
    const preparedIam = withRunnerFastPath(iam as Record<string, unknown>, scripts)!;
    const iamCode = (preparedIam['event'] as Array<{ script: { exec: string[] } }>)[0]!.script.exec.join('\n');
    expect(iamCode).toContain(scripts.fastPath.replace(/\n$/, ''));
    expect(iamCode).not.toContain('function pmCognitoFullCode()');
  });

  it('the runner\'s up-front note matches what the script computes: no request of a plain run fetches the full code', async () => {
    stack.proxy.reset();
    const c = collection('plain', times(4, (i) => item({ name: 'me ' + i + (i % 2 === 1 ? ' @admin' : ''), path: '/me', tests: ME_OK })));
    const variables = env({ 'cognito_username@admin': 'bob', 'cognito_password@admin': BOB_PASSWORD, cognito_header_scheme: 'Bearer' });
    const result = await runSuites({ suites: [suite(c)], environmentName: 'test', variables, silent: true });
    expect(result.passed).toBe(true);
    // newman counts every pm.sendRequest as a request: a fetch of the full code would make this 5 or more.
    expect(result.suites[0]!.requests).toBe(4);
    expect(stack.proxy.signIns()).toBe(2);
  }, 60_000);

  it('refreshes when the run outlives short-lived tokens: the fast path declines and the fetched full code refreshes', async () => {
    stack.proxy.reset();
    const shortClient = stack.pool.clients[1]!.clientId;
    const c = collection('short', everyOtherOutlives(8, (i, wait) => item({ name: 'me ' + i, path: '/me', tests: [...ME_OK, ...wait] })));
    const result = await runSuites({ suites: [suite(c)], environmentName: 'test', variables: env({ cognito_client_id: shortClient }), silent: true });
    expect(result.passed).toBe(true);
    expect(result.suites[0]!.assertions).toBe(8);
    // One sign-in up front; 1 s tokens refreshed from 500 ms, every second request 700 ms after a receipt.
    expect(stack.proxy.signIns()).toBe(1);
    expect(stack.proxy.refreshes()).toBeGreaterThanOrEqual(renewalsAtLeast(8));
  }, 60_000);

  it('a test that switches the user mid-run gets the new user signed in, and the old one back from its cache', async () => {
    stack.proxy.reset();
    const switchTo = (user: string, pw: string) => ["pm.environment.set('cognito_username', '" + user + "');", "pm.environment.set('cognito_password', pm.environment.get('" + pw + "'));"];
    const who = (user: string) => [...ME_OK, "pm.test('as " + user + "', () => pm.expect(pm.response.json().username).to.eql('" + user + "'));"];
    const c = collection('switch', [
      item({ name: 'alice 1', path: '/me', tests: who('alice') }),
      item({ name: 'alice 2', path: '/me', tests: [...who('alice'), ...switchTo('bob', 'bob_password')] }),
      item({ name: 'bob 1', path: '/me', tests: who('bob') }),
      item({ name: 'bob 2', path: '/me', tests: [...who('bob'), ...switchTo('alice', 'alice_password')] }),
      item({ name: 'alice 3', path: '/me', tests: who('alice') }),
    ]);
    const result = await runSuites({ suites: [suite(c)], environmentName: 'test', variables: env({ alice_password: ALICE_PASSWORD, bob_password: BOB_PASSWORD }), silent: true });
    expect(result.suites[0]!.failureLines).toEqual([]);
    expect(result.suites[0]!.assertions).toBe(10);
    // alice up front, bob when the test switches.
    expect(stack.proxy.signIns()).toBe(2);
  }, 60_000);

  it('the full code is fetched once for a run without a note, and never for a run handed the caches and the note', async () => {
    const fastPath = await startRunnerFastPath();
    try {
      const c = withRunnerFastPath(collection('fast', times(6, (i) => item({ name: 'me ' + i, path: '/me', tests: ME_OK }))) as Record<string, unknown>, readRunnerScripts())!;
      // What runSuites does, in the open: sign in up front, hand the caches and the note.
      stack.proxy.reset();
      const first = await runSuite({ collection: c, environment: { ...env(), ...fastPath.variables }, silent: true });
      expect(first.failures).toBe(0);
      expect(fastPath.server.fetches).toBe(1);
      const second = await runSuite({ collection: c, environment: { ...env(), ...fastPath.variables }, collectionVariables: Object.fromEntries(Object.entries(first.collectionVariables).map(([k, v]) => [k, String(v)])), silent: true });
      expect(second.failures).toBe(0);
      expect(fastPath.server.fetches).toBe(1);
      expect(stack.proxy.signIns()).toBe(1);
    } finally {
      await fastPath.stop();
    }
  }, 60_000);

  it('without the runner (no address, or the runner gone) a request that needs the full code fails clearly and is not sent', async () => {
    const c = withRunnerFastPath(collection('orphan', [item({ name: 'me', path: '/me' })]) as Record<string, unknown>, readRunnerScripts())!;
    const missing = await runSuite({ collection: c, environment: env(), silent: true });
    expect(missing.summary.run.failures.map((f) => f.error.message)).toEqual([expect.stringContaining(FULL_CODE_URL_VARIABLE + ' is not set')]);
    expect(missing.summary.run.executions.filter((e) => e.response !== undefined)).toHaveLength(0);
    const gone = await startRunnerFastPath();
    await gone.stop();
    const stopped = await runSuite({ collection: c, environment: { ...env(), ...gone.variables }, silent: true });
    // newman also lists the refused connection of the fetch itself.
    expect(stopped.summary.run.failures.map((f) => f.error.message)).toContainEqual(expect.stringContaining('could not load the full script from `pm-cognito run`'));
    expect(stopped.summary.run.executions.filter((e) => e.response !== undefined)).toHaveLength(0);
  }, 60_000);
});

describe('pm-cognito run with the fast path: AWS credentials (cognito_iam_*, identity pools)', () => {
  const GUEST = { 'cognito_identity_guest@visitor': 'true' };

  function resetCounts(): void {
    stack.proxy.reset();
    stack.identityPool.reset();
    stack.identityPool.configure({ credentialsSeconds: 3600, allowUnauthenticated: true });
  }

  it('signed-in and guest credentials up front: one GetId and one GetCredentialsForIdentity per identity for the whole run, no fetch of the full code', async () => {
    resetCounts();
    const first = collection('iam one', [...times(3, (i) => iamMe('user ' + i, 'authenticated')), ...times(3, (i) => iamMe('guest ' + i, 'unauthenticated', 'visitor')), item({ name: 'token me', path: '/me', tests: ME_OK })]);
    const second = collection('iam two', [...times(2, (i) => iamMe('user again ' + i, 'authenticated')), ...times(2, (i) => iamMe('guest again ' + i, 'unauthenticated', 'visitor'))]);
    const result = await runSuites({ suites: [suite(first), suite(second)], environmentName: 'test', variables: env(GUEST), silent: true });
    expect(result.suites.map((s) => s.failureLines)).toEqual([[], []]);
    expect(result.passed).toBe(true);
    // Each /iam/me test checks the response of the API's SigV4 verification (status 200 and the identity type).
    expect(result.suites.map((s) => s.assertions)).toEqual([7, 4]);
    expect(result.preAuth.credentialFailures).toEqual([]);
    // The runner's fast path ran, and never needed the full code; newman counts every pm.sendRequest as a request.
    expect(result.fullCodeFetches).toBe(0);
    expect(result.suites.map((s) => s.requests)).toEqual([7, 4]);
    expect(identityPoolCalls(stack)).toEqual(ONCE_FOR_USER_THEN_GUEST);
    expect(stack.proxy.signIns()).toBe(1);
  }, 90_000);

  it('the up-front note\'s credentials entries match what the script computes: without them each identity\'s first IAM request fetches the full code, with them none does', async () => {
    resetCounts();
    const fastPath = await startRunnerFastPath();
    try {
      const raw = collection('iam by hand', [iamMe('user', 'authenticated'), iamMe('guest', 'unauthenticated', 'visitor')]);
      const c = withRunnerFastPath(raw as Record<string, unknown>, readRunnerScripts())!;
      const variables = env(GUEST);
      const environment = { ...variables, ...fastPath.variables };
      const bare = await runSuite({ collection: c, environment, silent: true });
      expect(bare.failures).toBe(0);
      // Each identity's first request.
      expect(fastPath.server.fetches).toBe(2);
      // What runSuites does, in the open: credentials up front, then the caches and the note.
      resetCounts();
      const preAuth = await preAuthenticate([variables], [['', 'visitor']]);
      const caches = preAuth.cacheVariables;
      expect(Object.keys(caches).filter((name) => name.startsWith('pm_cognito_iam_'))).toHaveLength(2);
      const note = upFrontNote({ ...variables, ...caches }, caches, ['', 'visitor']);
      expect(Object.keys(JSON.parse(note['pm_cognito_fast_path']!) as object).sort()).toEqual([':', ':access', ':iam', ':id', 'visitor:iam']);
      const handed = await runSuite({ collection: c, environment, collectionVariables: { ...caches, ...note }, silent: true });
      expect(handed.failures).toBe(0);
      expect(handed.requests).toBe(2);
      expect(fastPath.server.fetches).toBe(2);
      expect(stack.identityPool.count('GetId')).toBe(2);
      expect(stack.identityPool.count('GetCredentialsForIdentity')).toBe(2);
    } finally {
      await fastPath.stop();
    }
  }, 90_000);

  it('a renewal in one suite reaches the next (sequential suites hand the credentials on): no second renewal', async () => {
    resetCounts();
    // 4-second credentials (Expiration on a whole second: 3 to 4 s from receipt), used until half their lifetime
    // before Expiration (half the lifetime caps the 60 s margin): at most 2 s.
    stack.identityPool.configure({ credentialsSeconds: 4 });
    const wait = ['setTimeout(() => undefined, 2100);'];
    const first = collection('renews', [iamMe('up-front credentials', 'authenticated', '', wait), iamMe('renewed', 'authenticated')]);
    const second = collection('inherits', [iamMe('handed renewal', 'authenticated')]);
    const result = await runSuites({ suites: [suite(first), suite(second)], environmentName: 'test', variables: env(), silent: true });
    expect(result.suites.map((s) => s.failureLines)).toEqual([[], []]);
    // Up front, then the renewal in the first suite (through the fetched full code); the second suite starts more than
    // 2.1 s in, past the up-front credentials' window, and is served from the renewed ones it was handed.
    expect(identityPoolCalls(stack).map(([operation]) => operation)).toEqual(['GetId', 'GetCredentialsForIdentity', 'GetCredentialsForIdentity']);
    expect(result.fullCodeFetches).toBe(1);
  }, 90_000);

  it('a settings problem of an IAM identity up front does not stop the run: the script reports it on the request, the other identities are served', async () => {
    resetCounts();
    const c = collection('iam broken', [iamMe('broken guest', 'unauthenticated', 'broken'), iamMe('user', 'authenticated')]);
    const told: string[] = [];
    const result = await runSuites({ suites: [suite(c)], environmentName: 'test', variables: env({ 'cognito_identity_guest@broken': 'perhaps' }), silent: true,
      onCredentialFailure: (identity, message) => told.push(identity + ': ' + message) });
    expect(result.preAuth.failures).toEqual([]);
    expect(told).toEqual([expect.stringMatching(/^broken: .*cognito_identity_guest@broken/)]);
    expect(result.preAuth.credentialFailures).toEqual([{ identity: 'broken', message: expect.stringContaining('cognito_identity_guest@broken') }]);
    expect(result.passed).toBe(false);
    expect(result.suites[0]!.failureLines).toEqual([expect.stringMatching(/^broken guest: .*cognito_identity_guest@broken/)]);
    // The broken identity's request fetched the full code, which reported it; the user's request was served by the fast path.
    expect(result.fullCodeFetches).toBe(1);
    // The script's failed check on the broken request, and the user's verified request.
    expect([result.suites[0]!.assertions, result.suites[0]!.failedAssertions]).toEqual([2, 1]);
    expect(stack.identityPool.calls.map((call) => call.operation)).toEqual(['GetId', 'GetCredentialsForIdentity']);
  }, 90_000);
});

describe.skipIf(POSTMAN_CLI_SKIP)('pm-cognito run --runner postman: the up-front AWS credentials reach the Postman CLI too', () => {
  it('one GetId and one GetCredentialsForIdentity per identity, made up front; the installed script finds them handed as environment values', async () => {
    stack.proxy.reset();
    stack.identityPool.reset();
    stack.identityPool.configure({ credentialsSeconds: 3600, allowUnauthenticated: true });
    // The Postman CLI runs the installed script as it is (no runner fast path): installed with --iam.
    const c = collection('iam postman', [...times(2, (i) => iamMe('user ' + i, 'authenticated')), ...times(2, (i) => iamMe('guest ' + i, 'unauthenticated', 'visitor'))], { script: iamScript() });
    const file = writeTemp('iam-postman.postman_collection.json', c);
    const result = await runSuites({
      suites: [{ ...suite(c), path: file }], environmentName: 'test', variables: env({ 'cognito_identity_guest@visitor': 'true' }), silent: true,
      runner: 'postman', postmanCli: { command: postmanBinary()!, prefix: [], source: 'test' },
    });
    expect(result.suites[0]!.failureLines).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.suites[0]!.assertions).toBe(4);
    // Up front (before the Postman CLI started) for both identities, and none by the script after them.
    expect(Object.keys(result.preAuth.cacheVariables).filter((name) => name.startsWith('pm_cognito_iam_'))).toHaveLength(2);
    expect(identityPoolCalls(stack)).toEqual(ONCE_FOR_USER_THEN_GUEST);
    expect(stack.proxy.signIns()).toBe(1);
  }, 150_000);

  it('a v3 directory too: its YAML is read for the cognito_iam_* it names, and its requests make no identity-pool call', async () => {
    stack.proxy.reset();
    stack.identityPool.reset();
    stack.identityPool.configure({ credentialsSeconds: 3600, allowUnauthenticated: true });
    // The demo's v3 collection (its installed script) with only its AWS IAM folder.
    const demo = join(ROOT, 'collections', 'v3', 'demo');
    const dir = mkdtempSync(join(tmpdir(), 'pm-cognito-v3-iam-'));
    try {
      cpSync(join(demo, '.resources'), join(dir, '.resources'), { recursive: true });
      cpSync(join(demo, 'AWS IAM (identity pool)'), join(dir, 'AWS IAM (identity pool)'), { recursive: true });
      const result = await runSuites({
        suites: [readV3Suite(dir)], environmentName: 'test', variables: env({ 'cognito_identity_guest@visitor': 'true' }), silent: true,
        postmanCli: { command: postmanBinary()!, prefix: [], source: 'test' }, workingDir: dir,
      });
      expect(result.suites[0]!.failureLines).toEqual([]);
      expect(result.passed).toBe(true);
      expect(result.suites[0]!.assertions).toBe(12);
      expect(Object.keys(result.preAuth.cacheVariables).filter((name) => name.startsWith('pm_cognito_iam_'))).toHaveLength(2);
      // The guest's request files come first in the directory.
      expect(identityPoolCalls(stack).sort()).toEqual([...ONCE_FOR_USER_THEN_GUEST].sort());
      expect(stack.proxy.signIns()).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
