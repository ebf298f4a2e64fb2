// The core's host inside Postman: pm.sendRequest, collection variables, the sandbox's clock and randomness.

import { TransportError } from '../core/errors';
import { redact } from '../core/redact';
import { ANSWER_CUT_CODE, MAX_ANSWER_BYTES, type Host, type HttpRequest, type HttpResponse } from '../core/transport';
import { readStored } from './variable-lookup';

declare const crypto: { getRandomValues?(array: Uint8Array): Uint8Array } | undefined;

/** The sandbox's timers, as a promise. */
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const postmanHost = (): Host => {
  return {
    transport: sendRequest,
    store: { get: readStored, set: (name, value) => pm.collectionVariables.set(name, value) },
    now: () => Date.now(),
    sleep,
    randomBytes,
    log: (message) => console.log(redact(message)),
  };
};

/**
 * The app's sandbox has crypto.getRandomValues. newman 6.2.2's sandbox has nothing better than
 * Math.random, so there each byte mixes two Math.random draws; this is used for SRP's secret
 * exponent and for retry jitter.
 */
export const randomBytes = (length: number): Uint8Array => {
  const out = new Uint8Array(length);
  if (typeof crypto !== 'undefined' && crypto !== null && typeof crypto.getRandomValues === 'function') {
    return crypto.getRandomValues(out);
  }
  for (let i = 0; i < length; i++) {
    out[i] = (Math.floor(Math.random() * 256) ^ Math.floor(Math.random() * 256)) & 0xff;
  }
  return out;
};

/**
 * Calls that passed their time limit and are still open. newman 6.2.2 cannot cancel a pm.sendRequest, and before
 * sending the request it waits for every open one: a Cognito that drips its answer forever would hang the run. Only
 * a skipped request does not wait, so the full code skips the request when this is not 0 (see full-code.ts).
 */
let abandoned = 0;
/** The longest time limit among them (ms). */
let abandonedLimit = 0;

/**
 * Resolves once no abandoned call is open, waiting at most their time limit once more; else rejects with an error
 * naming cognito_timeout_ms, so that the request is skipped (the tokens a retry got are cached for the next one).
 */
export const settleAbandoned = async (): Promise<void> => {
  for (let waited = 0; abandoned > 0 && waited < abandonedLimit; waited += 50) await sleep(50);
  if (abandoned === 0) return;
  throw new TransportError({ kind: 'abandoned', timeoutMs: abandonedLimit });
};

const sendRequest = (request: HttpRequest, timeoutMs: number): Promise<HttpResponse> => {
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    // The sandbox waits for pending timers before sending the request, so the timer is always cleared.
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      abandoned++;
      abandonedLimit = Math.max(abandonedLimit, timeoutMs);
      reject(new TransportError({ kind: 'timeout', timeoutMs }));
    }, timeoutMs);
    const header = Object.entries(request.headers).map(([key, value]) => ({ key, value }));
    pm.sendRequest({ url: request.url, method: request.method, header, body: { mode: 'raw', raw: request.body } }, (error, response) => {
      if (settled) {
        abandoned--;
        return;
      }
      settled = true;
      clearTimeout(timer);
      // Too large: cut by `pm-cognito run` (its error code), or read whole by the runtime, whose size is known without making a string of it.
      if (error ? error.code === ANSWER_CUT_CODE : (response.responseSize ?? 0) > MAX_ANSWER_BYTES) return reject(new TransportError({ kind: 'too-large', url: request.url, limit: MAX_ANSWER_BYTES }));
      if (error) return reject(new TransportError({ kind: 'unreachable', url: request.url, detail: error.code || error.message || 'network error' }));
      let body = '';
      try {
        body = response.text();
      } catch {
        // An unreadable body reads as empty: the caller says what it expected.
      }
      // No contentType: core judges an answer by its status and body alone (describeBody).
      resolve({ status: response.code, body });
    });
  });
};
