// A loopback API whose routes each accept one way of sending a Cognito token: the ID token raw (an API Gateway Cognito
// authorizer) or the access token as Bearer (a scope-checking API); anything else is 401. Tokens are checked for issuer
// and token_use (signatures are the demo API's job; here only which token and scheme arrive matters).

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TokenGate {
  url: string;
  /** How many requests each path got. */
  hits: Record<string, number>;
  stop(): Promise<void>;
}

function claims(token: string): Record<string, unknown> | undefined {
  const part = token.split('.')[1];
  try {
    return part === undefined ? undefined : (JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>);
  } catch {
    return undefined;
  }
}

export async function startTokenGate(issuer: string): Promise<TokenGate> {
  const hits: Record<string, number> = {};
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    hits[path] = (hits[path] ?? 0) + 1;
    req.resume();
    const header = String(req.headers.authorization ?? '');
    const bearer = /^Bearer /.test(header);
    const payload = claims(bearer ? header.slice(7) : header);
    const fromPool = payload !== undefined && payload['iss'] === issuer;
    const pass = path === '/id-raw' ? fromPool && !bearer && payload?.['token_use'] === 'id'
      : path === '/access-bearer' ? fromPool && bearer && payload?.['token_use'] === 'access'
      : false;
    res.writeHead(pass ? 200 : 401, { 'Content-Type': 'application/json' });
    res.end(pass ? '{"ok":true}' : '{"message":"Unauthorized"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: 'http://127.0.0.1:' + (server.address() as AddressInfo).port,
    hits,
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
