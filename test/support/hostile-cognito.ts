// A Cognito endpoint on 127.0.0.1 that misbehaves on purpose (drips, never answers, huge answers), else forwards to a real one.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Misbehaviour =
  | { kind: 'forward' }
  | { kind: 'never' }
  /** Headers at once, then one byte every `everyMs` without end. */
  | { kind: 'drip'; everyMs: number }
  /** A 400 whose body is `bytes` long, its length declared unless `chunked`. */
  | { kind: 'huge'; bytes: number; chunked?: boolean }
  | { kind: 'json'; status: number; body: unknown };

export interface HostileCognito {
  url: string;
  /** Calls received so far. */
  calls(): number;
  /** Bytes of `huge` bodies handed to the sockets so far (a peer that stops reading stops this). */
  bytesSent(): number;
  stop(): Promise<void>;
}

export async function startHostileCognito(upstream: string | undefined, choose: (index: number) => Misbehaviour): Promise<HostileCognito> {
  let count = 0;
  let sent = 0;
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const how = choose(count++);
      if (how.kind === 'never') return;
      if (how.kind === 'drip') {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), how.everyMs);
        timers.add(timer);
        return;
      }
      if (how.kind === 'huge') {
        res.writeHead(400, how.chunked ? { 'content-type': 'application/x-amz-json-1.1' } : { 'content-type': 'application/x-amz-json-1.1', 'content-length': String(how.bytes) });
        const chunk = Buffer.alloc(Math.min(how.bytes, 1 << 20), 'a');
        let left = how.bytes;
        const write = (): void => {
          while (left > 0) {
            const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
            left -= part.length;
            sent += part.length;
            if (!res.write(part)) { res.once('drain', write); return; }
          }
          res.end();
        };
        write();
        return;
      }
      if (how.kind === 'json') {
        res.writeHead(how.status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(how.body));
        return;
      }
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'x-amz-target', 'authorization', 'x-amz-date']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      fetch(upstream!, { method: 'POST', headers, body: Buffer.concat(chunks) })
        .then(async (answer) => res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(await answer.text()))
        .catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: 'http://127.0.0.1:' + port + '/',
    calls: () => count,
    bytesSent: () => sent,
    stop: async () => {
      for (const timer of timers) clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
