// `pm-cognito local` as a user runs it: spawned from a config file, plain newman with the environment it writes against an API that verifies the tokens, AWS's SECRET_HASH refusals, Ctrl-C and --detach/stop leaving nothing behind.

import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoApi, type DemoApi } from '../../src/local/demo-api';
import { freePort } from '../../src/local/free-port';
import { isAlive, PID_FILE, STATE_FILE, type LocalState } from '../../src/local/local-state';
import { ROOT } from '../support/collection';
import { pmInProcessPrinting } from '../support/in-process-cli';
import { runCli } from '../support/run-cli';
import { CLI, portOpen, spawnLocal, type Started } from '../support/spawn-local';

const NEWMAN = join(ROOT, 'node_modules', 'newman', 'bin', 'newman.js');
const ALICE = 'Local-Alice-Test-1';
const BOB = 'Local-Bob-Test-2';
const CONFIG = `# a user's own config
pools:
  - name: shop
    clients:
      - name: web
      - name: backend
        secret: true
    users:
      - { username: alice, password: ${ALICE}, groups: [admins] }
      - { username: bob, password: ${BOB}, groups: [readers] }
environment:
  client: backend
  user: alice
  identities: { admin: alice, reader: bob }
  variables: { baseUrl: "http://127.0.0.1:1" }
`;

function environmentValues(file: string): Map<string, { value: string; type: string }> {
  const env = JSON.parse(readFileSync(file, 'utf8')) as { values: Array<{ key: string; value: string; type: string }> };
  return new Map(env.values.map((v) => [v.key, { value: v.value, type: v.type }]));
}

function initiateAuth(endpoint: string, clientId: string, params: Record<string, string>, authFlow = 'USER_PASSWORD_AUTH'): Promise<{ status: number; body: Record<string, unknown> }> {
  const base = authFlow === 'USER_PASSWORD_AUTH' ? { USERNAME: 'alice', PASSWORD: ALICE } : {};
  return fetch(endpoint + '/', {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: authFlow, ClientId: clientId, AuthParameters: { ...base, ...params } }),
    signal: AbortSignal.timeout(10_000),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
}

describe('pm-cognito local from a config file', () => {
  let dir: string;
  let stateDir: string;
  let port: number;
  let local: Started;
  let state: LocalState;
  let envFile: string;
  let api: DemoApi | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pm-cognito-local-cmd-'));
    stateDir = join(dir, 'state');
    writeFileSync(join(dir, 'local-cognito.yaml'), CONFIG);
    port = await freePort();
    local = await spawnLocal(['--config', join(dir, 'local-cognito.yaml'), '--state-dir', stateDir, '--port', String(port)]);
    state = JSON.parse(readFileSync(join(stateDir, STATE_FILE), 'utf8')) as LocalState;
    envFile = join(stateDir, 'local.postman_environment.json');
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    if (local !== undefined && local.child.exitCode === null) local.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on the chosen port, writes the environment (secrets typed secret) and prints no secret', () => {
    expect(state.endpoint).toBe('http://127.0.0.1:' + port);
    const values = environmentValues(envFile);
    expect(values.get('cognito_endpoint')?.value).toBe('http://127.0.0.1:' + port + '/');
    expect(values.get('cognito_password')).toEqual({ value: ALICE, type: 'secret' });
    expect(values.get('cognito_password@reader')).toEqual({ value: BOB, type: 'secret' });
    const secret = values.get('cognito_client_secret');
    expect(secret?.type).toBe('secret');
    expect(secret?.value.length).toBeGreaterThan(10);
    expect(local.output()).toMatch(/cognito_password@reader += \*{8} /);
    for (const hidden of [ALICE, BOB, secret!.value]) expect(local.output()).not.toContain(hidden);
  });

  it('serves plain newman with the written environment: the API verifies the tokens (SECRET_HASH of a client with a secret accepted)', async () => {
    const pool = state.pools[0]!;
    api = await startDemoApi({ cognitoEndpoint: state.endpoint, userPoolId: pool.poolId, clientIds: pool.clients.map((c) => c.clientId) });
    const report = join(dir, 'report.json');
    const run = await runCli(process.execPath, [NEWMAN, 'run', join(ROOT, 'collections', 'roles.postman_collection.json'), '-e', envFile, '--env-var', 'baseUrl=' + api.url, '--reporters', 'cli,json', '--reporter-json-export', report], { cwd: dir });
    expect(run.code, run.output.slice(-3000)).toBe(0);
    const stats = (JSON.parse(readFileSync(report, 'utf8')) as { run: { stats: { assertions: { total: number; failed: number } }; executions: Array<{ item: { name: string }; response?: { code: number } }> } }).run;
    expect(stats.stats.assertions).toMatchObject({ total: 21, failed: 0 });
    // The API answered 200 only to tokens it verified (signature from the JWKS, issuer, audience): "Who am I" as admin, 403 for a reader's write.
    const me = stats.executions.filter((e) => ['Who am I', 'Me @admin', 'Me @reader'].includes(e.item.name));
    expect(me.length).toBeGreaterThanOrEqual(3);
    expect(me.every((e) => e.response?.code === 200)).toBe(true);
    expect(stats.executions.filter((e) => e.item.name === 'Readers may not create a pet').map((e) => e.response?.code)).toEqual([403]);
  }, 120_000);

  it('refuses a missing or wrong SECRET_HASH with AWS\'s wording, and a SECRET_HASH for a client without a secret', async () => {
    const backend = state.pools[0]!.clients.find((c) => c.name === 'backend')!.clientId;
    const web = state.pools[0]!.clients.find((c) => c.name === 'web')!.clientId;
    const missing = await initiateAuth(state.endpoint, backend, {});
    expect(missing).toEqual({ status: 400, body: { __type: 'NotAuthorizedException', message: 'Client ' + backend + ' is configured for secret but secret was not received' } });
    const wrong = await initiateAuth(state.endpoint, backend, { SECRET_HASH: 'bm90IHRoZSByaWdodCBoYXNo' });
    expect(wrong).toEqual({ status: 400, body: { __type: 'NotAuthorizedException', message: 'Unable to verify secret hash for client ' + backend } });
    const unexpected = await initiateAuth(state.endpoint, web, { SECRET_HASH: 'bm90IHRoZSByaWdodCBoYXNo' });
    expect(unexpected.body['__type']).toBe('InvalidParameterException');
    const plain = await initiateAuth(state.endpoint, web, {});
    expect(plain.status).toBe(200);
  });

  it('passes the right SECRET_HASH, for a sign-in and for a refresh (hashed with the refresh token\'s user), and refuses a refresh hashed for another user', async () => {
    const backend = state.pools[0]!.clients.find((c) => c.name === 'backend')!.clientId;
    const secret = environmentValues(envFile).get('cognito_client_secret')!.value;
    const hash = (username: string) => createHmac('sha256', secret).update(username + backend).digest('base64');
    const signedIn = await initiateAuth(state.endpoint, backend, { SECRET_HASH: hash('alice') });
    expect(signedIn.status).toBe(200);
    const refreshToken = (signedIn.body['AuthenticationResult'] as { RefreshToken: string }).RefreshToken;
    const refreshed = await initiateAuth(state.endpoint, backend, { REFRESH_TOKEN: refreshToken, SECRET_HASH: hash('alice') }, 'REFRESH_TOKEN_AUTH');
    expect(refreshed.status).toBe(200);
    expect(typeof (refreshed.body['AuthenticationResult'] as { IdToken?: unknown }).IdToken).toBe('string');
    const other = await initiateAuth(state.endpoint, backend, { REFRESH_TOKEN: refreshToken, SECRET_HASH: hash('bob') }, 'REFRESH_TOKEN_AUTH');
    expect(other).toEqual({ status: 400, body: { __type: 'NotAuthorizedException', message: 'Unable to verify secret hash for client ' + backend } });
  });

  it('refuses a second start from the same state directory, a port in use (exit 1), and a config with a bad field (exit 2, naming it)', async () => {
    const again = await runCli(process.execPath, [CLI, 'local', '--config', join(dir, 'local-cognito.yaml'), '--state-dir', stateDir], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('pm-cognito local: already running from ' + stateDir + ' (pid ' + state.pid + ')');
    const taken = await runCli(process.execPath, [CLI, 'local', '--config', join(dir, 'local-cognito.yaml'), '--state-dir', join(dir, 'second'), '--port', String(port)], { cwd: dir });
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('pm-cognito local: could not start: port ' + port + ' on 127.0.0.1 is in use');
    writeFileSync(join(dir, 'bad.yaml'), 'pools:\n  - name: shop\n    clients: []\n');
    const bad = await runCli(process.execPath, [CLI, 'local', '--config', join(dir, 'bad.yaml'), '--state-dir', join(dir, 'other')], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('pools[0].clients is missing: add at least one app client');
  });

  it('stops on Ctrl-C (SIGINT) with exit 130: port closed, cognito-local gone, pid file removed', async () => {
    expect(await portOpen(port)).toBe(true);
    expect(isAlive(state.cognitoLocalPid)).toBe(true);
    local.child.kill('SIGINT');
    expect(await local.closed).toBe(130);
    expect(await portOpen(port)).toBe(false);
    expect(isAlive(state.cognitoLocalPid)).toBe(false);
    expect(existsSync(join(stateDir, PID_FILE))).toBe(false);
    expect(local.output()).toContain('pm-cognito local: stopped (SIGINT)');
  }, 30_000);
});

describe('pm-cognito local --detach, then the quick start\'s newman command, then pm-cognito local stop', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pm-cognito-local-detach-'));
  });

  afterAll(() => {
    const pid = existsSync(join(dir, PID_FILE)) ? Number(readFileSync(join(dir, PID_FILE), 'utf8')) : undefined;
    if (pid !== undefined && isAlive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs examples/local-cognito.yaml with the demo API in the background; newman and pm-cognito run pass with its environment; stop ends it all', async () => {
    const started = await runCli(process.execPath, [CLI, 'local', '-c', 'examples/local-cognito.yaml', '--demo-api', '--detach', '--state-dir', dir], { cwd: ROOT, timeoutMs: 90_000 });
    expect(started.code, started.output).toBe(0);
    expect(started.stdout).toContain('Running in the background (pid ');
    const state = JSON.parse(readFileSync(join(dir, STATE_FILE), 'utf8')) as LocalState;
    const run = await runCli(process.execPath, [NEWMAN, 'run', 'collections/demo.postman_collection.json', '-e', join(dir, 'local.postman_environment.json')], { cwd: ROOT });
    expect(run.code, run.output.slice(-3000)).toBe(0);
    expect(run.output).not.toContain('Local-Alice-Pass-1');
    // In-process: what is under test here is the detached stack and its environment file, not pm-cognito's own process.
    const runner = await pmInProcessPrinting(['run', 'collections/roles.postman_collection.json', '-e', join(dir, 'local.postman_environment.json')], { cwd: ROOT });
    expect(runner.code, (runner.stdout + runner.stderr).slice(-3000)).toBe(0);
    const stopped = await runCli(process.execPath, [CLI, 'local', 'stop', '--state-dir', dir], { cwd: ROOT, timeoutMs: 30_000 });
    expect(stopped.code, stopped.output).toBe(0);
    expect(isAlive(state.pid)).toBe(false);
    expect(isAlive(state.cognitoLocalPid)).toBe(false);
    expect(await portOpen(Number(new URL(state.endpoint).port))).toBe(false);
    const again = await runCli(process.execPath, [CLI, 'local', 'stop', '--state-dir', dir], { cwd: ROOT });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('nothing is running from ' + dir);
  }, 180_000);
});
