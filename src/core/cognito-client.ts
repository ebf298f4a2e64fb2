// Calls Cognito's JSON API through a host transport, with a time limit, bounded retries and strict parsing.

import { BadResponseError, PmCognitoError, TransportError, withNote } from './errors';
import { cognitoError, shortType, type CognitoFault } from './cognito-errors';
import { awaitTurn, recordFailure, recordSuccess } from './backoff-memory';
import { checkEndpoint } from './endpoint-check';
import { clip, rememberSecrets } from './redact';
import { isRecord, safeJsonParse } from './safe-json';
import type { Settings } from './settings';
import { variableName } from './settings';
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
  /** The signer's reading of the refusals only signed calls meet (AWS refusing its credentials); undefined leaves the fault to cognitoError. */
  refused?: (fault: CognitoFault, operation: string) => PmCognitoError | undefined;
}

/**
 * A JSON 1.1 AWS service as the core calls it: Cognito user pools here, Cognito Identity in
 * identity-pool-client.ts. Both answer errors as `{"__type", "message"}` and share transport, limits and retries.
 */
export interface AwsJsonService {
  /** URL to POST to. */
  endpoint: string;
  /** The identity the call is for ('' is the default identity), carried by its errors. */
  identity: string;
  /** X-Amz-Target before the operation's name, e.g. `AWSCognitoIdentityProviderService.` */
  targetPrefix: string;
  timeoutMs: number;
  debug: boolean;
  /** The settings that choose the endpoint, named in messages, e.g. `cognito_endpoint / cognito_region`. */
  endpointVariables: string;
  /** The setting of the time limit, named when it passes, e.g. `cognito_timeout_ms@admin`. */
  timeoutVariable: string;
  /** The variable that sets `endpoint`, named when the endpoint is refused (`cognito_endpoint@admin`). */
  endpointVariable: string;
  /** The host the user allows besides AWS and loopback (cognito_allow_endpoint). */
  allowEndpoint: string | undefined;
  /** Turns the service's own error answer into an error naming the setting to fix (retryable where a retry helps). */
  fault(fault: CognitoFault, operation: string): PmCognitoError;
}

/** POSTs one Cognito operation and returns the parsed JSON object, or throws a PmCognitoError. */
export const callCognito = async (
  host: Host,
  settings: Settings,
  operation: string,
  payload: Record<string, unknown>,
  options: CallOptions = {},
): Promise<Record<string, unknown>> => {
  rememberSecrets([settings.password, settings.newPassword, settings.clientSecret, settings.totpSecret, settings.awsSecretAccessKey, settings.awsSessionToken]);
  return callAwsJson(host, {
    endpoint: settings.endpoint,
    endpointVariable: variableName('endpoint', settings.identity),
    allowEndpoint: settings.allowEndpoint,
    identity: settings.identity,
    targetPrefix: 'AWSCognitoIdentityProviderService.',
    timeoutMs: settings.timeoutMs,
    debug: settings.debug,
    endpointVariables: endpointVariables(settings),
    timeoutVariable: variableName('timeoutMs', settings.identity),
    fault: (fault, op) => options.refused?.(fault, op) ?? cognitoError(fault, settings, op),
  }, operation, payload, options);
};

/** POSTs one operation of a JSON 1.1 AWS service and returns the parsed JSON object, or throws a PmCognitoError. */
export const callAwsJson = async (
  host: Host,
  service: AwsJsonService,
  operation: string,
  payload: Record<string, unknown>,
  options: CallOptions = {},
): Promise<Record<string, unknown>> => {
  const refused = checkEndpoint(service.endpoint, service.allowEndpoint, service.endpointVariable, service.identity);
  if (refused) throw refused;
  const body = JSON.stringify(payload);
  return withRetries(host, options.retry ?? DEFAULT_RETRY, service, operation, async () => {
    let request: HttpRequest = {
      url: service.endpoint,
      method: 'POST',
      headers: {
        'Content-Type': COGNITO_CONTENT_TYPE,
        'X-Amz-Target': service.targetPrefix + operation,
      },
      body,
    };
    if (options.sign) request = options.sign(request);
    const response = await host.transport(request, service.timeoutMs).catch((error: unknown) => {
      throw error instanceof TransportError ? error.forIdentity(service.identity, service) : error;
    });
    const parsed = safeJsonParse(response.body);
    if (response.status >= 200 && response.status < 300) {
      if (!isRecord(parsed)) throw serviceBadResponse(service, operation, response.status, response.body);
      return parsed;
    }
    if (isRecord(parsed) && (typeof parsed['__type'] === 'string' || typeof parsed['code'] === 'string')) {
      const type = shortType(String(parsed['__type'] ?? parsed['code']));
      // A remote party chooses this text: cut it, so that no reporter spends minutes printing it.
      const message = clip(typeof parsed['message'] === 'string' ? parsed['message']
        : typeof parsed['Message'] === 'string' ? parsed['Message'] : '');
      throw service.fault({ type, message }, operation);
    }
    // A gateway's error page or an empty 5xx (or 429) is worth another try; Cognito's own JSON errors were handled above.
    throw serviceBadResponse(service, operation, response.status, response.body, response.status >= 500 || response.status === 429);
  }, { endpoint: service.endpoint, identity: service.identity });
};

/** What an answer that is not Cognito's JSON looks like, for the error message (never the body itself: it may echo tokens). */
const describeBody = (body: string): string => {
  const text = body.trim();
  if (text === '') return 'an empty body';
  if (text.startsWith('<')) return 'an HTML page';
  if ((text.startsWith('{') || text.startsWith('[')) && safeJsonParse(text) === undefined) return 'cut-off or malformed JSON';
  return 'an answer of an unknown shape';
};

const endpointVariables = (settings: Settings): string => variableName('endpoint', settings.identity) + ' / ' + variableName('region', settings.identity);

/**
 * A non-retryable answer that is not Cognito's: an HTML page with 200, cut-off JSON, an unknown shape.
 * `body` is the raw answer or, for callers that already parsed it, a short description of what was wrong.
 */
export const badResponse = (settings: Settings, operation: string, status: number, body: string): PmCognitoError => serviceBadResponse({ endpoint: settings.endpoint, endpointVariables: endpointVariables(settings), identity: settings.identity }, operation, status, body);

/** badResponse for any JSON service (Cognito Identity too); `gateway`: a 5xx or 429 page, worth another try. */
export const serviceBadResponse = (service: Pick<AwsJsonService, 'endpoint' | 'endpointVariables' | 'identity'>, operation: string, status: number, body: string, gateway = false): PmCognitoError => {
  return new BadResponseError(gateway ? 'COGNITO_UNREACHABLE' : 'COGNITO_BAD_RESPONSE', operation + ' got HTTP ' + status + ' with ' + describeBody(body) + ' from ' + service.endpoint + ', which is not Cognito\'s answer: check ' + service.endpointVariables
    + (gateway ? ' point at Cognito and that it is reachable, or run again later' : ''), { retryable: gateway, identity: service.identity });
};

/** Runs `attempt`, trying again with exponential backoff and full jitter while the error is retryable. */
export const withRetries = async <T>(
  host: Host,
  policy: RetryPolicy,
  settings: Pick<Settings, 'debug'>,
  operation: string,
  attempt: () => Promise<T>,
  backoff?: { endpoint: string; identity: string },
): Promise<T> => {
  for (let i = 1; ; i++) {
    // Run-wide: another request's failures may ask for a pause, or have spent the run's budget (that throws).
    if (backoff) await awaitTurn(host, backoff.endpoint, backoff.identity);
    try {
      const result = await attempt();
      if (backoff) recordSuccess(host, backoff.endpoint);
      return result;
    } catch (error) {
      const retryable = error instanceof PmCognitoError ? error.retryable : false;
      if (!retryable) {
        if (backoff) recordSuccess(host, backoff.endpoint);
        throw error;
      }
      const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (i - 1));
      const jitter = host.randomBytes(2);
      const delay = Math.round(cap * ((jitter[0]! * 256 + jitter[1]!) / 65535));
      // The pause is remembered, so the next request of the run waits too instead of calling at once.
      if (backoff) recordFailure(host, backoff.endpoint, delay, error as PmCognitoError);
      if (i >= policy.attempts) {
        // Say how hard we tried: "it failed" and "it failed 4 times with backoff" call for different fixes.
        throw i > 1 ? withNote(error as PmCognitoError, 'gave up after ' + i + ' attempts') : error;
      }
      if (settings.debug) host.log('pm-cognito: ' + operation + ' attempt ' + i + ' failed (' + (error as PmCognitoError).code + '), retrying in ' + delay + ' ms');
      if (!backoff) await host.sleep(delay);
    }
  }
};
