// The Node transport against real misbehaving servers on 127.0.0.1: a whole-exchange time limit and a size limit.

import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchTransport } from '../../src/node/host';
import { MAX_ANSWER_BYTES } from '../../src/core/transport';
import { startHostileCognito, type HostileCognito, type Misbehaviour } from '../support/hostile-cognito';

let server: HostileCognito | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function call(how: Misbehaviour, timeoutMs = 2000) {
  server = await startHostileCognito(undefined, () => how);
  const started = Date.now();
  const result = await fetchTransport({ url: server.url, method: 'POST', headers: {}, body: '{}' }, timeoutMs).then(
    (answer) => ({ answer, code: undefined as string | undefined, message: '' }),
    (error: { code: string; message: string }) => ({ answer: undefined, code: error.code, message: error.message }),
  );
  return { ...result, elapsedMs: Date.now() - started };
}

describe('fetchTransport limits', () => {
  it('an answer that drips one byte every 200 ms ends at the time limit', async () => {
    const r = await call({ kind: 'drip', everyMs: 200 }, 800);
    expect(r.code).toBe('COGNITO_TIMEOUT');
    expect(r.elapsedMs).toBeLessThan(3000);
  });

  it('a 200 MB answer is refused at its declared length, without reading it', async () => {
    const r = await call({ kind: 'huge', bytes: 200 * 1024 * 1024 });
    expect(r.code).toBe('COGNITO_BAD_RESPONSE');
    expect(r.message).toBe('pm-cognito: the answer from ' + server!.url + ' is larger than ' + MAX_ANSWER_BYTES + ' bytes, which no Cognito answer is: check cognito_endpoint / cognito_region point at Cognito');
    expect(r.elapsedMs).toBeLessThan(3000);
  });

  it('a 200 MB answer sent without a length is cut off just past the limit', async () => {
    const r = await call({ kind: 'huge', bytes: 200 * 1024 * 1024, chunked: true });
    expect(r.code).toBe('COGNITO_BAD_RESPONSE');
    expect(r.elapsedMs).toBeLessThan(3000);
  });

  it('a redirect is not followed: the sign-in (password included) is not posted to the other host; the 307 is the answer', async () => {
    let elsewhereCalls = 0;
    const elsewhere = createServer((_req, res) => { elsewhereCalls++; res.end('{}'); });
    const redirecting = createServer((_req, res) => res.writeHead(307, { location: 'http://127.0.0.1:' + (elsewhere.address() as AddressInfo).port + '/steal' }).end());
    const servers = [elsewhere, redirecting];
    for (const s of servers) await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    try {
      const url = 'http://127.0.0.1:' + (redirecting.address() as AddressInfo).port + '/';
      const answer = await fetchTransport({ url, method: 'POST', headers: {}, body: '{"PASSWORD":"x"}' }, 2000);
      expect(answer.status).toBe(307);
      expect(elsewhereCalls).toBe(0);
    } finally {
      for (const s of servers) {
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
    }
  });

  it('an answer within the limit is read whole', async () => {
    const r = await call({ kind: 'json', status: 400, body: { __type: 'X', message: 'm'.repeat(1000) } });
    expect(r.answer?.status).toBe(400);
    expect(r.answer?.body.length).toBeGreaterThan(1000);
  });
});
