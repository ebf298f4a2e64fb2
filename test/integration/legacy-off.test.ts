// The begin line's "use sandbox2" (managed-block.ts LEGACY_OFF) in real newman: the legacy globals are off for the
// collection script that holds only pm-cognito's block, code added beside the block makes --check fail, and the next
// install gives that code its legacy globals back. Requests' own scripts keep them throughout.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEGACY_OFF } from '../../src/core/managed-block';
import { runSuite } from '../../src/node/newman-runner';
import { collection, item } from '../support/collection';
import { pmInProcess as pm } from '../support/in-process-cli';
import { startTestStack, type LocalStack } from '../support/local-stack';
import { assertBuilt, removeTempDirs, tempDir } from './cli-harness';

const PASSWORD = 'Legacy-pass-1!x';
/** What the user adds below the block in the app: it reads two legacy globals. */
const USER_LINE = "pm.collectionVariables.set('legacy_seen', typeof CryptoJS + ',' + typeof postman);";

let stack: LocalStack;

beforeAll(async () => {
  await assertBuilt();
  stack = await startTestStack({ users: [{ username: 'alice', password: PASSWORD }] });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  removeTempDirs();
});

type Exec = { event: Array<{ listen: string; script: { exec: string[] } }> };

describe('the begin line turns the legacy globals off only where nothing else shares the script', () => {
  it('alone: off for the collection script (not the request\'s own); code added beside it: --check fails, install turns them back on', async () => {
    const dir = tempDir();
    const file = join(dir, 'c.postman_collection.json');
    const requestSees = "pm.collectionVariables.set('request_seen', typeof CryptoJS + ',' + typeof postman);";
    const c = collection('legacy', [item({ name: 'me', path: '/me', prerequest: [requestSees], tests: ["pm.test('200', () => pm.response.to.have.status(200));"] })]) as Record<string, unknown>;
    delete c['event'];
    writeFileSync(file, JSON.stringify(c, null, 2));
    expect((await pm(['install', 'c.postman_collection.json'], { cwd: dir })).code).toBe(0);
    const read = () => JSON.parse(readFileSync(file, 'utf8')) as Exec;
    expect(read().event[0]!.script.exec.join('\n').startsWith(LEGACY_OFF + ' // >>> pm-cognito')).toBe(true);

    const environment = { ...stack.connection, cognito_username: 'alice', cognito_password: PASSWORD };
    const run = async () => {
      const result = await runSuite({ collection: file, environment, silent: true });
      expect(result.failures).toBe(0);
      expect(result.assertions).toBe(1);
      return result;
    };
    const seen = async (variable: string) => {
      const result = await runSuite({ collection: JSON.parse(readFileSync(file, 'utf8')), environment, silent: true });
      expect(result.failures).toBe(0);
      return result.collectionVariables[variable];
    };
    await run();
    // Requests' own scripts keep the legacy globals.
    expect(await seen('request_seen')).toBe('object,object');

    // The user adds a line below the block in the app: newman runs it without the legacy globals.
    const edited = read();
    edited.event[0]!.script.exec.push(USER_LINE);
    writeFileSync(file, JSON.stringify(edited, null, 2));
    expect(await seen('legacy_seen')).toBe('undefined,undefined');
    const check = await pm(['install', '--check', 'c.postman_collection.json'], { cwd: dir });
    expect(check.code).toBe(1);

    // Installing again writes the plain begin line: the user's line gets the legacy globals back, pm-cognito still signs in.
    expect((await pm(['install', 'c.postman_collection.json'], { cwd: dir })).code).toBe(0);
    const code = read().event[0]!.script.exec.join('\n');
    expect(code.startsWith('// >>> pm-cognito')).toBe(true);
    expect(code.endsWith(USER_LINE)).toBe(true);
    expect((await pm(['install', '--check', 'c.postman_collection.json'], { cwd: dir })).code).toBe(0);
    expect(await seen('legacy_seen')).toBe('object,object');
    await run();
  }, 60_000);
});
