// Issue 20's stumbles in `pm-cognito run` (S4 unused identities, S6 warnings, S9 output and JUnit times), each failing before its fix.
// In-process (pmInProcess) except S9's piped newman output, where the process's own stdout is what is under test.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestStack, type LocalStack } from '../support/local-stack';
import { collection, item } from '../support/collection';
import { assertBuilt, pm, removeTempDirs, tempDir, writeEnvironment, writeJson } from './cli-harness';
import { runSuite } from '../../src/node/newman-runner';
import { pmInProcess } from '../support/in-process-cli';

const PASSWORD = 'First-hour-pass-1!x';
const ME_OK = ["pm.test('status 200', () => pm.response.to.have.status(200));"];
let stack: LocalStack;
let work: string;

beforeAll(async () => {
  await assertBuilt();
  stack = await startTestStack({ users: [{ username: 'alice', password: PASSWORD }, { username: 'bob', password: PASSWORD }] });
  work = tempDir();
}, 120_000);

afterAll(async () => {
  removeTempDirs();
  await stack?.stop();
});

function suite(name: string, items: object[]): string {
  return writeJson(tempDir(), name + '.postman_collection.json', collection(name, items));
}

describe('S4: only the identities the run uses sign in up front', () => {
  it('an identity no request uses, with its password missing, is no error; a configured unused one costs no sign-in', async () => {
    const env = writeEnvironment({ ...stack.connection, cognito_username: 'alice', 'cognito_username@admin': 'bob', 'cognito_username@reader': 'bob' }, work);
    const file = suite('plain', [item({ name: 'me', path: '/me', tests: ME_OK })]);
    stack.proxy.reset();
    // reader has its password; admin has none.
    const result = await pmInProcess(['run', file, '-e', env, '--silent'], { env: { COGNITO_PASSWORD: PASSWORD, COGNITO_PASSWORD__READER: PASSWORD }, cwd: work });
    expect(result.stderr).not.toMatch(/sign-in before the run failed/);
    expect(result.stdout).toMatch(/pm-cognito: passed: 1 of 1 suites, 1 requests, 1 tests, 0 failures\n/);
    expect(result.code).toBe(0);
    expect(stack.proxy.signIns()).toBe(1);
  }, 120_000);

  it('an identity a tag uses still signs in up front, and a failure of it is named first in the summary', async () => {
    const env = writeEnvironment({ ...stack.connection, cognito_username: 'alice', 'cognito_username@admin': 'bob' }, work);
    const file = suite('tagged', [item({ name: 'me', path: '/me', tests: ME_OK }), item({ name: 'me as admin @admin', path: '/me', tests: ME_OK })]);
    const result = await pmInProcess(['run', file, '-e', env, '--silent'], { env: { COGNITO_PASSWORD: PASSWORD }, cwd: work });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('sign-in before the run failed for identity "admin": ');
    expect(result.stdout).toMatch(/pm-cognito: FAILED: 1 sign-in failure \(admin\), 1 of 1 suites failed, /);
    expect(result.stdout).not.toMatch(/sign-in failures\n/);
  }, 120_000);

  it('a {{cognito_token@reader}} reference signs reader in up front', async () => {
    const env = writeEnvironment({ ...stack.connection, cognito_username: 'alice', 'cognito_username@reader': 'bob' }, work);
    const file = suite('referenced', [item({ name: 'me', path: '/me', headers: [{ key: 'Authorization', value: '{{cognito_token@reader}}' }], tests: ME_OK })]);
    stack.proxy.reset();
    const result = await pmInProcess(['run', file, '-e', env, '--silent'], { env: { COGNITO_PASSWORD: PASSWORD, COGNITO_PASSWORD__READER: PASSWORD }, cwd: work });
    expect(result.code).toBe(0);
    // reader only: no request uses the default identity.
    expect(stack.proxy.signIns()).toBe(1);
  }, 120_000);
});

describe('S9: output for CI', () => {
  it('piped output has no ANSI codes and no padded lines; JUnit testsuites carry real times', async () => {
    const env = writeEnvironment({ ...stack.connection, cognito_username: 'alice' }, work);
    const long = 'x'.repeat(240);
    const file = suite('ci', [
      item({ name: 'me', path: '/me', tests: ["pm.test('fails loudly', () => { throw new Error('" + long + "'); });"] }),
      item({ name: 'slow', path: '/me', prerequest: ['setTimeout(() => {}, 300);'], tests: ["pm.test('short', () => { throw new Error('y'); });"] }),
    ]);
    const junit = join(work, 'reports', 's9.xml');
    const result = await pm(['run', file, '-e', env, '--junit', junit], { env: { COGNITO_PASSWORD: PASSWORD, NO_COLOR: '', FORCE_COLOR: '' }, cwd: work });
    expect(result.code).toBe(1);
    // newman's failure table was printed (it names the failing test).
    expect(result.stdout).toContain('fails loudly');
    expect(result.stdout).not.toContain('\u001b[');
    const padded = result.stdout.split('\n').filter((line) => / +$/.test(line));
    expect(padded).toEqual([]);
    const xml = readFileSync(junit, 'utf8');
    const times = [...xml.matchAll(/<testsuite name="[^"]*"[^>]*\stime="([0-9.]+)"/g)].map((m) => Number(m[1]));
    expect(times).toHaveLength(2);
    // The request that waited 300 ms in its script took at least that long.
    expect(times[1]).toBeGreaterThanOrEqual(0.3);
    expect(times.every((t) => t > 0)).toBe(true);
  }, 120_000);
});

describe('Postman Vault outside the app', () => {
  const VAULT_HINT = 'cognito_password is {{vault:qa-password}}, a Postman Vault secret, which only the Postman app can read';

  it('newman: the request is not sent and one failed assertion says how to pass the value', async () => {
    const c = collection('vault', [item({ name: 'me', path: '/me', tests: ME_OK })]);
    const result = await runSuite({ collection: c, environment: { ...stack.connection, cognito_username: 'alice', cognito_password: '{{vault:qa-password}}' }, silent: true });
    expect(result.requests).toBe(0);
    const messages = result.summary.run.failures.map((f) => f.error.message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(VAULT_HINT);
    expect(messages[0]).toContain('pass the value as COGNITO_PASSWORD=<value> to pm-cognito run');
  }, 60_000);

  it('pm-cognito run: the up-front sign-in names the vault secret and the COGNITO_* variable; with COGNITO_PASSWORD set the run passes', async () => {
    const env = writeEnvironment({ ...stack.connection, cognito_username: 'alice', cognito_password: '{{vault:qa-password}}' }, work);
    const file = suite('vault-run', [item({ name: 'me', path: '/me', tests: ME_OK })]);
    const refused = await pmInProcess(['run', file, '-e', env, '--silent'], { cwd: work });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('sign-in before the run failed for the default identity: ');
    expect(refused.stderr).toContain(VAULT_HINT);
    const passed = await pmInProcess(['run', file, '-e', env, '--silent'], { env: { COGNITO_PASSWORD: PASSWORD }, cwd: work });
    expect(passed.code).toBe(0);
  }, 120_000);
  // The Postman CLI's refusal is read from postman-cli.test.ts's one Postman CLI run.
});

describe('S6: did you mean, before anything is sent', () => {
  it('pm-cognito run warns about COGNITO_PASWORD, cognito_clinet_id, {{cognito_acess_token}}, @admin:acess and @Admin before the sign-in', async () => {
    const env = writeEnvironment({ ...stack.connection, cognito_username: 'alice', cognito_clinet_id: 'x', 'cognito_username@admin': 'bob' }, work);
    const file = suite('typos', [
      item({ name: 'bearer', path: '/me', auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{cognito_acess_token}}' }] } }),
      item({ name: 'typed @admin:acess', path: '/me' }),
      item({ name: 'cased @Admin', path: '/me' }),
    ]);
    stack.proxy.reset();
    const result = await pmInProcess(['run', file, '-e', env, '--silent'], { env: { COGNITO_PASWORD: PASSWORD }, cwd: work });
    const warnings = result.stderr.split('\n').filter((line) => line.startsWith('pm-cognito: warning: '));
    expect(warnings).toEqual([
      'pm-cognito: warning: COGNITO_PASWORD maps to no pm-cognito setting, so it is ignored: did you mean COGNITO_PASSWORD?',
      'pm-cognito: warning: cognito_clinet_id is not a pm-cognito setting, so it is not read: did you mean cognito_client_id?',
      'pm-cognito: warning: {{cognito_acess_token}} names no pm-cognito output, so it would be sent empty: did you mean {{cognito_access_token}}? (collection typos)',
      'pm-cognito: warning: the tag @admin:acess in "typed @admin:acess" has the token type "acess", which is not id or access: did you mean access? (collection typos)',
      'pm-cognito: warning: identity "Admin" has no settings, but "admin" has (identity names are case-sensitive; COGNITO_*__NAME variables give lower-case names): did you mean @admin? (collection typos)',
    ]);
    // Before anything is sent: the warnings come first in the output.
    expect(result.stderr.indexOf('pm-cognito: warning: ')).toBe(0);
    // No request reached the API with an empty token, or as the wrong identity: the script failed each one.
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/0 requests/);
  }, 120_000);

  it('install --check warns about the same names in the collections', async () => {
    const file = suite('typos-check', [item({ name: 'typed @admin:acess', path: '/me', headers: [{ key: 'X-Token', value: '{{cognito_acess_token}}' }] })]);
    const result = await pmInProcess(['install', file, '--check'], { env: { COGNITO_PASWORD: 'x' }, cwd: work });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('pm-cognito: warning: COGNITO_PASWORD maps to no pm-cognito setting, so it is ignored: did you mean COGNITO_PASSWORD?');
    expect(result.stderr).toContain('pm-cognito: warning: {{cognito_acess_token}} names no pm-cognito output, so it would be sent empty: did you mean {{cognito_access_token}}? (collection typos-check)');
    expect(result.stderr).toContain('pm-cognito: warning: the tag @admin:acess in "typed @admin:acess" has the token type "acess"');
  }, 60_000);
});
