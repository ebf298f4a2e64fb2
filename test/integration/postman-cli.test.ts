// The example collection, with the built script, through Postman's own CLI (the app's current sandbox), offline.
// One Postman CLI start (seconds of CPU each): the demo's requests, a wrong password's, a vault secret's and sandbox-crypto's
// known answers (sandbox-crypto.test.ts has newman's), each test reading its own requests' results.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestStack, type LocalStack } from '../support/local-stack';
import { item, NOAUTH, ROOT, writeTemp } from '../support/collection';
import { POSTMAN_CLI_SKIP, runPostmanCollection } from '../support/postman-cli';
import { junitByRequest, once } from '../support/junit-by-request';
import { VECTORS, vectorScript } from '../support/sandbox-crypto-vectors';
import { removeTempDirs, tempDir } from './cli-harness';

const PASSWORD = 'Alice-pass-1!x';
const READER_PASSWORD = 'Bob-pass-2!y';
const WRONG = 'Wrong-pass-9!z';
let stack: LocalStack;

beforeAll(async () => {
  stack = await startTestStack({
    users: [
      { username: 'alice', password: PASSWORD, groups: ['admins'] },
      { username: 'bob', password: READER_PASSWORD, groups: ['readers'] },
    ],
  });
}, 60_000);

afterAll(async () => {
  removeTempDirs();
  await stack?.stop();
});

const ME_OK = ["pm.test('status 200', () => pm.response.to.have.status(200));"];
const DEMO = JSON.parse(readFileSync(join(ROOT, 'collections', 'demo.postman_collection.json'), 'utf8')) as { item: object[] };

/** The request whose own pre-request script checks the sandbox's crypto-js hashes (No Auth: pm-cognito's script leaves it alone). */
const VECTORS_REQUEST = 'crypto-js known answers';

/**
 * The demo collection with three more requests: bob with a wrong password (@wrong), bob with a Postman Vault secret
 * (@vault), neither of which ever signs in, so no cache entry is shared with the demo's alice; and the crypto-js known
 * answers. Runs once, for the tests below.
 */
const demoRun = once(async () => {
  stack.proxy.reset();
  const file = writeTemp('demo.postman_collection.json', { ...DEMO, item: [
    ...DEMO.item,
    item({ name: 'wrong password @wrong', path: '/me', tests: ME_OK }),
    item({ name: 'vault @vault', path: '/me', tests: ME_OK }),
    item({ name: VECTORS_REQUEST, path: '/health', auth: NOAUTH, prerequest: [await vectorScript()] }),
  ] });
  const junit = join(tempDir(), 'demo.xml');
  const vars = {
    ...stack.connection, cognito_password: PASSWORD,
    'cognito_username@wrong': 'bob', 'cognito_password@wrong': WRONG,
    'cognito_username@vault': 'bob', 'cognito_password@vault': '{{vault:qa-password}}',
  };
  const result = await runPostmanCollection(file, vars, join(ROOT, 'environments', 'local.postman_environment.json'), junit);
  const signIns = stack.proxy.calls.filter((c) => c.target.endsWith('.InitiateAuth'));
  return { output: result.output, code: result.code, signedIn: signIns.filter((c) => c.status === 200).length, attempts: signIns.length, suites: junitByRequest(readFileSync(junit, 'utf8')) };
});

describe.skipIf(POSTMAN_CLI_SKIP)("Postman's own CLI", () => {
  it('runs the demo collection with one sign-in', async () => {
    const run = await demoRun();
    // The demo's 30 assertions passed; the 2 failures are the next tests' requests; the rest are the crypto-js answers.
    expect(run.output).toMatch(new RegExp('assertions\\s*\\|\\s*' + (32 + VECTORS.length) + '\\s*\\|\\s*2'));
    const demo = [...run.suites].filter(([name]) => !/@(wrong|vault)$/.test(name) && name !== VECTORS_REQUEST);
    expect(demo.reduce((n, [, s]) => n + s.testcases, 0)).toBe(30);
    expect(demo.filter(([, s]) => s.failures.length > 0)).toEqual([]);
    expect(run.signedIn).toBe(1);
    expect(run.output).not.toContain(PASSWORD);
  }, 120_000);

  it('reports a wrong password as a failed assertion and exits 1', async () => {
    const run = await demoRun();
    expect(run.code).toBe(1);
    expect(run.suites.get('wrong password @wrong')!.failures).toEqual([expect.stringContaining('check cognito_username@wrong, cognito_password@wrong')]);
    expect(run.output).toContain('check cognito_username@wrong, cognito_password@wrong');
    // bob's one refused attempt; the vault's request never reached Cognito.
    expect(run.attempts).toBe(2);
    expect(run.output).not.toContain(WRONG);
  }, 120_000);
});

describe.skipIf(POSTMAN_CLI_SKIP)('Postman Vault outside the app', () => {
  it('the Postman CLI (its pm.vault refuses): one failed assertion with the way round', async () => {
    const run = await demoRun();
    expect(run.code).toBe(1);
    const failures = run.suites.get('vault @vault')!.failures;
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('cognito_password@vault is {{vault:qa-password}}, a Postman Vault secret, and the vault refused it (');
    expect(failures[0]).toContain('pass the value as COGNITO_PASSWORD__VAULT=<value> to pm-cognito run, or --env-var "cognito_password@vault=<value>" to newman or postman collection run');
  }, 120_000);
});

describe.skipIf(POSTMAN_CLI_SKIP)("hashes from the sandbox's crypto-js (moved here from sandbox-crypto.test.ts)", () => {
  it('the Postman CLI (the app\'s sandbox): every known answer', async () => {
    const run = await demoRun();
    expect(run.suites.get(VECTORS_REQUEST)).toEqual({ testcases: VECTORS.length, failures: [] });
  }, 120_000);
});
