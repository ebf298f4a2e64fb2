// `pm-cognito run` through the real Postman CLI 1.62.0, on v3 directories and v2.1 files: tokens on the wire, sign-ins, JUnit, exit codes, offline.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestStack, type LocalStack } from '../support/local-stack';
import { collection, item, NOAUTH, ROOT } from '../support/collection';
import { startHeaderEcho, type HeaderEcho } from '../support/header-echo';
import { POSTMAN_CLI_SKIP, postmanBinary, runPostmanOffline } from '../support/postman-cli';
import { runCli } from '../support/run-cli';
import { pmInProcess } from '../support/in-process-cli';
import { LONG_ID_SECONDS, renewalsAtLeast, SHORT_ACCESS_SECONDS, WAIT_PAST_RENEWAL } from '../support/short-tokens';
import {
  BIN, assertBuilt, childEnv, fileSources, junitCounts, leaks, newmanAssertions, outputSources, pm, removeTempDirs, tempDir, writeEnvironment, writeJson, type PmResult,
} from './cli-harness';

const ALICE = 'Alice-pcli-pass-1!x';
const DAVE = 'Dave-pcli-pass-2!y';
const BOB = 'Bob-pcli-pass-3!z';
let stack: LocalStack;
let echo: HeaderEcho;
let work: string;
let envFile: string;
let echoEnvFile: string;
let rolesV3: string;
let tagsV3: string;
let tagsJson: string;
let failingV3: string;
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

/** `run` in-process, for runs that stop before any runner starts (usage errors): the same result and outputs kept. */
async function runStopped(label: string, args: string[], env: Record<string, string> = SECRETS()): Promise<PmResult> {
  const result = await pmInProcess(['run', ...args], { env, cwd: work });
  outputs.push(...outputSources(label, result));
  return result;
}

/** Writes a v3 collection directory from a map of relative path → YAML text. */
function writeV3(dir: string, files: Record<string, string>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function request(path: string, extra = '', after: string[] = []): string {
  return '$kind: http-request\nurl: "{{baseUrl}}' + path + '"\nmethod: GET\n' + extra +
    "scripts:\n  - type: afterResponse\n    code: pm.test('sent', () => pm.response.to.have.status(200));" + after.map((line) => ' ' + line).join('') + '\n    language: text/javascript\n';
}

/** The username inside the token a request carried ('' for none). */
function userOnTheWire(path: string): string {
  const seen = echo.seen.filter((s) => s.path === path);
  expect(seen.length, path + ' was sent once').toBe(1);
  const header = seen[0]!.headers['authorization'];
  if (header === undefined) return '';
  const payload = JSON.parse(Buffer.from(String(header).split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  return String(payload['cognito:username'] ?? payload['username']);
}

/** "assertions | executed | failed" of the Postman CLI's own summary table(s). */
function postmanAssertions(stdout: string): { executed: number; failed: number } {
  let executed = 0;
  let failed = 0;
  for (const match of stdout.matchAll(/^\|\s+assertions\s+\|\s+(\d+)\s+\|\s+(\d+)\s+\|/gm)) {
    executed += Number(match[1]);
    failed += Number(match[2]);
  }
  return { executed, failed };
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
  echoEnvFile = writeEnvironment({ ...stack.connection, ...identities, baseUrl: echo.url }, tempDir());

  // The roles example as a user would get it: migrated by Postman's own CLI, then pm-cognito install.
  const json = JSON.parse(readFileSync(join(ROOT, 'collections', 'roles.postman_collection.json'), 'utf8')) as { event?: unknown };
  delete json.event;
  writeFileSync(join(work, 'roles.json'), JSON.stringify(json));
  const migrated = await runPostmanOffline(['collection', 'migrate', 'roles.json', '-o', 'roles-v3'], { cwd: work });
  expect(migrated.code, migrated.output).toBe(0);
  rolesV3 = join(work, 'roles-v3');

  // Every way of choosing a token, in a v3 directory and in its v2.1 twin, against the header-recording server.
  tagsV3 = writeV3(join(work, 'tags-v3'), {
    '.resources/definition.yaml': '$kind: collection\nname: tags\n',
    'Public.request.yaml': request('/public', 'auth:\n  type: noauth\norder: 1000\n'),
    'Me.request.yaml': request('/me', 'order: 2000\n'),
    'Anonymous @none/.resources/definition.yaml': '$kind: collection\norder: 3000\n',
    'Anonymous @none/Anon.request.yaml': request('/anon'),
    'Admins @admin/.resources/definition.yaml': '$kind: collection\norder: 4000\n',
    'Admins @admin/Admin me.request.yaml': request('/admin'),
    'Reader.request.yaml': request('/reader', 'name: Reader @reader:access\norder: 5000\n'),
  });
  tagsJson = writeJson(work, 'tags.postman_collection.json', collection('tags', [
    item({ name: 'Public', path: '/public', auth: NOAUTH, tests: ["pm.test('sent', () => pm.response.to.have.status(200));"] }),
    item({ name: 'Me', path: '/me', tests: ["pm.test('sent', () => pm.response.to.have.status(200));"] }),
    { name: 'Anonymous @none', item: [item({ name: 'Anon', path: '/anon' })] },
    { name: 'Admins @admin', item: [item({ name: 'Admin me', path: '/admin' })] },
    item({ name: 'Reader @reader:access', path: '/reader' }),
  ]));
  failingV3 = writeV3(join(work, 'failing-v3'), {
    '.resources/definition.yaml': '$kind: collection\nname: failing\n',
    'Me.request.yaml': '$kind: http-request\nurl: "{{baseUrl}}/me"\nmethod: GET\nscripts:\n  - type: afterResponse\n    code: |-\n' +
      "      pm.test('status 200', () => pm.response.to.have.status(200));\n      pm.test('is bob', () => pm.expect(pm.response.json().username).to.eql('bob'));\n    language: text/javascript\n",
  });
  for (const dir of [rolesV3, tagsV3, failingV3]) {
    const installed = await pmInProcess(['install', dir], { cwd: work });
    expect(installed.code, installed.stderr).toBe(0);
  }
}, 180_000);

afterAll(async () => {
  removeTempDirs();
  await echo?.stop();
  await stack?.stop();
});

describe.skipIf(POSTMAN_CLI_SKIP)('pm-cognito run with the Postman CLI', () => {
  it('runs a migrated v3 collection and a v2.1 file in one run: one sign-in per identity, JUnit counts equal the runners\' own', async () => {
    stack.proxy.reset();
    const junit = join(work, 'reports', 'mixed.xml');
    reports.push(junit);
    const result = await run('mixed', [rolesV3, join(ROOT, 'collections', 'demo.postman_collection.json'), '-e', envFile, '--junit', junit]);
    expect(result.code, result.stdout.slice(-3000) + result.stderr).toBe(0);
    // alice, dave and bob each signed in once, up front; neither suite signed in again.
    expect(stack.proxy.signIns()).toBe(3);
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

  for (const [label, which, extra] of [['v3 directory', () => tagsV3, []], ['v2.1 file with --runner postman', () => tagsJson, ['--runner', 'postman']]] as const) {
    it('on the wire, ' + label + ': No Auth and @none carry no token, tags pick the user', async () => {
      echo.seen.length = 0;
      stack.proxy.reset();
      const result = await run('tags ' + label, [which(), '-e', echoEnvFile, ...extra]);
      expect(result.code, result.stdout.slice(-2000) + result.stderr).toBe(0);
      expect(userOnTheWire('/public')).toBe('');
      expect(userOnTheWire('/anon')).toBe('');
      expect(userOnTheWire('/me')).toBe('alice');
      expect(userOnTheWire('/admin')).toBe('dave');
      expect(userOnTheWire('/reader')).toBe('bob');
      const reader = echo.seen.find((s) => s.path === '/reader')!;
      expect(JSON.parse(Buffer.from(String(reader.headers['authorization']).split('.')[1]!, 'base64url').toString('utf8')).token_use).toBe('access');
      expect(stack.proxy.signIns()).toBe(3);
    }, 120_000);
  }

  it('refreshes the handed-over tokens when a v3 run outlives them, and never signs in again', async () => {
    const slow = writeV3(join(work, 'slow-v3'), {
      '.resources/definition.yaml': '$kind: collection\nname: slow\n',
      // Every even request waits past the renewal point of the short client's 1 s tokens (short-tokens.ts).
      ...Object.fromEntries(Array.from({ length: 7 }, (_, i) => ['Me ' + i + '.request.yaml', request('/me' + i, 'order: ' + (i + 1) * 1000 + '\n', i % 2 === 0 ? WAIT_PAST_RENEWAL : [])])),
    });
    expect((await pmInProcess(['install', slow], { cwd: work })).code).toBe(0);
    stack.proxy.reset();
    echo.seen.length = 0;
    const result = await run('refresh', [slow, '-e', echoEnvFile, '--env-var', 'cognito_client_id=' + stack.pool.clients[1]!.clientId]);
    expect(result.code, result.stdout.slice(-2000)).toBe(0);
    expect(postmanAssertions(result.stdout)).toEqual({ executed: 7, failed: 0 });
    // alice up front (issue 20, S4: dave and bob are configured but no request uses them); then only refreshes:
    // 1 s tokens refreshed from 500 ms, at requests 1, 3 and 5 at the least (each comes 700 ms after the one before).
    expect(stack.proxy.signIns()).toBe(1);
    expect(stack.proxy.refreshes()).toBeGreaterThanOrEqual(renewalsAtLeast(7));
    expect(stack.proxy.refreshes()).toBeLessThanOrEqual(5);
    for (let i = 0; i < 7; i++) expect(userOnTheWire('/me' + i)).toBe('alice');
  }, 120_000);

  it('a failing assertion exits 1, named in the summary and in the JUnit file', async () => {
    const junit = join(work, 'reports', 'failing.xml');
    reports.push(junit);
    const result = await run('failing', [failingV3, '-e', envFile, '--junit', junit]);
    expect(result.code).toBe(1);
    expect(postmanAssertions(result.stdout)).toEqual({ executed: 2, failed: 1 });
    expect(result.stdout).toMatch(/pm-cognito: FAILED: 1 of 1 suites failed, 1 requests, 2 tests, 1 failures/);
    const xml = readFileSync(junit, 'utf8');
    expect(junitCounts(xml)).toMatchObject({ testcases: 2, failed: 1, rootFailures: 1, suites: ['failing / Me'] });
    expect(xml).toContain("expected 'alice' to deeply equal 'bob'");
  }, 120_000);

  it('a wrong password exits 1 with the reason, before the run and in it', async () => {
    stack.proxy.reset();
    const junit = join(work, 'reports', 'wrong.xml');
    reports.push(junit);
    const result = await run('wrong password', [tagsV3, '-e', echoEnvFile, '--junit', junit], { ...SECRETS(), COGNITO_PASSWORD: 'Not-the-password-9!' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/sign-in before the run failed for the default identity: .*check cognito_username, cognito_password/);
    expect(result.stdout).toContain('check cognito_username, cognito_password');
    expect(junitCounts(readFileSync(junit, 'utf8')).failed).toBeGreaterThan(0);
    outputs.push({ where: 'wrong password junit', text: readFileSync(junit, 'utf8') });
  }, 120_000);

  it('stops up front (exit 2) when a collection lacks the script, and says to run pm-cognito install', async () => {
    const bare = writeV3(join(tempDir(), 'bare'), { '.resources/definition.yaml': '$kind: collection\n', 'Me.request.yaml': request('/me') });
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
    const secrets = [{ name: 'alice', value: ALICE }, { name: 'dave', value: DAVE }, { name: 'bob', value: BOB }, { name: 'wrong', value: 'Not-the-password-9!' }];
    expect(leaks([...outputs, ...fileSources(reports)], secrets)).toEqual([]);
    expect(readdirSync(runTmp)).toEqual([]);
  });
});

/** Every IPv4/IPv6 connect() a traced process tree made, as "address:port". */
function connects(trace: string): string[] {
  return [...trace.matchAll(/connect\(\d+, \{sa_family=AF_INET6?, sin6?_port=htons\((\d+)\), (?:sin_addr=inet_addr|inet_pton\(AF_INET6, )\("([^"]+)"/g)].map((m) => m[2] + ':' + m[1]);
}

const HAS_STRACE = (() => {
  try {
    execFileSync('strace', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const HAS_UNSHARE = (() => {
  try {
    execFileSync('unshare', ['-rn', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(POSTMAN_CLI_SKIP || !HAS_STRACE)('offline: nothing leaves the machine', () => {
  // Inside a network namespace of its own (`unshare -rn`: only a loopback that is down), so its
  // attempts are recorded but nothing can leave the machine, even on a CI runner with internet.
  it.skipIf(!HAS_UNSHARE)('the bare Postman CLI looks up its analytics host even with --no-report-events (what the runner prevents)', async () => {
    const trace = join(tempDir(), 'bare.trace');
    const result = await runCli('unshare', ['-rn', 'strace', '-f', '-qq', '-e', 'trace=connect', '-o', trace, postmanBinary()!, 'collection', 'run', rolesV3, '--no-report-events', '-e', envFile], { cwd: work, env: { POSTMAN_CLI_SKIP_UPDATE_CHECK: '1' } });
    expect(result.code).not.toBeNull();
    const all = connects(readFileSync(trace, 'utf8'));
    expect(all.some((c) => c.endsWith(':53') || !/^(127\.|::1)/.test(c)), all.join(', ')).toBe(true);
  }, 120_000);

  it('pm-cognito run with the Postman CLI connects only to 127.0.0.1: no DNS lookup, no cloud', async () => {
    const trace = join(tempDir(), 'run.trace');
    stack.proxy.reset();
    const env = childEnv(SECRETS());
    const result = await runCli('strace', ['-f', '-qq', '-e', 'trace=connect', '-o', trace, process.execPath, BIN, 'run', rolesV3, '-e', envFile, '--silent'], { cwd: work, env });
    expect(result.code, result.output.slice(-2000)).toBe(0);
    const all = connects(readFileSync(trace, 'utf8'));
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((c) => !c.startsWith('127.0.0.1:') || c.endsWith(':53'))).toEqual([]);
  }, 150_000);
});
