// `pm-cognito doctor` bounds its AWS reads: an answer too large, one that never comes or one that drips is cut off and named, not waited for;
// after an endpoint fails to answer, nothing more is sent there.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../../src/cli/cli';
import { memoryIo } from '../support/memory-io';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

let server: Server | undefined;
let requests = 0;
const drips: NodeJS.Timeout[] = [];
afterEach(async () => {
  for (const timer of drips.splice(0)) clearInterval(timer);
  requests = 0;
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  server = undefined;
});

/**
 * A fake Cognito: `huge` answers every call with 3 MB of JSON; `silent` takes the request and never answers;
 * `drip` sends the headers at once, then one byte of the body every 100 ms, forever.
 */
async function fakeCognito(mode: 'huge' | 'silent' | 'drip'): Promise<string> {
  server = createServer((req, res) => {
    requests++;
    req.resume();
    if (mode === 'silent') return;
    if (mode === 'drip') {
      res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.1' });
      res.write('{');
      drips.push(setInterval(() => res.write(' '), 100));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify({ UserPool: { Id: 'us-east-1_Limits1', Name: 'x'.repeat(3 * 1024 * 1024) } }));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return 'http://127.0.0.1:' + (server!.address() as AddressInfo).port;
}

async function doctor(endpoint: string, timeoutMs = '2000'): Promise<string> {
  const io = memoryIo({ AWS_ACCESS_KEY_ID: 'AKIDLIMITS0000000001', AWS_SECRET_ACCESS_KEY: 'limits-secret', COGNITO_PASSWORD: 'Limits-Passw0rd!' });
  const vars = { cognito_endpoint: endpoint, cognito_user_pool_id: 'us-east-1_Limits1', cognito_client_id: 'limits', cognito_username: 'alice', cognito_timeout_ms: timeoutMs };
  await cli(['doctor', ...Object.entries(vars).flatMap(([k, v]) => ['--env-var', k + '=' + v])], io);
  return io.stdout();
}

describe('pm-cognito doctor: limits on the AWS reads', () => {
  it('an answer larger than 1 MB is cut off and named', async () => {
    const out = await doctor(await fakeCognito('huge'));
    expect(out).toMatch(/- threat protection: skipped: cognito-idp:DescribeUserPool failed \([^)]*the answer is larger than 1048576 bytes/);
  });

  it('an answer that never comes is given up after cognito_timeout_ms', async () => {
    const started = Date.now();
    const out = await doctor(await fakeCognito('silent'));
    expect(out).toContain('- threat protection: skipped: cognito-idp:DescribeUserPool got no answer in time');
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('an answer that drips after its headers is cut off at cognito_timeout_ms; nothing more is sent to that endpoint, not even the sign-in', async () => {
    const started = Date.now();
    const out = await doctor(await fakeCognito('drip'), '1000');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(out).toContain('- threat protection: skipped: cognito-idp:DescribeUserPool got no answer in time');
    expect(out).toMatch(/- user status: skipped: not read: http:\/\/127\.0\.0\.1:\d+\/ did not answer before \(cognito-idp:DescribeUserPool got no answer in time\)/);
    expect(out).toMatch(/- sign-in: skipped: http:\/\/127\.0\.0\.1:\d+\/ did not answer the reads .*: the sign-in is not tried there/);
    expect(requests).toBe(1);
  }, 60_000);

  it('an endpoint nobody listens on is named once; the other reads and the sign-in are not tried', async () => {
    const endpoint = await fakeCognito('silent');
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const out = await doctor(endpoint);
    expect(out).toContain('- threat protection: skipped: cognito-idp:DescribeUserPool could not reach the endpoint (ECONNREFUSED)');
    expect(out).toContain('- sign-in: skipped: ' + endpoint + '/ did not answer the reads (cognito-idp:DescribeUserPool could not reach the endpoint (ECONNREFUSED)): the sign-in is not tried there');
  });
});
