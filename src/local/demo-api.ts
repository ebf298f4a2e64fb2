// A small local API that checks Cognito tokens the way API Gateway's Cognito authorizer and AppSync do, for the demo and the integration tests.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { fetchJwks } from './pool-setup';
import { isRefusal, isSigV4, verifyIamRequest, type IamCaller, type IssuedCredentialsLookup } from './iam-auth';
import { listenOnLoopback } from '../node/loopback';
import { readBody } from './read-body';

export interface DemoApiOptions {
  /** cognito-local's base URL (loopback only); the pool's JWKS is read from it once, at start. */
  cognitoEndpoint: string;
  /** An AWS-shaped pool id (`us-east-1_XXXXXXXXX`): the issuer must be `https://cognito-idp.us-east-1.amazonaws.com/<id>`. */
  userPoolId: string;
  /** App clients whose tokens are accepted (`aud` of ID tokens, `client_id` of access tokens). */
  clientIds: string[];
  /** Port on 127.0.0.1. Default 0: any free port. */
  port?: number;
  /** Make GET /pets answer with items that break the OpenAPI document (for contract-test failure tests). Default false. */
  brokenResponses?: boolean;
  /**
   * IAM authorization (GET /iam/me as API Gateway AWS_IAM, and SigV4-signed POST /graphql as AppSync AWS_IAM):
   * the credentials an identity pool issued. Without it, signed requests are refused as unknown keys.
   */
  iam?: { lookup: IssuedCredentialsLookup; region?: string; nowMs?: () => number };
}

export interface DemoApi {
  /** e.g. `http://127.0.0.1:41236` */
  readonly url: string;
  stop(): Promise<void>;
}

interface Pet {
  id: string;
  name: string;
  species: string;
}

interface Caller {
  username: string;
  tokenUse: 'id' | 'access';
  groups: string[];
  clientId: string;
}

const ADMIN_GROUP = 'admins';
const MAX_BODY_BYTES = 64 * 1024;
const NAME_MAX = 100;
const SPECIES_MAX = 50;

const UNAUTHORIZED = { message: 'Unauthorized' };
const APPSYNC_UNAUTHORIZED = {
  errors: [{ errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.' }],
};

function initialPets(): Pet[] {
  return [
    { id: '1', name: 'Rex', species: 'dog' },
    { id: '2', name: 'Tom', species: 'cat' },
    { id: '3', name: 'Tweety', species: 'bird' },
  ];
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendNoContent(res: ServerResponse): void {
  res.writeHead(204);
  res.end();
}

function assertLoopback(url: URL): void {
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error('startDemoApi: cognitoEndpoint ' + url.origin + ' is not on loopback; the demo API only reads keys from a local emulator');
  }
}

/** The body as UTF-8 text, or undefined when it is larger than MAX_BODY_BYTES. */
async function bodyText(req: IncomingMessage): Promise<string | undefined> {
  return (await readBody(req, MAX_BODY_BYTES))?.toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body of POST /pets, or every problem with it. */
function parseNewPet(text: string): { pet: { name: string; species: string } } | { problems: string[] } {
  const body = parseJson(text);
  if (!isRecord(body)) return { problems: ['body must be a JSON object'] };
  const problems: string[] = [];
  const { name, species } = body;
  if (typeof name !== 'string' || name.trim() === '' || name.length > NAME_MAX) {
    problems.push('name must be a non-empty string of at most ' + NAME_MAX + ' characters');
  }
  if (typeof species !== 'string' || species.trim() === '' || species.length > SPECIES_MAX) {
    problems.push('species must be a non-empty string of at most ' + SPECIES_MAX + ' characters');
  }
  for (const key of Object.keys(body)) {
    if (key !== 'name' && key !== 'species') problems.push('unknown property ' + JSON.stringify(key));
  }
  if (problems.length > 0 || typeof name !== 'string' || typeof species !== 'string') return { problems };
  return { pet: { name, species } };
}

/** The raw token (as API Gateway and AppSync expect it) or `Bearer <token>`. */
function tokenFrom(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (header === undefined) return undefined;
  const token = header.replace(/^Bearer\s+/i, '').trim();
  return token === '' ? undefined : token;
}

export async function startDemoApi(options: DemoApiOptions): Promise<DemoApi> {
  assertLoopback(new URL(options.cognitoEndpoint));
  if (options.clientIds.length === 0) throw new Error('startDemoApi: clientIds is empty: pass the app client ids whose tokens to accept');

  // A cache whose fetcher refuses: a token with an unknown kid must fail, never send us to cognito-idp.amazonaws.com.
  const jwksCache = new SimpleJwksCache({
    fetcher: {
      fetch: (uri: string) => Promise.reject(new Error('The demo API does not download keys (asked for ' + uri + ')')),
    },
  });
  const verifier = CognitoJwtVerifier.create(
    { userPoolId: options.userPoolId, clientId: options.clientIds, tokenUse: null },
    { jwksCache },
  );
  verifier.cacheJwks(await fetchJwks(options.cognitoEndpoint, options.userPoolId));

  /** The caller, or undefined after answering 401 with `refusal` (API Gateway's or AppSync's shape). */
  function callerOr401(req: IncomingMessage, res: ServerResponse, refusal: unknown): Caller | undefined {
    const caller = authenticate(req);
    if (caller === undefined) sendJson(res, 401, refusal);
    return caller;
  }

  function authenticate(req: IncomingMessage): Caller | undefined {
    const token = tokenFrom(req);
    if (token === undefined) return undefined;
    let payload;
    try {
      // verifySync only uses the cached JWKS: signature, issuer, token_use, aud/client_id and expiry.
      payload = verifier.verifySync(token);
    } catch {
      return undefined;
    }
    const tokenUse = payload.token_use;
    const username = tokenUse === 'id' ? payload['cognito:username'] : payload.username;
    const clientId = tokenUse === 'id' ? payload.aud : payload.client_id;
    const groups = payload['cognito:groups'];
    return {
      username: typeof username === 'string' ? username : '',
      tokenUse,
      groups: Array.isArray(groups) ? groups.filter((group): group is string => typeof group === 'string') : [],
      clientId: typeof clientId === 'string' ? clientId : '',
    };
  }

  const pets = initialPets();
  let nextId = pets.length + 1;

  /** The IAM caller, or undefined after sending AWS's refusal (API Gateway's `{message}` or AppSync's `{errors}` shape). */
  async function iamCaller(req: IncomingMessage, res: ServerResponse, body: string, service: 'execute-api' | 'appsync'): Promise<IamCaller | undefined> {
    const iam = options.iam;
    const verdict = await verifyIamRequest(req, body, {
      service,
      region: iam?.region ?? 'us-east-1',
      nowMs: (iam?.nowMs ?? Date.now)(),
      lookup: iam?.lookup ?? (() => undefined),
    });
    if (!isRefusal(verdict)) return verdict;
    res.setHeader('x-amzn-ErrorType', verdict.type);
    sendJson(res, verdict.status, service === 'appsync' ? { errors: [{ errorType: verdict.type, message: verdict.message }] } : { message: verdict.message });
    return undefined;
  }

  async function handleRest(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    if (path === '/iam/me' && method === 'GET') {
      // An API Gateway method with AWS_IAM authorization: what requestContext.identity tells the backend.
      const caller = await iamCaller(req, res, (await bodyText(req)) ?? '', 'execute-api');
      if (caller !== undefined) sendJson(res, 200, caller);
      return;
    }
    const petMatch = /^\/pets\/([^/]+)$/.exec(path);
    const known = path === '/me' || path === '/pets' || petMatch !== null;
    if (!known) {
      sendJson(res, 404, { message: 'Not Found' });
      return;
    }
    const caller = callerOr401(req, res, UNAUTHORIZED);
    if (caller === undefined) return;
    const isAdmin = caller.groups.includes(ADMIN_GROUP);

    if (path === '/me' && method === 'GET') {
      sendJson(res, 200, caller);
      return;
    }
    if (path === '/pets' && method === 'GET') {
      sendJson(res, 200, options.brokenResponses === true ? pets.map((pet) => ({ id: Number(pet.id), name: pet.name })) : pets);
      return;
    }
    if (path === '/pets' && method === 'POST') {
      const text = await bodyText(req);
      if (text === undefined) {
        sendJson(res, 400, { message: 'Invalid request body: larger than ' + MAX_BODY_BYTES + ' bytes' });
        return;
      }
      // API Gateway validates the request before the backend checks groups: 400 comes before 403.
      const parsed = parseNewPet(text);
      if ('problems' in parsed) {
        sendJson(res, 400, { message: 'Invalid request body: ' + parsed.problems.join('; ') });
        return;
      }
      if (!isAdmin) {
        sendJson(res, 403, { message: 'Forbidden: only the admins group may create pets' });
        return;
      }
      const pet: Pet = { id: String(nextId++), ...parsed.pet };
      pets.push(pet);
      sendJson(res, 201, pet);
      return;
    }
    if (petMatch !== null) {
      const petId = decodeURIComponent(petMatch[1] ?? '');
      const index = pets.findIndex((pet) => pet.id === petId);
      if (method === 'GET') {
        if (index === -1) sendJson(res, 404, { message: 'Pet not found' });
        else sendJson(res, 200, pets[index]);
        return;
      }
      if (method === 'DELETE') {
        if (!isAdmin) sendJson(res, 403, { message: 'Forbidden: only the admins group may delete pets' });
        else if (index === -1) sendJson(res, 404, { message: 'Pet not found' });
        else {
          pets.splice(index, 1);
          sendNoContent(res);
        }
        return;
      }
    }
    sendJson(res, 404, { message: 'Not Found' });
  }

  /** Just enough of GraphQL to tell the three operations apart, with AppSync's status codes and error shapes. */
  async function handleGraphql(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 404, { message: 'Not Found' });
      return;
    }
    // AppSync with AWS_IAM as an additional auth mode: a SigV4 Authorization header selects it.
    const signed = isSigV4(req);
    const caller = signed ? undefined : callerOr401(req, res, APPSYNC_UNAUTHORIZED);
    if (!signed && caller === undefined) return;
    const text = await bodyText(req);
    const iamIdentity = signed ? await iamCaller(req, res, text ?? '', 'appsync') : undefined;
    if (signed && iamIdentity === undefined) return;
    const body = text === undefined ? undefined : parseJson(text);
    if (!isRecord(body) || typeof body.query !== 'string') {
      sendJson(res, 400, {
        errors: [{ errorType: 'MalformedHttpRequestException', message: 'The request body must be JSON with a "query" string.' }],
      });
      return;
    }
    const query = body.query;
    const variables = isRecord(body.variables) ? body.variables : {};
    if (/\blistPets\b/.test(query)) {
      sendJson(res, 200, { data: { listPets: { items: pets } } });
      return;
    }
    if (/\bgetPet\b/.test(query)) {
      const literal = /\bgetPet\s*\(\s*id\s*:\s*"?([^"\s,)]+)"?/.exec(query)?.[1];
      const id = typeof variables.id === 'string' || typeof variables.id === 'number' ? String(variables.id) : literal;
      if (id === undefined || id.startsWith('$')) {
        sendJson(res, 200, { data: null, errors: [{ errorType: 'ValidationError', message: "Validation error: getPet needs an argument 'id'" }] });
        return;
      }
      sendJson(res, 200, { data: { getPet: pets.find((pet) => pet.id === id) ?? null } });
      return;
    }
    if (/\bme\b/.test(query)) {
      // $context.identity of an IAM caller has no user pool claims: the identity pool's identity instead.
      const me = caller !== undefined ? { username: caller.username, groups: caller.groups }
        : { cognitoIdentityId: iamIdentity!.cognitoIdentityId, cognitoIdentityAuthType: iamIdentity!.cognitoAuthenticationType };
      sendJson(res, 200, { data: { me } });
      return;
    }
    sendJson(res, 200, {
      data: null,
      errors: [{ errorType: 'ValidationError', message: 'Validation error of type FieldUndefined: the query asks for no field of type Query that this API has (listPets, getPet, me)' }],
    });
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const done = path === '/health' && req.method === 'GET'
      ? Promise.resolve(sendJson(res, 200, { status: 'ok' }))
      : path === '/graphql'
        ? handleGraphql(req, res)
        : handleRest(req, res, path);
    done.catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal server error: ' + (error instanceof Error ? error.message : String(error)) });
      else res.destroy();
    });
  });
  const url = await listenOnLoopback(server, options.port ?? 0);

  let stopping: Promise<void> | undefined;
  return {
    url,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}
