// Proves the identity-pool double with AWS's own clients: the Cognito Identity SDK client and fromCognitoIdentityPool get credentials from it, and its refusals are AWS's.

import { afterEach, describe, expect, it } from 'vitest';
import { generateKeyPairSync, sign } from 'node:crypto';
import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-providers';
import { startIdentityPoolDouble, type IdentityPoolDouble, type IdentityPoolDoubleOptions } from '../../src/local/identity-pool-double';
import { refusal } from '../support/refusal';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const POOL = 'us-east-1_Double13';
const PROVIDER = 'cognito-idp.us-east-1.amazonaws.com/' + POOL;
const CLIENT = 'client13abc';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const JWK = { ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' };

/** An ID token as a user pool signs it; `claims` override the defaults. */
function idToken(claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'k1' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify({ sub: 'sub-alice', iss: 'https://' + PROVIDER, aud: CLIENT, token_use: 'id', iat: now, exp: now + 3600, 'cognito:username': 'alice', ...claims })).toString('base64url');
  return header + '.' + payload + '.' + sign('RSA-SHA256', Buffer.from(header + '.' + payload), privateKey).toString('base64url');
}

let double: IdentityPoolDouble | undefined;
afterEach(async () => {
  await double?.stop();
  double = undefined;
});

async function start(options: IdentityPoolDoubleOptions = {}): Promise<{ double: IdentityPoolDouble; client: CognitoIdentityClient }> {
  double = await startIdentityPoolDouble({ providers: [{ providerName: PROVIDER, clientIds: [CLIENT], jwks: { keys: [JWK] } }], ...options });
  const client = new CognitoIdentityClient({ region: double.region, endpoint: double.url, maxAttempts: 1 });
  return { double, client };
}

describe('identity-pool double through the AWS SDK', () => {
  it('gives a guest an identity and credentials it can later look up', async () => {
    const { double, client } = await start();
    const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: double.identityPoolId }));
    expect(IdentityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    const { Credentials } = await client.send(new GetCredentialsForIdentityCommand({ IdentityId }));
    expect(Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(Credentials?.Expiration).toBeInstanceOf(Date);
    const issued = double.credentials(Credentials!.AccessKeyId!)!;
    expect(issued).toMatchObject({ secretAccessKey: Credentials!.SecretKey, sessionToken: Credentials!.SessionToken, identityId: IdentityId, authenticated: false });
    expect(Math.abs(issued.expiresAt - Date.now() - 3600_000)).toBeLessThan(5000);
    expect(Credentials!.Expiration!.getTime()).toBe(issued.expiresAt);
    expect(double.credentials('ASIANOTISSUED0000000')).toBeUndefined();
  });

  it('fromCognitoIdentityPool gets credentials for a signed-in user, with one identity per user', async () => {
    const { double } = await start({ credentialsSeconds: 900 });
    const provider = () => fromCognitoIdentityPool({ identityPoolId: double.identityPoolId, logins: { [PROVIDER]: idToken() }, clientConfig: { region: double.region, endpoint: double.url } });
    const first = await provider()();
    const second = await provider()();
    expect(first.identityId).toBe(second.identityId);
    expect(first.accessKeyId).not.toBe(second.accessKeyId);
    expect(double.credentials(first.accessKeyId)).toMatchObject({ authenticated: true, identityId: first.identityId, secretAccessKey: first.secretAccessKey });
    expect(first.expiration!.getTime() - Date.now()).toBeGreaterThan(890_000);
    expect(double.calls.map((c) => [c.operation, c.withLogins, c.status])).toEqual([
      ['GetId', true, 200], ['GetCredentialsForIdentity', true, 200], ['GetId', true, 200], ['GetCredentialsForIdentity', true, 200],
    ]);
    const other = await fromCognitoIdentityPool({ identityPoolId: double.identityPoolId, logins: { [PROVIDER]: idToken({ sub: 'sub-bob' }) }, clientConfig: { region: double.region, endpoint: double.url } })();
    expect(other.identityId).not.toBe(first.identityId);
  });

  it('refuses as Cognito Identity does', async () => {
    const { double, client } = await start();
    const getId = (logins?: Record<string, string>, pool = double.identityPoolId) => client.send(new GetIdCommand({ IdentityPoolId: pool, ...(logins ? { Logins: logins } : {}) }));
    expect(await refusal(getId(undefined, 'us-east-1:11111111-2222-4333-8444-555555555555'))).toEqual({ name: 'ResourceNotFoundException', message: "IdentityPool 'us-east-1:11111111-2222-4333-8444-555555555555' not found." });
    expect(await refusal(getId({ 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Other': idToken() }))).toEqual({ name: 'NotAuthorizedException', message: 'Token is not from a supported provider of this identity pool.' });
    expect((await refusal(getId({ [PROVIDER]: idToken({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other' }) }))).message).toBe("Invalid login token. Issuer doesn't match providerName");
    expect((await refusal(getId({ [PROVIDER]: idToken({ aud: 'another' }) }))).message).toBe('Invalid login token. Incorrect token audience.');
    expect((await refusal(getId({ [PROVIDER]: idToken({ exp: Math.floor(Date.now() / 1000) - 1 }) }))).message).toMatch(/^Invalid login token\. Token expired/);
    expect((await refusal(getId({ [PROVIDER]: idToken().slice(0, -4) + 'AAAA' }))).message).toBe("Invalid login token. Couldn't verify signed token.");
    const { IdentityId } = await getId({ [PROVIDER]: idToken() });
    expect(await refusal(client.send(new GetCredentialsForIdentityCommand({ IdentityId })))).toEqual({ name: 'NotAuthorizedException', message: "Access to Identity '" + IdentityId + "' is forbidden." });
    expect((await refusal(client.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: { [PROVIDER]: idToken({ sub: 'sub-bob' }) } })))).message).toMatch(/^Logins don't match/);
  });

  it('refuses guests when guest access is off, and any identity whose role does not trust the pool', async () => {
    const { double, client } = await start({ allowUnauthenticated: false, roleTrust: { authenticated: false } });
    expect(await refusal(client.send(new GetIdCommand({ IdentityPoolId: double.identityPoolId })))).toEqual({ name: 'NotAuthorizedException', message: 'Unauthenticated access is not supported for this identity pool.' });
    const logins = { [PROVIDER]: idToken() };
    const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: double.identityPoolId, Logins: logins }));
    expect(await refusal(client.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins })))).toEqual({ name: 'InvalidIdentityPoolConfigurationException', message: 'Invalid identity pool configuration. Check assigned IAM roles for this pool.' });
  });
});

describe('input checks from AWS\'s Smithy model of Cognito Identity (the SDK sends what it is given)', () => {
  it('answers a malformed IdentityPoolId with ValidationException in the wording seen from AWS', async () => {
    const { client } = await start();
    // Seen in a public report of a real AWS answer, character for character.
    expect(await refusal(client.send(new GetIdCommand({ IdentityPoolId: 'us-east-2:mock' })))).toEqual({
      name: 'ValidationException',
      message: "1 validation error detected: Value 'us-east-2:mock' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+",
    });
    // A user pool ARN pasted in by mistake breaks both the length and the pattern.
    const arn = 'arn:aws:cognito-idp:us-east-1:100641718971:userpool/us-east-1_y3LHvvlPG';
    expect((await refusal(client.send(new GetIdCommand({ IdentityPoolId: arn })))).message).toBe(
      `2 validation errors detected: Value '${arn}' at 'identityPoolId' failed to satisfy constraint: Member must have length less than or equal to 55; ` +
        `Value '${arn}' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+`,
    );
  });

  it('names a missing IdentityId, and never echoes a login token', async () => {
    const { double, client } = await start();
    expect(await refusal(client.send(new GetCredentialsForIdentityCommand({} as never)))).toEqual({
      name: 'ValidationException',
      message: "1 validation error detected: Value null at 'identityId' failed to satisfy constraint: Member must not be null",
    });
    const token = 'eyJ' + 'x'.repeat(50_000);
    const out = await refusal(client.send(new GetIdCommand({ IdentityPoolId: double.identityPoolId, Logins: { [PROVIDER]: token } })));
    expect(out).toEqual({
      name: 'ValidationException',
      message: "1 validation error detected: Value at 'logins' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 50000]",
    });
    expect(double.calls.map((c) => c.errorType)).toEqual(['ValidationException', 'ValidationException']);
  });

  it('answers a Logins that is not a map with SerializationException', async () => {
    const { double, client } = await start();
    expect(await refusal(client.send(new GetIdCommand({ IdentityPoolId: double.identityPoolId, Logins: 'token' as never })))).toEqual({
      name: 'SerializationException',
      message: 'Expected map or null',
    });
  });
});
