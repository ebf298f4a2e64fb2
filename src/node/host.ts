// The core's host in Node (CLI, runner): fetch with a time limit, a Map as the token store, node:crypto randomness.

import { readLimited } from './read-limited';
import { randomBytes } from 'node:crypto';
import { TransportError } from '../core/errors';
import { redact } from '../core/redact';
import { MAX_ANSWER_BYTES, type Host, type HttpRequest, type HttpResponse, type TokenStore } from '../core/transport';

export function mapStore(initial: Record<string, string> = {}): TokenStore & { entries(): Record<string, string> } {
  const map = new Map(Object.entries(initial));
  return {
    get: (name) => map.get(name),
    set: (name, value) => void map.set(name, value),
    entries: () => Object.fromEntries(map),
  };
}

export async function fetchTransport(request: HttpRequest, timeoutMs: number): Promise<HttpResponse> {
  const controller = new AbortController();
  // One limit for the whole exchange, the body included: an answer dripping one byte at a time ends here too.
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    // Cognito never redirects: a 3xx is its own (wrong) answer, not a reason to post the sign-in, password included, elsewhere.
    const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, signal: controller.signal, redirect: 'manual' });
    const body = await readLimited(response, MAX_ANSWER_BYTES, () => {
      controller.abort();
      return new TransportError({ kind: 'too-large', url: request.url, limit: MAX_ANSWER_BYTES });
    });
    const contentType = response.headers.get('content-type');
    return contentType === null ? { status: response.status, body } : { status: response.status, body, contentType };
  } catch (error) {
    if (error instanceof TransportError) throw error;
    if (controller.signal.aborted) {
      throw new TransportError({ kind: 'timeout', timeoutMs });
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
    throw new TransportError({ kind: 'unreachable', url: request.url, detail });
  } finally {
    clearTimeout(timer);
  }
}

export function nodeHost(options: { store?: TokenStore; log?: (message: string) => void } = {}): Host {
  return {
    transport: fetchTransport,
    store: options.store ?? mapStore(),
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    randomBytes: (length) => new Uint8Array(randomBytes(length)),
    log: (message) => (options.log ?? ((text: string) => void process.stderr.write(text + '\n')))(redact(message)),
  };
}
