// `pm-cognito run` through the real Postman CLI 1.62.0, on v3 directories and v2.1 files: tokens on the wire, sign-ins, JUnit, exit codes, offline.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestStack, type LocalStack } from '../support/local-stack';
import { collection, item, NOAUTH, ROOT } from '../support/collection';
import { startHeaderEcho, type HeaderEcho } from '../support/header-echo';
import { POSTMAN_CLI_SKIP, postmanAssertions, postmanBinary } from '../support/postman-cli';
import { runCli, type CliResult } from '../support/run-cli';
import { pmInProcess } from '../support/in-process-cli';
import { junitByRequest, once } from '../support/junit-by-request';
import { connects, HAS_STRACE, HAS_UNSHARE } from '../support/traced-connects';
import { v3Request, writeV3 } from '../support/v3-dir';
import { LONG_ID_SECONDS, renewalsAtLeast, SHORT_ACCESS_SECONDS, WAIT_PAST_RENEWAL } from '../support/short-tokens';
import {
  BIN, assertBuilt, childEnv, fileSources, junitCounts, leaks, newmanAssertions, outputSources, pm, removeTempDirs, tempDir, writeEnvironment, writeJson, type PmResult,
} from './cli-harness';

const ALICE = 'Alice-pcli-pass-1!x';
const DAVE = 'Dave-pcli-pass-2!y';
const BOB = 'Bob-pcli-pass-3!z';
const WRONG = 'Not-the-password-9!';
let stack: LocalStack;
let echo: HeaderEcho;
let work: string;
let envFile: string;
let echoEnvFile: string;
let rolesV3: string;
let tagsV3: string;
let tagsJson: string;
const outputs: Array<{ where: string; text: string }> = [];
const reports: string[] = [];

/** The runs' own temporary directory, to check that they leave nothing behind. */
let runTmp: string;
const SECRETS = (): Record<string, string> => ({ COGNITO_PASSWORD: ALICE, COGNITO_PASSWORD__ADMIN: DAVE, COGNITO_PASSWORD__READER: BOB, TMPDIR: runTmp });

async function run(label: string, args: string[], env: Record<string, string> = SECRETS()): Promise<PmResult> {
  const result = await pm(['run', ...args], { env, cwd: work, timeoutMs: 150_000 });
  outputs.push(...outputSources(label, result));
  return result;
}

/** In-process, for runs that stop before any runner starts (usage errors). */
async function runStopped(label: string, args: string[], env: Record<string, string> = SECRETS()): Promise<PmResult> {
  const result = await pmInProcess(['run', ...args], { env, cwd: work });
  outputs.push(...outputSources(label, result));
  return result;
}

/** The username inside the token a request carried ('' for none), in what the echo saw. */
function userOnTheWire(path: string, all: HeaderEcho['seen']): string {
  const seen = all.filter((s) => s.path === path);
  expect(seen.length, path + ' was sent once').toBe(1);
  const header = seen[0]!.headers['authorization'];
  if (header === undefined) return '';
  const payload = JSON.parse(Buffer.from(String(header).split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  return String(payload['cognito:username'] ?? payload['username']);
}

beforeAll(async () => {
  if (POSTMAN_CLI_SKIP) return;
  await assertBuilt();
  stack = await startTestStack({
    clients: [{ name: 'demo' }, { name: 'short', idTokenValiditySeconds: LONG_ID_SECONDS, accessTokenValiditySeconds: SHORT_ACCESS_SECONDS }],
    users: [
      { username: 'alice', password: ALICE, groups: ['admins'] },
      { username: 'dave', password: DAVE, groups: ['admins'] },
      { username: 'bob', password: BOB, groups: ['readers'] },
    ],
  });
  echo = await startHeaderEcho();
  work = tempDir();
  runTmp = tempDir();
  const identities = { cognito_username: 'alice', 'cognito_username@admin': 'dave', 'cognito_username@reader': 'bob' };
  envFile = writeEnvironment({ ...stack.connection, ...identities }, work);
  // On the short client (1 s access tokens), so each has a cache entry of its own: "wrong" is dave with a wrong password
  // (COGNITO_PASSWORD__WRONG), "slow" is alice, whose requests outlive her tokens (COGNITO_PASSWORD__SLOW).
  const short = stack.pool.clients[1]!.clientId;
  const more = { 'cognito_username@wrong': 'dave', 'cognito_client_id@wrong': short, 'cognito_username@slow': 'alice', 'cognito_client_id@slow': short };
  echoEnvFile = writeEnvironment({ ...stack.connection, ...identities, ...more, baseUrl: echo.url }, tempDir());

  // The roles example as a user gets it from Postman's own CLI: collections/v3/roles is byte for byte what
  // `postman collection migrate` makes of it (v3-twins.test.ts), so a copy spares a Postman CLI start; then pm-cognito install.
  rolesV3 = join(work, 'roles-v3');
  cpSync(join(ROOT, 'collections', 'v3', 'roles'), rolesV3, { recursive: true });

  // Every way of choosing a token, in a v3 directory and in its v2.1 twin, against the header-recording server. The v3
  // one also holds a failing assertion, a long failure message, an identity with a wrong password and one whose requests
  // outlive its tokens: one run (one Postman CLI start), each case read from its own requests' results.
  tagsV3 = writeV3(join(work, 'tags-v3'), {
    '.resources/definition.yaml': '$kind: collection\nname: tags\n',
    'Public.request.yaml': v3Request('/public', 'auth:\n  type: noauth\norder: 1000\n'),
    'Me.request.yaml': v3Request('/me', 'order: 2000\n'),
    'Anonymous @none/.resources/definition.yaml': '$kind: collection\norder: 3000\n',
    'Anonymous @none/Anon.request.yaml': v3Request('/anon'),
    'Admins @admin/.resources/definition.yaml': '$kind: collection\norder: 4000\n',
    'Admins @admin/Admin me.request.yaml': v3Request('/admin'),
    'Reader.request.yaml': v3Request('/reader', 'name: Reader @reader:access\norder: 5000\n'),
    'Failing.request.yaml': '$kind: http-request\nurl: "{{baseUrl}}/failing"\nmethod: GET\norder: 6000\nscripts:\n  - type: afterResponse\n    code: |-\n' +
      "      pm.test('status 200', () => pm.response.to.have.status(200));\n      pm.test('is bob', () => pm.expect(pm.response.json().ok).to.eql('bob'));\n    language: text/javascript\n",
    'Loud.request.yaml': '$kind: http-request\nurl: "{{baseUrl}}/loud"\nmethod: GET\norder: 7000\nscripts:\n  - type: afterResponse\n' +
      "    code: pm.test('fails loudly', () => { throw new Error('" + 'x'.repeat(240) + "'); });\n    language: text/javascript\n",
    'Wrong.request.yaml': v3Request('/wrong', 'name: Wrong @wrong\norder: 8000\n'),
    'Slow @slow/.resources/definition.yaml': '$kind: collection\norder: 9000\n',
    // Every even request waits past the renewal point of the short client's 1 s tokens (short-tokens.ts).
    ...Object.fromEntries(Array.from({ length: 7 }, (_, i) => ['Slow @slow/Me ' + i + '.request.yaml', v3Request('/me' + i, 'order: ' + (i + 1) * 1000 + '\n', i % 2 === 0 ? WAIT_PAST_RENEWAL : [])])),
  });
  tagsJson = writeJson(work, 'tags.postman_collection.json', collection('tags', [
    // Its wait (first iteration) keeps the CLI running for a while after it has read its environment (the handoff test below).
    item({ name: 'Public', path: '/public', auth: NOAUTH, tests: ["pm.test('sent', () => pm.response.to.have.status(200));", 'if (pm.info.iteration === 0) setTimeout(() => {}, 1500);'] }),
    item({ name: 'Me', path: '/me', tests: ["pm.test('sent', () => pm.response.to.have.status(200));"] }),
    { name: 'Anonymous @none', item: [item({ name: 'Anon', path: '/anon' })] },
    { name: 'Admins @admin', item: [item({ name: 'Admin me', path: '/admin' })] },
    item({ name: 'Reader @reader:access', path: '/reader' }),
  ]));
  for (const dir of [rolesV3, tagsV3]) {
    const installed = await pmInProcess(['install', dir], { cwd: work });
    expect(installed.code, installed.stderr).toBe(0);
  }
}, 180_000);

afterAll(async () => {
  removeTempDirs();
  await echo?.stop();
  await stack?.stop();
});

/** roles (v3, the Postman CLI) and the demo (v2.1, newman) in one real process, under strace where there is one (for the offline test). */
const mixedRun = once(async () => {
  stack.proxy.reset();
  const junit = join(work, 'reports', 'mixed.xml');
  reports.push(junit);
  const trace = join(tempDir(), 'run.trace');
  const args = [BIN, 'run', rolesV3, join(ROOT, 'collections', 'demo.postman_collection.json'), '-e', envFile, '--junit', junit];
  const options = { cwd: work, env: childEnv(SECRETS()), timeoutMs: 150_000 };
  const result: CliResult = HAS_STRACE
    ? await runCli('strace', ['-f', '-qq', '--seccomp-bpf', '-e', 'trace=connect', '-o', trace, process.execPath, ...args], options)
    : await runCli(process.execPath, args, options);
  outputs.push(...outputSources('mixed', { ...result, signal: null }));
  return { result, junit, signIns: stack.proxy.signIns(), connects: HAS_STRACE ? connects(readFileSync(trace, 'utf8')) : undefined };
});

/** The v3 tags directory in one real run (a Postman CLI start costs seconds: several tests read it), its output piped. */
const tagsV3Run = once(async () => {
  echo.seen.length = 0;
  stack.proxy.reset();
  const junit = join(work, 'reports', 'tags-v3.xml');
  reports.push(junit);
  const result = await run('tags v3', [tagsV3, '-e', echoEnvFile, '--junit', junit], { ...SECRETS(), COGNITO_PASSWORD__WRONG: WRONG, COGNITO_PASSWORD__SLOW: ALICE });
  const signedIn = stack.proxy.calls.filter((c) => c.target.endsWith('.InitiateAuth') && c.authFlow === 'USER_PASSWORD_AUTH' && c.status === 200).length;
  const xml = readFileSync(junit, 'utf8');
  return { result, seen: [...echo.seen], signedIn, refreshes: stack.proxy.refreshes(), junit: junitByRequest(xml), counts: junitCounts(xml) };
});

/**
 * The v2.1 tags file with --runner postman, two iterations, in one real run with no mkfifo on its PATH (node is started by
 * its full path): the environment reaches the CLI as a 0600 file, which must be gone once the CLI has read it (polled
 * until the run ends: seen, then gone before the second request, /me, reached the echo).
 */
const tagsJsonRun = once(async () => {
  echo.seen.length = 0;
  stack.proxy.reset();
  const bare = join(tempDir(), 'bare-path');
  mkdirSync(bare);
  let sawFile = false;
  let goneBeforeSecondRequest = false;
  const watcher = setInterval(() => {
    const files = readdirSync(runTmp).filter((name) => name.startsWith('pm-cognito-postman-')).filter((d) => existsSync(join(runTmp, d, 'environment.json')));
    if (files.length > 0) sawFile = true;
    // Before the file was removed on its first read it went only when the CLI had exited, long after its requests.
    else if (sawFile && !echo.seen.some((s) => s.path === '/me')) goneBeforeSecondRequest = true;
  }, 20);
  try {
    const result = await run('tags v2.1', [tagsJson, '-e', echoEnvFile, '--runner', 'postman', '-n', '2'], { ...SECRETS(), PATH: bare });
    return { result, seen: [...echo.seen], signIns: stack.proxy.signIns(), sawFile, goneBeforeSecondRequest };
  } finally {
    clearInterval(watcher);
  }
});

/** The token choices every form must make, checked on what the echo saw (each request `times` times, every time alike). */
function expectTagsOnTheWire(all: HeaderEcho['seen'], times = 1): void {
  const seen = all.filter((s, i) => all.findIndex((t) => t.path === s.path) === i);
  for (const path of ['/public', '/anon', '/me', '/admin', '/reader']) {
    const sent = all.filter((s) => s.path === path);
    expect(sent, path).toHaveLength(times);
    expect(sent.map((s) => s.headers['authorization']), path).toEqual(sent.map(() => sent[0]!.headers['authorization']));
  }
  expect(userOnTheWire('/public', seen)).toBe('');
  expect(userOnTheWire('/anon', seen)).toBe('');
  expect(userOnTheWire('/me', seen)).toBe('alice');
  expect(userOnTheWire('/admin', seen)).toBe('dave');
  expect(userOnTheWire('/reader', seen)).toBe('bob');
  const reader = seen.find((s) => s.path === '/reader')!;
  expect(JSON.parse(Buffer.from(String(reader.headers['authorization']).split('.')[1]!, 'base64url').toString('utf8')).token_use).toBe('access');
}

describe.skipIf(POSTMAN_CLI_SKIP)('pm-cognito run with the Postman CLI', () => {
  it('runs a migrated v3 collection and a v2.1 file in one run: one sign-in per identity, JUnit counts equal the runners\' own', async () => {
    const { result, junit, signIns } = await mixedRun();
    expect(result.code, result.stdout.slice(-3000) + result.stderr).toBe(0);
    // alice, dave and bob each signed in once, up front; neither suite signed in again.
    expect(signIns).toBe(3);
    const v3 = postmanAssertions(result.stdout);
    const newman = newmanAssertions(result.stdout);
    expect(v3).toEqual({ executed: 21, failed: 0 });
    expect(newman).toEqual({ executed: 30, failed: 0 });
    const counts = junitCounts(readFileSync(junit, 'utf8'));
    expect(counts.testcases).toBe(v3.executed + newman.executed);
    expect(counts.rootTests).toBe(51);
    expect(counts.suites).toContain('pm-cognito roles / Switching identities / Opted out with noauth');
    expect(counts.suites).toContain('pm-cognito demo / Who am I (ID token)');
    // The migrated No Auth request is named, with what to do; the run itself kept it without a token (its test wants 401).
    expect(result.stderr).toContain('"pm-cognito roles / Switching identities / Opted out with noauth"');
    expect(result.stderr).toContain('add @none');
    expect(result.stdout).not.toContain('pm-cognito-item:');
    expect(result.stdout).not.toContain('postman login');
    // newman counts the script's own calls among the requests: none here, the demo's AWS credentials came up front too.
    expect(result.stdout).toMatch(/pm-cognito: passed: 2 of 2 suites, 25 requests, 51 tests, 0 failures/);
  }, 150_000);

  it('on the wire, v3 directory: No Auth and @none carry no token, tags pick the user', async () => {
    const { seen, signedIn, junit } = await tagsV3Run();
    expectTagsOnTheWire(seen);
    // alice, dave, bob and slow (alice on the short client), up front; these requests passed (the failing ones: next tests).
    expect(signedIn).toBe(4);
    for (const name of ['tags / Public', 'tags / Me', 'tags / Anonymous @none / Anon', 'tags / Admins @admin / Admin me', 'tags / Reader @reader:access']) {
      expect(junit.get(name), name).toEqual({ testcases: 1, failures: [] });
    }
  }, 150_000);

  it('on the wire, v2.1 file with --runner postman: No Auth and @none carry no token, tags pick the user', async () => {
    const { result, seen, signIns } = await tagsJsonRun();
    expect(result.code, result.stdout.slice(-2000) + result.stderr).toBe(0);
    // Two iterations: every request twice, with the same token both times.
    expectTagsOnTheWire(seen, 2);
    // Issue 20, S4: wrong and slow are configured, but no request here uses them: no sign-in for them.
    expect(signIns).toBe(3);
  }, 120_000);

  it('refreshes the handed-over tokens when a v3 run outlives them, and never signs in again', async () => {
    const { seen, signedIn, refreshes, junit } = await tagsV3Run();
    for (let i = 0; i < 7; i++) expect(junit.get('tags / Slow @slow / Me ' + i), 'Me ' + i).toEqual({ testcases: 1, failures: [] });
    // Each identity once, up front (the previous test); then only refreshes, all slow's (the other client's tokens last a
    // day): 1 s tokens refreshed from 500 ms, at slow's requests 1, 3 and 5 at the least (each 700 ms after the one before).
    expect(signedIn).toBe(4);
    expect(refreshes).toBeGreaterThanOrEqual(renewalsAtLeast(7));
    expect(refreshes).toBeLessThanOrEqual(5);
    for (let i = 0; i < 7; i++) expect(userOnTheWire('/me' + i, seen)).toBe('alice');
  }, 150_000);

  it('a failing assertion exits 1, named in the summary and in the JUnit file', async () => {
    const { result, junit, counts } = await tagsV3Run();
    expect(result.code).toBe(1);
    // 16: the 5 tag requests', Failing's 2 ("is bob" fails), Loud's 1 (fails), the wrong password's report (its request
    // was not sent) and slow's 7.
    expect(postmanAssertions(result.stdout)).toEqual({ executed: 16, failed: 3 });
    expect(result.stdout).toMatch(/pm-cognito: FAILED: 1 sign-in failure \(wrong\), 1 of 1 suites failed, 15 requests, 16 tests, 3 failures/);
    expect(counts).toMatchObject({ testcases: 16, failed: 3, rootFailures: 3 });
    expect(junit.get('tags / Failing')!.testcases).toBe(2);
    expect(junit.get('tags / Failing')!.failures).toEqual([expect.stringContaining("expected true to deeply equal 'bob'")]);
  }, 150_000);

  it('a wrong password exits 1 with the reason, before the run and in it', async () => {
    const { result, seen, junit } = await tagsV3Run();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/sign-in before the run failed for identity "wrong": .*check cognito_username@wrong, cognito_password@wrong/);
    expect(result.stdout).toContain('check cognito_username@wrong, cognito_password@wrong');
    expect(junit.get('tags / Wrong @wrong')!.failures).toEqual([expect.stringContaining('check cognito_username@wrong, cognito_password@wrong')]);
    // Not sent without its token.
    expect(seen.filter((s) => s.path === '/wrong')).toEqual([]);
  }, 150_000);

  it('the Postman CLI runner: piped output has no ANSI codes and no padded lines', async () => {
    const { result, junit } = await tagsV3Run();
    expect(junit.get('tags / Loud')!.failures).toEqual([expect.stringContaining('x'.repeat(240))]);
    expect(result.stdout).toContain('fails loudly');
    expect(result.stdout).not.toContain('\u001b[');
    expect(result.stdout.split('\n').filter((line) => / +$/.test(line))).toEqual([]);
  }, 150_000);

  it('stops up front (exit 2) when a collection lacks the script, and says to run pm-cognito install', async () => {
    const bare = writeV3(join(tempDir(), 'bare'), { '.resources/definition.yaml': '$kind: collection\n', 'Me.request.yaml': v3Request('/me') });
    stack.proxy.reset();
    const result = await runStopped('bare', [bare, '-e', envFile]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('has no pm-cognito script');
    expect(result.stderr).toContain('run pm-cognito install');
    expect(stack.proxy.signIns()).toBe(0);
  }, 60_000);

  it('bad --runner and --postman-cli values are usage errors (exit 2) that say what to give', async () => {
    const runner = await runStopped('bad runner', [tagsJson, '-e', envFile, '--runner', 'jest']);
    expect(runner.code).toBe(2);
    expect(runner.stderr).toContain('--runner is "jest": give newman or postman');
    const cli = await runStopped('bad cli', [tagsV3, '-e', envFile, '--postman-cli', 'no/such/postman']);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('--postman-cli is no/such/postman, which is not a file');
    const fromEnv = await runStopped('bad cli env', [tagsV3, '-e', envFile], { ...SECRETS(), PM_COGNITO_POSTMAN_CLI: 'no/such/postman' });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toContain('PM_COGNITO_POSTMAN_CLI is no/such/postman');
  }, 60_000);

  it('leaves no secret or token in its output or reports, and removes its private run directories (environment file included)', () => {
    const secrets = [{ name: 'alice', value: ALICE }, { name: 'dave', value: DAVE }, { name: 'bob', value: BOB }, { name: 'wrong', value: WRONG }];
    expect(leaks([...outputs, ...fileSources(reports)], secrets)).toEqual([]);
    expect(readdirSync(runTmp)).toEqual([]);
  });
});

describe.skipIf(POSTMAN_CLI_SKIP)('the real Postman CLI without mkfifo (moved here from handoff-file.test.ts: the v2.1 tags run above)', () => {
  it('reads the environment file once: removed early, two iterations still pass with its variables', async () => {
    const { result, sawFile, goneBeforeSecondRequest } = await tagsJsonRun();
    expect(result.code, result.stdout + result.stderr).toBe(0);
    // 5 requests and 2 tests an iteration, all passed, the tokens and variables of the second from the file read once.
    expect(result.stdout + result.stderr).toMatch(/10 requests, 4 tests, 0 failures/);
    expect(sawFile).toBe(true);
    expect(goneBeforeSecondRequest).toBe(true);
  }, 120_000);
});

describe.skipIf(POSTMAN_CLI_SKIP || !HAS_STRACE)('offline: nothing leaves the machine', () => {
  // Inside a network namespace of its own (`unshare -rn`: only a loopback that is down), so its
  // attempts are recorded but nothing can leave the machine, even on a CI runner with internet.
  it.skipIf(!HAS_UNSHARE)('the bare Postman CLI looks up its analytics host even with --no-report-events (what the runner prevents)', async () => {
    const trace = join(tempDir(), 'bare.trace');
    const result = await runCli('unshare', ['-rn', 'strace', '-f', '-qq', '--seccomp-bpf', '-e', 'trace=connect', '-o', trace, postmanBinary()!, 'collection', 'run', rolesV3, '--no-report-events', '-e', envFile], { cwd: work, env: { POSTMAN_CLI_SKIP_UPDATE_CHECK: '1' } });
    expect(result.code).not.toBeNull();
    const all = connects(readFileSync(trace, 'utf8'));
    expect(all.some((c) => c.endsWith(':53') || !/^(127\.|::1)/.test(c)), all.join(', ')).toBe(true);
  }, 120_000);

  it('pm-cognito run with the Postman CLI connects only to 127.0.0.1: no DNS lookup, no cloud', async () => {
    // The mixed run above (roles through the Postman CLI, the demo through newman) ran under strace.
    const { result, connects: all } = await mixedRun();
    expect(result.code, result.output.slice(-2000)).toBe(0);
    expect(all!.length).toBeGreaterThan(0);
    expect(all!.filter((c) => !c.startsWith('127.0.0.1:') || c.endsWith(':53'))).toEqual([]);
  }, 150_000);
});
