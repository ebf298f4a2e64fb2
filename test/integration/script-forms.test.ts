// The installed script's two forms (compact full code by default, readable with `install --readable`): the same code,
// and the same behaviour on the wire in real newman against cognito-local.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalStack, type LocalStack } from '../../src/local/stack';
import { runSuite } from '../../src/node/newman-runner';
import { compactFullCode } from '../../src/tools/compact-full-code';
import { collection, item, ROOT, times } from '../support/collection';

const PASSWORD = 'Forms-pass-1!x';
const read = (file: string) => readFileSync(join(ROOT, 'dist', file), 'utf8');
const OPENING = 'function pmCognitoFullCode() {\n';

/** The installed script split into what precedes the full code's function and the function's body. */
function split(script: string): { before: string; body: string } {
  const at = script.indexOf(OPENING);
  expect(at).toBeGreaterThan(0);
  expect(script.endsWith('\n}\n')).toBe(true);
  return { before: script.slice(0, at), body: script.slice(at + OPENING.length, -'\n}\n'.length) };
}

let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({ users: [{ username: 'alice', password: PASSWORD }] });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe('the installed script, compact and readable', () => {
  it('is the same fast path and the same full code: compact is esbuild\'s whitespace removal of dist/pm-cognito.full-code.js', async () => {
    const fullCode = read('pm-cognito.full-code.js');
    const compact = split(read('pm-cognito.prerequest.js'));
    const readable = split(read('pm-cognito.prerequest.readable.js'));
    expect(readable.body).toBe(fullCode.replace(/\n$/, ''));
    expect(compact.body).toBe((await compactFullCode(fullCode)).replace(/\n$/, ''));
    // The command the script's heading and the README give, run as a user would: the same line.
    const printed = execFileSync(join(ROOT, 'node_modules', '.bin', 'esbuild'), ['dist/pm-cognito.full-code.js', '--minify-whitespace', '--target=es2020'], { cwd: ROOT, encoding: 'utf8' });
    expect(compact.body).toBe(printed.replace(/\n$/, ''));
    // Only the full code's heading differs before the function: the fast path is the same text, readable in both.
    const fastPath = (text: string) => text.slice(0, text.indexOf('// ---- Full code'));
    expect(fastPath(compact.before)).toBe(fastPath(readable.before));
    expect(fastPath(compact.before).split('\n').length).toBeGreaterThan(100);
    expect(compact.before).toContain('--minify-whitespace');
    // Names are kept (a stack trace or a search finds them); only layout is gone.
    for (const name of ['runFullCode', 'authenticate', 'deliverTokens', 'secretHash', 'callCognito']) expect(compact.body, name).toContain(name);
    expect(compact.body.split('\n').length).toBeLessThan(5);
    expect(compact.body.length).toBeLessThan(readable.body.length * 0.85);
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
