// What a new user met on the way (issue 12's stumbles 1-8), each pinned by a test that failed before its fix.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestStack, type LocalStack } from '../support/local-stack';
import { collection, item, ROOT } from '../support/collection';
import { startHeaderEcho, type HeaderEcho } from '../support/header-echo';
import { runCli } from '../support/run-cli';
import { pmInProcess } from '../support/in-process-cli';
import { once } from '../support/junit-by-request';
import { BIN, assertBuilt, childEnv, pm, removeTempDirs, tempDir, writeEnvironment, writeJson } from './cli-harness';

const PASSWORD = 'Stumble-pass-1!x';
const PETSTORE = join(ROOT, 'test', 'fixtures', 'petstore-relative.yaml');
let stack: LocalStack;
let echo: HeaderEcho;
let work: string;
let envFile: string;
/** The same settings without baseUrl, as a user of a third-party spec has them. */
let envNoBaseUrl: string;

const ME_OK = ["pm.test('status 200', () => pm.response.to.have.status(200));"];

beforeAll(async () => {
  await assertBuilt();
  [stack, echo] = await Promise.all([startTestStack({ users: [{ username: 'alice', password: PASSWORD, groups: ['admins'] }] }), startHeaderEcho()]);
  work = tempDir();
  envFile = writeEnvironment({ ...stack.connection, cognito_username: 'alice' }, work);
  const { baseUrl: _unused, ...withoutBaseUrl } = stack.connection;
  envNoBaseUrl = writeEnvironment({ ...withoutBaseUrl, cognito_username: 'alice' }, tempDir());
}, 120_000);

afterAll(async () => {
  removeTempDirs();
  await Promise.all([stack?.stop(), echo?.stop()]);
});

function suites(): { alpha: string; beta: string; gamma: string } {
  const dir = tempDir();
  return {
    alpha: writeJson(dir, 'alpha.postman_collection.json', collection('alpha', [item({ name: 'me', path: '/me', tests: ME_OK })])),
    beta: writeJson(dir, 'beta.postman_collection.json', collection('beta', [item({ name: 'me', path: '/me', tests: ["pm.test('is 418', () => pm.response.to.have.status(418));"] })])),
    gamma: writeJson(dir, 'gamma.postman_collection.json', collection('gamma', [item({ name: 'pets', path: '/pets', tests: ME_OK })])),
  };
}

describe('issue 12 stumbles', () => {
  it('1. the default Portman config has no demo rules: a third-party createPet/deletePet spec sends no unresolved {{...}}', async () => {
    echo.seen.length = 0;
    const result = await pmInProcess(['portman', '--spec', PETSTORE, '-e', envNoBaseUrl, '--base-url', echo.url + '/v3', '--silent'], { env: { COGNITO_PASSWORD: PASSWORD }, cwd: work });
    expect(result.stderr).not.toMatch(/could not generate/);
    const paths = echo.seen.map((s) => s.path);
    expect(paths).toContain('/v3/pet');
    expect(paths).toContain('/v3/pet/10');
    expect(paths.filter((p) => /\{\{|%7B%7B/i.test(p))).toEqual([]);
    // The general config names no operation of any spec; the demo's rules sit beside the demo's spec.
    const general = readFileSync(join(ROOT, 'portman', 'portman-config.json'), 'utf8');
    expect(general).not.toMatch(/openApiOperationId|createdPetId|\/pets/);
    expect(readFileSync(join(ROOT, 'src', 'demo', 'portman-config.json'), 'utf8')).toMatch(/createdPetId/);
  }, 120_000);

  /** alpha, beta (which fails) and gamma in one run with --html: tests 2 and 3 read it (three newman runs, not six). */
  const threeSuites = once(async () => {
    const { alpha, beta, gamma } = suites();
    const html = join(work, 'reports', 'run.html');
    const result = await pmInProcess(['run', alpha, beta, gamma, '-e', envFile, '--html', html, '--silent'], { env: { COGNITO_PASSWORD: PASSWORD }, cwd: work });
    return { result, html };
  });

  it('2. --html with several suites writes the named file (an index) and one full report per suite beside it', async () => {
    const { result, html } = await threeSuites();
    expect(result.code).toBe(1);
    expect(existsSync(html)).toBe(true);
    const index = readFileSync(html, 'utf8');
    for (const file of ['run.alpha-1.html', 'run.beta-2.html', 'run.gamma-3.html']) {
      expect(existsSync(join(work, 'reports', file))).toBe(true);
      expect(index).toContain('href="' + file + '"');
    }
    expect(index).toMatch(/beta[\s\S]*FAILED/);
    expect(result.stdout).toContain('report written to ' + html);
  }, 120_000);

  it('3. the summary counts the failed suites, not the suites that ran', async () => {
    const { result } = await threeSuites();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/pm-cognito: FAILED: 1 of 3 suites failed, 3 requests, 3 tests, 1 failures\n/);
  }, 120_000);

  it('4. run --ephemeral-user with no region known says how to give one that run accepts (exit 2), before any AWS call', async () => {
    stack.proxy.reset();
    // cognito-local's pool ids here look like AWS's (us-east-1_...): give one that names no region, as cognito-local's default does.
    const result = await pmInProcess(['run', suites().alpha, '-e', envFile, '--ephemeral-user', '--env-var', 'cognito_user_pool_id=local_5fKx9wQz'], { env: { COGNITO_PASSWORD: PASSWORD }, cwd: work });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^pm-cognito run --ephemeral-user: the region of user pool local_\w+ is unknown: set cognito_region \(in the environment file, COGNITO_REGION or --env-var cognito_region=<region>\)/);
    expect(result.stderr).not.toMatch(/pass --region/);
    expect(stack.proxy.calls.length).toBe(0);
  }, 60_000);

  it('5. AWS SDK commands print no NodeVersionSupportWarning on Node 20 (warnings left on)', async () => {
    const result = await pm(['run', suites().alpha, '-e', envFile, '--ephemeral-user', '--env-var', 'cognito_region=us-east-1', '--silent'], { env: { NODE_NO_WARNINGS: '' }, cwd: work });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/created throwaway user/);
    expect(result.stderr).not.toMatch(/NodeVersionSupportWarning|Warning:/);
  }, 120_000);

  it('6. portman with a relative server and no base URL stops up front and says to pass --base-url (exit 2)', async () => {
    stack.proxy.reset();
    const result = await pmInProcess(['portman', '--spec', PETSTORE, '-e', envNoBaseUrl], { env: { COGNITO_PASSWORD: PASSWORD }, cwd: work });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/the API's base URL is "\/v3" \(the OpenAPI document's first server\), which is not an absolute http\(s\) URL: pass --base-url https:\/\/<host>\/v3/);
    expect(result.stdout).not.toMatch(/Invalid URI/);
    expect(stack.proxy.calls.length).toBe(0);
  }, 120_000);

  it('7. after the CLI\'s own sign-in is refused, no suite signs in again with the same settings', async () => {
    const { alpha, gamma } = suites();
    stack.proxy.reset();
    const junit = join(work, 'reports', 'refused.xml');
    const result = await pmInProcess(['run', alpha, gamma, '-e', envFile, '--silent', '--junit', junit], { env: { COGNITO_PASSWORD: 'Not-the-password-9!' }, cwd: work });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/sign-in before the run failed for the default identity/);
    expect(stack.proxy.signIns()).toBe(1);
    // Both suites' requests were reported as failed, with the remembered refusal, and not sent.
    const xml = readFileSync(junit, 'utf8');
    expect(xml.match(/Request not sent\. [^\]]*Cognito refused the sign-in[^\]]*not tried again/g)?.length).toBe(2);
  }, 120_000);

  it('8. --version, --help and secret-hash load neither newman, Portman nor the AWS SDK', async () => {
    const log = join(tempDir(), 'modules.log');
    const hook = join(ROOT, 'test', 'support', 'module-log.cjs');
    for (const args of [['--version'], ['--help'], ['secret-hash', 'alice', '1example23456789']]) {
      const result = await runCli(process.execPath, ['--require', hook, BIN, ...args], { env: { ...childEnv({ MODULE_LOG: log, COGNITO_CLIENT_SECRET: 'not-a-real-secret' }) } });
      expect(result.code).toBe(0);
    }
    const loaded = readFileSync(log, 'utf8').split('\n').filter((l) => l !== '');
    expect(loaded.filter((m) => /^(newman|@aws-sdk|@smithy|@apideck|postman-runtime)$/.test(m))).toEqual([]);
    // The hook does see packages: a real run loads newman.
    await runCli(process.execPath, ['--require', hook, BIN, 'run', suites().alpha, '-e', envFile, '--silent'], { env: childEnv({ MODULE_LOG: log + '.run', COGNITO_PASSWORD: PASSWORD }), cwd: work });
    expect(readFileSync(log + '.run', 'utf8').split('\n')).toContain('newman');
  }, 120_000);
});
