// The proxy's one call to the upstream (cognito-local), bounded in time and size: the product's front door must not hang or swell.

import { request as httpRequest, type Agent, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';

export const UPSTREAM_TIMEOUT_MS = 30_000;
/** Hop-by-hop headers (RFC 9110 section 7.6.1) plus the ones this proxy recomputes. */
const DROPPED_HEADERS = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host', 'content-length',
]);

/** The headers worth passing on, either way. */
export function copyHeaders(headers: IncomingMessage['headers']): OutgoingHttpHeaders {
  const copied: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !DROPPED_HEADERS.has(name)) copied[name] = value;
  }
  return copied;
}

export interface UpstreamAnswer {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

/** Why forwarding failed in a way the proxy names in its answer (504: too slow, 502: too large). */
export class UpstreamLimit extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export interface Upstream {
  target: URL;
  basePath: string;
  agent: Agent;
  limits: { timeoutMs: number; maxBytes: number };
}

/** The upstream's whole answer within the time limit and the size limit, else an UpstreamLimit; other errors as they come. */
export function forwardUpstream(upstreamOf: Upstream, req: IncomingMessage, body: Buffer): Promise<UpstreamAnswer> {
  const { target, basePath, agent, limits } = upstreamOf;
  return new Promise((resolve, reject) => {
    const fail = (error: Error): void => {
      clearTimeout(timer);
      upstream.destroy();
      reject(error);
    };
    const timer = setTimeout(() => fail(new UpstreamLimit(504, target.origin + ' did not answer in full within ' + limits.timeoutMs / 1000 + ' s')), limits.timeoutMs);
    const upstream = httpRequest(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: basePath + (req.url ?? '/'),
        headers: { ...copyHeaders(req.headers), host: target.host, 'content-length': body.length },
        agent,
      },
      (upstreamRes) => {
        const chunks: Buffer[] = [];
        let size = 0;
        upstreamRes.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limits.maxBytes) fail(new UpstreamLimit(502, target.origin + ' answered more than ' + limits.maxBytes + ' bytes'));
          else chunks.push(chunk);
        });
        upstreamRes.on('end', () => {
          clearTimeout(timer);
          resolve({ status: upstreamRes.statusCode ?? 502, headers: copyHeaders(upstreamRes.headers), body: Buffer.concat(chunks) });
        });
        upstreamRes.on('error', fail);
      },
    );
    upstream.on('error', fail);
    upstream.end(body);
  });
}
