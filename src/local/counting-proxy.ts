// Sits between a client and cognito-local to count what really crosses the wire (sign-ins, refreshes) and to inject network faults.

import { Agent, createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../node/loopback';
import { readBody } from './read-body';
import { forwardUpstream, UPSTREAM_TIMEOUT_MS, UpstreamLimit, type UpstreamAnswer } from './forward-upstream';

/** One request as the proxy saw it. Bodies are never kept: only these fields are read from them. */
export interface ProxiedCall {
  /** The X-Amz-Target header, e.g. `AWSCognitoIdentityProviderService.InitiateAuth`; '' for plain GETs such as the JWKS. */
  target: string;
  method: string;
  /** Request path, e.g. `/` or `/us-east-1_abc/.well-known/jwks.json`. */
  path: string;
  /** AuthFlow from the JSON body, if it has a string one. */
  authFlow?: string;
  /** ChallengeName from the JSON body (RespondToAuthChallenge), if it has a string one. */
  challengeName?: string;
  /** HTTP status sent to the client; 0 while the call is in flight and when the connection was closed without a response. */
  status: number;
  /** The fault applied to this call, if any. */
  fault?: FaultAction['kind'];
}

export type FaultAction =
  /** Answer with this response instead of forwarding (e.g. 400 TooManyRequestsException, 500, an HTML error page). */
  | { kind: 'status'; status: number; body: string; contentType?: string }
  /** Destroy the client's socket without any response and without forwarding. */
  | { kind: 'close' }
  /** Wait this many milliseconds, then forward as usual (for client timeouts; Cognito still acts on the call). */
  | { kind: 'stall'; ms: number }
  /**
   * Forward, then send only the first half of the response body with a Content-Length that matches the
   * half: a well-formed HTTP response whose JSON is cut off, as from a broken intermediary.
   */
  | { kind: 'truncate' };

export interface CognitoProxyOptions {
  /**
   * Decides per request whether to inject a fault. `call.status` is still 0 when this runs; `index` is the
   * call's position in `calls` (0-based, counted from the last reset). Return undefined to forward normally.
   */
  fault?: (call: ProxiedCall, index: number) => FaultAction | undefined;
  /**
   * Refuses a call as Cognito would, before it is forwarded (what cognito-local does not check, e.g. SECRET_HASH):
   * `operation` is the X-Amz-Target's operation. Return undefined to forward.
   */
  check?: (operation: string, body: Buffer) => { status: number; type: string; message: string } | undefined;
  /** Port on 127.0.0.1. Default 0: any free port. */
  port?: number;
  /** How long the upstream may take to answer in full (headers and body); default 30 s, then 504. */
  upstreamTimeoutMs?: number;
  /** The largest request body and upstream answer forwarded; default 1 MB (413 for a request, 502 for an answer). */
  maxBodyBytes?: number;
}

export interface CognitoProxy {
  /** Base URL to use as the Cognito endpoint, e.g. `http://127.0.0.1:41235`. */
  readonly url: string;
  /** Every request since the start or the last reset, in arrival order (faulted ones included). */
  readonly calls: ProxiedCall[];
  /** Calls matching all given fields; `target` may be the full header value or just the operation, e.g. `InitiateAuth`. */
  count(filter?: { target?: string; authFlow?: string }): number;
  /** InitiateAuth/AdminInitiateAuth calls that are not refreshes: password, SRP and custom sign-ins, attempts included. */
  signIns(): number;
  /** Refresh calls: InitiateAuth/AdminInitiateAuth with AuthFlow REFRESH_TOKEN_AUTH or REFRESH_TOKEN, and GetTokensFromRefreshToken (answered or not). */
  refreshes(): number;
  reset(): void;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const REFRESH_FLOWS = new Set(['REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN']);
const INITIATE_AUTH_OPERATIONS = new Set(['InitiateAuth', 'AdminInitiateAuth']);
function operationOf(target: string): string {
  const dot = target.lastIndexOf('.');
  return dot === -1 ? target : target.slice(dot + 1);
}

function matches(call: ProxiedCall, filter: { target?: string; authFlow?: string }): boolean {
  if (filter.target !== undefined && call.target !== filter.target && operationOf(call.target) !== filter.target) return false;
  if (filter.authFlow !== undefined && call.authFlow !== filter.authFlow) return false;
  return true;
}

/** Reads AuthFlow and ChallengeName and nothing else; the parsed body is dropped at once. */
function readAuthFields(body: Buffer): { authFlow?: string; challengeName?: string } {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const { AuthFlow, ChallengeName } = parsed as Record<string, unknown>;
  const fields: { authFlow?: string; challengeName?: string } = {};
  if (typeof AuthFlow === 'string') fields.authFlow = AuthFlow;
  if (typeof ChallengeName === 'string') fields.challengeName = ChallengeName;
  return fields;
}


function assertLoopback(url: URL): void {
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) || url.protocol !== 'http:') {
    throw new Error('startCognitoProxy: target ' + url.origin + ' is not an http URL on loopback; this proxy only forwards to local emulators');
  }
}

/** Sends a whole answer and notes its status on the call. */
function respond(res: ServerResponse, call: ProxiedCall, status: number, headers: OutgoingHttpHeaders, body: Buffer): void {
  call.status = status;
  res.writeHead(status, { ...headers, 'content-length': body.length });
  res.end(body);
}

/** The delays of stalled calls; stop() ends every one at once. */
function stallTimers(): { stall(ms: number): Promise<void>; releaseAll(): void } {
  const stalls = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  return {
    stall(ms) {
      return new Promise((resolve) => {
        const entry = {
          timer: setTimeout(() => {
            stalls.delete(entry);
            resolve();
          }, ms),
          resolve,
        };
        stalls.add(entry);
      });
    },
    releaseAll() {
      for (const entry of stalls) {
        clearTimeout(entry.timer);
        entry.resolve();
      }
      stalls.clear();
    },
  };
}

/** What handling one request needs from the running proxy. */
interface ProxyContext {
  options: CognitoProxyOptions;
  maxBytes: number;
  calls: ProxiedCall[];
  origin: string;
  forward: (req: IncomingMessage, body: Buffer) => Promise<UpstreamAnswer>;
  stall: (ms: number) => Promise<void>;
  stopped: () => boolean;
}

/** Answers as Cognito would when options.check refuses the call; true when it did. */
function refusedByCheck(ctx: ProxyContext, res: ServerResponse, call: ProxiedCall, body: Buffer): boolean {
  const refusal = ctx.options.check?.(operationOf(call.target), body);
  if (refusal === undefined) return false;
  const answer = Buffer.from(JSON.stringify({ __type: refusal.type, message: refusal.message }));
  respond(res, call, refusal.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': refusal.type + ':' }, answer);
  return true;
}

/** Applies a fault that happens before forwarding (a made-up answer, a closed socket, a stall); true when the call is done. */
async function faultedBeforeForwarding(ctx: ProxyContext, req: IncomingMessage, res: ServerResponse, call: ProxiedCall, fault: FaultAction | undefined): Promise<boolean> {
  if (fault?.kind === 'status') {
    respond(res, call, fault.status, { 'content-type': fault.contentType ?? 'application/x-amz-json-1.1' }, Buffer.from(fault.body));
    return true;
  }
  if (fault?.kind === 'close') {
    req.socket.destroy();
    return true;
  }
  if (fault?.kind === 'stall') {
    await ctx.stall(fault.ms);
    if (ctx.stopped()) {
      req.socket.destroy();
      return true;
    }
  }
  return false;
}

/** Forwards to the target and passes its answer on (cut in half for a truncate fault), or says why it could not. */
async function forwardAndAnswer(ctx: ProxyContext, req: IncomingMessage, res: ServerResponse, call: ProxiedCall, body: Buffer, truncate: boolean): Promise<void> {
  let upstream: UpstreamAnswer;
  try {
    upstream = await ctx.forward(req, body);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const status = error instanceof UpstreamLimit ? error.status : 502;
    const text = error instanceof UpstreamLimit ? 'pm-cognito\'s proxy gave up: ' + message : 'pm-cognito\'s proxy could not reach ' + ctx.origin + ': ' + message;
    respond(res, call, status, { 'content-type': 'application/json' }, Buffer.from(JSON.stringify({ message: text })));
    return;
  }
  const sent = truncate ? upstream.body.subarray(0, Math.floor(upstream.body.length / 2)) : upstream.body;
  respond(res, call, upstream.status, upstream.headers, sent);
}

/** One request: recorded, then refused, faulted or forwarded. */
async function handle(ctx: ProxyContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const targetHeader = req.headers['x-amz-target'];
  const call: ProxiedCall = {
    target: typeof targetHeader === 'string' ? targetHeader : '',
    method: req.method ?? 'GET',
    path: (req.url ?? '/').split('?')[0] ?? '/',
    status: 0,
  };
  const index = ctx.calls.length;
  ctx.calls.push(call);
  const body = await readBody(req, ctx.maxBytes);
  if (body === undefined) {
    respond(res, call, 413, { 'content-type': 'application/json' }, Buffer.from(JSON.stringify({ message: 'Request body larger than ' + ctx.maxBytes + ' bytes: pm-cognito\'s proxy does not forward it' })));
    return;
  }
  Object.assign(call, readAuthFields(body));
  if (refusedByCheck(ctx, res, call, body)) return;
  const fault = ctx.options.fault?.(call, index);
  if (fault !== undefined) call.fault = fault.kind;
  if (await faultedBeforeForwarding(ctx, req, res, call, fault)) return;
  await forwardAndAnswer(ctx, req, res, call, body, fault?.kind === 'truncate');
}

/** The counting half of CognitoProxy, over the recorded calls. */
function callQueries(calls: ProxiedCall[]): Pick<CognitoProxy, 'count' | 'signIns' | 'refreshes' | 'reset'> {
  return {
    count(filter = {}) {
      return calls.filter((call) => matches(call, filter)).length;
    },
    signIns() {
      return calls.filter(
        (call) => INITIATE_AUTH_OPERATIONS.has(operationOf(call.target)) && !REFRESH_FLOWS.has(call.authFlow ?? ''),
      ).length;
    },
    refreshes() {
      return calls.filter(
        (call) => (INITIATE_AUTH_OPERATIONS.has(operationOf(call.target)) && REFRESH_FLOWS.has(call.authFlow ?? ''))
          || operationOf(call.target) === 'GetTokensFromRefreshToken',
      ).length;
    },
    reset() {
      calls.length = 0;
    },
  };
}

export async function startCognitoProxy(targetUrl: string, options: CognitoProxyOptions = {}): Promise<CognitoProxy> {
  const target = new URL(targetUrl);
  assertLoopback(target);
  const basePath = target.pathname.replace(/\/+$/, '');
  // Our own agent without keep-alive, so stop() leaves no sockets to cognito-local behind.
  const agent = new Agent({ keepAlive: false });
  const calls: ProxiedCall[] = [];
  const timers = stallTimers();
  let stopped = false;
  const maxBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const limits = { timeoutMs: options.upstreamTimeoutMs ?? UPSTREAM_TIMEOUT_MS, maxBytes };
  const ctx: ProxyContext = {
    options,
    maxBytes,
    calls,
    origin: target.origin,
    forward: (req, body) => forwardUpstream({ target, basePath, agent, limits }, req, body),
    stall: timers.stall,
    stopped: () => stopped,
  };

  const server = createServer((req, res) => {
    handle(ctx, req, res).catch((error: unknown) => {
      // Only reachable through a bug here; answer rather than leave the client hanging.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Test proxy failed: ' + (error instanceof Error ? error.message : String(error)) }));
    });
  });
  const url = await listenOnLoopback(server, options.port ?? 0);

  let stopping: Promise<void> | undefined;
  return {
    url,
    calls,
    ...callQueries(calls),
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        stopped = true;
        timers.releaseAll();
        server.close(() => {
          agent.destroy();
          resolve();
        });
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}
