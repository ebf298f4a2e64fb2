// Throwaway users (`pm-cognito users`, --ephemeral-user): an AWS answer that drips ends at the call's time limit with a clear error.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser } from '../../src/node/test-users';

let server: Server;
let endpoint: string;
const timers: NodeJS.Timeout[] = [];

beforeAll(async () => {
  // Headers at once, then one byte every 200 ms for ever: the SDK's own requestTimeout stops at the headers.
  server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.1' });
    response.write('{');
    timers.push(setInterval(() => response.write(' '), 200));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = 'http://127.0.0.1:' + (server.address() as AddressInfo).port;
  process.env['AWS_ACCESS_KEY_ID'] ??= 'local';
  process.env['AWS_SECRET_ACCESS_KEY'] ??= 'local';
});

afterAll(async () => {
  for (const timer of timers) clearInterval(timer);
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('throwaway users against an AWS endpoint that drips', () => {
  it('the call ends at its time limit with an error that says so and that a retry may help', async () => {
    const started = Date.now();
    await expect(createTestUser({ userPoolId: 'us-east-1_AbCdEf123', endpoint, callTimeoutMs: 1_000 }))
      .rejects.toMatchObject({ code: 'USERS_FAILED', message: expect.stringContaining('no whole answer within 1000 ms to read the user pool') as unknown });
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);
});
