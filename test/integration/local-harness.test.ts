// Proves the local harness (cognito-local, pool setup, counting proxy, demo API) behaves as the other integration tests assume.

import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDemoApi, type DemoApi } from '../../src/local/demo-api';
import { startCognitoLocal, type LocalCognito } from '../../src/local/cognito-local';
import { startCognitoProxy, type CognitoProxy, type FaultAction } from '../../src/local/counting-proxy';
import { fetchJwks, setUpPool, type PoolClientInfo, type PoolInfo } from '../../src/local/pool-setup';

const TIMEOUT = 60_000;
const INITIATE_AUTH = 'AWSCognitoIdentityProviderService.InitiateAuth';
const RESPOND_TO_AUTH_CHALLENGE = 'AWSCognitoIdentityProviderService.RespondToAuthChallenge';
const ALICE = { username: 'alice', password: 'Alice-pass-1!' };
const BOB = { username: 'bob', password: 'Bob-pass-1!' };
const CAROL = { username: 'carol', password: 'Carol-temp-1!' };

interface CognitoAnswer {
  status: number;
  body: Record<string, unknown>;
}

interface Tokens {
  IdToken: string;
  AccessToken: string;
  RefreshToken: string;
}

function secretHash(secret: string, username: string, clientId: string): string {
  return createHmac('sha256', secret).update(username + clientId).digest('base64');
}

/** One Cognito JSON API call over plain fetch, as the Postman script makes it. */
async function callCognito(endpoint: string, operation: string, body: unknown, signal?: AbortSignal): Promise<CognitoAnswer> {
  const response = await fetch(endpoint + '/', {
    method: 'POST',
    headers: {
      'X-Amz-Target': 'AWSCognitoIdentityProviderService.' + operation,
      'Content-Type': 'application/x-amz-json-1.1',
    },
    body: JSON.stringify(body),
    ...(signal === undefined ? {} : { signal }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function passwordAuthBody(client: PoolClientInfo, user: { username: string; password: string }): unknown {
  const parameters: Record<string, string> = { USERNAME: user.username, PASSWORD: user.password };
  if (client.clientSecret !== undefined) parameters.SECRET_HASH = secretHash(client.clientSecret, user.username, client.clientId);
  return { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client.clientId, AuthParameters: parameters };
}

async function signIn(endpoint: string, client: PoolClientInfo, user: { username: string; password: string }): Promise<Tokens> {
  const answer = await callCognito(endpoint, 'InitiateAuth', passwordAuthBody(client, user));
  expect(answer.status).toBe(200);
  const result = answer.body.AuthenticationResult as Record<string, unknown>;
  return { IdToken: String(result.IdToken), AccessToken: String(result.AccessToken), RefreshToken: String(result.RefreshToken) };
}

function claims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function getJson(url: string, authorization?: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, authorization === undefined ? {} : { headers: { Authorization: authorization } });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

async function sendJson(method: string, url: string, authorization: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method,
    headers: { Authorization: authorization, 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let cognito: LocalCognito;
let pool: PoolInfo;
let otherPool: PoolInfo;
let proxy: CognitoProxy;
let api: DemoApi;
let secretClient: PoolClientInfo;
let shortClient: PoolClientInfo;
let unlistedClient: PoolClientInfo;
let alice: Tokens;
let bob: Tokens;

function client(info: PoolInfo, name: string): PoolClientInfo {
  const found = info.clients.find((c) => c.name === name);
  if (found === undefined) throw new Error('no client ' + name);
  return found;
}

beforeAll(async () => {
  cognito = await startCognitoLocal();
  pool = await setUpPool(cognito, {
    clients: [
      { name: 'with-secret', generateSecret: true },
      { name: 'short', idTokenValiditySeconds: 3, accessTokenValiditySeconds: 3, refreshTokenValidityMinutes: 60 },
      { name: 'unlisted' },
    ],
    users: [
      { ...ALICE, groups: ['admins'], attributes: { email: 'alice@example.com' } },
      BOB,
      { ...CAROL, temporaryPassword: true },
    ],
  });
  otherPool = await setUpPool(cognito, { users: [ALICE] });
  secretClient = client(pool, 'with-secret');
  shortClient = client(pool, 'short');
  unlistedClient = client(pool, 'unlisted');
  proxy = await startCognitoProxy(cognito.endpoint);
  api = await startDemoApi({
    cognitoEndpoint: cognito.endpoint,
    userPoolId: pool.poolId,
    clientIds: [secretClient.clientId, shortClient.clientId],
  });
}, TIMEOUT);

afterAll(async () => {
  await api?.stop();
  await proxy?.stop();
  await cognito?.stop();
}, TIMEOUT);

describe('cognito-local and the seeded pool', () => {
  test('endpoint, pool id and clients are AWS-shaped and on loopback', () => {
    expect(cognito.endpoint).toBe('http://127.0.0.1:' + cognito.port);
    expect(pool.poolId).toMatch(/^us-east-1_[A-Za-z0-9]{9}$/);
    expect(pool.region).toBe('us-east-1');
    expect(secretClient.clientSecret).toEqual(expect.any(String));
    expect(shortClient.clientSecret).toBeUndefined();
    expect(pool.users.map((u) => [u.username, u.groups, u.temporaryPassword])).toEqual([
      ['alice', ['admins'], false],
      ['bob', [], false],
      ['carol', [], true],
    ]);
    expect(otherPool.poolId).not.toBe(pool.poolId);
  });

  test('JWKS is served per pool over http with one RS256 key', async () => {
    const jwks = await fetchJwks(cognito.endpoint, pool.poolId);
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: 'CognitoLocal' });
  });

  test('USER_PASSWORD_AUTH with SECRET_HASH through the proxy gives AWS-shaped tokens with groups', { timeout: TIMEOUT }, async () => {
    proxy.reset();
    const answer = await callCognito(proxy.url, 'InitiateAuth', passwordAuthBody(secretClient, ALICE));
    expect(answer.status).toBe(200);
    const result = answer.body.AuthenticationResult as Record<string, unknown>;
    // cognito-local leaves these out; AWS sends ExpiresIn (seconds) and TokenType "Bearer".
    expect(result.ExpiresIn).toBeUndefined();
    expect(result.TokenType).toBeUndefined();
    alice = { IdToken: String(result.IdToken), AccessToken: String(result.AccessToken), RefreshToken: String(result.RefreshToken) };
    bob = await signIn(proxy.url, secretClient, BOB);

    const issuer = 'https://cognito-idp.us-east-1.amazonaws.com/' + pool.poolId;
    const aliceId = claims(alice.IdToken);
    const aliceAccess = claims(alice.AccessToken);
    expect(aliceId).toMatchObject({ iss: issuer, token_use: 'id', aud: secretClient.clientId, 'cognito:username': 'alice', 'cognito:groups': ['admins'], email: 'alice@example.com' });
    expect(aliceAccess).toMatchObject({ iss: issuer, token_use: 'access', client_id: secretClient.clientId, username: 'alice', 'cognito:groups': ['admins'] });
    expect(aliceId.sub).toBe(pool.users[0]?.sub);
    // Default lifetime in cognito-local is 24 h (AWS: 1 h).
    expect(Number(aliceId.exp) - Number(aliceId.iat)).toBe(24 * 3600);
    expect(claims(bob.IdToken)['cognito:groups']).toBeUndefined();
    expect(claims(bob.AccessToken)['cognito:groups']).toBeUndefined();

    expect(proxy.calls).toEqual([
      { target: INITIATE_AUTH, method: 'POST', path: '/', authFlow: 'USER_PASSWORD_AUTH', status: 200 },
      { target: INITIATE_AUTH, method: 'POST', path: '/', authFlow: 'USER_PASSWORD_AUTH', status: 200 },
    ]);
    expect(proxy.signIns()).toBe(2);
    expect(proxy.refreshes()).toBe(0);
  });

  test('short validity in seconds: exp - iat is exactly 3 s, refresh 60 min', { timeout: TIMEOUT }, async () => {
    const tokens = await signIn(cognito.endpoint, shortClient, ALICE);
    const id = claims(tokens.IdToken);
    const access = claims(tokens.AccessToken);
    const refresh = claims(tokens.RefreshToken);
    expect(Number(id.exp) - Number(id.iat)).toBe(3);
    expect(Number(access.exp) - Number(access.iat)).toBe(3);
    expect(Number(refresh.exp) - Number(refresh.iat)).toBe(3600);
  });
});

describe('the counting proxy', () => {
  test('counts exactly the calls made, by target and AuthFlow, and keeps no secrets', { timeout: TIMEOUT }, async () => {
    proxy.reset();
    expect(proxy.calls).toEqual([]);
    await signIn(proxy.url, secretClient, BOB);
    const refreshed = await callCognito(proxy.url, 'InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: secretClient.clientId,
      AuthParameters: { REFRESH_TOKEN: bob.RefreshToken, SECRET_HASH: secretHash(secretClient.clientSecret ?? '', 'bob', secretClient.clientId) },
    });
    expect(refreshed.status).toBe(200);
    const wrong = await callCognito(proxy.url, 'InitiateAuth', passwordAuthBody(secretClient, { username: 'bob', password: 'Wrong-pass-1!' }));
    expect(wrong.status).toBe(400);
    const challenge = await callCognito(proxy.url, 'InitiateAuth', passwordAuthBody(secretClient, CAROL));
    expect(challenge.body.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const answered = await callCognito(proxy.url, 'RespondToAuthChallenge', {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      ClientId: secretClient.clientId,
      Session: challenge.body.Session,
      ChallengeResponses: { USERNAME: 'carol', NEW_PASSWORD: 'Carol-new-1!' },
    });
    expect(answered.status).toBe(200);
    expect(answered.body.AuthenticationResult).toBeDefined();
    const jwks = await fetch(proxy.url + '/' + pool.poolId + '/.well-known/jwks.json');
    expect(jwks.status).toBe(200);

    expect(proxy.calls).toEqual([
      { target: INITIATE_AUTH, method: 'POST', path: '/', authFlow: 'USER_PASSWORD_AUTH', status: 200 },
      { target: INITIATE_AUTH, method: 'POST', path: '/', authFlow: 'REFRESH_TOKEN_AUTH', status: 200 },
      { target: INITIATE_AUTH, method: 'POST', path: '/', authFlow: 'USER_PASSWORD_AUTH', status: 400 },
      { target: INITIATE_AUTH, method: 'POST', path: '/', authFlow: 'USER_PASSWORD_AUTH', status: 200 },
      { target: RESPOND_TO_AUTH_CHALLENGE, method: 'POST', path: '/', challengeName: 'NEW_PASSWORD_REQUIRED', status: 200 },
      { target: '', method: 'GET', path: '/' + pool.poolId + '/.well-known/jwks.json', status: 200 },
    ]);
    expect(proxy.count()).toBe(6);
    expect(proxy.count({ target: INITIATE_AUTH })).toBe(4);
    expect(proxy.count({ target: 'InitiateAuth', authFlow: 'USER_PASSWORD_AUTH' })).toBe(3);
    expect(proxy.count({ target: 'RespondToAuthChallenge' })).toBe(1);
    expect(proxy.count({ authFlow: 'REFRESH_TOKEN_AUTH' })).toBe(1);
    expect(proxy.signIns()).toBe(3);
    expect(proxy.refreshes()).toBe(1);
    const recorded = JSON.stringify(proxy.calls);
    for (const secret of [BOB.password, 'Wrong-pass-1!', CAROL.password, 'Carol-new-1!', bob.RefreshToken, secretClient.clientSecret ?? '']) {
      expect(recorded).not.toContain(secret);
    }
  });

  test('refuses to forward anywhere but loopback', async () => {
    await expect(startCognitoProxy('https://cognito-idp.us-east-1.amazonaws.com')).rejects.toThrow(/not an http URL on loopback/);
  });

  describe('faults', () => {
    // faultProxy -> proxy -> cognito-local: the inner proxy shows whether a faulted call reached Cognito.
    let faultProxy: CognitoProxy;
    let nextFault: FaultAction | undefined;
    const seen: Array<{ index: number; target: string; authFlow: string | undefined }> = [];

    beforeAll(async () => {
      faultProxy = await startCognitoProxy(proxy.url, {
        fault: (call, index) => {
          seen.push({ index, target: call.target, authFlow: call.authFlow });
          const fault = nextFault;
          nextFault = undefined;
          return fault;
        },
      });
    });
    afterAll(async () => {
      await faultProxy?.stop();
    });

    async function faulted(fault: FaultAction): Promise<Response> {
      proxy.reset();
      faultProxy.reset();
      nextFault = fault;
      return fetch(faultProxy.url + '/', {
        method: 'POST',
        headers: { 'X-Amz-Target': INITIATE_AUTH, 'Content-Type': 'application/x-amz-json-1.1' },
        body: JSON.stringify(passwordAuthBody(secretClient, BOB)),
      });
    }

    test('status: answers with the given response and never reaches Cognito', { timeout: TIMEOUT }, async () => {
      const response = await faulted({ kind: 'status', status: 400, body: '{"__type":"TooManyRequestsException","message":"Rate exceeded"}' });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
      expect(await response.json()).toEqual({ __type: 'TooManyRequestsException', message: 'Rate exceeded' });
      expect(faultProxy.calls).toEqual([{ target: INITIATE_AUTH, method: 'POST', path: '/', authFlow: 'USER_PASSWORD_AUTH', status: 400, fault: 'status' }]);
      expect(proxy.count()).toBe(0);
      expect(seen[seen.length - 1]).toEqual({ index: 0, target: INITIATE_AUTH, authFlow: 'USER_PASSWORD_AUTH' });

      const html = await faulted({ kind: 'status', status: 502, body: '<html><body>Bad Gateway</body></html>', contentType: 'text/html' });
      expect(html.status).toBe(502);
      expect(html.headers.get('content-type')).toBe('text/html');
      expect(await html.text()).toBe('<html><body>Bad Gateway</body></html>');
      expect(proxy.count()).toBe(0);
    });

    test('close: the client sees a socket error and Cognito sees nothing', { timeout: TIMEOUT }, async () => {
      const error: unknown = await faulted({ kind: 'close' }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      const cause = (error as { cause?: { code?: string } }).cause;
      expect(cause?.code).toMatch(/^(UND_ERR_SOCKET|ECONNRESET)$/);
      expect(faultProxy.calls).toEqual([{ target: INITIATE_AUTH, method: 'POST', path: '/', authFlow: 'USER_PASSWORD_AUTH', status: 0, fault: 'close' }]);
      expect(proxy.count()).toBe(0);
    });

    test('truncate: a 200 whose body is the first half of the real one', { timeout: TIMEOUT }, async () => {
      const response = await faulted({ kind: 'truncate' });
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text.startsWith('{"ChallengeParameters":{},"AuthenticationResult":{"AccessToken":"eyJ')).toBe(true);
      expect(() => JSON.parse(text)).toThrow(SyntaxError);
      expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(text));
      expect(faultProxy.calls[0]).toMatchObject({ status: 200, fault: 'truncate' });
      expect(proxy.signIns()).toBe(1);
    });

    test('stall: the answer comes late; a client that gives up still caused a sign-in', { timeout: TIMEOUT }, async () => {
      const started = Date.now();
      const response = await faulted({ kind: 'stall', ms: 400 });
      expect(response.status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(390);
      expect(((await response.json()) as { AuthenticationResult?: unknown }).AuthenticationResult).toBeDefined();
      expect(proxy.signIns()).toBe(1);

      proxy.reset();
      faultProxy.reset();
      nextFault = { kind: 'stall', ms: 400 };
      const timedOut = await callCognito(faultProxy.url, 'InitiateAuth', passwordAuthBody(secretClient, BOB), AbortSignal.timeout(100)).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((timedOut as Error).name).toBe('TimeoutError');
      expect(proxy.signIns()).toBe(0);
      await sleep(600);
      expect(proxy.signIns()).toBe(1);
      expect(faultProxy.calls[0]).toMatchObject({ fault: 'stall', status: 200 });
    });
  });
});

describe('the demo API', () => {
  const me = (token: string | undefined): Promise<{ status: number; body: unknown }> => getJson(api.url + '/me', token);

  test('health needs no token', async () => {
    expect(await getJson(api.url + '/health')).toEqual({ status: 200, body: { status: 'ok' } });
  });

  test('accepts the ID token raw and the access token as Bearer', async () => {
    expect(await me(alice.IdToken)).toEqual({
      status: 200,
      body: { username: 'alice', tokenUse: 'id', groups: ['admins'], clientId: secretClient.clientId },
    });
    expect(await me('Bearer ' + alice.AccessToken)).toEqual({
      status: 200,
      body: { username: 'alice', tokenUse: 'access', groups: ['admins'], clientId: secretClient.clientId },
    });
    expect(await me(bob.AccessToken)).toEqual({
      status: 200,
      body: { username: 'bob', tokenUse: 'access', groups: [], clientId: secretClient.clientId },
    });
  });

  test('rejects missing, garbled, tampered, other-pool, unlisted-client and expired tokens with 401', { timeout: TIMEOUT }, async () => {
    const unauthorized = { status: 401, body: { message: 'Unauthorized' } };
    // The 3-second token first: the other checks run while it ages, so less of its life is slept away.
    const short = await signIn(cognito.endpoint, shortClient, BOB);
    expect((await me(short.IdToken)).status).toBe(200);
    expect(await me(undefined)).toEqual(unauthorized);
    expect(await me('')).toEqual(unauthorized);
    expect(await me('Bearer ')).toEqual(unauthorized);
    expect(await me('not-a-token')).toEqual(unauthorized);
    const [header, payload, signature] = alice.IdToken.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims(alice.IdToken), 'cognito:username': 'mallory' })).toString('base64url');
    expect(await me([header, forged, signature].join('.'))).toEqual(unauthorized);
    expect(await me([header, payload, (signature ?? '').slice(0, -4) + 'AAAA'].join('.'))).toEqual(unauthorized);

    // Same signing key (cognito-local has one), other issuer: only the iss check stops it.
    const foreign = await signIn(cognito.endpoint, client(otherPool, 'demo'), ALICE);
    expect(claims(foreign.IdToken).iss).toBe('https://cognito-idp.us-east-1.amazonaws.com/' + otherPool.poolId);
    expect(await me(foreign.IdToken)).toEqual(unauthorized);

    const unlisted = await signIn(cognito.endpoint, unlistedClient, ALICE);
    expect(await me(unlisted.IdToken)).toEqual(unauthorized);
    expect(await me(unlisted.AccessToken)).toEqual(unauthorized);

    // 1.2 s past its exp (what sleeping 4.2 s after signing in gave at the least).
    await sleep(Math.max(0, Number(claims(short.IdToken).exp) * 1000 + 1_200 - Date.now()));
    expect(await me(short.IdToken)).toEqual(unauthorized);
    expect(await me(short.AccessToken)).toEqual(unauthorized);
  });

  test('pets: list, get, 404, and only admins may create or delete', { timeout: TIMEOUT }, async () => {
    const list = await getJson(api.url + '/pets', bob.IdToken);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      { id: '1', name: 'Rex', species: 'dog' },
      { id: '2', name: 'Tom', species: 'cat' },
      { id: '3', name: 'Tweety', species: 'bird' },
    ]);
    expect(await getJson(api.url + '/pets/2', bob.IdToken)).toEqual({ status: 200, body: { id: '2', name: 'Tom', species: 'cat' } });
    expect(await getJson(api.url + '/pets/99', bob.IdToken)).toEqual({ status: 404, body: { message: 'Pet not found' } });
    expect(await getJson(api.url + '/pets')).toEqual({ status: 401, body: { message: 'Unauthorized' } });

    const newPet = { name: 'Nemo', species: 'fish' };
    expect(await sendJson('POST', api.url + '/pets', bob.IdToken, newPet)).toEqual({
      status: 403,
      body: { message: 'Forbidden: only the admins group may create pets' },
    });
    expect(await sendJson('POST', api.url + '/pets', alice.IdToken, newPet)).toEqual({ status: 201, body: { id: '4', ...newPet } });
    expect(await sendJson('POST', api.url + '/pets', alice.IdToken, '{not json')).toEqual({
      status: 400,
      body: { message: 'Invalid request body: body must be a JSON object' },
    });
    expect(await sendJson('POST', api.url + '/pets', alice.IdToken, { name: '', species: 7, colour: 'red' })).toEqual({
      status: 400,
      body: {
        message:
          'Invalid request body: name must be a non-empty string of at most 100 characters; species must be a non-empty string of at most 50 characters; unknown property "colour"',
      },
    });

    expect(await sendJson('DELETE', api.url + '/pets/4', bob.IdToken, '')).toEqual({
      status: 403,
      body: { message: 'Forbidden: only the admins group may delete pets' },
    });
    expect(await sendJson('DELETE', api.url + '/pets/4', alice.AccessToken, '')).toEqual({ status: 204, body: undefined });
    expect(await getJson(api.url + '/pets/4', alice.IdToken)).toEqual({ status: 404, body: { message: 'Pet not found' } });
    expect(await sendJson('DELETE', api.url + '/pets/4', alice.IdToken, '')).toEqual({ status: 404, body: { message: 'Pet not found' } });
    expect(await getJson(api.url + '/nowhere', alice.IdToken)).toEqual({ status: 404, body: { message: 'Not Found' } });
  });

  test('graphql: AppSync-shaped answers and errors', async () => {
    const graphql = (token: string | undefined, body: unknown): Promise<{ status: number; body: unknown }> =>
      token === undefined
        ? fetch(api.url + '/graphql', { method: 'POST', body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json() }))
        : sendJson('POST', api.url + '/graphql', token, body);

    expect(await graphql(bob.IdToken, { query: 'query { me { username groups } }' })).toEqual({
      status: 200,
      body: { data: { me: { username: 'bob', groups: [] } } },
    });
    const listed = (await graphql(alice.IdToken, { query: 'query ListPets { listPets { items { id name species } } }' })) as {
      status: number;
      body: { data: { listPets: { items: unknown[] } } };
    };
    expect(listed.status).toBe(200);
    expect(listed.body.data.listPets.items).toContainEqual({ id: '1', name: 'Rex', species: 'dog' });
    expect(await graphql(alice.IdToken, { query: 'query GetPet($id: ID!) { getPet(id: $id) { id name } }', variables: { id: '2' } })).toEqual({
      status: 200,
      body: { data: { getPet: { id: '2', name: 'Tom', species: 'cat' } } },
    });
    expect(await graphql(alice.IdToken, { query: 'query { getPet(id: "1") { id } }' })).toEqual({
      status: 200,
      body: { data: { getPet: { id: '1', name: 'Rex', species: 'dog' } } },
    });
    const unknown = (await graphql(alice.IdToken, { query: 'query { listOwners { items { id } } }' })) as { status: number; body: { data: unknown; errors: Array<{ errorType: string }> } };
    expect(unknown.status).toBe(200);
    expect(unknown.body.data).toBeNull();
    expect(unknown.body.errors[0]?.errorType).toBe('ValidationError');
    expect(await graphql(undefined, { query: 'query { me { username } }' })).toEqual({
      status: 401,
      body: { errors: [{ errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.' }] },
    });
    expect(await graphql('garbage', { query: 'query { me { username } }' })).toMatchObject({ status: 401 });
  });

  test('brokenResponses makes GET /pets break the contract', { timeout: TIMEOUT }, async () => {
    const broken = await startDemoApi({ cognitoEndpoint: cognito.endpoint, userPoolId: pool.poolId, clientIds: [secretClient.clientId], brokenResponses: true });
    try {
      const list = await getJson(broken.url + '/pets', alice.IdToken);
      expect(list.status).toBe(200);
      expect(list.body).toEqual([
        { id: 1, name: 'Rex' },
        { id: 2, name: 'Tom' },
        { id: 3, name: 'Tweety' },
      ]);
    } finally {
      await broken.stop();
    }
  });
});

describe('shutdown', () => {
  test('stop ends the process, frees the port and removes the temp data directory', { timeout: TIMEOUT }, async () => {
    await api.stop();
    await proxy.stop();
    const dataDir = cognito.dataDir;
    expect(existsSync(dataDir)).toBe(true);
    await cognito.stop();
    await cognito.stop();
    expect(existsSync(dataDir)).toBe(false);
    await expect(fetch(cognito.endpoint + '/health')).rejects.toThrow(TypeError);
    await expect(fetch(api.url + '/health')).rejects.toThrow(TypeError);
    await expect(cognito.restart()).rejects.toThrow(/was stopped/);
  });
});
