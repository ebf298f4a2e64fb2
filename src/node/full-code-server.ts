// Serves pm-cognito's full code on 127.0.0.1 during `pm-cognito run`, for the requests whose fast path declines.

import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { listenOnLoopback, stopServer } from './loopback';

export interface FullCodeServer {
  /** `http://127.0.0.1:<port>/<random>/pm-cognito.full-code.js`: the path is unguessable, so only this run's scripts find it. */
  url: string;
  /** How many times the code was fetched (each is one request whose fast path declined). */
  readonly fetches: number;
  stop(): Promise<void>;
}

export async function startFullCodeServer(code: string): Promise<FullCodeServer> {
  const path = '/' + randomBytes(16).toString('hex') + '/pm-cognito.full-code.js';
  let fetches = 0;
  const server = createServer((req, res) => {
    req.resume();
    if (req.method !== 'GET' || req.url !== path) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    fetches++;
    res.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(code);
  });
  const base = await listenOnLoopback(server);
  // The run must not wait for this server to exit.
  server.unref();
  return {
    url: base + path,
    get fetches() { return fetches; },
    stop: () => stopServer(server),
  };
}
