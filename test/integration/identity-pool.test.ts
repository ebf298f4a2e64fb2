// Identity-pool credentials through the built script in newman (the Postman CLI's: postman-cli.test.ts): signed-in and guest requests
// verified by the demo API's IAM routes, calls counted on the wire, renewal near Expiration, and a user of another pool refused clearly.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type LocalStack } from '../support/local-stack';
import { setUpPool } from '../../src/local/pool-setup';
import { runSuite } from '../../src/node/newman-runner';
import { collection as collectionWith, iamScript, item, times } from '../support/collection';
import { iamMe, identityPoolCalls, mixedIamItems, ONCE_FOR_USER_THEN_GUEST, WAIT_PAST_CREDENTIALS_RENEWAL } from '../support/iam-items';
import { assertBuilt, removeTempDirs, waitFor } from './cli-harness';
import { Sha256 } from '@aws-crypto/sha256-js';
import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { SignatureV4 } from '@smithy/signature-v4';

const ALICE = 'Alice-iam-pass-1!x';
/** Every collection here installs the script with identity pools (`pm-cognito install --iam`). */
const collection = (name: string, items: object[]) => collectionWith(name, items, { script: iamScript() });
const CAROL = 'Carol-iam-pass-2!y';
let stack: LocalStack;
let otherPool: { poolId: string; clientId: string };

/** 7 requests as `user`, every even one followed by WAIT_PAST_CREDENTIALS_RENEWAL: renewals at requests 1, 3 and 5, none at 2, 4 and 6. */
const renewing = () => times(7, (i) => iamMe('user ' + i, 'authenticated', '', i % 2 === 0 ? WAIT_PAST_CREDENTIALS_RENEWAL : []));

/** Signed-in and guest, API Gateway-style and AppSync-style, each three times. */
const mixedCollection = (): object => collection('iam', mixedIamItems());

function env(overrides: Record<string, string> = {}): Record<string, string> {
  return { ...stack.connection, cognito_username: 'alice', cognito_password: ALICE, 'cognito_identity_guest@visitor': 'true', ...overrides };
}

beforeAll(async () => {
  await assertBuilt();
  stack = await startTestStack({ clients: [{ name: 'demo' }], users: [{ username: 'alice', password: ALICE }] });
  // A second user pool in the same cognito-local that the identity pool does not name as a provider.
  const other = await setUpPool(stack.cognito, { clients: [{ name: 'other' }], users: [{ username: 'carol', password: CAROL }] });
  otherPool = { poolId: other.poolId, clientId: other.clients[0]!.clientId };
}, 90_000);

afterAll(async () => {
  removeTempDirs();
  await stack?.stop();
});

function resetCounts(): void {
  stack.proxy.reset();
  stack.identityPool.reset();
  stack.identityPool.configure({ credentialsSeconds: 3600, allowUnauthenticated: true });
}

describe('identity-pool credentials through newman', () => {
  it('signed-in and guest requests are verified by the IAM routes; one GetId and one GetCredentialsForIdentity per identity', async () => {
    resetCounts();
    const result = await runSuite({ collection: mixedCollection(), environment: env(), silent: true });
    expect(result.summary.run.failures.map((f) => f.error.message)).toEqual([]);
    expect(result.assertions).toBe(12);
    expect(stack.identityPool.count('GetId')).toBe(2);
    expect(stack.identityPool.count('GetCredentialsForIdentity')).toBe(2);
    expect(identityPoolCalls(stack)).toEqual(ONCE_FOR_USER_THEN_GUEST);
    // The user signs in once for the ID token; the guest needs no sign-in.
    expect(stack.proxy.signIns()).toBe(1);
  }, 90_000);

  it('a guest-only run makes no sign-in at all and needs no user settings', async () => {
    resetCounts();
    const c = collection('guest', times(2, (i) => iamMe('guest ' + i, 'unauthenticated', 'visitor')));
    const result = await runSuite({ collection: c, environment: { baseUrl: stack.connection['baseUrl']!, cognito_identity_pool_id: stack.identityPool.identityPoolId, cognito_identity_endpoint: stack.identityPool.url, 'cognito_identity_guest@visitor': 'true' }, silent: true });
    expect(result.summary.run.failures.map((f) => f.error.message)).toEqual([]);
    expect(result.assertions).toBe(2);
    expect(stack.proxy.calls).toHaveLength(0);
    expect(stack.identityPool.calls).toHaveLength(2);
  }, 60_000);

  it('renews the credentials when their expiration nears, without a second GetId', async () => {
    resetCounts();
    // 2-second credentials: renewed from half their lifetime before Expiration (half the lifetime caps the 60 s margin).
    stack.identityPool.configure({ credentialsSeconds: 2 });
    const c = collection('renew', renewing());
    const result = await runSuite({ collection: c, environment: env(), silent: true });
    expect(result.summary.run.failures.map((f) => f.error.message)).toEqual([]);
    expect(stack.identityPool.count('GetId')).toBe(1);
    // The first credentials and 3 renewals; renewing on every request would make 7.
    expect(stack.identityPool.count('GetCredentialsForIdentity')).toBeGreaterThanOrEqual(4);
    expect(stack.identityPool.count('GetCredentialsForIdentity')).toBeLessThanOrEqual(6);
    expect(stack.proxy.signIns()).toBe(1);
  }, 90_000);

  it('a user of another user pool gets an error naming the settings, and the request is not sent', async () => {
    resetCounts();
    const c = collection('other', [iamMe('carol', 'authenticated')]);
    const result = await runSuite({ collection: c, environment: env({ cognito_user_pool_id: otherPool.poolId, cognito_client_id: otherPool.clientId, cognito_username: 'carol', cognito_password: CAROL }), silent: true });
    const messages = result.summary.run.failures.map((f) => f.error.message);
    expect(messages).toEqual(['pm-cognito: identity pool ' + stack.identityPool.identityPoolId + ' does not accept ID tokens of user pool ' + otherPool.poolId + ' and app client ' + otherPool.clientId + ": add them as an identity provider in the identity pool's User access settings, or check cognito_identity_pool_id, cognito_user_pool_id and cognito_client_id (Cognito Identity said NotAuthorizedException: Token is not from a supported provider of this identity pool.)"]);
    expect(stack.identityPool.calls.map((c) => [c.operation, c.errorType])).toEqual([['GetId', 'NotAuthorizedException']]);
    // Only the script's own calls (sign-in, GetId) were sent: the request itself was skipped.
    expect(result.summary.run.executions.filter((e) => e.request?.url.toString().includes('/iam/me') && e.response !== undefined)).toEqual([]);
  }, 60_000);

  it('guest access turned off names cognito_identity_guest', async () => {
    resetCounts();
    stack.identityPool.configure({ allowUnauthenticated: false });
    const result = await runSuite({ collection: collection('noguest', [iamMe('guest', 'unauthenticated', 'visitor')]), environment: env(), silent: true });
    expect(result.summary.run.failures.map((f) => f.error.message)[0]).toContain('does not allow guest (unauthenticated) access: turn on "Guest access" in the identity pool\'s User access settings, or set cognito_identity_guest@visitor to false');
  }, 60_000);

  it('the default script (installed without --iam) refuses a cognito_iam_* request with the install line, calls nothing and sends nothing', async () => {
    resetCounts();
    const c = collectionWith('default form', [iamMe('user', 'authenticated'), iamMe('guest', 'unauthenticated', 'visitor'), item({ name: 'token me', path: '/me' })]);
    const result = await runSuite({ collection: c, environment: env(), silent: true });
    const messages = result.summary.run.failures.map((f) => f.error.message);
    const refusal = 'pm-cognito: this request names cognito_iam_* variables (identity pools), which this installed script leaves out: install the script with them: npx pm-cognito install --iam <collection> (in the Postman app, paste dist/pm-cognito.iam.prerequest.js)';
    expect(messages).toEqual([refusal, refusal]);
    expect(stack.identityPool.calls).toEqual([]);
    // Only the token request signed in and was sent; the two IAM requests were skipped.
    expect(stack.proxy.signIns()).toBe(1);
    expect(result.summary.run.executions.filter((e) => e.request?.url.toString().includes('/iam/me') && e.response !== undefined)).toEqual([]);
    // newman lists an execution once per event it saw: one object, several times.
    expect([...new Set(result.summary.run.executions)].filter((e) => e.request?.url.toString() === stack.connection['baseUrl'] + '/me').map((e) => e.response?.code)).toEqual([200]);
  }, 60_000);
});

// 'identity-pool credentials through the Postman CLI 1.62.0' (its two tests) is in postman-cli.test.ts: they read that
// file's one Postman CLI run (a start costs seconds of CPU), a part of it of their own.

describe('the demo API verifies SigV4 against the issued credentials', () => {
  async function guestCredentials() {
    const client = new CognitoIdentityClient({ region: 'us-east-1', endpoint: stack.identityPool.url, maxAttempts: 1 });
    const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: stack.identityPool.identityPoolId }));
    const { Credentials } = await client.send(new GetCredentialsForIdentityCommand({ IdentityId }));
    return { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretKey!, sessionToken: Credentials!.SessionToken! };
  }

  async function call(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string }, service = 'execute-api', signedAt = new Date()) {
    const url = new URL(stack.api.url + '/iam/me?x=1');
    const signer = new SignatureV4({ credentials, region: 'us-east-1', service, sha256: Sha256 });
    const signed = await signer.sign({ method: 'GET', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/iam/me', query: { x: '1' }, headers: { host: url.host } }, { signingDate: signedAt });
    const response = await fetch(url, { headers: signed.headers });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('accepts the right signature and refuses a wrong secret, another service, an old signature, unknown and expired keys', async () => {
    resetCounts();
    const good = await guestCredentials();
    expect(await call(good)).toMatchObject({ status: 200, body: { cognitoAuthenticationType: 'unauthenticated' } });
    expect(await call({ ...good, secretAccessKey: good.secretAccessKey.slice(1) + 'x' })).toMatchObject({ status: 403, body: { message: expect.stringMatching(/^The request signature we calculated does not match/) } });
    expect(await call(good, 'appsync')).toEqual({ status: 403, body: { message: "Credential should be scoped to correct service: 'execute-api'." } });
    expect((await call(good, 'execute-api', new Date(Date.now() - 6 * 60_000))).body['message']).toMatch(/^Signature expired/);
    expect(await call({ ...good, accessKeyId: 'ASIAAAAAAAAAAAAAAAAA' })).toEqual({ status: 403, body: { message: 'The security token included in the request is invalid.' } });
    expect(await call({ ...good, sessionToken: 'other' })).toEqual({ status: 403, body: { message: 'The security token included in the request is invalid.' } });
    stack.identityPool.configure({ credentialsSeconds: 1 });
    const short = await guestCredentials();
    // Until they are refused (Expiration is on a whole second: 1 to 2 s from now), not a fixed sleep.
    await waitFor(async () => (await call(short)).status !== 200, 'the 1-second credentials to be refused', 5_000);
    expect(await call(short)).toEqual({ status: 403, body: { message: 'The security token included in the request is expired' } });
    const unsigned = await fetch(stack.api.url + '/iam/me');
    expect([unsigned.status, await unsigned.json()]).toEqual([403, { message: 'Missing Authentication Token' }]);
  }, 60_000);
});
