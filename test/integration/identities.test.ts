// Several identities in one collection, through real newman against cognito-local and the demo API (Postman's CLI: see the roles test).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startTestStack, type LocalStack } from '../support/local-stack';
import { runSuite } from '../../src/node/newman-runner';
import { collection, item, NOAUTH, ROOT } from '../support/collection';

const ADMIN_PASSWORD = 'Admin-pass-1!x';
const READER_PASSWORD = 'Reader-pass-2!y';
let stack: LocalStack;

function env(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...stack.connection,
    'cognito_username@admin': 'alice',
    'cognito_password@admin': ADMIN_PASSWORD,
    'cognito_username@reader': 'bob',
    'cognito_password@reader': READER_PASSWORD,
    ...overrides,
  };
}

const status = (code: number) => "pm.test('status " + code + "', () => pm.response.to.have.status(" + code + '));';
const userIs = (name: string) => "pm.test('as " + name + "', () => pm.expect(pm.response.json().username).to.eql('" + name + "'));";
const typeIs = (use: string) => "pm.test('" + use + " token', () => pm.expect(pm.response.json().tokenUse).to.eql('" + use + "'));";

beforeAll(async () => {
  stack = await startTestStack({
    users: [
      { username: 'alice', password: ADMIN_PASSWORD, groups: ['admins'] },
      { username: 'bob', password: READER_PASSWORD, groups: ['readers'] },
    ],
  });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe('named identities', () => {
  it('two identities alternating over 20 requests sign in exactly once each', async () => {
    stack.proxy.reset();
    const items = Array.from({ length: 20 }, (_, i) => (i % 2 === 0
      ? item({ name: 'me ' + i + ' @admin', path: '/me', tests: [status(200), userIs('alice')] })
      : item({ name: 'me ' + i + ' @reader', path: '/me', tests: [status(200), userIs('bob')] })));
    const result = await runSuite({ collection: collection('alternate', items), environment: env(), silent: true });
    expect(result.failures).toBe(0);
    expect(result.assertions).toBe(40);
    expect(stack.proxy.signIns()).toBe(2);
    expect(stack.proxy.calls).toHaveLength(2);
  }, 60_000);

  it('folder tags choose the identity, request tags override them and pick the token type, @none opts out', async () => {
    stack.proxy.reset();
    const c = collection('folders', [
      { name: 'Writers @admin', item: [
        item({ name: 'create', method: 'POST', path: '/pets', body: { name: 'Rex', species: 'dog' }, tests: [status(201)] }),
        item({ name: 'as reader inside an admin folder @reader', method: 'POST', path: '/pets', body: { name: 'Rex', species: 'dog' }, tests: [status(403)] }),
        { name: 'Nested plain folder', item: [item({ name: 'inherits admin', path: '/me', tests: [status(200), userIs('alice'), typeIs('id')] })] },
      ] },
      { name: 'Readers @reader:access', item: [
        item({ name: 'reader access token', path: '/me', tests: [status(200), userIs('bob'), typeIs('access')] }),
        item({ name: 'reader id token @reader:id', path: '/me', tests: [status(200), userIs('bob'), typeIs('id')] }),
      ] },
      { name: 'Public @none', item: [item({ name: 'no token', path: '/me', tests: [status(401)] })] },
      item({ name: 'own bearer auth names the identity', path: '/me', auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{cognito_access_token@reader}}', type: 'string' }] }, tests: [status(200), userIs('bob'), typeIs('access')] }),
      item({ name: 'header names the identity', path: '/me', headers: [{ key: 'Authorization', value: '{{cognito_id_token@admin}}' }], tests: [status(200), userIs('alice'), typeIs('id')] }),
      item({ name: 'noauth', path: '/me', auth: NOAUTH, tests: [status(401)] }),
    ]);
    const result = await runSuite({ collection: c, environment: env(), silent: true });
    expect(result.summary.run.failures.map((f) => f.source?.name + ': ' + f.error.message)).toEqual([]);
    expect(result.assertions).toBe(19);
    expect(stack.proxy.signIns()).toBe(2);
  }, 60_000);

  it("one identity's failing sign-in fails only the requests that need it, with a clear message", async () => {
    stack.proxy.reset();
    const c = collection('one-fails', [
      item({ name: 'admin 1 @admin', path: '/me', tests: [status(200)] }),
      item({ name: 'reader 1 @reader', path: '/me', tests: [status(200)] }),
      item({ name: 'admin 2 @admin', path: '/me', tests: [status(200)] }),
      item({ name: 'reader 2 @reader', path: '/me', tests: [status(200)] }),
    ]);
    const result = await runSuite({ collection: c, environment: env({ 'cognito_password@reader': 'Wrong-pass-9!z' }), silent: true });
    const failed = result.summary.run.failures.map((f) => f.source?.name);
    expect(failed).toEqual(['reader 1 @reader', 'reader 2 @reader']);
    for (const f of result.summary.run.failures) {
      expect(f.error.message).toContain('user "bob"');
      expect(f.error.message).toContain('check cognito_username@reader, cognito_password@reader');
    }
    const executions = result.summary.run.executions;
    // newman records Cognito calls made by the script as executions too: keep those that reached the API.
    // newman pushes the same execution object once per request of the item, so deduplicate.
    const reachedApi = [...new Set(executions)].filter((e) => String(e.request?.url).startsWith(stack.api.url)).map((e) => e.item.name);
    expect(reachedApi).toEqual(['admin 1 @admin', 'admin 2 @admin']);
  }, 60_000);

  it('an identity without settings names its variables', async () => {
    const c = collection('unknown', [item({ name: 'x @auditor', path: '/me' })]);
    const result = await runSuite({ collection: c, environment: env(), silent: true });
    expect(result.failures).toBe(1);
    const message = result.summary.run.failures[0]!.error.message;
    expect(message).toContain('for identity "auditor"');
    expect(message).toContain('cognito_username@auditor is not set');
    expect(message).toContain('cognito_password@auditor is not set');
  }, 60_000);

  it('the roles collection passes through newman', async () => {
    stack.proxy.reset();
    const result = await runSuite({ collection: join(ROOT, 'collections', 'roles.postman_collection.json'), environment: env(), silent: true });
    expect(result.failures).toBe(0);
    expect(stack.proxy.signIns()).toBe(2);
  }, 60_000);

  // Through Postman's CLI: the roles collection passes there in cli-run-postman.test.ts (its v3 twin, 21 assertions), and the
  // script's own sign-ins of several identities in that sandbox in flows-strict.test.ts and postman-cli.test.ts.
});
