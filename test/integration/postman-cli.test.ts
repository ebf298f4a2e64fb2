// The example collection, with the built script, through Postman's own CLI (the app's current sandbox), offline.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startTestStack, type LocalStack } from '../support/local-stack';
import { ROOT } from '../support/collection';
import { POSTMAN_CLI_SKIP, runPostmanCollection } from '../support/postman-cli';

const PASSWORD = 'Alice-pass-1!x';
const READER_PASSWORD = 'Bob-pass-2!y';
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
  await stack?.stop();
});

function postmanCli(collectionFile: string, vars: Record<string, string>) {
  return runPostmanCollection(collectionFile, vars, join(ROOT, 'environments', 'local.postman_environment.json'));
}

describe.skipIf(POSTMAN_CLI_SKIP)("Postman's own CLI", () => {
  it('runs the demo collection with one sign-in', async () => {
    stack.proxy.reset();
    const result = await postmanCli(join(ROOT, 'collections', 'demo.postman_collection.json'), {
      ...stack.connection,
      cognito_password: PASSWORD,
    });
    expect(result.output).toMatch(/assertions\s*\|\s*30\s*\|\s*0/);
    expect(result.code).toBe(0);
    expect(stack.proxy.signIns()).toBe(1);
    expect(result.output).not.toContain(PASSWORD);
  }, 120_000);

  it('reports a wrong password as a failed assertion and exits 1', async () => {
    stack.proxy.reset();
    const result = await postmanCli(join(ROOT, 'collections', 'demo.postman_collection.json'), {
      ...stack.connection,
      cognito_password: 'Wrong-pass-9!z',
    });
    expect(result.code).toBe(1);
    expect(result.output).toContain('check cognito_username, cognito_password');
    expect(result.output).not.toContain('Wrong-pass-9!z');
  }, 120_000);
});
