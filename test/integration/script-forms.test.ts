// The installed script's two forms (compact by default, readable with `install --readable`): the same code,
// and the same behaviour on the wire in real newman against cognito-local.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalStack, type LocalStack } from '../../src/local/stack';
import { runSuite } from '../../src/node/newman-runner';
import { compactScript } from '../../src/tools/compact-full-code';
import { collection, item, ROOT, times } from '../support/collection';

const PASSWORD = 'Forms-pass-1!x';
const read = (file: string) => readFileSync(join(ROOT, 'dist', file), 'utf8');
const HEADING_END = 'at a cost on every request.\n';

/** The compact script's code: what follows its comment heading. */
function codeOf(compact: string): string {
  const at = compact.indexOf(HEADING_END);
  expect(at).toBeGreaterThan(0);
  return compact.slice(at + HEADING_END.length);
}

let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({ users: [{ username: 'alice', password: PASSWORD }] });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe('the installed script, compact and readable', () => {
  it('is the same code: compact is esbuild\'s whitespace removal of dist/pm-cognito.prerequest.readable.js, names kept', async () => {
    const readable = read('pm-cognito.prerequest.readable.js');
    const compact = read('pm-cognito.prerequest.js');
    const code = codeOf(compact);
    expect(code).toBe(await compactScript(readable));
    // The command the script's heading gives, run as a user would: the same line.
    const printed = execFileSync(join(ROOT, 'node_modules', '.bin', 'esbuild'), ['dist/pm-cognito.prerequest.readable.js', '--minify-whitespace', '--target=es2020'], { cwd: ROOT, encoding: 'utf8' });
    expect(code).toBe(printed);
    expect(compact).toContain('--minify-whitespace');
    // Both open with the same banner; the readable one keeps its layout and comments.
    expect(compact.slice(0, compact.indexOf('// Compact:'))).toBe(readable.slice(0, compact.indexOf('// Compact:')));
    expect(readable.split('\n').length).toBeGreaterThan(1000);
    // Names are kept (a stack trace or a search finds them); only layout is gone. One copy of each module.
    for (const name of ['serveFromNote', 'runFullCode', 'authenticate', 'deliverTokens', 'secretHash', 'callCognito', 'pmCognitoCryptoJs']) expect(code, name).toContain(name);
    expect(code.match(/function requestNeeds\(/g)).toHaveLength(1);
    expect(code.split('\n').length).toBeLessThan(5);
    expect(code.length).toBeLessThan(readable.length * 0.85);
  });

  for (const form of ['compact', 'readable'] as const) {
    it(form + ': one sign-in for a run, every request authorized, a wrong password refused once with the same message', async () => {
      const script = read(form === 'compact' ? 'pm-cognito.prerequest.js' : 'pm-cognito.prerequest.readable.js');
      const environment = { ...stack.connection, cognito_username: 'alice', cognito_password: PASSWORD };
      const ok = ["pm.test('status 200', () => pm.response.to.have.status(200));", "pm.test('alice', () => pm.expect(pm.response.json().username).to.eql('alice'));"];
      stack.proxy.reset();
      const good = await runSuite({ collection: collection('forms ' + form, times(12, (i) => item({ name: 'me ' + i, path: '/me', tests: ok })), { script }), environment, silent: true });
      expect(good.failures).toBe(0);
      expect(good.assertions).toBe(24);
      expect(stack.proxy.signIns()).toBe(1);
      expect(stack.proxy.calls).toHaveLength(1);

      stack.proxy.reset();
      const bad = await runSuite({ collection: collection('forms bad ' + form, times(3, (i) => item({ name: 'me ' + i, path: '/me' })), { script }), environment: { ...environment, cognito_password: 'wrong-password-1!' }, silent: true });
      expect(stack.proxy.signIns()).toBe(1);
      const messages = bad.summary.run.failures.map((f) => f.error.message);
      expect(messages.length).toBe(3);
      expect(messages[0]).toContain('Cognito refused the sign-in of user "alice"');
      expect(messages[0]).toContain('cognito_password');
      expect(messages[1]).toContain('not tried again');
    }, 60_000);
  }
});
