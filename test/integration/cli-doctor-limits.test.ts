// `pm-cognito doctor` bounds its AWS reads: an answer that never ends or never comes is cut off and named, not waited for.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../../src/cli/cli';
import { memoryIo } from '../support/memory-io';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  server = undefined;
});

/** A fake Cognito: `huge` answers every call with 3 MB of JSON; `silent` takes the request and never answers. */
async function fakeCognito(mode: 'huge' | 'silent'): Promise<string> {
  server = createServer((req, res) => {
    req.resume();
    if (mode === 'silent') return;
    res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify({ UserPool: { Id: 'us-east-1_Limits1', Name: 'x'.repeat(3 * 1024 * 1024) } }));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return 'http://127.0.0.1:' + (server!.address() as AddressInfo).port;
}

async function doctor(endpoint: string): Promise<string> {
  const io = memoryIo({ AWS_ACCESS_KEY_ID: 'AKIDLIMITS0000000001', AWS_SECRET_ACCESS_KEY: 'limits-secret', COGNITO_PASSWORD: 'Limits-Passw0rd!' });
  const vars = { cognito_endpoint: endpoint, cognito_user_pool_id: 'us-east-1_Limits1', cognito_client_id: 'limits', cognito_username: 'alice', cognito_timeout_ms: '500' };
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
});
