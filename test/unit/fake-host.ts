// A Host for unit tests: a scripted transport, a frozen clock that sleeps instantly, a Map store.

import type { Host, HttpRequest, HttpResponse } from '../../src/core/transport';

export type Responder = (request: HttpRequest, index: number) => HttpResponse | Error;

export function fakeHost(responder: Responder, start = 1_800_000_000_000) {
  const requests: HttpRequest[] = [];
  const logs: string[] = [];
  const sleeps: number[] = [];
  const store = new Map<string, string>();
  let now = start;
  const host: Host = {
    transport: async (request) => {
      requests.push(request);
      const answer = responder(request, requests.length - 1);
      if (answer instanceof Error) throw answer;
      return answer;
    },
    store: { get: (n) => store.get(n), set: (n, v) => void store.set(n, v) },
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    randomBytes: (n) => new Uint8Array(n).fill(0xff), // jitter at its maximum: sleeps equal the backoff caps
    log: (m) => void logs.push(m),
  };
  return { host, requests, logs, sleeps, store, advance: (ms: number) => { now += ms; } };
}

export function json(status: number, body: unknown): HttpResponse {
  return { status, body: JSON.stringify(body) };
}

export function fault(type: string, message: string): HttpResponse {
  return json(400, { __type: type, message });
}
