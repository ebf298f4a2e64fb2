// `pm-cognito run --shard k/n` as a CI matrix runs it: the machines together run every suite once, each signing in once.
// In-process (pmInProcess): --silent, and what is checked is pm-cognito's own output and JUnit files, not newman's table.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestStack, type LocalStack } from '../support/local-stack';
import { collection, item } from '../support/collection';
import { pmInProcess as pm } from '../support/in-process-cli';
import { assertBuilt, junitCounts, removeTempDirs, tempDir, writeEnvironment, writeJson } from './cli-harness';

const PASSWORD = 'Shard-pass-1!x';
let stack: LocalStack;
let project: string;
let envFile: string;
const NAMES = ['accounts', 'billing', 'catalog', 'orders', 'search'];

beforeAll(async () => {
  await assertBuilt();
  stack = await startTestStack({ users: [{ username: 'alice', password: PASSWORD }, { username: 'root', password: PASSWORD, groups: ['admins'] }] });
  project = tempDir();
  mkdirSync(join(project, 'collections'));
  NAMES.forEach((name, i) => writeJson(join(project, 'collections'), name + '.postman_collection.json', collection(name, [
    ...Array.from({ length: i + 1 }, (_, r) => item({ name: name + ' me ' + r, path: '/me', tests: ["pm.test('alice', () => pm.expect(pm.response.json().username).to.eql('alice'));"] })),
    item({ name: name + ' as admin @admin', path: '/me', tests: ["pm.test('root', () => pm.expect(pm.response.json().username).to.eql('root'));"] }),
  ])));
  envFile = writeEnvironment({ ...stack.connection, cognito_username: 'alice', 'cognito_username@admin': 'root' }, tempDir());
}, 120_000);

afterAll(async () => {
  removeTempDirs();
  await stack?.stop();
});

describe('pm-cognito run --shard', () => {
  it('three machines run every suite exactly once between them, and each signs in once per identity', async () => {
    const ran: string[] = [];
    for (let k = 1; k <= 3; k++) {
      stack.proxy.reset();
      const junit = join(project, 'reports', 'junit-' + k + '.xml');
      const result = await pm(['run', '-e', envFile, '--shard', k + '/3', '--junit', junit, '--silent'], { cwd: project, env: { COGNITO_PASSWORD: PASSWORD, COGNITO_PASSWORD__ADMIN: PASSWORD } });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const line = /pm-cognito: shard (\d)\/3: (\d) of 5 suites \(([^)]*)\)/.exec(result.stdout);
      expect(line?.[1]).toBe(String(k));
      const names = line![3]!.split(', ');
      expect(names.length).toBe(Number(line![2]));
      ran.push(...names);
      const suites = junitCounts(readFileSync(junit, 'utf8')).suites.map((s) => s.split(' / ')[0]);
      expect([...new Set(suites)].sort()).toEqual([...names].sort());
      // alice and root, once each, however many suites this machine ran.
      expect(stack.proxy.signIns()).toBe(2);
    }
    expect(ran.sort()).toEqual(NAMES);
  }, 180_000);

  it('a shard with nothing to run passes and says so; a bad --shard is bad usage (exit 2)', async () => {
    stack.proxy.reset();
    const one = join(project, 'collections', 'accounts.postman_collection.json');
    const empty = await pm(['run', one, '-e', envFile, '--shard', '2/2'], { cwd: project, env: { COGNITO_PASSWORD: PASSWORD } });
    expect(empty.code).toBe(0);
    expect(empty.stdout).toMatch(/pm-cognito: shard 2\/2: 0 of 1 suites, nothing to run here\n/);
    expect(stack.proxy.signIns()).toBe(0);
    const bad = await pm(['run', one, '-e', envFile, '--shard', '3/2'], { cwd: project });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--shard is "3\/2": write k\/n with 1 <= k <= n/);
    const portman = await pm(['portman', '--spec', 'x.yaml', '--shard', '1/2'], { cwd: project });
    expect(portman.code).toBe(2);
    expect(portman.stderr).toMatch(/portman runs one generated collection/);
  }, 120_000);
});
