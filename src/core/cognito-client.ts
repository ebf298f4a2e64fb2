// Calls Cognito's JSON API through a host transport, with a time limit, bounded retries and strict parsing.

import { PmCognitoError } from './errors';
import { cognitoError, shortType } from './cognito-errors';
import { isRecord, safeJsonParse } from './safe-json';
import type { Settings } from './settings';
import type { Host, HttpRequest } from './transport';

export const COGNITO_CONTENT_TYPE = 'application/x-amz-json-1.1';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 4000 };

export type Signer = (request: HttpRequest) => HttpRequest;

export interface CallOptions {
  retry?: RetryPolicy;
  /** Adds a signature (SigV4 for the Admin* operations). Called again for every attempt. */
  sign?: Signer;
}

/** POSTs one Cognito operation and returns the parsed JSON object, or throws a PmCognitoError. */
export async function callCognito(
  host: Host,
  settings: Settings,
  operation: string,
  payload: Record<string, unknown>,
  options: CallOptions = {},
): Promise<Record<string, unknown>> {
  const body = JSON.stringify(payload);
  return withRetries(host, options.retry ?? DEFAULT_RETRY, settings, operation, async () => {
    let request: HttpRequest = {
      url: settings.endpoint,
      method: 'POST',
      headers: {
        'Content-Type': COGNITO_CONTENT_TYPE,
        'X-Amz-Target': 'AWSCognitoIdentityProviderService.' + operation,
      },
      body,
    };
    if (options.sign) request = options.sign(request);
    const response = await host.transport(request, settings.timeoutMs);
    const parsed = safeJsonParse(response.body);
    if (response.status >= 200 && response.status < 300) {
      if (!isRecord(parsed)) throw badResponse(settings, operation, response.status, response.body);
      return parsed;
    }
    if (isRecord(parsed) && (typeof parsed['__type'] === 'string' || typeof parsed['code'] === 'string')) {
      const type = shortType(String(parsed['__type'] ?? parsed['code']));
      const message = typeof parsed['message'] === 'string' ? parsed['message']
        : typeof parsed['Message'] === 'string' ? parsed['Message'] : '';
      throw cognitoError({ type, message }, settings, operation);
    }
    if (response.status >= 500 || response.status === 429) {
      throw new PmCognitoError('COGNITO_UNREACHABLE', 'pm-cognito: Cognito answered HTTP ' + response.status + ' to ' + operation + ' repeatedly: check ' + settings.endpoint + ' is reachable and healthy, or run again later', { retryable: true });
    }
    throw badResponse(settings, operation, response.status, response.body);
  });
}

export function badResponse(settings: Settings, operation: string, status: number, body: string): PmCognitoError {
  const looksHtml = /^\s*</.test(body);
  const what = body.trim() === '' ? 'an empty body' : looksHtml ? 'an HTML page' : 'something that is not Cognito\'s JSON';
  const v = settings.identity ? '@' + settings.identity : '';
  return new PmCognitoError('COGNITO_BAD_RESPONSE', 'pm-cognito: ' + operation + ' got HTTP ' + status + ' with ' + what + ' from ' + settings.endpoint + ': check cognito_endpoint' + v + ' / cognito_region' + v + ' (a proxy or a wrong URL answers like this)');
}

/** Runs `attempt`, trying again with exponential backoff and full jitter while the error is retryable. */
export async function withRetries<T>(
  host: Host,
  policy: RetryPolicy,
  settings: Settings,
  operation: string,
  attempt: () => Promise<T>,
): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      const retryable = error instanceof PmCognitoError ? error.retryable : false;
      if (!retryable || i >= policy.attempts) throw error;
      const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (i - 1));
      const jitter = host.randomBytes(2);
      const delay = Math.round(cap * ((jitter[0]! * 256 + jitter[1]!) / 65535));
      if (settings.debug) host.log('pm-cognito: ' + operation + ' attempt ' + i + ' failed (' + (error as PmCognitoError).code + '), retrying in ' + delay + ' ms');
      await host.sleep(delay);
    }
  }
}

