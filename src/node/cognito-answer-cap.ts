// Agent classes for newman's requester that end an answer from a Cognito host once it passes MAX_ANSWER_BYTES, before newman has buffered it all.

import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { AWS_COGNITO_HOST } from '../core/endpoint-check';
import { ANSWER_CUT_CODE, MAX_ANSWER_BYTES } from '../core/transport';
import { settingLookup } from './pre-authenticate';
import type { Variables } from './run-variables';

/**
 * The cap counts bytes as they arrive on the connection, so it leaves room for the status line and the headers
 * (16 KiB, Node's own limit for them); chunk framing counts too, which only a hostile peer makes large.
 */
const CUT_AFTER_BYTES = MAX_ANSWER_BYTES + 16 * 1024;

/** Settings whose hosts are Cognito's for this run, with their per-identity forms (`cognito_endpoint@admin`). */
const ENDPOINT_VARIABLE = /^cognito_(?:endpoint|identity_endpoint|oauth_token_url)(?:@.+)?$/;

/** What postman-request's `agents` option takes: its own agent per TLS setting is built from this class. */
export interface RequestAgents {
  http: { agentClass: typeof http.Agent };
  https: { agentClass: typeof https.Agent };
}

/**
 * A host as the URL standard writes it, without brackets or a final dot: a request's options carry the legacy
 * parser's spelling (`127.1`, `127.000.000.001`, `::1`), a setting's URL the standard one (`127.0.0.1`, `[::1]`).
 */
function canonicalHost(host: string): string {
  const bare = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  try {
    return new URL('http://' + (bare.includes(':') ? '[' + bare + ']' : bare) + '/').hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  } catch {
    return bare.replace(/\.$/, '');
  }
}

/** `host:port` in canonical form, the form addRequest's options and a URL are compared in. */
function hostKey(host: string, port: string | number | undefined, defaultPort: number): string {
  return canonicalHost(host) + ':' + String(port === undefined || port === '' || port === null ? defaultPort : port);
}

/** The hosts the run's Cognito settings name (all suites, all identities), as `host:port`. */
export function cognitoHosts(variableSets: readonly Variables[]): Set<string> {
  const hosts = new Set<string>();
  for (const variables of variableSets) {
    const lookup = settingLookup(variables);
    for (const name of Object.keys(variables).filter((n) => ENDPOINT_VARIABLE.test(n))) {
      const value = lookup(name)?.trim() ?? '';
      try {
        const url = new URL(value);
        hosts.add(hostKey(url.hostname, url.port, url.protocol === 'https:' ? 443 : 80));
      } catch {
        // Not a URL: the script reports the setting; nothing to cap.
      }
    }
  }
  return hosts;
}

interface Watch {
  /** Bytes of the current answer received so far. */
  received: number;
}

/** Ends the connection with ANSWER_CUT_CODE: postman-request reports it as the request's error, and the script as an answer too large. */
function cut(socket: Socket): void {
  if (socket.destroyed) return;
  socket.destroy(Object.assign(new Error('the answer is larger than ' + MAX_ANSWER_BYTES + ' bytes, which no Cognito answer is: pm-cognito run stopped reading it'), { code: ANSWER_CUT_CODE }));
}

/** The encodings postman-request unpacks (newman asks for them): 64 KiB of gzip on the wire can be 64 MiB in newman's memory. */
const PACKED = /^(?:gzip|deflate|br)$/;

/** Counts what the socket receives for the request now on it, and destroys the socket with ANSWER_CUT_CODE past the cap. */
function watchSocket(sockets: WeakMap<Socket, Watch>, socket: Socket): void {
  const known = sockets.get(socket);
  if (known !== undefined) {
    known.received = 0;
    return;
  }
  const watch: Watch = { received: 0 };
  sockets.set(socket, watch);
  // Added on the request's 'socket' event, after Node's HTTP client has its own 'data' listener: nothing changes mode.
  socket.on('data', (chunk: Buffer) => {
    watch.received += chunk.length;
    if (watch.received > CUT_AFTER_BYTES) cut(socket);
  });
}

interface RequestOptions {
  host?: string | null;
  hostname?: string | null;
  port?: string | number | null;
}

/** The part both agent classes share: which requests go to Cognito, and watching their sockets. */
function capper(hosts: ReadonlySet<string>) {
  const sockets = new WeakMap<Socket, Watch>();
  return (request: http.ClientRequest, options: RequestOptions, defaultPort: number): void => {
    const host = options.hostname ?? options.host ?? '';
    if (!AWS_COGNITO_HOST.test(canonicalHost(host)) && !hosts.has(hostKey(host, options.port ?? undefined, defaultPort))) return;
    // The cap counts bytes on the wire: Cognito is asked for its answers unpacked (no AWS answer is packed unasked,
    // and the header is not signed), and one that comes packed anyway is cut. Headers go out with the body, later.
    if (!request.headersSent) request.setHeader('accept-encoding', 'identity');
    request.on('socket', (socket: Socket) => watchSocket(sockets, socket));
    // Registered here, inside http.request(), so it runs before postman-request's own 'response' listener.
    request.on('response', (response: http.IncomingMessage) => {
      if (PACKED.test(String(response.headers['content-encoding'] ?? '').trim().toLowerCase())) cut(response.socket);
      // Cognito never redirects. newman follows every redirect, a POST's too: the body (a password) would go to a host
      // no endpoint check saw, uncapped. Without its Location the 3xx reaches the script, which names the setting.
      if (response.statusCode !== undefined && response.statusCode >= 300 && response.statusCode < 400) delete response.headers['location'];
    });
  };
}

/** postman-request keeps one agent per class name (and TLS setting) for the process: each run's classes get their own name. */
let runs = 0;

type AddRequest = (request: http.ClientRequest, options: RequestOptions) => void;

/**
 * postman-request builds its agents itself from `agentClass` (keep-alive from newman, and per-request TLS settings:
 * strictSSL/--insecure, extra CA certificates, client certificates), so these classes change nothing but the cap.
 * Requests to any other host (the API under test) are not watched.
 */
export function cognitoCappedAgents(hosts: ReadonlySet<string>): RequestAgents {
  const cap = capper(hosts);
  // addRequest is Node's (untyped) entry for every request an agent serves, new socket or reused.
  const httpAdd = (http.Agent.prototype as unknown as { addRequest: AddRequest }).addRequest;
  const httpsAdd = (https.Agent.prototype as unknown as { addRequest: AddRequest }).addRequest;
  class CognitoCappedHttpAgent extends http.Agent {
    addRequest(request: http.ClientRequest, options: RequestOptions): void {
      cap(request, options, 80);
      httpAdd.call(this, request, options);
    }
  }
  class CognitoCappedHttpsAgent extends https.Agent {
    addRequest(request: http.ClientRequest, options: RequestOptions): void {
      cap(request, options, 443);
      httpsAdd.call(this, request, options);
    }
  }
  runs++;
  Object.defineProperty(CognitoCappedHttpAgent, 'name', { value: 'CognitoCappedHttpAgent' + runs });
  Object.defineProperty(CognitoCappedHttpsAgent, 'name', { value: 'CognitoCappedHttpsAgent' + runs });
  return { http: { agentClass: CognitoCappedHttpAgent }, https: { agentClass: CognitoCappedHttpsAgent } };
}
