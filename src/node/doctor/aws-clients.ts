// The AWS SDK v3 clients the doctor reads with: credentials from the process (or --profile), a time and a size limit on every call.

import { installLine } from '../optional-dependency';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { Transform, type Readable } from 'node:stream';
import { cognitoSdk, quietNodeVersionWarning } from '../aws-sdk';

/** The most an answer may hold: a Describe* answer is a few kB; anything far larger is not Cognito's. */
export const MAX_ANSWER_BYTES = 1024 * 1024;

/** The name of the error an answer beyond MAX_ANSWER_BYTES ends with (aws-errors.ts words it). */
export const TOO_LARGE = 'AnswerTooLargeError';

/** The name of the error a call that outlived cognito_timeout_ms ends with. */

/** The identity-pool SDK and the line that installs it when it is missing. */
export const IDENTITY_SDK = '@aws-sdk/client-cognito-identity';
export const IDENTITY_SDK_INSTALL = installLine('identityPoolSdk');
export const USER_POOL_SDK = '@aws-sdk/client-cognito-identity-provider';
export const USER_POOL_SDK_INSTALL = installLine('awsSdk');

/** Why an SDK could not be loaded, with the line that installs it. */
export function sdkMissing(error: unknown, name: string, install: string): string {
  if ((error as { code?: unknown }).code === 'MODULE_NOT_FOUND') return name + ' is not installed (it is an optional dependency): ' + install;
  return name + ' could not be loaded (' + String((error as { name?: unknown }).name ?? 'error') + '): reinstall it with ' + install;
}

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
          const error = new Error('the answer is larger than ' + MAX_ANSWER_BYTES + ' bytes, which is not Cognito\'s');
          error.name = TOO_LARGE;
          done(error);
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
    // One attempt: cognito_timeout_ms bounds the whole call, and a doctor that reads once says what it met.
    maxAttempts: 1,
    // Without throwOnRequestTimeout this SDK only logs a warning when requestTimeout passes, and waits on.
    // requestTimeout ends once the headers arrive: sendWithin bounds the whole answer.
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

/** The identity-pool SDK, or undefined when it is not installed (only the doctor's identity-pool checks need it). */
export function loadIdentitySdk(): IdentitySdk | undefined {
  quietNodeVersionWarning();
  try {
    return require(IDENTITY_SDK) as IdentitySdk;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

export function identityPoolClient(sdk: IdentitySdk, access: AwsAccess, region: string, endpoint: string | undefined): CognitoIdentityClient {
  const client = new sdk.CognitoIdentityClient(clientConfig(access, region, endpoint));
  boundAnswers(client);
  return client;
}
