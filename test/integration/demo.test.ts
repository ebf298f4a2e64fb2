// `npm run demo` end to end as a user runs it: it passes, reports sign-ins, prints no secret or token and writes no file.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/collection';
import { POSTMAN_CLI_SKIP } from '../support/postman-cli';
import { runCli } from '../support/run-cli';

const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/;
/** The shape of the demo's generated passwords (src/demo/run-demo.ts). */
const DEMO_PASSWORD = /Demo-[A-Za-z0-9_-]{16}-9a/;

function gitStatus(): string {
  return execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: ROOT, encoding: 'utf8' });
}

describe('npm run demo', () => {
  it('passes offline with one sign-in and one identity-pool identity per identity per collection (v2.1 through newman, v3 through the Postman CLI), and leaks nothing', async () => {
    const before = gitStatus();
    // package.json's own command (one node process with tsx's loader; tsx's CLI would start a second one).
    const result = await runCli(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'demo', 'run-demo.ts')], { cwd: ROOT, timeoutMs: 120_000 });
    expect(result.code, result.output.slice(-2000)).toBe(0);
    expect(result.output).toContain('demo.postman_collection.json: 18 requests, 30 assertions, 0 failures, 1 Cognito sign-ins, identity pool: 2 GetId, 2 GetCredentialsForIdentity');
    expect(result.output).toContain('roles.postman_collection.json: 14 requests, 21 assertions, 0 failures, 2 Cognito sign-ins, identity pool: 0 GetId');
    if (!POSTMAN_CLI_SKIP) {
      expect(result.output).toContain('v3/demo (Postman CLI): 13 requests, 30 assertions, 0 failures, 1 Cognito sign-ins, identity pool: 2 GetId, 2 GetCredentialsForIdentity');
      expect(result.output).toContain('v3/roles (Postman CLI): 12 requests, 21 assertions, 0 failures, 2 Cognito sign-ins');
    }
    expect(result.output).toContain('pm-cognito demo: everything passed.');
    expect(result.output).not.toMatch(JWT);
    expect(result.output).not.toMatch(DEMO_PASSWORD);
    expect(gitStatus()).toBe(before);
  }, 180_000);
});
