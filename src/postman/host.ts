// The core's host inside Postman: pm.sendRequest, collection variables, the sandbox's clock and randomness.

import { TransportError } from '../core/errors';
import type { Host, HttpRequest, HttpResponse } from '../core/transport';
import { readStored } from './variable-lookup';

declare const crypto: { getRandomValues?(array: Uint8Array): Uint8Array } | undefined;

export function postmanHost(): Host {
  return {
    transport: sendRequest,
    store: { get: readStored, set: (name, value) => pm.collectionVariables.set(name, value) },
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    randomBytes,
    log: (message) => console.log(message),
  };
}

/**
 * The app's sandbox has crypto.getRandomValues. newman 6.2.2's sandbox has nothing better than
 * Math.random, so there each byte mixes two Math.random draws; this is used for SRP's secret
 * exponent and for retry jitter.
 */
export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  if (typeof crypto !== 'undefined' && crypto !== null && typeof crypto.getRandomValues === 'function') {
    return crypto.getRandomValues(out);
  }
  for (let i = 0; i < length; i++) {
    out[i] = (Math.floor(Math.random() * 256) ^ Math.floor(Math.random() * 256)) & 0xff;
  }
  return out;
}

function sendRequest(request: HttpRequest, timeoutMs: number): Promise<HttpResponse> {
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    // The sandbox waits for pending timers before sending the request, so the timer is always cleared.
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      reject(TransportError.timeout(timeoutMs));
    }, timeoutMs);
    const header = Object.keys(request.headers).map((key) => ({ key, value: request.headers[key]! }));
    pm.sendRequest({ url: request.url, method: request.method, header, body: { mode: 'raw', raw: request.body } }, (error, response) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        const code = error.code ?? '';
        reject(TransportError.unreachable(request.url, code || error.message || 'network error'));
        return;
      }
      let body = '';
      try {
        body = response.text();
      } catch {
        body = '';
      }
      const contentType = response.headers.get('Content-Type');
      resolve(contentType === undefined ? { status: response.code, body } : { status: response.code, body, contentType });
    });
  });
}
