// Loads the AWS SDK's Cognito client only in the commands that call AWS, and without its Node-version notice.

import { requireOptional } from './optional-dependency';

type CognitoSdk = typeof import('@aws-sdk/client-cognito-identity-provider');

/**
 * The SDK's documented switch for its NodeVersionSupportWarning. The notice is about SDK releases
 * published after January 2027 dropping Node 20; pm-cognito pins its SDK version, so on Node 20 (which
 * package.json supports) it is noise in every CI log. A user who set the variable keeps their value.
 */
export const NODE_VERSION_WARNING_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

/** Turns the notice off for this process, before an SDK client is made (the demo's pool setup calls this too). */
export function quietNodeVersionWarning(): void {
  if (process.env[NODE_VERSION_WARNING_SWITCH] === undefined) process.env[NODE_VERSION_WARNING_SWITCH] = 'true';
}

/**
 * The SDK module, loaded on first use (loading it takes about half a second, which `--version` or `token` should not
 * pay). It is an optional peer dependency: without it, an InputError (exit 2) names what needed it and the install line.
 */
export async function cognitoSdk(neededBy = 'pm-cognito users'): Promise<CognitoSdk> {
  requireOptional('awsSdk', neededBy);
  quietNodeVersionWarning();
  // require, not import(): the CLI is a CommonJS bundle and the SDK ships CommonJS for Node.
  return require('@aws-sdk/client-cognito-identity-provider') as CognitoSdk;
}

/** The name of the error a call that ran out of time ends with. */
export const TIMED_OUT = 'TimeoutError';

interface Sender<T> { send(command: unknown, options: { abortSignal: AbortSignal }): Promise<T> }

/**
 * One call within `timeoutMs` from the request to the last byte of the answer (the SDK's requestTimeout stops at
 * the headers, so an answer that drips would hold the command). The abort ends the SDK's socket; the race makes
 * sure the command moves on even if a stream ignores it.
 */
export async function sendWithin<C, T>(client: C, command: unknown, timeoutMs: number): Promise<T> {
  const signal = AbortSignal.timeout(timeoutMs);
  const timedOut = () => Object.assign(new Error('no answer within ' + timeoutMs + ' ms'), { name: TIMED_OUT });
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(timedOut());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([(client as unknown as Sender<T>).send(command, { abortSignal: signal }), aborted]);
  } catch (error) {
    throw signal.aborted ? timedOut() : error;
  } finally {
    if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
    aborted.catch(() => undefined);
  }
}
