// Why an AWS read gave no answer, in words for a "skipped" line, and which later reads that reason stops.

import { TIMED_OUT } from '../aws-sdk';
import { TOO_LARGE } from './aws-clients';

export const NO_CREDENTIALS = 'no AWS credentials for the read-only Cognito calls (set AWS_PROFILE or AWS_ACCESS_KEY_ID, or give --profile)';

export interface AwsProblem {
  why: string;
  /** AWS said the thing does not exist. */
  notFound: boolean;
  /** No credentials, or AWS did not accept them: every other call would meet the same, so the caller stops calling. */
  credentialsProblem: boolean;
  /** The endpoint did not answer (in time, or at all): later reads there and the sign-in are not tried. */
  unreachable: boolean;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN', 'EPIPE']);

/** An error AWS answered with (it has the SDK's $fault), whose message is AWS's own words. */
function isServiceError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && '$fault' in error && '$metadata' in error;
}

/**
 * Why an AWS call (`action`: its IAM action, e.g. cognito-idp:DescribeUserPool) gave no answer. Only AWS's own
 * messages are shown; of any other error only its name and code (its message may quote the request).
 */
export function explainAwsError(error: unknown, action: string): AwsProblem {
  const name = (error as { name?: unknown }).name;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const said = (why: string, more: Partial<Omit<AwsProblem, 'why'>> = {}): AwsProblem => ({ why, notFound: false, credentialsProblem: false, unreachable: false, ...more });
  // By name first: a signature refusal can mention "Credential" too ("Credential should be scoped to a valid region").
  if (name === 'CredentialsProviderError' || !isServiceError(error) && /Could not load credentials/i.test(message)) {
    return said(NO_CREDENTIALS, { credentialsProblem: true });
  }
  if (name === 'UnrecognizedClientException' || name === 'InvalidSignatureException' || name === 'ExpiredTokenException' || name === 'InvalidClientTokenId' || name === 'IncompleteSignatureException' || name === 'MissingAuthenticationTokenException') {
    return said('AWS did not accept the credentials (' + String(name) + '): check AWS_PROFILE / --profile or refresh them', { credentialsProblem: true });
  }
  if (name === 'ResourceNotFoundException' || name === 'UserNotFoundException') return said(message, { notFound: true });
  if (name === 'AccessDeniedException' || name === 'NotAuthorizedException') return said('AWS refused ' + action + ' (' + String(name) + '): the credentials need permission for ' + action);
  if (name === TIMED_OUT || name === 'AbortError' || code === 'ETIMEDOUT') return said(action + ' got no answer in time', { unreachable: true });
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return said(action + ' could not reach the endpoint (' + code + ')', { unreachable: true });
  if (name === TOO_LARGE) return said(action + ' failed (' + message + ')');
  if (isServiceError(error)) return said(action + ' failed (' + String(name ?? 'error') + ': ' + message.slice(0, 200) + ')');
  return said(action + ' failed (' + String(name ?? 'error') + (typeof code === 'string' && /^[A-Z_]+$/.test(code) ? ', ' + code : '') + ')');
}
