// A loopback HTTP server that records the headers it receives, to check on the wire what a request carried.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HeaderEcho {
  url: string;
  seen: Array<{ path: string; headers: Record<string, string | string[] | undefined> }>;
  stop(): Promise<void>;
}

export async function startHeaderEcho(): Promise<HeaderEcho> {
  const seen: HeaderEcho['seen'] = [];
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    req.resume();
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: 'http://127.0.0.1:' + port,
    seen,
    stop: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
