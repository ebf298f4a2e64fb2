// The ways round the Cognito answer cap a hostile endpoint could take: a compressed answer, a redirect elsewhere, a host spelt another way.

import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { ANSWER_CUT_CODE, MAX_ANSWER_BYTES } from '../../src/core/transport';
import { cognitoCappedAgents, cognitoHosts } from '../../src/node/cognito-answer-cap';

interface Answer {
  code: string | undefined;
  status: number | undefined;
  bytes: number | undefined;
}

/** postman-request as postman-runtime's requester calls it (lib/requester/core.js): keep-alive, decoding, every redirect followed. */
const request = require('postman-request') as (options: object, callback: (error: NodeJS.ErrnoException | null, response?: { statusCode: number }, body?: Buffer) => void) => void;
const call = (url: string, agents: object): Promise<Answer> => new Promise((resolve) => {
  request({
    url, method: 'POST', body: '{"password":"x"}', encoding: null, agents, agentOptions: { keepAlive: true },
    gzip: true, brotli: true, followRedirect: true, followAllRedirects: true,
  }, (error, response, body) => resolve({ code: error?.code, status: response?.statusCode, bytes: body?.length }));
});

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const servers: Server[] = [];

async function serve(handler: Handler): Promise<{ url: string; calls: () => number; encodings: () => string[] }> {
  let calls = 0;
  const encodings: string[] = [];
  const server = createServer((req, res) => {
    calls++;
    encodings.push(String(req.headers['accept-encoding']));
    req.resume();
    req.on('end', () => handler(req, res));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: 'http://127.0.0.1:' + (server.address() as AddressInfo).port + '/', calls: () => calls, encodings: () => encodings };
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

/** 64 MiB of JSON-ish filler that gzip packs into about 64 KiB: well under the cap on the wire. */
const BOMB = gzipSync(Buffer.alloc(64 * 1024 * 1024, ' '));

describe('the Cognito answer cap against answers that would slip past a count of wire bytes', () => {
  it('a gzip answer that unpacks to 64 MiB is cut, and Cognito is asked for uncompressed answers', async () => {
    expect(BOMB.length).toBeLessThan(MAX_ANSWER_BYTES / 4);
    const cognito = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-encoding': 'gzip' }).end(BOMB));
    const answer = await call(cognito.url, cognitoCappedAgents(cognitoHosts([{ cognito_endpoint: cognito.url }])));
    expect(answer.code).toBe(ANSWER_CUT_CODE);
    expect(cognito.encodings()).toEqual(['identity']);
  });

  it('a redirect from Cognito to another host is not followed: the password is not posted there, the 307 reaches the script', async () => {
    const elsewhere = await serve((_req, res) => res.writeHead(200).end('{}'));
    const cognito = await serve((_req, res) => res.writeHead(307, { location: elsewhere.url + 'steal' }).end());
    const answer = await call(cognito.url, cognitoCappedAgents(cognitoHosts([{ cognito_endpoint: cognito.url }])));
    expect(answer).toEqual({ code: undefined, status: 307, bytes: 0 });
    expect(elsewhere.calls()).toBe(0);
  });

  it('a loopback address spelt another way (127.1, 127.000.000.001, an upper-case scheme) is still capped', async () => {
    const cognito = await serve((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(Buffer.alloc(8 * 1024 * 1024, 'a'));
    });
    const port = new URL(cognito.url).port;
    for (const endpoint of ['http://127.1:' + port + '/', 'HTTP://127.000.000.001:' + port]) {
      const answer = await call(endpoint, cognitoCappedAgents(cognitoHosts([{ cognito_endpoint: endpoint }])));
      expect(answer.code, endpoint).toBe(ANSWER_CUT_CODE);
    }
  });

  it('the API\'s own compressed answers and redirects are left alone', async () => {
    const api = await serve((req, res) => req.url === '/moved'
      ? res.writeHead(302, { location: '/here' }).end()
      : res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('{"ok":true}')));
    const cognito = await serve((_req, res) => res.writeHead(200).end('{}'));
    const agents = cognitoCappedAgents(cognitoHosts([{ cognito_endpoint: cognito.url }]));
    expect(await call(api.url + 'moved', agents)).toEqual({ code: undefined, status: 200, bytes: 11 });
    expect(api.encodings()).toEqual(['gzip, deflate, br', 'gzip, deflate, br']);
  });
});
