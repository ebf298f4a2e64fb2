// action/run.cjs run as GitHub runs it (INPUT_* variables, a GITHUB_OUTPUT file) from this checkout: issue 20's S8.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestStack, type LocalStack } from '../support/local-stack';
import { collection, item, ROOT } from '../support/collection';
import { runCli } from '../support/run-cli';
import { assertBuilt, childEnv, junitCounts, removeTempDirs, tempDir, writeEnvironment, writeJson } from './cli-harness';

const PASSWORD = 'Action-pass-1!x';
const ME_OK = ["pm.test('status 200', () => pm.response.to.have.status(200));"];
let stack: LocalStack;

beforeAll(async () => {
  await assertBuilt();
  stack = await startTestStack({ users: [{ username: 'alice', password: PASSWORD, groups: ['admins'] }] });
}, 120_000);

afterAll(async () => {
  removeTempDirs();
  await stack?.stop();
});

/** Runs the action's run step in `cwd` with these inputs (names as in action.yml); returns its result and GITHUB_OUTPUT. */
async function step(cwd: string, inputs: Record<string, string>) {
  const output = join(cwd, 'github-output.txt');
  writeFileSync(output, '');
  const env: Record<string, string> = { GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: output };
  for (const [name, value] of Object.entries(inputs)) env['INPUT_' + name.toUpperCase().replace(/-/g, '_')] = value;
  const result = await runCli('node', [join(ROOT, 'action', 'run.cjs')], { cwd, env: childEnv(env) });
  return { ...result, output: readFileSync(output, 'utf8') };
}

function staleReport(cwd: string): string {
  mkdirSync(join(cwd, 'reports'), { recursive: true });
  const path = join(cwd, 'reports', 'junit.xml');
  writeFileSync(path, '<testsuites name="stale from an earlier run"></testsuites>\n');
  return path;
}

describe('the GitHub Action run step', () => {
  it('takes collections one per line, spaces in paths kept; reports this run\'s JUnit file; base-url and variables reach the run', async () => {
    const work = tempDir('pm-cognito-action-');
    mkdirSync(join(work, 'postman', 'My Orders API'), { recursive: true });
    writeJson(join(work, 'postman', 'My Orders API'), 'Orders API.postman_collection.json', collection('orders', [item({ name: 'me', path: '/me', tests: ME_OK })]));
    writeJson(work, 'pets.postman_collection.json', collection('pets', [item({ name: 'me', path: '/me', tests: ME_OK })]));
    // No baseUrl and no username in the file: they come from the inputs.
    const { baseUrl: _api, ...connection } = stack.connection;
    const env = writeEnvironment(connection, work);
    const junit = staleReport(work);
    const result = await step(work, {
      collections: 'postman/My Orders API/Orders API.postman_collection.json\n\n  pets.postman_collection.json  \n',
      environment: env,
      'base-url': stack.api.url,
      variables: 'COGNITO_USERNAME=alice\n',
      identities: 'COGNITO_PASSWORD=' + PASSWORD,
      junit: 'reports/junit.xml',
    });
    expect(result.stderr).not.toMatch(/does not exist/);
    expect(result.stdout).toMatch(/pm-cognito: passed: 2 of 2 suites, 2 requests, 2 tests, 0 failures/);
    expect(result.code).toBe(0);
    expect(result.output).toBe('junit=' + junit + '\n');
    expect(junitCounts(readFileSync(junit, 'utf8')).suites).toEqual(['orders / me', 'pets / me']);
  }, 120_000);

  it('a run that writes no report names none, and the stale one is gone', async () => {
    const work = tempDir('pm-cognito-action-');
    const junit = staleReport(work);
    const result = await step(work, { collections: 'missing one.postman_collection.json', junit: 'reports/junit.xml' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing one.postman_collection.json');
    expect(result.output).toBe('junit=\n');
    expect(existsSync(junit)).toBe(false);
  }, 60_000);

  it('command: portman with spec, portman-config and base-url runs the contract tests', async () => {
    const work = tempDir('pm-cognito-action-');
    const { baseUrl: _api, ...connection } = stack.connection;
    const env = writeEnvironment({ ...connection, cognito_username: 'alice' }, work);
    const result = await step(work, {
      command: 'portman', spec: join(ROOT, 'src', 'demo', 'openapi.yaml'), 'portman-config': join(ROOT, 'src', 'demo', 'portman-config.json'),
      'base-url': stack.api.url, environment: env, identities: 'COGNITO_PASSWORD=' + PASSWORD, junit: 'reports/contract.xml',
    });
    expect(result.stdout).toMatch(/pm-cognito: generated contract tests for /);
    expect(result.stdout).toMatch(/pm-cognito: passed: 1 of 1 suites, \d+ requests/);
    expect(result.code).toBe(0);
    expect(result.output).toBe('junit=' + join(work, 'reports', 'contract.xml') + '\n');
  }, 180_000);

  it('refuses inputs of the other command, an unknown runner and a variables line that is not COGNITO_*, with exit 2', async () => {
    const work = tempDir('pm-cognito-action-');
    const wrong = await step(work, { command: 'portman' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('command: portman needs spec');
    const mixed = await step(work, { spec: 'openapi.yaml' });
    expect(mixed.stderr).toContain('spec and portman-config are inputs of command: portman');
    const runner = await step(work, { runner: 'jest' });
    expect(runner.stderr).toContain('runner is "jest": write newman or postman');
    const variables = await step(work, { variables: 'NODE_OPTIONS=--require ./evil.js' });
    expect(variables.code).toBe(2);
    expect(variables.stderr).toContain('variables line 1 does not start with a COGNITO_<SETTING>[__<IDENTITY>] name');
  }, 60_000);
});
