// A Cognito that answers 200 MB: `pm-cognito run` cuts the answer off on the wire (cognito-answer-cap.ts) instead of running out of memory; the API's own answers are not cut.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startTestStack, type LocalStack } from '../support/local-stack';
import { ANSWER_CUT_CODE } from '../../src/core/transport';
import { cognitoCappedAgents, cognitoHosts } from '../../src/node/cognito-answer-cap';
import { runSuite } from '../../src/node/newman-runner';
import { collection, item, NOAUTH } from '../support/collection';
import { startHostileCognito, type HostileCognito, type Misbehaviour } from '../support/hostile-cognito';
import { POSTMAN_CLI_SKIP } from '../support/postman-cli';
import { assertBuilt, removeTempDirs, startPm, tempDir, writeEnvironment, writeJson } from './cli-harness';

const PASSWORD = 'Cap-pass-1!x';
const SIGN_IN_TEST = 'pm-cognito: sign in to Cognito';
const HUGE: Misbehaviour = { kind: 'huge', bytes: 200 * 1024 * 1024, chunked: true };
const ME_OK = ["pm.test('status 200', () => pm.response.to.have.status(200));"];
let stack: LocalStack;
const servers: HostileCognito[] = [];

beforeAll(async () => {
  assertBuilt();
  stack = await startTestStack({ clients: [{ name: 'demo' }], users: [{ username: 'alice', password: PASSWORD }] });
}, 60_000);
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});
afterAll(async () => {
  await stack?.stop();
  removeTempDirs();
});

async function hostile(choose: (index: number) => Misbehaviour): Promise<HostileCognito> {
  const server = await startHostileCognito(stack.connection['cognito_endpoint'], choose);
  servers.push(server);
  return server;
}

/** The largest resident set of a process while it runs (Linux /proc), sampled every 100 ms. */
function peakRss(pid: number): { stop(): number } {
  let peak = 0;
  const timer = setInterval(() => {
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync('/proc/' + pid + '/status', 'utf8'))?.[1];
      if (kb !== undefined) peak = Math.max(peak, Number(kb) * 1024);
    } catch {
      // The process has ended.
    }
  }, 100);
  return { stop: () => { clearInterval(timer); return peak; } };
}

describe('newman with the capped agents (in this process)', () => {
  it('a 200 MB Cognito answer ends the call after about 1 MiB: the size message, not retried, nothing else read', async () => {
    const cognito = await hostile(() => HUGE);
    const environment = { ...stack.connection, cognito_endpoint: cognito.url, cognito_username: 'alice', cognito_password: PASSWORD };
    const result = await runSuite({
      collection: collection('cap', [item({ name: 'me', path: '/me', tests: ME_OK })]),
      environment,
      silent: true,
      requestAgents: cognitoCappedAgents(cognitoHosts([environment])),
    });
    const failures = result.summary.run.failures;
    expect(failures.filter((f) => f.error.test === SIGN_IN_TEST).map((f) => f.error.message)).toEqual([
      'pm-cognito: the answer from ' + cognito.url + ' is larger than 1048576 bytes, which no Cognito answer is: check cognito_endpoint / cognito_region point at Cognito',
    ]);
    expect(cognito.calls()).toBe(1);
    expect(cognito.bytesSent()).toBeLessThan(20 * 1024 * 1024);
  }, 60_000);

  it('the API\'s own 3 MiB answer is read whole, and Cognito\'s normal answers pass', async () => {
    const cognito = await hostile(() => ({ kind: 'forward' }));
    const api = await hostile(() => ({ kind: 'huge', bytes: 3 * 1024 * 1024, chunked: true }));
    const environment = { ...stack.connection, baseUrl: api.url.replace(/\/$/, ''), cognito_endpoint: cognito.url, cognito_username: 'alice', cognito_password: PASSWORD };
    const result = await runSuite({
      collection: collection('cap-api', [item({ name: 'big', path: '/big', tests: ["pm.test('whole', () => pm.expect(pm.response.responseSize).to.eql(3145728));"] })]),
      environment,
      silent: true,
      requestAgents: cognitoCappedAgents(cognitoHosts([environment])),
    });
    expect(result.summary.run.failures.map((f) => f.error.message)).toEqual([]);
    expect(result.assertions).toBe(1);
    expect(cognito.calls()).toBe(1);
    expect(api.calls()).toBe(1);
  }, 60_000);
});

/** An https Cognito double with a fresh self-signed certificate for 127.0.0.1: /small answers 2 bytes, /huge 200 MB; it counts connections. */
async function startTlsDouble(dir: string) {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
  let connections = 0;
  let sent = 0;
  const server: Server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url !== '/huge') {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end('{}');
        return;
      }
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
      const chunk = Buffer.alloc(1 << 20, 'a');
      const write = (): void => {
        while (sent < 200 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) { res.once('drain', write); return; }
        }
        res.end();
      };
      write();
    });
  });
  server.on('secureConnection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: 'https://127.0.0.1:' + (server.address() as AddressInfo).port + '/',
    cert,
    connections: () => connections,
    sent: () => sent,
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

interface Answer {
  code: string | undefined;
  status: number | undefined;
  bytes: number | undefined;
}

describe('the capped agents keep postman-request\'s TLS settings and keep-alive (as newman\'s requester calls it)', () => {
  // postman-runtime's requester passes agentOptions {keepAlive: true}, strictSSL, extraCA (--ssl-extra-ca-certs) like this.
  const request = require('postman-request') as (options: object, callback: (error: NodeJS.ErrnoException | null, response?: { statusCode: number }, body?: Buffer) => void) => void;
  const call = (url: string, agents: object, options: object): Promise<Answer> => new Promise((resolve) => {
    request({ url, method: 'POST', body: '{}', encoding: null, agents, agentOptions: { keepAlive: true }, ...options },
      (error, response, body) => resolve({ code: error?.code, status: response?.statusCode, bytes: body?.length }));
  });

  it('verifies the certificate unless told not to, trusts an extra CA, reuses one connection, and cuts a 200 MB answer', async () => {
    const double = await startTlsDouble(tempDir('pm-cognito-cap-tls-'));
    try {
      const agents = cognitoCappedAgents(cognitoHosts([{ cognito_endpoint: double.url }]));
      // A self-signed certificate is refused, as without the agents.
      expect((await call(double.url + 'small', agents, {})).code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
      // newman's --insecure (strictSSL false) and --ssl-extra-ca-certs (extraCA) still reach the connection.
      expect(await call(double.url + 'small', agents, { strictSSL: false })).toEqual({ code: undefined, status: 200, bytes: 2 });
      const before = double.connections();
      for (let i = 0; i < 3; i++) expect(await call(double.url + 'small', agents, { extraCA: double.cert })).toEqual({ code: undefined, status: 200, bytes: 2 });
      expect(double.connections() - before, 'three calls, one kept-alive connection').toBe(1);
      const huge = await call(double.url + 'huge', agents, { extraCA: double.cert });
      expect(huge.code).toBe(ANSWER_CUT_CODE);
      expect(double.sent()).toBeLessThan(20 * 1024 * 1024);
    } finally {
      await double.stop();
    }
  }, 60_000);
});

describe('pm-cognito run against a Cognito that answers 200 MB', () => {
  it('newman: the clear message naming the size limit and cognito_endpoint, a JUnit file, exit 1, and memory stays bounded', async () => {
    const cognito = await hostile(() => HUGE);
    const work = tempDir('pm-cognito-cap-test-');
    const suite = writeJson(work, 'cap.postman_collection.json', collection('cap', [
      item({ name: 'health', path: '/health', auth: NOAUTH, tests: ME_OK }),
      item({ name: 'me', path: '/me', tests: ME_OK }),
    ]));
    const envFile = writeEnvironment({ ...stack.connection, cognito_endpoint: cognito.url, cognito_username: 'alice' }, work);
    const junit = join(work, 'junit.xml');
    const running = startPm(['run', suite, '-e', envFile, '--junit', junit], { cwd: work, env: { COGNITO_PASSWORD: PASSWORD }, timeoutMs: 120_000 });
    const rss = peakRss(running.child.pid!);
    const result = await running.result;
    const peak = rss.stop();
    const output = result.stdout + result.stderr;
    console.log('200 MB answer under pm-cognito run: exit ' + result.code + (result.signal !== null ? ' (' + result.signal + ')' : '') + ', peak RSS ' + Math.round(peak / 1048576) + ' MB, ' + cognito.calls() + ' Cognito calls, ' + Math.round(cognito.bytesSent() / 1048576) + ' MB sent');
    expect(result.signal).toBeNull();
    expect(result.code, output).toBe(1);
    expect(output).toContain('is larger than 1048576 bytes, which no Cognito answer is: check cognito_endpoint / cognito_region point at Cognito');
    expect(existsSync(junit)).toBe(true);
    expect(readFileSync(junit, 'utf8')).toContain('is larger than 1048576 bytes');
    // The sign-in up front, then the script's: neither is retried.
    expect(cognito.calls()).toBe(2);
    expect(output).not.toContain(PASSWORD);
    // Node, newman and cognito-local's client libraries take about 200 MB; a 200 MB answer held in memory takes well over 1 GB.
    expect(peak).toBeLessThan(600 * 1024 * 1024);
  }, 150_000);
});

describe('pm-cognito run --runner postman against a Cognito that answers 200 MB', () => {
  // The Postman CLI is its own process and takes no agents: nothing caps its script's answers. Its child runs out of
  // memory and dies by a signal; pm-cognito run survives that, says so, and still writes its report.
  it('the Postman CLI child dies by a signal; pm-cognito run names it, exits 1 and writes the JUnit file', async (context) => {
    // Written as it() with a skip inside, so that docs/bad-inputs.md's checker finds the title.
    // About 80 s and 2 GB in the child: run only on request (PM_COGNITO_HEAVY_TESTS=1; docs/development.md).
    if (POSTMAN_CLI_SKIP || process.env.PM_COGNITO_HEAVY_TESTS !== '1') context.skip();
    const cognito = await hostile(() => HUGE);
    const work = tempDir('pm-cognito-cap-test-');
    const suite = writeJson(work, 'cap.postman_collection.json', collection('cap', [item({ name: 'me', path: '/me', tests: ME_OK })]));
    const envFile = writeEnvironment({ ...stack.connection, cognito_endpoint: cognito.url, cognito_username: 'alice' }, work);
    const junit = join(work, 'junit.xml');
    const started = Date.now();
    const result = await startPm(['run', suite, '-e', envFile, '--junit', junit, '--runner', 'postman'], { cwd: work, env: { COGNITO_PASSWORD: PASSWORD }, timeoutMs: 240_000 }).result;
    const signal = /gave no run summary for \S+ \(ended by (SIG[A-Z]+)\)/.exec(result.stderr)?.[1];
    console.log('200 MB answer under --runner postman: pm-cognito exit ' + result.code + ' after ' + (Date.now() - started) + ' ms; the CLI child ended by ' + signal + ' after reading ' + Math.round(cognito.bytesSent() / 1048576) + ' MB');
    expect(result.signal).toBeNull();
    expect(result.code, result.stdout + result.stderr).toBe(1);
    // The sign-in up front (this process, capped) already names the cause.
    expect(result.stderr).toContain('sign-in before the run failed for the default identity: pm-cognito: the answer from ' + cognito.url + ' is larger than 1048576 bytes');
    expect(signal).toBeDefined();
    expect(cognito.calls()).toBe(2);
    expect(existsSync(junit)).toBe(true);
    expect(result.stdout + result.stderr).not.toContain(PASSWORD);
  }, 300_000);
});
