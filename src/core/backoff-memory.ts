// Remembers, run-wide, that an endpoint throttled or failed, so a struggling Cognito sees a bounded number of calls per run, not per request.

import { BackoffError, type PmCognitoError } from './errors';
import { safeJsonParse, isRecord } from './safe-json';
import type { Host } from './transport';

/**
 * Failed or throttled calls in a row (throttling, 5xx, timeouts, refused connections) after which a run makes no
 * more calls to that endpoint: the first request's 4 attempts and 2 more. 20 requests against a Cognito that
 * throttles every call make 6 calls, not 80.
 */
export const RUN_BUDGET = 6;

/** A failure older than this (ms) is forgotten: the next run, or a later one in the Postman app, tries afresh. */
export const FORGET_AFTER_MS = 60_000;

interface Memory {
  /** No call before this time (ms since the epoch). */
  until: number;
  /** Failed calls in a row. */
  count: number;
  /** When the last failure was. */
  last: number;
  /** The last failure's message (no secret: messages are redacted when made). */
  message: string;
}

/** Where one endpoint's memory is kept (a collection variable in Postman). */
export const backoffVariable = (endpoint: string): string => 'pm_cognito_backoff ' + endpoint;

const recall = (host: Host, endpoint: string): Memory | undefined => {
  const parsed = safeJsonParse(host.store.get(backoffVariable(endpoint)) ?? '');
  if (!isRecord(parsed)) return undefined;
  const { until, count, last, message } = parsed;
  if (typeof until !== 'number' || typeof count !== 'number' || typeof last !== 'number' || typeof message !== 'string') return undefined;
  return host.now() - last > FORGET_AFTER_MS ? undefined : { until, count, last, message };
};

/** Before a call: waits out a back-off another request started, or throws once the run's budget is spent. */
export const awaitTurn = async (host: Host, endpoint: string, identity: string): Promise<void> => {
  const memory = recall(host, endpoint);
  if (memory === undefined) return;
  if (memory.count >= RUN_BUDGET) {
    throw new BackoffError('pm-cognito: no call made for identity ' + (identity ? '"' + identity + '"' : 'default') + ': this run backed off from ' + endpoint
      + ' after ' + memory.count + ' failed or throttled calls in a row, the last: ' + memory.message.replace(/^pm-cognito: /, '')
      + '. Run again later, with fewer parallel runs', identity);
  }
  const wait = memory.until - host.now();
  if (wait > 0) await host.sleep(wait);
};

/** After a retryable failure: one more in a row, no call before `delayMs` from now. Returns the count. */
export const recordFailure = (host: Host, endpoint: string, delayMs: number, error: PmCognitoError): number => {
  const count = (recall(host, endpoint)?.count ?? 0) + 1;
  const now = host.now();
  const memory: Memory = { until: now + delayMs, count, last: now, message: error.message };
  host.store.set(backoffVariable(endpoint), JSON.stringify(memory));
  if (count === RUN_BUDGET) host.log('pm-cognito: ' + endpoint + ' failed or throttled ' + count + ' calls in a row (identity ' + (error.identity || 'default') + '): this run backs off and makes no more calls to it; run again later');
  return count;
};

/** After an answer: the endpoint works, forget its failures. */
export const recordSuccess = (host: Host, endpoint: string): void => {
  if (host.store.get(backoffVariable(endpoint))) host.store.set(backoffVariable(endpoint), '');
};
