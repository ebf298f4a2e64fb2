// What the core needs from its host (Postman sandbox or Node): HTTP, a clock, timers, randomness, a store.

export interface HttpRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

/** The longest answer read (1 MiB): Cognito's answers are a few kB; anything longer is not Cognito and is not read on. */
export const MAX_ANSWER_BYTES = 1_048_576;

/**
 * The code of the network error `pm-cognito run` ends a Cognito answer with once it passes MAX_ANSWER_BYTES
 * (src/node/cognito-answer-cap.ts), before newman has buffered it: the script reports it as an answer too large.
 */
export const ANSWER_CUT_CODE = 'EPMCOGNITO_ANSWER_TOO_LARGE';

export interface HttpResponse {
  status: number;
  body: string;
  contentType?: string;
}

/**
 * Sends one request. Rejects with PmCognitoError COGNITO_UNREACHABLE (connection failures), COGNITO_TIMEOUT (no
 * whole answer within timeoutMs, a dripping one included) or COGNITO_BAD_RESPONSE (an answer over MAX_ANSWER_BYTES);
 * any HTTP status resolves.
 */
export type Transport = (request: HttpRequest, timeoutMs: number) => Promise<HttpResponse>;

/** Where tokens are cached: collection variables in Postman, a Map in the CLI. */
export interface TokenStore {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

export interface Host {
  transport: Transport;
  store: TokenStore;
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Uniform random bytes: crypto.getRandomValues where the host has it. */
  randomBytes(length: number): Uint8Array;
  log(message: string): void;
}

/** A debug line (cognito_debug), naming the identity unless it is the default one. */
export const debugLog = (host: Host, settings: { debug: boolean; identity: string }, text: string): void => {
  if (settings.debug) host.log('pm-cognito' + (settings.identity ? ' [' + settings.identity + ']' : '') + ': ' + text);
};
