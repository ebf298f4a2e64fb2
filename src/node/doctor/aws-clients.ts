// The AWS SDK v3 clients the doctor reads with: credentials from the process (or --profile), a time and a size limit on every call.

import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { Transform, type Readable } from 'node:stream';
import { cognitoSdk, quietNodeVersionWarning } from '../aws-sdk';

/** The most an answer may hold: a Describe* answer is a few kB; anything far larger is not Cognito's. */
export const MAX_ANSWER_BYTES = 1024 * 1024;

type Next = (args: unknown) => Promise<{ response: { body?: unknown } }>;
interface Stack { add(middleware: (next: Next) => Next, options: Record<string, unknown>): void }

/**
 * Cuts off an answer beyond MAX_ANSWER_BYTES before the SDK has read it all: a middleware inside the SDK's
 * deserializer (deserialize step, low priority) wraps the raw body stream in a counter.
 */
function boundAnswers(client: { middlewareStack: unknown }): void {
  (client.middlewareStack as Stack).add((next) => async (args) => {
    const out = await next(args);
    const body = out.response.body as Readable | undefined;
    if (body === undefined || typeof body.pipe !== 'function') return out;
    let seen = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        seen += chunk.length;
        if (seen > MAX_ANSWER_BYTES) {
          body.destroy();
          done(new Error('the answer is larger than ' + MAX_ANSWER_BYTES + ' bytes, which is not Cognito\'s'));
        } else {
          done(null, chunk);
        }
      },
    });
    body.on('error', (error) => counter.destroy(error));
    out.response.body = body.pipe(counter);
    return out;
  }, { step: 'deserialize', priority: 'low', name: 'pmCognitoBoundedAnswer' });
}

export interface AwsAccess {
  /** A named profile of ~/.aws/config (--profile); else the default chain. */
  profile: string | undefined;
  /** The CLI's environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY there are used as they are. */
  env: NodeJS.ProcessEnv;
  /** Time limit of each call (connection and answer), in ms. */
  timeoutMs: number;
}

/** Client options shared by both services: region, endpoint, credentials, limits. */
function clientConfig(access: AwsAccess, region: string, endpoint: string | undefined): Record<string, unknown> {
  const config: Record<string, unknown> = {
    region,
    maxAttempts: 2,
    // Without throwOnRequestTimeout this SDK only logs a warning when requestTimeout passes, and waits on.
    requestHandler: { requestTimeout: access.timeoutMs, connectionTimeout: access.timeoutMs, throwOnRequestTimeout: true },
  };
  if (endpoint !== undefined) config['endpoint'] = endpoint;
  const key = access.env['AWS_ACCESS_KEY_ID'];
  const secret = access.env['AWS_SECRET_ACCESS_KEY'];
  if (access.profile !== undefined) {
    config['profile'] = access.profile;
  } else if (key !== undefined && key !== '' && secret !== undefined && secret !== '') {
    const token = access.env['AWS_SESSION_TOKEN'];
    config['credentials'] = token !== undefined && token !== '' ? { accessKeyId: key, secretAccessKey: secret, sessionToken: token } : { accessKeyId: key, secretAccessKey: secret };
  }
  return config;
}

export async function userPoolClient(access: AwsAccess, region: string, endpoint: string | undefined): Promise<{ client: CognitoIdentityProviderClient; sdk: Awaited<ReturnType<typeof cognitoSdk>> }> {
  const sdk = await cognitoSdk();
  const client = new sdk.CognitoIdentityProviderClient(clientConfig(access, region, endpoint));
  boundAnswers(client);
  return { client, sdk };
}

type IdentitySdk = typeof import('@aws-sdk/client-cognito-identity');

export async function identityPoolClient(access: AwsAccess, region: string, endpoint: string | undefined): Promise<{ client: CognitoIdentityClient; sdk: IdentitySdk }> {
  quietNodeVersionWarning();
  // Loaded on first use, like the user-pool SDK (it is a dependency only the doctor's identity-pool checks need).
  const sdk = require('@aws-sdk/client-cognito-identity') as IdentitySdk;
  const client = new sdk.CognitoIdentityClient(clientConfig(access, region, endpoint));
  boundAnswers(client);
  return { client, sdk };
}

export const NO_CREDENTIALS = 'no AWS credentials for the read-only Cognito calls (set AWS_PROFILE or AWS_ACCESS_KEY_ID, or give --profile)';

/**
 * Why an AWS call (`action`: its IAM action, e.g. cognito-idp:DescribeUserPool) gave no answer, in words for a
 * "skipped" line. `notFound`: AWS said the thing does not exist. `credentialsProblem`: no credentials, or AWS did not
 * accept them; every other call would meet the same, so the caller stops calling.
 */
export function explainAwsError(error: unknown, action: string): { why: string; notFound: boolean; credentialsProblem: boolean } {
  const name = (error as { name?: unknown }).name;
  const message = error instanceof Error ? error.message : String(error);
  const said = (why: string, more: Partial<{ notFound: boolean; credentialsProblem: boolean }> = {}) => ({ why, notFound: false, credentialsProblem: false, ...more });
  // By name first: a signature refusal can mention "Credential" too ("Credential should be scoped to a valid region").
  if (name === 'CredentialsProviderError' || (typeof name !== 'string' || !name.endsWith('Exception')) && /Could not load credentials/i.test(message)) {
    return said(NO_CREDENTIALS, { credentialsProblem: true });
  }
  if (name === 'UnrecognizedClientException' || name === 'InvalidSignatureException' || name === 'ExpiredTokenException' || name === 'InvalidClientTokenId') {
    return said('AWS did not accept the credentials (' + String(name) + '): check AWS_PROFILE / --profile or refresh them', { credentialsProblem: true });
  }
  if (name === 'ResourceNotFoundException' || name === 'UserNotFoundException') return said(message, { notFound: true });
  if (name === 'AccessDeniedException' || name === 'NotAuthorizedException') return said('AWS refused ' + action + ' (' + String(name) + '): the credentials need permission for ' + action);
  if (name === 'TimeoutError' || /timed? ?out/i.test(message)) return said(action + ' got no answer in time');
  return said(action + ' failed (' + String(name ?? 'error') + ': ' + message.slice(0, 200) + ')');
}
