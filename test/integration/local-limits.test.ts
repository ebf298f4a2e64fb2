// Time and size limits of what `pm-cognito local` calls: its proxy (the product's front door) and its pool setup, against real servers that hang, drip or answer too much.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalCognito } from '../../src/local/cognito-local';
import { startCognitoProxy, type CognitoProxy } from '../../src/local/counting-proxy';
import { listenOnLoopback, stopServer } from '../../src/node/loopback';
import { fetchJwks, setUpPool } from '../../src/local/pool-setup';

const servers: Server[] = [];
const proxies: CognitoProxy[] = [];
const timers: NodeJS.Timeout[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const timer of timers.splice(0)) clearInterval(timer);
  for (const proxy of proxies.splice(0)) await proxy.stop();
  for (const server of servers.splice(0)) await stopServer(server);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Sends the headers and then one byte every 100 ms, forever: a body that never ends. */
function drip(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
  res.write('{');
  timers.push(setInterval(() => res.write(' '), 100));
}

async function serve(handler: (res: ServerResponse) => void): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => handler(res));
  });
  servers.push(server);
  return listenOnLoopback(server);
}

async function post(url: string, body: string): Promise<{ status: number; message: string }> {
  const response = await fetch(url + '/', { method: 'POST', body, headers: { 'x-amz-target': 'AWSCognitoIdentityProviderService.ListUsers' }, signal: AbortSignal.timeout(10_000) });
  return { status: response.status, message: ((await response.json()) as { message: string }).message };
}

describe('the proxy in front of cognito-local', () => {
  it('answers 504 when the upstream drips its answer past the time limit', async () => {
    const proxy = await startCognitoProxy(await serve(drip), { upstreamTimeoutMs: 500 });
    proxies.push(proxy);
    const started = Date.now();
    const answer = await post(proxy.url, '{}');
    expect(answer.status).toBe(504);
    expect(answer.message).toMatch(/did not answer in full within 0\.5 s/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('answers 502 for an upstream answer larger than the size limit (default 1 MB), and 413 for such a request', async () => {
    const upstream = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('"' + 'x'.repeat(2 * 1024 * 1024) + '"');
    });
    const proxy = await startCognitoProxy(upstream);
    proxies.push(proxy);
    const big = await post(proxy.url, '{}');
    expect(big.status).toBe(502);
    expect(big.message).toMatch(/answered more than 1048576 bytes/);
    const request = await post(proxy.url, 'x'.repeat(1024 * 1024 + 1));
    expect(request.status).toBe(413);
  });
});

describe('the pool setup', () => {
  it('gives up on a cognito-local whose answer drips, within the call time limit', async () => {
    const endpoint = await serve(drip);
    const dataDir = mkdtempSync(join(tmpdir(), 'pm-cognito-limits-'));
    dirs.push(dataDir);
    mkdirSync(join(dataDir, '.cognito', 'db'), { recursive: true });
    const cognito = { endpoint, region: 'us-east-1', dataDir, restart: async () => undefined } as unknown as LocalCognito;
    const started = Date.now();
    await expect(setUpPool(cognito, { clients: [{ name: 'web' }] }, 500)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 15_000);

  it('refuses a JWKS larger than 64 KB without reading it all', async () => {
    const endpoint = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [{ kty: 'RSA', n: 'x'.repeat(200 * 1024) }] }));
    });
    await expect(fetchJwks(endpoint, 'us-east-1_abc')).rejects.toThrow(/answered more than 64 KB/);
  });
});
