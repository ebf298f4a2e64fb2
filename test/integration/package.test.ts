// The published package as a user gets it: `npm pack`, installed into an empty project, then `pm-cognito` run from there against the local stack.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startTestStack, type LocalStack } from '../support/local-stack';
import { collection, item, NOAUTH, ROOT } from '../support/collection';
import { addExtras, installTarball, linkFromRepository, packInto, type InstallMeasure } from '../support/pack-install';
import { runCli } from '../support/run-cli';
import { removeTrees } from '../support/temp-dirs';
import { assertBuilt, childEnv, junitCounts, removeTempDirs, tempDir, writeEnvironment, writeJson } from './cli-harness';

const PASSWORD = 'Packed-pass-1!x';
const MB = 1024 * 1024;
/** The optional peer dependencies, each with the line pm-cognito prints when it is missing. */
const EXTRAS = {
  portman: { packages: ['@apideck/portman', 'tslib'], line: 'npm i -D @apideck/portman@1.33.0 tslib' },
  htmlextra: { packages: ['newman-reporter-htmlextra'], line: 'npm i -D newman-reporter-htmlextra@1.23.1' },
  awsSdk: { packages: ['@aws-sdk/client-cognito-identity-provider'], line: 'npm i -D @aws-sdk/client-cognito-identity-provider@3.1169.0' },
  postmanCli: { packages: ['@postman/pm-bin-linux-x64'], line: 'npm i -D @postman/pm-bin-linux-x64@1.62.0' },
} as const;
/** Optional peers the extras install leaves out (the pack test does not run `local` or the doctor's identity-pool reads). */
const OTHER_EXTRAS = {
  identityPoolSdk: { packages: ['@aws-sdk/client-cognito-identity'], line: 'npm i -D @aws-sdk/client-cognito-identity@3.1164.0' },
  cognitoLocal: { packages: ['cognito-local'], line: 'npm i -D cognito-local@5.3.0' },
  jwtVerify: { packages: ['aws-jwt-verify'], line: 'npm i -D aws-jwt-verify@5.2.1' },
} as const;
const LINUX_X64 = process.platform === 'linux' && process.arch === 'x64';
let stack: LocalStack;
/** `npm i -D <tgz>`: pm-cognito alone. */
let project: string;
/** `npm i -D <tgz>` and every optional peer dependency: a copy of the bare project plus `npm i -D <extras>`. */
let full: string;
/** Settles once `full` is installed; the tests that use it wait for it, the bare tests run meanwhile. */
let fullReady: Promise<void>;
let files: string[];

function report(label: string, measure: InstallMeasure, command: string): void {
  // Printed, not asserted for time: the machine is shared. Targets: at most 80 MB and 10 s with a warm cache.
  console.log('pack-install: ' + label + ': node_modules ' + (measure.bytes / MB).toFixed(1) + ' MB, ' + command + ' ' + measure.seconds.toFixed(1) + ' s');
}

/** The extras project: the bare one copied, then the optional peers added with `npm i` (the Postman CLI linked). */
async function installExtras(tarball: string): Promise<void> {
  // The Postman CLI's binary package (306 MB) is linked from this repository's node_modules after the install, not
  // unpacked again from npm's cache (~40 s of CPU): the same files where a user's install puts them.
  const extras = Object.values(EXTRAS).flatMap((e) => e.packages).filter((name) => !name.startsWith('@postman/'));
  report('then npm i -D ' + extras.join(' ') + (LINUX_X64 ? ' (and ' + EXTRAS.postmanCli.packages[0] + ', linked)' : ''), await addExtras(project, full, tarball, extras), 'npm i');
  if (LINUX_X64) linkFromRepository(full, EXTRAS.postmanCli.packages[0]);
}

beforeAll(async () => {
  await assertBuilt();
  const packDir = tempDir('pm-cognito-pack-');
  const packed = packInto(packDir);
  files = packed.files;
  project = tempDir('pm-cognito-bare-');
  full = tempDir('pm-cognito-extras-');
  // The bare install and the stack start side by side: the bare install's figures are its own, not shared with
  // another install. The stack is kept as soon as it is up, so afterAll stops it even when an install fails.
  const [bare] = await Promise.all([
    installTarball(project, packed.tarball),
    startTestStack({ users: [{ username: 'alice', password: PASSWORD, groups: ['admins'] }] }).then((started) => { stack = started; }),
  ]);
  report('npm i -D pm-cognito', bare, 'npm ci');
  expect(bare.bytes).toBeLessThanOrEqual(80 * MB);
  // Added while the bare tests run (they read only the bare project); the extras tests wait for it.
  fullReady = installExtras(packed.tarball);
  fullReady.catch(() => undefined);
}, 600_000);

afterAll(async () => {
  await fullReady?.catch(() => undefined);
  // The two projects' node_modules first, with one rm; then the rest.
  removeTrees([project, full].filter((dir) => dir !== undefined));
  removeTempDirs();
  await stack?.stop();
}, 300_000);

/** The installed script as the package ships it (by default the bare project's copy). */
function installedScript(pkg = join(project, 'node_modules', 'pm-cognito')): string {
  return readFileSync(join(pkg, 'dist', 'pm-cognito.prerequest.js'), 'utf8');
}

/** The installed bin as `npx pm-cognito` finds it, node_modules/.bin/pm-cognito (npx itself: the --version test, once). */
function npx(args: string[], cwd = project, env: Record<string, string> = { COGNITO_PASSWORD: PASSWORD }) {
  return runCli(join(cwd, 'node_modules', '.bin', 'pm-cognito'), args, { cwd, env: childEnv(env) });
}

/** The installed CLI run with only node's directory on PATH: no `postman` there. */
function bare(args: string[]) {
  return runCli(process.execPath, [join(project, 'node_modules', 'pm-cognito', 'bin', 'pm-cognito.js'), ...args], { cwd: project, env: childEnv({ COGNITO_PASSWORD: PASSWORD, PATH: dirname(process.execPath) }) });
}

/** A v3 collection directory with one request to /me, and the installed package's script put in by `pm-cognito install`. */
async function v3Collection(dir: string, cwd = project): Promise<string> {
  mkdirSync(join(dir, '.resources'), { recursive: true });
  writeFileSync(join(dir, '.resources', 'definition.yaml'), '$kind: collection\nname: packed v3\n');
  writeFileSync(join(dir, 'Me.request.yaml'), '$kind: http-request\nurl: "{{baseUrl}}/me"\nmethod: GET\nscripts:\n  - type: afterResponse\n' +
    "    code: pm.test('alice', () => pm.expect(pm.response.json().username).to.eql('alice'));\n    language: text/javascript\n");
  const install = await runCli(process.execPath, [join(cwd, 'node_modules', 'pm-cognito', 'bin', 'pm-cognito.js'), 'install', dir], { cwd });
  expect(install.code, install.output).toBe(0);
  return dir;
}

describe('the npm package', () => {
  it('holds what a user needs and nothing else', () => {
    expect(files).toEqual([
      'LICENSE', 'README.md', 'action.yml', 'action/extras.cjs', 'action/install.sh', 'action/run.cjs', 'bin/pm-cognito.js', 'dist/cli.js', 'dist/pm-cognito.full-code.js', 'dist/pm-cognito.iam.prerequest.js', 'dist/pm-cognito.iam.prerequest.readable.js', 'dist/pm-cognito.prerequest.js', 'dist/pm-cognito.prerequest.readable.js', 'dist/pm-cognito.run-fast-path.js', 'docs/action.md', 'docs/architecture.md', 'docs/bad-inputs.md', 'docs/benchmarks.md', 'docs/cli.md', 'docs/cognito-errors.md', 'docs/development.md', 'docs/doctor.md', 'docs/errors.md', 'docs/flows.md', 'docs/identities.md', 'docs/identity-pools.md', 'docs/limits.md', 'docs/local.md', 'docs/postman-app.md', 'docs/robustness.md', 'docs/sandboxes.md', 'docs/settings.md', 'docs/threat-protection.md', 'docs/v3.md', 'docs/vault.md', 'environments/aws.template.postman_environment.json', 'examples/github-actions.yml', 'examples/local-cognito.yaml', 'package.json', 'portman/README.md', 'portman/portman-config.json',
    ]);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { private?: boolean; bin: Record<string, string>; dependencies: Record<string, string>; optionalDependencies?: unknown; peerDependenciesMeta: Record<string, { optional: boolean }> };
    expect(pkg.private).toBeUndefined();
    expect(pkg.bin['pm-cognito']).toBe('bin/pm-cognito.js');
    // What every install gets: the script, install, token, secret-hash and the newman runner. The rest is optional.
    expect(Object.keys(pkg.dependencies)).toEqual(['newman', 'yaml']);
    expect(pkg.optionalDependencies).toBeUndefined();
    expect(Object.keys(pkg.peerDependenciesMeta).sort()).toEqual([...Object.values(EXTRAS), ...Object.values(OTHER_EXTRAS)].flatMap((e) => e.packages).sort());
    expect(Object.values(pkg.peerDependenciesMeta).every((m) => m.optional)).toBe(true);
  });

  it('a bare install holds none of the optional packages', () => {
    for (const name of Object.values(EXTRAS).flatMap((e) => e.packages)) expect(existsSync(join(project, 'node_modules', name)), name).toBe(false);
  });

  it('installed from the tarball, `npx pm-cognito --version` prints the version', async () => {
    // The one start through npx: it finds the package's bin in the project (every other test runs that bin itself).
    const result = await runCli('npx', ['--offline', '--no-install', 'pm-cognito', '--version'], { cwd: project, env: childEnv() });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version + '\n');
  }, 60_000);

  it('bare: `token` and `secret-hash` work', async () => {
    const env = writeEnvironment({ ...stack.connection, cognito_username: 'alice' }, tempDir());
    const token = await npx(['token', '-e', env]);
    expect(token.code).toBe(0);
    expect(token.stdout).toMatch(/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+\n$/);
    const hash = await npx(['secret-hash', 'alice', 'client'], project, { COGNITO_CLIENT_SECRET: 'secret' });
    expect(hash.code).toBe(0);
    expect(hash.stdout.trim()).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  }, 60_000);

  it('bare: each optional feature stops before doing anything, exit 2, naming its install line', async () => {
    copyFileSync(join(ROOT, 'src', 'demo', 'openapi.yaml'), join(project, 'openapi.yaml'));
    const script = installedScript();
    writeJson(project, 'api.postman_collection.json', collection('packed', [item({ name: 'me', path: '/me' })], { script }));
    const env = writeEnvironment({ ...stack.connection, cognito_username: 'alice', cognito_user_pool_id: stack.connection['cognito_user_pool_id'] ?? '' }, tempDir());
    const v3 = await v3Collection(join(tempDir(), 'v3'));
    const cases: Array<[string[], string]> = [
      [['portman', '--spec', 'openapi.yaml', '-e', env], EXTRAS.portman.line],
      [['run', 'api.postman_collection.json', '-e', env, '--html', 'reports/run.html'], EXTRAS.htmlextra.line],
      [['run', 'api.postman_collection.json', '-e', env, '--ephemeral-user'], EXTRAS.awsSdk.line],
      [['users', 'create', '--pool-id', 'us-east-1_AbCdEf123', '--dotenv-file', 'users.env'], EXTRAS.awsSdk.line],
      [['run', v3, '-e', env], EXTRAS.postmanCli.line],
    ];
    stack.proxy.reset();
    for (const [args, line] of cases) {
      const result = await bare(args);
      expect({ args, code: result.code, line: result.stderr.includes('`' + line + '`') }, result.output).toEqual({ args, code: 2, line: true });
    }
    const local = await bare(['local', '-c', 'no-such-config.yaml', '--demo-api']);
    expect({ code: local.code, cognitoLocal: local.stderr.includes(OTHER_EXTRAS.cognitoLocal.line), jwtVerify: local.stderr.includes(OTHER_EXTRAS.jwtVerify.line) }, local.output)
      .toEqual({ code: 2, cognitoLocal: true, jwtVerify: true });
    expect(stack.proxy.calls).toHaveLength(0);
    expect(existsSync(join(project, 'tmp'))).toBe(false);
    expect(existsSync(join(project, 'reports', 'run.html'))).toBe(false);
    expect(existsSync(join(project, 'users.env'))).toBe(false);
  }, 120_000);

  // Also the bare project's run (folded in here from its own test: one `run` start fewer): `npx pm-cognito run` signs in
  // once and runs the suite with the installed package's script, a request with No Auth included, and writes JUnit.
  it('`npx pm-cognito install` puts the installed script into a collection without one; --check then passes; `npx pm-cognito run` runs it, signing in once', async () => {
    stack.proxy.reset();
    writeJson(project, 'bare.postman_collection.json', collection('bare', [
      item({ name: 'health', path: '/health', auth: NOAUTH, tests: ["pm.test('up', () => pm.response.to.have.status(200));"] }),
      item({ name: 'me', path: '/me', tests: ["pm.test('alice', () => pm.expect(pm.response.json().username).to.eql('alice'));"] }),
    ], { script: "pm.collectionVariables.set('team_marker', 'kept');" }));
    const stale = await npx(['install', 'bare.postman_collection.json', '--check']);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain('bare.postman_collection.json (v2.1): no pm-cognito script');
    const install = await npx(['install', 'bare.postman_collection.json']);
    expect(install.code).toBe(0);
    expect(install.stdout).toBe('pm-cognito install: bare.postman_collection.json (v2.1): installed\n');
    const script = installedScript();
    const saved = JSON.parse(readFileSync(join(project, 'bare.postman_collection.json'), 'utf8')) as { event: { listen: string; script: { exec: string[] } }[] };
    const code = saved.event.find((e) => e.listen === 'prerequest')!.script.exec.join('\n');
    expect(code).toContain(script.replace(/\n$/, ''));
    expect(code).toContain("pm.collectionVariables.set('team_marker', 'kept');");
    expect((await npx(['install', 'bare.postman_collection.json', '--check'])).code).toBe(0);
    const env = writeEnvironment({ ...stack.connection, cognito_username: 'alice' }, tempDir());
    const run = await npx(['run', 'bare.postman_collection.json', '-e', env, '--junit', 'reports/junit.xml', '--silent']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/pm-cognito: passed: 1 of 1 suites, 2 requests, 2 tests, 0 failures/);
    expect(junitCounts(readFileSync(join(project, 'reports', 'junit.xml'), 'utf8'))).toMatchObject({ testcases: 2, failed: 0 });
    expect(stack.proxy.signIns()).toBe(1);
  }, 120_000);

  it('with the extras: `npx pm-cognito portman` finds Portman, its config and the script inside the installed package', async () => {
    await fullReady;
    copyFileSync(join(ROOT, 'src', 'demo', 'openapi.yaml'), join(full, 'openapi.yaml'));
    copyFileSync(join(ROOT, 'src', 'demo', 'portman-config.json'), join(full, 'portman-config.json'));
    const env = writeEnvironment({ ...stack.connection, cognito_username: 'alice' }, tempDir());
    const result = await npx(['portman', '--spec', 'openapi.yaml', '--portman-config', 'portman-config.json', '-e', env, '--silent', '--html', 'reports/portman.html'], full);
    expect(result.code, result.output).toBe(0);
    expect(result.stdout).toMatch(/pm-cognito: passed: 1 of 1 suites, 7 requests, 26 tests, 0 failures/);
    expect(existsSync(join(full, 'reports', 'portman.html'))).toBe(true);
  }, 180_000);

  // The one Postman CLI start here: found through the installed package (how `postman` on PATH is found when the
  // package is absent is test/unit/postman-cli-binary.test.ts's 'postman on PATH').
  it.skipIf(!LINUX_X64)('with the extras: a v3 collection runs with the installed Postman CLI', async () => {
    await fullReady;
    const env = writeEnvironment({ ...stack.connection, cognito_username: 'alice' }, tempDir());
    stack.proxy.reset();
    const result = await runCli(process.execPath, [join(full, 'node_modules', 'pm-cognito', 'bin', 'pm-cognito.js'), 'run', await v3Collection(join(tempDir(), 'v3'), full), '-e', env, '--silent'],
      { cwd: full, env: childEnv({ COGNITO_PASSWORD: PASSWORD, PATH: dirname(process.execPath) }) });
    expect(result.code, result.output).toBe(0);
    expect(result.stdout).toMatch(/pm-cognito: passed: 1 of 1 suites/);
    expect(stack.proxy.signIns()).toBe(1);
  }, 180_000);
});

describe('the GitHub Action (action.yml), its steps run as the runner would', () => {
  // The action's users install what their inputs need; ephemeral-user needs the AWS SDK: the project with the extras.
  const actionPath = () => join(full, 'node_modules', 'pm-cognito');
  beforeAll(() => fullReady, 600_000);

  function step(command: string, args: string[], inputs: Record<string, string>, extra: Record<string, string> = {}) {
    const env: Record<string, string> = { GITHUB_ACTION_PATH: actionPath(), ...extra };
    for (const [name, value] of Object.entries(inputs)) env['INPUT_' + name.toUpperCase().replace(/-/g, '_')] = value;
    return runCli(command, args, { cwd: full, env: childEnv(env) });
  }

  it('every input of action.yml reaches the run step as INPUT_*, and the steps are the scripts tested here', () => {
    const yml = readFileSync(join(ROOT, 'action.yml'), 'utf8');
    const inputs = [...yml.slice(yml.indexOf('\ninputs:'), yml.indexOf('\noutputs:')).matchAll(/^ {2}([a-z-]+):$/gm)].map((m) => m[1]!);
    expect(inputs).toEqual(['command', 'collections', 'spec', 'portman-config', 'base-url', 'runner', 'variables', 'environment', 'identities', 'ephemeral-user', 'ephemeral-groups', 'junit', 'html', 'shard', 'working-directory']);
    const runStep = yml.slice(yml.indexOf('- name: Run pm-cognito'));
    for (const input of inputs) expect(runStep).toContain('INPUT_' + input.toUpperCase().replace(/-/g, '_') + ': ${{ inputs.' + input + ' }}');
    expect(yml).toContain('run: bash "$GITHUB_ACTION_PATH/action/install.sh"');
    expect(runStep).toContain('run: node "$GITHUB_ACTION_PATH/action/run.cjs"');
    // The example workflow uses this action from the installed package, with declared inputs only.
    const example = readFileSync(join(ROOT, 'examples', 'github-actions.yml'), 'utf8');
    const use = example.slice(example.indexOf('\n        uses: ./node_modules/pm-cognito\n'));
    expect(use).toMatch(/^\n {8}uses/);
    const withKeys = [...use.slice(use.indexOf('with:'), use.indexOf('\n\n')).matchAll(/^ {10}([a-z-]+):/gm)].map((m) => m[1]!);
    expect(withKeys.length).toBeGreaterThan(2);
    for (const key of withKeys) expect(inputs).toContain(key);
    // Inputs reach the scripts through env only, never pasted into the script text (injection).
    expect(yml.split('\n').filter((l) => /^\s+run:/.test(l) && l.includes('${{'))).toEqual([]);
  });

  it('install uses the project\'s own pm-cognito; run signs in once, masks the secrets, writes the JUnit file and its output', async () => {
    const install = await step('bash', [join(actionPath(), 'action', 'install.sh')], { 'working-directory': full });
    expect(install.code).toBe(0);
    expect(install.stdout).toMatch(/using the project's own installation \(\d+\.\d+\.\d+\)/);

    stack.proxy.reset();
    writeJson(full, 'api.postman_collection.json', collection('packed', [
      item({ name: 'me', path: '/me', tests: ["pm.test('alice', () => pm.expect(pm.response.json().username).to.eql('alice'));"] }),
    ], { script: installedScript(actionPath()) }));
    const output = join(full, 'github-output.txt');
    writeFileSync(output, '');
    const env = writeEnvironment({ ...stack.connection, cognito_username: 'alice' }, full);
    const run = await step('node', [join(actionPath(), 'action', 'run.cjs')], {
      collections: 'api.postman_collection.json', environment: env, identities: 'COGNITO_PASSWORD=' + PASSWORD + '\n', junit: 'reports/action.xml', shard: '1/1', 'ephemeral-user': 'false',
    }, { GITHUB_OUTPUT: output });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('::add-mask::' + PASSWORD + '\n');
    expect(run.stdout.split('::add-mask::' + PASSWORD).join('')).not.toContain(PASSWORD);
    expect(run.stdout).toMatch(/pm-cognito: passed: 1 of 1 suites/);
    expect(readFileSync(output, 'utf8')).toBe('junit=' + join(full, 'reports', 'action.xml') + '\n');
    expect(stack.proxy.signIns()).toBe(1);
  }, 120_000);

  it('with ephemeral-user, runs as a throwaway user and deletes it', async () => {
    const env = writeEnvironment({ ...stack.connection, cognito_region: 'us-east-1' }, tempDir());
    const run = await step('node', [join(actionPath(), 'action', 'run.cjs')], { collections: 'api.postman_collection.json', environment: env, 'ephemeral-user': 'true', 'ephemeral-groups': 'admins', junit: '' });
    // The suite checks for alice, so as the throwaway user its test fails: proof that it ran as that user.
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/created throwaway user pm-cognito-ci-\S+ \(groups: admins\)/);
    expect(run.stderr).toMatch(/deleted throwaway user pm-cognito-ci-/);
  }, 120_000);

  it('a bad identities line or ephemeral-user value stops with exit 2 and shows no secret', async () => {
    const bad = await step('node', [join(actionPath(), 'action', 'run.cjs')], { identities: 'COGNITO_PASSWORD=' + PASSWORD + '\nNODE_OPTIONS=--require ./evil.js' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('::error::pm-cognito action: identities line 2 does not start with a COGNITO_<SETTING>[__<IDENTITY>] name');
    const secretLine = await step('node', [join(actionPath(), 'action', 'run.cjs')], { identities: PASSWORD });
    expect(secretLine.code).toBe(2);
    expect(secretLine.stderr).not.toContain(PASSWORD);
    const flag = await step('node', [join(actionPath(), 'action', 'run.cjs')], { 'ephemeral-user': 'yes' });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/ephemeral-user is "yes": write 'true' or 'false'/);
  }, 60_000);
});
