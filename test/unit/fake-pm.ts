// A fake Postman `pm` for unit tests of src/postman: variable scopes, the request, tests, skipRequest and a fake Cognito
// (user pool, and identity pool: GetId, GetCredentialsForIdentity) behind sendRequest.

import { fakeJwt } from './jwt';

export interface FakeRequest {
  name: string;
  /** Folders between the collection and the request, outermost first. */
  folders?: string[];
  auth?: { type: string; [key: string]: unknown };
  headers?: Array<{ key: string; value: string; disabled?: boolean }>;
  url?: string;
  body?: string;
}

export interface FakeCognitoUser {
  password: string;
}

/** One request's outcome: what a test can compare between the fast path and the full code. */
export interface Outcome {
  headers: Array<{ key: string; value: string }>;
  skipped: boolean;
  failures: string[];
  cognitoCalls: string[];
}

export interface FakeWorld {
  environment: Map<string, string>;
  collection: Map<string, string>;
  /** pm.variables.set values: newman keeps them for the whole run. */
  local: Map<string, string>;
  /** Collection variable writes, in order (name only). */
  writes: string[];
  users: Record<string, FakeCognitoUser>;
  clientId: string;
  /** Token lifetime the fake Cognito gives, in seconds. */
  lifetimeSeconds: number;
  /** Lifetime of the identity pool's AWS credentials, in seconds (the enhanced flow gives an hour). */
  credentialsLifetimeSeconds: number;
  /** Identity ids given by GetId, in order (each call gives a new one). */
  identityIds: string[];
  cognitoCalls: string[];
  /** Postman Vault secrets: when set, `pm.vault.get` exists (the app's sandbox); newman and the Postman CLI have none. */
  vault?: Map<string, string>;
  /** Installs `pm` for one request and returns the outcome collector. */
  request(spec: FakeRequest): { pm: unknown; outcome: Outcome };
}

const REFERENCE = /\{\{([^{}]+)\}\}/g;

export function fakeWorld(options: { clientId: string; users: Record<string, FakeCognitoUser>; lifetimeSeconds?: number }): FakeWorld {
  const world: FakeWorld = {
    environment: new Map(),
    collection: new Map(),
    local: new Map(),
    writes: [],
    users: options.users,
    clientId: options.clientId,
    lifetimeSeconds: options.lifetimeSeconds ?? 3600,
    credentialsLifetimeSeconds: 3600,
    identityIds: [],
    cognitoCalls: [],
    request: (spec) => makePm(world, spec),
  };
  return world;
}

function tokensFor(world: FakeWorld, username: string, withRefresh: boolean) {
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + world.lifetimeSeconds;
  const body: Record<string, unknown> = {
    IdToken: fakeJwt({ 'cognito:username': username, aud: world.clientId, token_use: 'id', iat, exp }),
    AccessToken: fakeJwt({ username, client_id: world.clientId, token_use: 'access', iat, exp }),
    ExpiresIn: world.lifetimeSeconds,
  };
  if (withRefresh) body['RefreshToken'] = 'refresh-' + username + '-' + iat;
  return { AuthenticationResult: body };
}

function cognito(world: FakeWorld, target: string, body: Record<string, unknown>): { status: number; body: unknown } {
  const operation = target.split('.').pop() ?? '';
  world.cognitoCalls.push(operation);
  if (operation === 'InitiateAuth') {
    const params = (body['AuthParameters'] ?? {}) as Record<string, string>;
    const user = world.users[params['USERNAME'] ?? ''];
    if (user === undefined || user.password !== params['PASSWORD']) return { status: 400, body: { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' } };
    return { status: 200, body: tokensFor(world, params['USERNAME']!, true) };
  }
  if (operation === 'GetTokensFromRefreshToken') {
    const token = String(body['RefreshToken'] ?? '');
    const username = /^refresh-(.+)-\d+$/.exec(token)?.[1];
    if (username === undefined) return { status: 400, body: { __type: 'NotAuthorizedException', message: 'Invalid Refresh Token' } };
    return { status: 200, body: tokensFor(world, username, false) };
  }
  if (operation === 'GetId') {
    world.identityIds.push('us-east-1:' + String(world.identityIds.length + 1).padStart(8, '0') + '-0000-4000-8000-000000000000');
    return { status: 200, body: { IdentityId: world.identityIds[world.identityIds.length - 1] } };
  }
  if (operation === 'GetCredentialsForIdentity') {
    const identityId = String(body['IdentityId'] ?? '');
    if (!world.identityIds.includes(identityId)) return { status: 400, body: { __type: 'ResourceNotFoundException', message: 'Identity \'' + identityId + '\' not found.' } };
    const now = Math.floor(Date.now() / 1000);
    const signedIn = body['Logins'] !== undefined ? 'U' : 'G';
    return { status: 200, body: { IdentityId: identityId, Credentials: { AccessKeyId: 'ASIA' + signedIn + String(now).padStart(12, '0'), SecretKey: 'secret-' + now, SessionToken: 'session-' + identityId + '-' + now, Expiration: now + world.credentialsLifetimeSeconds } } };
  }
  return { status: 400, body: { __type: 'UnknownOperationException', message: operation } };
}

function makePm(world: FakeWorld, spec: FakeRequest): { pm: unknown; outcome: Outcome } {
  const outcome: Outcome = { headers: (spec.headers ?? []).map((h) => ({ key: h.key, value: h.value })), skipped: false, failures: [], cognitoCalls: [] };
  const headers = spec.headers ?? [];
  const scopes = () => [world.local, world.environment, world.collection];
  const get = (name: string): string | undefined => {
    for (const scope of scopes()) if (scope.has(name)) return scope.get(name);
    return undefined;
  };
  const replaceIn = (template: string): string => template.replace(REFERENCE, (whole, name: string) => get(name) ?? whole);
  const callsBefore = world.cognitoCalls.length;
  const pm = {
    variables: {
      get,
      set: (name: string, value: string) => void world.local.set(name, value),
      replaceIn,
      toObject: () => {
        const all: Record<string, unknown> = {};
        for (const scope of [...scopes()].reverse()) for (const [k, v] of scope) all[k] = v;
        return all;
      },
    },
    collectionVariables: {
      get: (name: string) => world.collection.get(name),
      set: (name: string, value: string) => {
        world.writes.push(name);
        world.collection.set(name, value);
      },
    },
    environment: { get: (name: string) => world.environment.get(name) },
    request: {
      headers: {
        each: (fn: (h: { key: string; value: string; disabled?: boolean }) => void) => headers.forEach(fn),
        upsert: (h: { key: string; value: string }) => {
          const existing = outcome.headers.find((x) => x.key.toLowerCase() === h.key.toLowerCase());
          if (existing) existing.value = h.value;
          else outcome.headers.push({ ...h });
        },
        get: () => undefined,
        has: () => false,
        remove: () => undefined,
      },
      auth: spec.auth === undefined ? undefined : { ...spec.auth, toJSON: () => spec.auth },
      url: { toString: () => spec.url ?? '{{baseUrl}}/' + spec.name },
      body: spec.body === undefined ? undefined : { mode: 'raw', raw: spec.body },
    },
    info: { requestName: spec.name, eventName: 'prerequest' },
    // The app's pm.vault.get is a Promise; an unknown name gives undefined.
    ...(world.vault !== undefined ? { vault: { get: (name: string) => Promise.resolve(world.vault!.get(name)) } } : {}),
    execution: {
      location: ['collection', ...(spec.folders ?? []), spec.name],
      skipRequest: () => { outcome.skipped = true; },
    },
    test: (name: string, fn: () => void) => {
      try {
        fn();
      } catch (error) {
        outcome.failures.push(name + ': ' + (error instanceof Error ? error.message : String(error)));
      }
    },
    sendRequest: (
      request: { url: string; header: Array<{ key: string; value: string }>; body: { raw: string } },
      callback: (error: null, response: { code: number; text(): string; headers: { get(name: string): string | undefined } }) => void,
    ) => {
      const target = request.header.find((h) => h.key.toLowerCase() === 'x-amz-target')?.value ?? '';
      const answer = cognito(world, target, JSON.parse(request.body.raw) as Record<string, unknown>);
      outcome.cognitoCalls = world.cognitoCalls.slice(callsBefore);
      queueMicrotask(() => callback(null, { code: answer.status, text: () => JSON.stringify(answer.body), headers: { get: (n: string) => (n.toLowerCase() === 'content-type' ? 'application/x-amz-json-1.1' : undefined) } }));
    },
  };
  return { pm, outcome };
}
