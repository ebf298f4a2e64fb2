// The installed script's two forms (compact by default, readable with `install --readable`): the same code,
// and the same behaviour on the wire in real newman against cognito-local.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestStack, type LocalStack } from '../support/local-stack';
import { runSuite } from '../../src/node/newman-runner';
import { compactScript } from '../../src/tools/compact-full-code';
import { collection, item, ROOT, times } from '../support/collection';

const PASSWORD = 'Forms-pass-1!x';
const read = (file: string) => readFileSync(join(ROOT, 'dist', file), 'utf8');
const HEADING_END = 'of those after; names kept.\n';

/** The compact script's code: what follows its comment heading. */
function codeOf(compact: string): string {
  const at = compact.indexOf(HEADING_END);
  expect(at).toBeGreaterThan(0);
  return compact.slice(at + HEADING_END.length);
}

let stack: LocalStack;

beforeAll(async () => {
  stack = await startTestStack({ users: [{ username: 'alice', password: PASSWORD }] });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe('the installed script, compact and readable', () => {
  it('is the same code: compact is esbuild --minify of dist/pm-cognito.prerequest.readable.js in two parts, module-level names kept', async () => {
    const readable = read('pm-cognito.prerequest.readable.js');
    const compact = read('pm-cognito.prerequest.js');
    const code = codeOf(compact);
    expect(code).toBe(await compactScript(readable));
    // The commands the script's heading gives, run as a user would: the same lines.
    const lines = readable.split('\n');
    const open = lines.indexOf('(() => {');
    const close = lines.indexOf('})();');
    const esbuild = (input: string) => execFileSync(join(ROOT, 'node_modules', '.bin', 'esbuild'), ['--minify', '--target=es2020'], { cwd: ROOT, encoding: 'utf8', input });
    expect(code).toBe('(()=>{' + esbuild(lines.slice(open + 1, close).join('\n')).replace(/\n$/, '') + '})();\n' + esbuild(lines.slice(close + 1).join('\n')));
    expect(compact).toContain('esbuild --minify --target=es2020');
    expect(compact).toContain('between "(() => {" and "})();"');
    // Every module-level name of the readable form is in the compact one, as written.
    const moduleLevel = lines.slice(open + 1, close).flatMap((line) => /^(?:async )?(?:function\*? |class |var |let |const )([A-Za-z_$][\w$]*)/.exec(line)?.[1] ?? []);
    expect(moduleLevel.length).toBeGreaterThan(200);
    for (const name of moduleLevel) expect(code, name).toMatch(new RegExp('(?:function\\*?|class|var|let|const|,)\\s?' + name.replace(/\$/g, '\\$') + '\\b'));
    // Both open with the same banner; the readable one keeps its layout and comments.
    expect(compact.slice(0, compact.indexOf('// Compact:'))).toBe(readable.slice(0, compact.indexOf('// Compact:')));
    expect(readable.split('\n').length).toBeGreaterThan(1000);
    // Names are kept (a stack trace or a search finds them); only layout is gone. One copy of each module.
    for (const name of ['serveFromNote', 'runFullCode', 'authenticate', 'deliverTokens', 'secretHash', 'callCognito', 'pmCognitoCryptoJs']) expect(code, name).toContain(name);
    expect(code.match(/(?:function |[,;{]|var )requestNeeds(?:=|\()/g)).toHaveLength(1);
    // Lines break only inside template literals (esbuild writes '\n' as a literal newline; JS reads a CRLF there as '\n').
    expect(code.split('\n').length).toBeLessThan(12);
    expect(code.length).toBeLessThan(readable.length * 0.75);
    // Issue 21 (a build check, not a timing): 118,213 bytes before; 70,836 with what signs with AWS keys in the --iam form;
    // 63,963 with shorter messages and less code (docs/benchmarks.md): 64 KB read as 64,000 bytes, the stricter reading.
    expect(Buffer.byteLength(compact)).toBeLessThanOrEqual(64 * 1000);
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
