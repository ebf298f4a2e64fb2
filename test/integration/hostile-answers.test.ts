// Answers no Cognito gives (dripping, silent, huge, long or secret-quoting messages) and endpoints it must refuse, through real newman and the built script.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startTestStack, type LocalStack } from '../support/local-stack';
import { runSuite } from '../../src/node/newman-runner';
import { collection, item, ROOT, times, writeTemp } from '../support/collection';
import { startHostileCognito, type HostileCognito, type Misbehaviour } from '../support/hostile-cognito';

const PASSWORD = 'Alice-pass-1!x';
const SIGN_IN_TEST = 'pm-cognito: sign in to Cognito';
const NEWMAN = join(ROOT, 'node_modules', '.bin', 'newman');
const ME_OK = ["pm.test('status 200', () => pm.response.to.have.status(200));"];
let stack: LocalStack;
let hostile: HostileCognito | undefined;

beforeAll(async () => {
  stack = await startTestStack({ clients: [{ name: 'demo' }], users: [{ username: 'alice', password: PASSWORD }] });
}, 60_000);
afterEach(async () => {
  await hostile?.stop();
  hostile = undefined;
});
afterAll(async () => {
  await stack?.stop();
});

async function hostileEndpoint(choose: (index: number) => Misbehaviour): Promise<string> {
  hostile = await startHostileCognito(stack.connection['cognito_endpoint'], choose);
  return hostile.url;
}

/** A hostile server of the test's own, stopped when the test ends: for tests that run concurrently (afterEach would stop a neighbour's). */
async function ownHostile(choose: (index: number) => Misbehaviour, onTestFinished: (fn: () => Promise<void>) => void): Promise<HostileCognito> {
  const server = await startHostileCognito(stack.connection['cognito_endpoint'], choose);
  onTestFinished(() => server.stop());
  return server;
}

function env(overrides: Record<string, string>): Record<string, string> {
  return { ...stack.connection, cognito_username: 'alice', cognito_password: PASSWORD, cognito_timeout_ms: '500', ...overrides };
}

function suite(name: string, requests: number): object {
  return collection(name, times(requests, (i) => item({ name: 'me ' + i, path: '/me', tests: ME_OK })));
}

async function runLibrary(requests: number, overrides: Record<string, string>) {
  const started = Date.now();
  const result = await runSuite({ collection: suite('hostile', requests), environment: env(overrides), silent: true });
  const failures = result.summary.run.failures;
  const executions = [...new Set(result.summary.run.executions)];
  return {
    elapsedMs: Date.now() - started,
    signInFailures: failures.filter((f) => f.error.test === SIGN_IN_TEST).map((f) => f.error.message),
    reachedApi: executions.filter((e) => String(e.request?.url).startsWith(stack.api.url)).map((e) => e.item.name),
  };
}

/** `newman run` as a user types it against `server`; resolves when the process ends, or after `stopAfterMs` stops the server (then reports it). */
function runNewmanCli(server: HostileCognito, requests: number, overrides: Record<string, string>, flags: string[], summaryDeadlineMs: number, stopAfterSummaryMs?: number) {
  const file = writeTemp('hostile.postman_collection.json', suite('hostile-cli', requests));
  const envFile = writeTemp('hostile.postman_environment.json', { values: Object.entries(env(overrides)).map(([key, value]) => ({ key, value, enabled: true })) });
  const started = Date.now();
  return new Promise<{ code: number | null; output: string; summaryMs: number | undefined; exitMs: number; serverStopped: boolean }>((resolve) => {
    const child = spawn(NEWMAN, ['run', file, '-e', envFile, '--reporters', 'cli', '--color', 'off', ...flags], { env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    let summaryMs: number | undefined;
    let serverStopped = false;
    const stop = () => { serverStopped = true; void server.stop(); };
    const onData = (d: Buffer) => {
      output += d;
      if (summaryMs === undefined && /total run duration/.test(output)) {
        summaryMs = Date.now() - started;
        if (stopAfterSummaryMs !== undefined) setTimeout(stop, stopAfterSummaryMs);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    // The only thing that ends a dripping answer in plain newman is the other side: stop it once the deadline passed.
    const stopper = setTimeout(stop, summaryDeadlineMs);
    const killer = setTimeout(() => child.kill('SIGKILL'), summaryDeadlineMs + 30_000);
    child.on('close', (code) => {
      clearTimeout(stopper);
      clearTimeout(killer);
      resolve({ code, output, summaryMs, exitMs: Date.now() - started, serverStopped });
    });
  });
}

// Concurrent: these wait out time limits (about 12 s each, little CPU), each against a server of its own.
describe.concurrent('a Cognito that does not finish its answer (cognito_timeout_ms = 500)', () => {
  it('drips its first answer forever: that request is skipped with a message naming cognito_timeout_ms, the next is served, the run ends', async ({ expect, onTestFinished }) => {
    const server = await ownHostile((i) => (i === 0 ? { kind: 'drip', everyMs: 200 } : { kind: 'forward' }), onTestFinished);
    const o = await runLibrary(2, { cognito_endpoint: server.url });
    expect(o.signInFailures).toEqual([expect.stringMatching(/^pm-cognito: a call to Cognito got no whole answer within 500 ms \(cognito_timeout_ms\) and is still open, so this request is not sent/)]);
    expect(o.reachedApi).toEqual(['me 1']);
    expect(server.calls()).toBe(2);
    console.log('drip once: run ended after ' + o.elapsedMs + ' ms');
    expect(o.elapsedMs).toBeLessThan(15_000);
  }, 30_000);

  it('never answers, 20 requests, plain newman CLI with --timeout-request 2000: the process ends, at most 6 calls, one timeout then back-off', async ({ expect, onTestFinished }) => {
    const server = await ownHostile(() => ({ kind: 'never' }), onTestFinished);
    const endpoint = server.url;
    const o = await runNewmanCli(server, 20, { cognito_endpoint: endpoint }, ['--timeout-request', '2000'], 60_000);
    console.log('never answers: summary after ' + o.summaryMs + ' ms, exit after ' + o.exitMs + ' ms, ' + server.calls() + ' Cognito calls for 20 requests');
    expect(o.serverStopped).toBe(false);
    expect(o.code).toBe(1);
    expect(o.output).toContain('Cognito did not answer within 500 ms (cognito_timeout_ms)');
    expect(o.output).toContain('this run backed off from ' + endpoint);
    expect(o.output).not.toContain(PASSWORD);
    expect(server.calls()).toBeLessThanOrEqual(6);
    // Before the run-wide back-off: 20 requests x (4 x 500 ms + pauses), over a minute. Generous: the machine is shared.
    expect(o.exitMs).toBeLessThan(45_000);
  }, 120_000);

  it('drips forever, 20 requests, plain newman CLI: the run and its summary end within the limits; only the dripping sockets keep the process', async ({ expect, onTestFinished }) => {
    const server = await ownHostile(() => ({ kind: 'drip', everyMs: 200 }), onTestFinished);
    const o = await runNewmanCli(server, 20, { cognito_endpoint: server.url }, ['--timeout-request', '2000'], 50_000, 3000);
    const calls = o.output.match(/POST http:\/\/127\.0\.0\.1/g)?.length ?? 0;
    console.log('drips forever: summary after ' + o.summaryMs + ' ms, exit ' + o.exitMs + ' ms after the start (the server was stopped 3 s after the summary), ' + calls + ' Cognito calls for 20 requests');
    // Before the run-wide back-off: 20 requests x (4 x 500 ms + pauses), over a minute.
    expect(o.summaryMs).toBeLessThan(45_000);
    expect(o.serverStopped).toBe(true);
    expect(o.code).toBe(1);
    expect(o.output).toContain('(cognito_timeout_ms)');
    expect(calls).toBeLessThanOrEqual(6);
  }, 120_000);
});

describe('answers that are too long', () => {
  it('a 100 kB Cognito message: cut to 300 characters in the assertion, and newman\'s cli reporter prints it at once', async () => {
    const endpoint = await hostileEndpoint(() => ({ kind: 'json', status: 400, body: { __type: 'InvalidParameterException', message: 'x'.repeat(100_000) } }));
    const o = await runNewmanCli(hostile!, 1, { cognito_endpoint: endpoint }, [], 60_000);
    console.log('100 kB message: newman ended after ' + o.exitMs + ' ms, ' + o.output.length + ' characters of output');
    expect(o.code).toBe(1);
    expect(o.output).toContain('(99700 more characters)');
    expect(o.output.length).toBeLessThan(10_000);
    expect(o.exitMs).toBeLessThan(20_000);
  }, 90_000);

  it('a 1.2 MB answer: refused as larger than any Cognito answer, not retried, not read as text', async () => {
    const endpoint = await hostileEndpoint(() => ({ kind: 'huge', bytes: 1_200_000 }));
    const o = await runLibrary(1, { cognito_endpoint: endpoint });
    expect(o.signInFailures).toEqual(['pm-cognito: the answer from ' + endpoint + ' is larger than 1048576 bytes, which no Cognito answer is: check cognito_endpoint / cognito_region point at Cognito']);
    expect(hostile!.calls()).toBe(1);
  }, 60_000);
});

describe('secrets in text', () => {
  const CLIENT_SECRET = 'S3cretClientSecretValue1234567890';

  it('a client secret given as the client id is not echoed in Cognito\'s refusal', async () => {
    const endpoint = await hostileEndpoint(() => ({ kind: 'json', status: 400, body: { __type: 'ResourceNotFoundException', message: 'User pool client ' + CLIENT_SECRET + ' does not exist.' } }));
    const o = await runLibrary(1, { cognito_endpoint: endpoint, cognito_client_id: CLIENT_SECRET, cognito_client_secret: CLIENT_SECRET });
    expect(o.signInFailures).toHaveLength(1);
    expect(o.signInFailures[0]).toContain('Cognito does not know the app client [secret]');
    expect(o.signInFailures[0]).toContain('(Cognito said ResourceNotFoundException: User pool client [secret] does not exist.)');
    expect(o.signInFailures[0]).not.toContain(CLIENT_SECRET);
  }, 60_000);

  it('Cognito\'s message quoting the password is redacted', async () => {
    const endpoint = await hostileEndpoint(() => ({ kind: 'json', status: 400, body: { __type: 'InvalidParameterException', message: 'Value ' + PASSWORD + ' at password failed to satisfy constraint' } }));
    const o = await runLibrary(1, { cognito_endpoint: endpoint });
    expect(o.signInFailures).toEqual([expect.stringContaining('(Cognito said InvalidParameterException: Value [secret] at password failed to satisfy constraint)')]);
    expect(o.signInFailures[0]).not.toContain(PASSWORD);
  }, 60_000);
});

describe('endpoints that would carry the password elsewhere', () => {
  it('plain http to another machine is refused before any call, naming the setting and how to allow it', async () => {
    const o = await runLibrary(1, { cognito_endpoint: 'http://cognito.example.com/' });
    expect(o.signInFailures).toEqual(['pm-cognito: cognito_endpoint is http://cognito.example.com/: plain http to another machine would send the password in clear text. Use https, or if cognito.example.com is yours, name it in cognito_allow_endpoint']);
    expect(o.reachedApi).toEqual([]);
  }, 60_000);

  it('an https host that is not AWS Cognito is refused before any call', async () => {
    const o = await runLibrary(1, { cognito_endpoint: 'https://collector.example.net/' });
    expect(o.signInFailures).toEqual([expect.stringMatching(/^pm-cognito: cognito_endpoint is https:\/\/collector\.example\.net\/, which is neither AWS Cognito nor this machine and would get the password: leave it empty to use the region, or if collector\.example\.net is yours/)]);
  }, 60_000);
});
