// `pm-cognito users` and `run --ephemeral-user` against cognito-local: the user exists while used, is gone afterwards in every case, and its password goes only where asked.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AdminGetUserCommand, AdminListGroupsForUserCommand, ListUsersCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { startTestStack, type LocalStack } from '../support/local-stack';
import { PASSWORD_SYMBOLS, policyProblems, randomPassword } from '../../src/node/random-password';
import { collection, item } from '../support/collection';
import { adminClient, assertBuilt, JWT, leaks, pm as runPm, removeTempDirs, startPm, tempDir, waitFor, writeEnvironment, writeJson, type PmOptions, type PmResult } from './cli-harness';
import { pmInProcess, pmInProcessPrinting } from '../support/in-process-cli';

let stack: LocalStack;
let admin: CognitoIdentityProviderClient;
let work: string;
let envFile: string;
let prefixCheck: string;
let failingSuite: string;
let slowSuite: string;
/** Output of every command here except `token` and the `::add-mask::` line, scanned for secrets at the end. */
const outputs: Array<{ where: string; text: string }> = [];
/** Passwords the tests learnt from the sinks. */
const passwords: string[] = [];

async function pm(args: string[], options: PmOptions = {}, realProcess = false): Promise<PmResult> {
  // In-process (a `run` without --silent keeps newman's live table as the process prints it); a real process where the
  // process is under test (`realProcess`: a script that crashes newman ends the run through the process's own events).
  const inProcess = args[0] === 'run' && !args.includes('--silent') ? pmInProcessPrinting : pmInProcess;
  const result = await (realProcess ? runPm(args, options) : inProcess(args, options));
  if (args[0] !== 'token') {
    outputs.push({ where: args.join(' ') + ' stdout', text: result.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n') });
    outputs.push({ where: args.join(' ') + ' stderr', text: result.stderr });
  }
  return result;
}

async function userExists(username: string): Promise<boolean> {
  try {
    await admin.send(new AdminGetUserCommand({ UserPoolId: stack.pool.poolId, Username: username }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'UserNotFoundException') return false;
    throw error;
  }
}

async function usernames(): Promise<string[]> {
  const listed = await admin.send(new ListUsersCommand({ UserPoolId: stack.pool.poolId }));
  return (listed.Users ?? []).map((u) => u.Username ?? '').sort();
}

function createdUser(stderr: string): string {
  const match = /created throwaway user (\S+)/.exec(stderr);
  if (!match) throw new Error('no "created throwaway user" line in: ' + stderr);
  return match[1]!;
}

beforeAll(async () => {
  await assertBuilt();
  stack = await startTestStack({ users: [{ username: 'keeper', password: 'Keeper-pass-1!x', groups: ['admins'] }] });
  admin = adminClient(stack.cognito.endpoint);
  work = tempDir();
  // No cognito_username or password: --ephemeral-user supplies them.
  envFile = writeEnvironment(stack.connection, work);
  prefixCheck = writeJson(work, 'prefix.postman_collection.json', collection('as the throwaway user', [
    item({
      name: 'me',
      path: '/me',
      tests: [
        "pm.test('status 200', () => pm.response.to.have.status(200));",
        "pm.test('a throwaway user', () => pm.expect(pm.response.json().username).to.match(/^" + 'cli-eph-' + "[a-z0-9]{12}$/));",
        "pm.test('in admins', () => pm.expect(pm.response.json().groups).to.eql(['admins']));",
      ],
    }),
  ]));
  failingSuite = writeJson(work, 'failing.postman_collection.json', collection('failing', [
    item({ name: 'me', path: '/me', tests: ["pm.test('never', () => pm.expect(pm.response.code).to.eql(418));"] }),
  ]));
  slowSuite = writeJson(work, 'slow.postman_collection.json', collection('slow', Array.from({ length: 20 }, (_, i) => item({ name: 'me ' + i, path: '/me' }))));
}, 120_000);

afterAll(async () => {
  removeTempDirs();
  admin?.destroy();
  await stack?.stop();
});

describe('random passwords', () => {
  it('always satisfy the policy, use only shell-safe symbols, and differ', () => {
    const policies = [
      {},
      { MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true },
      { MinimumLength: 64, RequireSymbols: true },
      { MinimumLength: 99, RequireUppercase: true, RequireNumbers: true },
      { MinimumLength: 6 },
    ];
    const seen = new Set<string>();
    const allowed = new RegExp('^[A-Za-z0-9' + PASSWORD_SYMBOLS.replace(/[\^\-\]\\]/g, '\\$&') + ']+$');
    for (const policy of policies) {
      for (let i = 0; i < 200; i++) {
        const password = randomPassword(policy);
        expect(policyProblems(password, { ...policy, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true })).toEqual([]);
        expect(password.length).toBe(Math.max(policy.MinimumLength ?? 8, 24));
        expect(password).toMatch(allowed);
        seen.add(password);
      }
    }
    expect(seen.size).toBe(1000);
    expect(policyProblems('short', { MinimumLength: 8, RequireSymbols: true })).toEqual(['shorter than 8', 'no symbol']);
  });
});

describe('pm-cognito users', () => {
  it('create prints only the username, writes the password to a 0600 file, and the user can sign in', async () => {
    const dotenv = join(work, 'created.env');
    const result = await pm(['users', 'create', '-e', envFile, '--group', 'admins', '--dotenv-file', dotenv, '--username-prefix', 'cli-made-']);
    expect(result.code).toBe(0);
    const username = result.stdout.trim();
    expect(result.stdout).toMatch(/^cli-made-[a-z0-9]{12}\n$/);
    const text = readFileSync(dotenv, 'utf8');
    const values = Object.fromEntries(text.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    expect(Object.keys(values)).toEqual(['COGNITO_USERNAME', 'COGNITO_PASSWORD']);
    expect(values['COGNITO_USERNAME']).toBe(username);
    expect(values['COGNITO_PASSWORD']!.length).toBeGreaterThanOrEqual(24);
    expect(statSync(dotenv).mode & 0o777).toBe(0o600);
    passwords.push(values['COGNITO_PASSWORD']!);
    expect(result.stdout + result.stderr).not.toContain(values['COGNITO_PASSWORD']);

    const user = await admin.send(new AdminGetUserCommand({ UserPoolId: stack.pool.poolId, Username: username }));
    expect(user.UserStatus).toBe('CONFIRMED');
    const groups = await admin.send(new AdminListGroupsForUserCommand({ UserPoolId: stack.pool.poolId, Username: username }));
    expect((groups.Groups ?? []).map((g) => g.GroupName)).toEqual(['admins']);
    const signIn = await pm(['token', '-e', envFile], { env: values as Record<string, string> });
    expect(signIn.code).toBe(0);
    expect(signIn.stdout).toMatch(JWT);

    const deleted = await pm(['users', 'delete', '-e', envFile, '--username', username]);
    expect(deleted.code).toBe(0);
    expect(await userExists(username)).toBe(false);
    const again = await pm(['users', 'delete', '-e', envFile, '--username', username]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/does not exist/);
  }, 60_000);

  it('--github-env masks the password first, then appends both lines to $GITHUB_ENV', async () => {
    const githubEnv = join(work, 'github_env');
    writeFileSync(githubEnv, 'EARLIER=kept\n');
    const result = await pm(['users', 'create', '--pool-id', stack.pool.poolId, '--endpoint', stack.cognito.endpoint, '--github-env'], { env: { GITHUB_ENV: githubEnv } });
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    const password = /^::add-mask::(.+)$/.exec(lines[0]!)?.[1];
    expect(password).toBeDefined();
    passwords.push(password!);
    expect(lines[1]).toMatch(/^pm-cognito-ci-[a-z0-9]{12}$/);
    expect(readFileSync(githubEnv, 'utf8')).toBe('EARLIER=kept\nCOGNITO_USERNAME=' + lines[1] + '\nCOGNITO_PASSWORD=' + password + '\n');
    expect(result.stderr).not.toContain(password!);
    expect(await userExists(lines[1]!)).toBe(true);
    expect((await pm(['users', 'delete', '--pool-id', stack.pool.poolId, '--endpoint', stack.cognito.endpoint, '-u', lines[1]!])).code).toBe(0);
  }, 60_000);

  it('bad usage exits 2 and explains; an AWS failure exits 1 and leaves no half-made user', async () => {
    const before = await usernames();
    const noSink = await pm(['users', 'create', '-e', envFile]);
    expect(noSink.code).toBe(2);
    expect(noSink.stderr).toMatch(/the password would be lost: add --dotenv-file <path> or --github-env/);
    const noGithub = await pm(['users', 'create', '-e', envFile, '--github-env']);
    expect(noGithub.code).toBe(2);
    expect(noGithub.stderr).toMatch(/--github-env needs \$GITHUB_ENV/);
    const noPool = await pm(['users', 'create', '--dotenv-file', join(work, 'x.env')]);
    expect(noPool.code).toBe(2);
    expect(noPool.stderr).toMatch(/which user pool\? pass --pool-id/);
    const noUser = await pm(['users', 'delete', '-e', envFile]);
    expect(noUser.code).toBe(2);
    const noSub = await pm(['users']);
    expect(noSub.code).toBe(2);
    const badGroup = await pm(['users', 'create', '-e', envFile, '--group', 'no-such-group', '--dotenv-file', join(work, 'bad.env')]);
    expect(badGroup.code).toBe(1);
    expect(badGroup.stderr).toMatch(/could not set up the user .* \(it was deleted again\)/);
    expect(await usernames()).toEqual(before);
  }, 60_000);
});

describe('pm-cognito run --ephemeral-user', () => {
  it('runs the suites as a new user (seen by the API) and deletes it afterwards', async () => {
    stack.proxy.reset();
    const result = await pm(['run', prefixCheck, '-e', envFile, '--ephemeral-user', '--ephemeral-group', 'admins', '--ephemeral-prefix', 'cli-eph-']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✓ {2}a throwaway user/);
    const username = createdUser(result.stderr);
    expect(result.stderr).toContain('deleted throwaway user ' + username);
    expect(await userExists(username)).toBe(false);
    expect(stack.proxy.signIns()).toBe(1);
  }, 60_000);

  it('deletes the user when the suite fails (exit 1)', async () => {
    const result = await pm(['run', failingSuite, '-e', envFile, '--ephemeral-user', '--silent']);
    expect(result.code).toBe(1);
    const username = createdUser(result.stderr);
    expect(await userExists(username)).toBe(false);
  }, 60_000);

  it('deletes the user when the run cannot even sign in (exit 1)', async () => {
    const result = await pm(['run', failingSuite, '-e', envFile, '--ephemeral-user', '--env-var', 'cognito_client_id=unknownclient', '--silent']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/sign-in before the run failed/);
    expect(await userExists(createdUser(result.stderr))).toBe(false);
  }, 60_000);

  it('deletes the user when a script crashes newman (an unhandled rejection) and exits 1', async () => {
    const crashing = writeJson(work, 'crash.postman_collection.json', collection('crash', [
      item({ name: 'me', path: '/me', tests: ["Promise.reject(new Error('a test script forgot its catch'));"] }),
      item({ name: 'me again', path: '/me' }),
    ]));
    const result = await pm(['run', crashing, '-e', envFile, '--ephemeral-user'], {}, true);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/a script crashed the run \(a test script forgot its catch\)/);
    expect(await userExists(createdUser(result.stderr))).toBe(false);
  }, 60_000);

  it('a report path that cannot be created is bad usage (exit 2), found before any user is made', async () => {
    const before = await usernames();
    const blocker = join(work, 'a-file');
    writeFileSync(blocker, '');
    const result = await pm(['run', prefixCheck, '-e', envFile, '--ephemeral-user', '--junit', join(blocker, 'junit.xml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--junit .*junit\.xml: cannot create the directory .*a-file \(EEXIST\): choose another path/);
    expect(await usernames()).toEqual(before);
  }, 60_000);

  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`exists during the run, and ${signal} in the middle deletes it before exiting ${code}`, async () => {
      stack.proxy.reset();
      const running = startPm(['run', slowSuite, '-e', envFile, '--ephemeral-user', '--delay-request', '500']);
      await waitFor(() => /created throwaway user \S+\n/.test(running.stderrSoFar()), 'the throwaway user');
      const username = createdUser(running.stderrSoFar());
      expect(await userExists(username)).toBe(true);
      // Let a few requests go through (newman has printed two answers), then interrupt.
      await waitFor(() => stack.proxy.signIns() > 0, 'the sign-in');
      await waitFor(() => (running.stdoutSoFar().match(/\/me \[200 OK/g) ?? []).length >= 2, 'two requests');
      running.child.kill(signal);
      const result = await running.result;
      outputs.push({ where: signal + ' run', text: result.stdout + result.stderr });
      expect(result.code).toBe(code);
      expect(result.stderr).toContain('deleted throwaway user ' + username);
      expect(result.stderr).toContain('run interrupted (' + signal + ')');
      expect(await userExists(username)).toBe(false);
      // The run did not finish: newman's summary was never printed.
      expect(result.stdout).not.toMatch(/pm-cognito: (passed|FAILED)/);
    }, 60_000);
  }

  it('leaves no throwaway user behind and never prints a password or token', async () => {
    expect(await usernames()).toEqual(['keeper']);
    expect(passwords).toHaveLength(2);
    expect(outputs.length).toBeGreaterThan(20);
    expect(leaks(outputs, passwords.map((value, i) => ({ name: 'password ' + i, value })))).toEqual([]);
  }, 30_000);
});
