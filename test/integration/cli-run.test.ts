// `pm-cognito run` against cognito-local and the demo API: exit codes as a shell gets them (node bin/pm-cognito.js), reports, one sign-in, no leaks; the rest in-process.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestStack, type LocalStack } from '../support/local-stack';
import { collection, item, NOAUTH } from '../support/collection';
import { iamMe } from '../support/iam-items';
import {
  assertBuilt, fileSources, filesUnder, junitCounts, leaks, newmanAssertions, outputSources, parseXml, pm, removeTempDirs, tempDir, writeEnvironment, writeJson, type PmResult,
} from './cli-harness';
import { pmInProcess, pmInProcessPrinting } from '../support/in-process-cli';

const PASSWORD = 'Alice-cli-pass-1!x';
const ADMIN_PASSWORD = 'Root-cli-pass-2!y';
let stack: LocalStack;
let clientSecret: string;
let work: string;
let envFile: string;
let passing: string;
let passingToo: string;
let failing: string;
let withAdmin: string;
/** Every run's output, scanned for secrets at the end. */
const outputs: Array<{ where: string; text: string }> = [];

const ME_IS_ALICE = [
  "pm.test('status 200', () => pm.response.to.have.status(200));",
  "pm.test('alice', () => pm.expect(pm.response.json().username).to.eql('alice'));",
];

/** Secrets come from the process environment, as in CI; the environment file has none. */
const SECRETS = (): Record<string, string> => ({ COGNITO_PASSWORD: PASSWORD, COGNITO_CLIENT_SECRET: clientSecret });

/**
 * `pm-cognito run`: a real process for the exit-code tests (`process`: the code and output as a shell gets them),
 * in-process elsewhere: with --silent only pm-cognito's own lines are checked; without it newman's live table too, kept
 * as the process prints it (pmInProcessPrinting).
 */
async function run(label: string, args: string[], options: { env?: Record<string, string>; cwd?: string; process?: boolean } = {}): Promise<PmResult> {
  const start = options.process === true ? pm : args.includes('--silent') ? pmInProcess : pmInProcessPrinting;
  const result = await start(['run', ...args], { env: options.env ?? SECRETS(), cwd: options.cwd ?? work });
  outputs.push(...outputSources(label, result));
  return result;
}

beforeAll(async () => {
  await assertBuilt();
  stack = await startTestStack({
    clients: [{ name: 'demo', generateSecret: true }],
    users: [
      { username: 'alice', password: PASSWORD },
      { username: 'root', password: ADMIN_PASSWORD, groups: ['admins'] },
    ],
  });
  clientSecret = stack.connection['cognito_client_secret']!;
  work = tempDir();
  const { cognito_client_secret: _secret, ...connection } = stack.connection;
  envFile = writeEnvironment({ ...connection, cognito_username: 'alice' }, work);
  passing = writeJson(work, 'passing.postman_collection.json', collection('passing', [
    item({ name: 'health', path: '/health', auth: NOAUTH, tests: ["pm.test('up', () => pm.response.to.have.status(200));"] }),
    item({ name: 'me', path: '/me', tests: ME_IS_ALICE }),
    item({ name: 'pets', path: '/pets', tests: ["pm.test('list', () => pm.expect(pm.response.json()).to.be.an('array'));"] }),
  ]));
  passingToo = writeJson(work, 'passing-too.postman_collection.json', collection('passing too', [
    item({ name: 'me again', path: '/me', tests: ME_IS_ALICE }),
  ]));
  failing = writeJson(work, 'failing.postman_collection.json', collection('failing', [
    item({ name: 'me', path: '/me', tests: [...ME_IS_ALICE, "pm.test('is bob', () => pm.expect(pm.response.json().username).to.eql('bob'));"] }),
  ]));
  withAdmin = writeJson(work, 'admin.postman_collection.json', collection('admin', [
    item({ name: 'me', path: '/me', tests: ME_IS_ALICE }),
    item({ name: 'me as admin @admin', path: '/me', tests: ["pm.test('root', () => pm.expect(pm.response.json().username).to.eql('root'));"] }),
  ]));
}, 120_000);

afterAll(async () => {
  removeTempDirs();
  await stack?.stop();
});

describe('pm-cognito run: exit codes and reports', () => {
  it('a passing suite exits 0, and the JUnit file parses and counts the tests newman ran', async () => {
    stack.proxy.reset();
    const junit = join(work, 'reports', 'pass.xml');
    const result = await run('pass', [passing, '-e', envFile, '--junit', junit], { process: true });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const reported = newmanAssertions(result.stdout);
    expect(reported).toEqual({ executed: 4, failed: 0 });
    const counts = junitCounts(readFileSync(junit, 'utf8'));
    expect(counts.testcases).toBe(reported.executed);
    expect(counts.failed).toBe(0);
    expect(counts.rootTests).toBe(4);
    expect(counts.suites).toEqual(['passing / health', 'passing / me', 'passing / pets']);
    expect(result.stdout).toMatch(/pm-cognito: passed: 1 of 1 suites, 3 requests, 4 tests, 0 failures/);
    expect(stack.proxy.signIns()).toBe(1);
  }, 60_000);

  it('a failing assertion exits 1 and the JUnit file has that failure', async () => {
    const junit = join(work, 'reports', 'fail.xml');
    const result = await run('fail', [failing, '-e', envFile, '--junit', junit], { process: true });
    expect(result.code).toBe(1);
    expect(newmanAssertions(result.stdout)).toEqual({ executed: 3, failed: 1 });
    const counts = junitCounts(readFileSync(junit, 'utf8'));
    expect(counts).toMatchObject({ testcases: 3, failed: 1, rootFailures: 1 });
    expect(result.stdout).toMatch(/pm-cognito: FAILED: 1 of 1 suites failed, 1 requests, 3 tests, 1 failures/);
  }, 60_000);

  it('a wrong password exits 1: the sign-in up front says why, and the unsent requests are failures in the JUnit file', async () => {
    stack.proxy.reset();
    const junit = join(work, 'reports', 'wrong-password.xml');
    const result = await run('wrong password', [passing, '-e', envFile, '--junit', junit], { env: { ...SECRETS(), COGNITO_PASSWORD: 'Not-the-password-9!' }, process: true });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/sign-in before the run failed for the default identity: .*cognito_password/);
    const counts = junitCounts(readFileSync(junit, 'utf8'));
    // health needs no token and passes; me and pets were never sent and each fail once.
    expect(counts.failed).toBe(2);
    expect(counts.testcases).toBe(newmanAssertions(result.stdout).executed);
    outputs.push({ where: 'wrong-password outputs', text: result.stdout + result.stderr });
  }, 60_000);

  it('values come from the file, then COGNITO_* variables, then --env-var', async () => {
    const nobody = writeEnvironment({ ...JSON.parse(JSON.stringify(stack.connection)), cognito_client_secret: '', cognito_username: 'nobody' }, tempDir());
    const fromEnv = await run('precedence env', [passingToo, '-e', nobody, '--silent'], { env: { ...SECRETS(), COGNITO_USERNAME: 'alice' } });
    expect(fromEnv.code).toBe(0);
    const overridden = await run('precedence env-var', [passingToo, '-e', nobody, '--silent', '--env-var', 'cognito_username=nobody'], { env: { ...SECRETS(), COGNITO_USERNAME: 'alice' } });
    expect(overridden.code).toBe(1);
    const viaEnvVar = await run('precedence env-var 2', [passingToo, '-e', nobody, '--silent', '--env-var=cognito_username=alice', '--env-var', 'cognito_password=' + PASSWORD], { env: { COGNITO_CLIENT_SECRET: clientSecret } });
    expect(viaEnvVar.code).toBe(0);
  }, 90_000);

  it('AWS credentials that cannot be had up front: a warning naming the identity and the setting, only their requests fail (exit 1)', async () => {
    const iam = writeJson(work, 'iam.postman_collection.json', collection('iam', [
      iamMe('visitor', 'unauthenticated', 'visitor'),
      item({ name: 'me', path: '/me', tests: ME_IS_ALICE }),
    ]));
    const result = await run('iam warning', [iam, '-e', envFile, '--silent', '--env-var', 'cognito_identity_guest@visitor=perhaps']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/pm-cognito: warning: AWS credentials for identity "visitor" could not be obtained before the run; requests that use them will fail: .*cognito_identity_guest@visitor/);
    expect(result.stderr).not.toContain('sign-in before the run failed');
    // The visitor's request fails with the same message; alice's request and its two tests pass.
    expect(result.stdout).toContain('1 of 1 suites failed, 2 requests, 3 tests, 1 failures');
  }, 60_000);

  it('bad usage exits 2 and says what was wrong', async () => {
    const notJson = join(work, 'broken.postman_collection.json');
    writeFileSync(notJson, '{ not json');
    const notCollection = writeJson(work, 'other.json', { hello: 'world' });
    const cases: Array<[string[], RegExp]> = [
      [[passing, '-e', envFile, '--nope'], /unknown option --nope: run pm-cognito run --help/],
      [[passing, '-e', join(work, 'missing.json')], /environment file .*missing\.json: it does not exist/],
      [[passing, '-e', notJson], /environment file .* is not JSON/],
      [[join(work, 'missing.postman_collection.json'), '-e', envFile], /collection .*missing\.postman_collection\.json: it does not exist/],
      [[notJson, '-e', envFile], /collection .*broken\.postman_collection\.json is not JSON/],
      [[notCollection, '-e', envFile], /is not a Postman collection/],
      [[passing, '-e', envFile, '--env-var', 'no-equals-sign'], /--env-var needs the form key=value/],
      [[passing, '-e', envFile, '--iteration-count', 'many'], /--iteration-count is "many": give a whole number/],
      [[passing, '-e'], /-e needs a value <file>/],
      [[passing, '-e', envFile, '--ephemeral-group', 'admins'], /need --ephemeral-user/],
    ];
    for (const [args, message] of cases) {
      const result = await run('usage ' + args.join(' '), args);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
    }
    const empty = tempDir();
    const none = await run('usage no collections', ['-e', envFile], { cwd: empty });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no collection given and .*collections has no \*\.postman_collection\.json files/);
    const unknownCommand = await pm(['runn']);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toMatch(/unknown command "runn"/);
  }, 120_000);
});

describe('pm-cognito run: one sign-in per identity per run', () => {
  it('two suites one after another make exactly one sign-in, and one JUnit file covers both', async () => {
    stack.proxy.reset();
    const junit = join(work, 'reports', 'two.xml');
    const result = await run('two suites', [passing, passingToo, '-e', envFile, '--junit', junit]);
    expect(result.code).toBe(0);
    expect(stack.proxy.signIns()).toBe(1);
    expect(stack.proxy.refreshes()).toBe(0);
    const reported = newmanAssertions(result.stdout);
    expect(reported).toEqual({ executed: 6, failed: 0 });
    const counts = junitCounts(readFileSync(junit, 'utf8'));
    expect(counts.testcases).toBe(6);
    expect(counts.suites).toContain('passing too / me again');
  }, 60_000);

  it('with --parallel too, and the output is one summary per suite', async () => {
    stack.proxy.reset();
    const junit = join(work, 'reports', 'parallel.xml');
    // With --parallel newman prints nothing live; every line checked here is pm-cognito's own.
    const result = await run('parallel', [passing, passingToo, failing, '-e', envFile, '--parallel', '--junit', junit]);
    expect(result.code).toBe(1);
    expect(stack.proxy.signIns()).toBe(1);
    expect(result.stdout).toMatch(/pm-cognito: passing: passed \(3 requests, 4 tests, 0 failures\)/);
    expect(result.stdout).toMatch(/pm-cognito: passing too: passed \(1 requests, 2 tests, 0 failures\)/);
    expect(result.stdout).toMatch(/pm-cognito: failing: FAILED \(1 requests, 3 tests, 1 failures\)\n {2}- me: is bob: /);
    expect(junitCounts(readFileSync(junit, 'utf8'))).toMatchObject({ testcases: 9, failed: 1 });
  }, 60_000);

  it('every collection in ./collections when none is named', async () => {
    stack.proxy.reset();
    const project = tempDir();
    mkdirSync(join(project, 'collections'));
    writeFileSync(join(project, 'collections', 'a.postman_collection.json'), readFileSync(passing));
    writeFileSync(join(project, 'collections', 'b.postman_collection.json'), readFileSync(passingToo));
    writeFileSync(join(project, 'collections', 'notes.json'), '{}');
    // --silent (in-process): what is checked is which collections ran, in pm-cognito's own totals, not newman's table.
    const result = await run('default collections', ['-e', envFile, '--silent'], { cwd: project });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/passed: 2 of 2 suites/);
    expect(stack.proxy.signIns()).toBe(1);
    expect(existsSync(join(project, 'tmp'))).toBe(false);
  }, 60_000);

  it('a named identity from COGNITO_<SETTING>__<IDENTITY> signs in once as well', async () => {
    stack.proxy.reset();
    const result = await run('identities', [withAdmin, withAdmin, '-e', envFile], {
      env: { ...SECRETS(), COGNITO_USERNAME__ADMIN: 'root', COGNITO_PASSWORD__ADMIN: ADMIN_PASSWORD },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(newmanAssertions(result.stdout)).toEqual({ executed: 6, failed: 0 });
    // alice and root, once each, for two suites.
    expect(stack.proxy.signIns()).toBe(2);
  }, 60_000);
});

describe('pm-cognito run: nothing secret in what it writes', () => {
  it('an HTML report is written without headers, bodies or variables', async () => {
    const html = join(work, 'reports', 'run.html');
    const result = await run('html', [passing, '-e', envFile, '--html', html, '--silent']);
    expect(result.code).toBe(0);
    expect(existsSync(html)).toBe(true);
    expect(readFileSync(html, 'utf8')).toMatch(/<html/i);
    const two = join(work, 'reports', 'two.html');
    const both = await run('html two', [passing, passingToo, '-e', envFile, '--html', two, '--silent']);
    expect(both.code).toBe(0);
    expect(existsSync(join(work, 'reports', 'two.passing-1.html'))).toBe(true);
    expect(existsSync(join(work, 'reports', 'two.passing-too-2.html'))).toBe(true);
  }, 60_000);

  it('no password, client secret or token in any report, in the working directory or in the output', async () => {
    // A JUnit file from a failing run too: failure messages are where a leak would be likeliest.
    expect(filesUnder(join(work, 'reports')).length).toBeGreaterThanOrEqual(7);
    for (const file of filesUnder(join(work, 'reports')).filter((f) => f.endsWith('.xml'))) parseXml(readFileSync(file, 'utf8'));
    const found = leaks(
      [...fileSources(filesUnder(join(work, 'reports'))), ...outputs],
      [{ name: 'password', value: PASSWORD }, { name: 'admin password', value: ADMIN_PASSWORD }, { name: 'client secret', value: clientSecret }],
    );
    expect(found).toEqual([]);
    expect(existsSync(join(work, 'tmp'))).toBe(false);
    // The scan can find things: the secrets really were in play.
    expect(leaks([{ where: 'control', text: 'x' + clientSecret }], [{ name: 'client secret', value: clientSecret }])).toEqual(['control: client secret']);
  });
});
