// pm-cognito's error hierarchy: a stable code per class, structured facts set where the error is made, messages built from them.

import { clip, redact } from './redact';
import { isRecord } from './safe-json';
import { SETTING_SPECS } from './setting-specs';

export type ErrorCode =
  | 'SETTINGS_INVALID'
  | 'COGNITO_NOT_AUTHORIZED'
  | 'COGNITO_USER_NOT_FOUND'
  | 'COGNITO_RESOURCE_NOT_FOUND'
  | 'COGNITO_INVALID_PARAMETER'
  | 'COGNITO_USER_NOT_CONFIRMED'
  | 'COGNITO_PASSWORD_RESET_REQUIRED'
  | 'COGNITO_THROTTLED'
  | 'COGNITO_INVALID_PASSWORD'
  | 'COGNITO_CHALLENGE_UNSUPPORTED'
  | 'COGNITO_CHALLENGE_NEEDS_SETTING'
  | 'COGNITO_UNKNOWN_ERROR'
  | 'COGNITO_BAD_RESPONSE'
  | 'COGNITO_UNREACHABLE'
  | 'COGNITO_TIMEOUT'
  | 'TOKEN_INVALID'
  // Issue 13 (identity pools): the refusals that each name one setting or console switch to change.
  | 'IDENTITY_POOL_NOT_FOUND'
  | 'IDENTITY_POOL_PROVIDER_REFUSED'
  | 'IDENTITY_POOL_GUEST_DISABLED'
  | 'IDENTITY_POOL_ROLE_REFUSED';
// The Node side and the CLI have codes of their own (src/node/node-errors.ts, src/cli/usage-error.ts): core knows none of them.

/** What an error knows about its cause; each field is set by the code that makes the error. */
export interface ErrorFacts {
  /** The identity whose sign-in failed ('' is the default identity). */
  identity?: string;
  /** The variable to change, as the user sees it (`cognito_password@admin`). */
  setting?: string;
  /** Trying the same call again later may succeed (throttling, 5xx, network faults). */
  retryable?: boolean;
  /** The same settings meet the same refusal whenever they are tried: later requests of a run need not call Cognito again. */
  permanent?: boolean;
  /** Cognito's own error type (`NotAuthorizedException`...), for callers that choose a fallback by it. */
  cognitoType?: string;
  /** Cognito's own message, beside its type. */
  cognitoMessage?: string;
}

/**
 * The base of every pm-cognito error; abstract, so each error is made as the subclass a caller can branch on.
 * `C` is the code family: core's own codes by default, the Node side's and the CLI's in their own modules.
 */
export abstract class PmCognitoError<C extends string = ErrorCode> extends Error {
  readonly code: C;
  readonly identity: string;
  readonly setting: string | undefined;
  readonly retryable: boolean;
  readonly permanent: boolean;
  readonly cognitoType: string | undefined;
  readonly cognitoMessage: string | undefined;

  constructor(code: C, message: string, facts: ErrorFacts = {}) {
    // Every message passes here: no known secret (a client secret given as the client id, one quoted by Cognito) survives.
    super(redact(message));
    this.name = 'PmCognitoError';
    this.code = code;
    this.identity = facts.identity ?? '';
    this.setting = facts.setting;
    this.retryable = facts.retryable === true;
    this.permanent = facts.permanent === true && !this.retryable;
    this.cognitoType = facts.cognitoType;
    this.cognitoMessage = facts.cognitoMessage === undefined ? undefined : clip(redact(facts.cognitoMessage));
  }
}

/**
 * Settings that are missing or invalid: every problem of one identity in one message, found before any network call.
 * `problems` are listed with a count; a single `text` is a whole sentence of its own.
 */
export class SettingsError extends PmCognitoError {
  readonly problems: readonly string[];

  /** `subject` names which settings in the message ('identity-pool settings'); default 'settings'. */
  constructor(facts: ErrorFacts & { problems?: readonly string[]; text?: string; subject?: string }) {
    const who = facts.identity ? ' for identity "' + facts.identity + '"' : '';
    const problems = facts.problems ?? [];
    super('SETTINGS_INVALID', facts.text !== undefined ? 'pm-cognito: ' + facts.text
      : 'pm-cognito ' + (facts.subject ?? 'settings') + who + ' need attention (' + problems.length + '): ' + problems.join('; ') + '.', facts);
    this.problems = facts.text !== undefined ? [facts.text] : problems;
  }
}

type RefusalCode = Extract<ErrorCode, `COGNITO_${string}`>;

/** Cognito (or the OAuth token endpoint) answered and said no; permanent unless the facts say otherwise. */
export class CognitoRefusal extends PmCognitoError {
  constructor(code: RefusalCode, text: string, facts: ErrorFacts = {}) {
    const said = facts.cognitoType !== undefined ? ' (Cognito said ' + facts.cognitoType + ': ' + (facts.cognitoMessage || 'no message') + ')' : '';
    super(code, 'pm-cognito: ' + text + said, { permanent: true, ...facts });
  }
}

type IdentityPoolCode = Extract<ErrorCode, `IDENTITY_POOL_${string}`> | 'COGNITO_THROTTLED' | 'COGNITO_RESOURCE_NOT_FOUND'
  | 'COGNITO_NOT_AUTHORIZED' | 'COGNITO_INVALID_PARAMETER' | 'COGNITO_UNKNOWN_ERROR';

/**
 * Cognito Identity (an identity pool) answered and said no. Not permanent: Cognito Identity locks no one out, so the
 * next request simply asks again. `cognitoType` and `cognitoMessage` are required: the message quotes them.
 */
export class IdentityPoolRefusal extends PmCognitoError {
  constructor(code: IdentityPoolCode, text: string, facts: ErrorFacts & { cognitoType: string }) {
    super(code, 'pm-cognito: ' + text + ' (Cognito Identity said ' + facts.cognitoType + ': ' + (facts.cognitoMessage || 'no message') + ')', facts);
  }
}

/** A challenge that pm-cognito cannot answer, or can answer only with a setting that is not set. Permanent. */
export class ChallengeError extends PmCognitoError {
  constructor(code: 'COGNITO_CHALLENGE_UNSUPPORTED' | 'COGNITO_CHALLENGE_NEEDS_SETTING', text: string, facts: ErrorFacts = {}) {
    super(code, 'pm-cognito: ' + text, { ...facts, permanent: true });
  }
}

/** An answer that is not Cognito's (HTML, cut-off JSON, unknown shape); retryable only for a gateway's 5xx. */
export class BadResponseError extends PmCognitoError {
  constructor(code: 'COGNITO_BAD_RESPONSE' | 'COGNITO_UNREACHABLE', text: string, facts: ErrorFacts = {}) {
    super(code, 'pm-cognito: ' + text, facts);
  }
}

/**
 * What failed on the way to Cognito, kept so that the message can name the settings of the identity the call was for:
 * no answer within the time limit (retried), the network failed (retried), an answer longer than any Cognito answer
 * (`limit` bytes: not read further, not retried), or a call given up on (its retry succeeded) that is still open
 * `timeoutMs` later (newman would hold the request for it without end, so the request is skipped; not retried).
 */
export type TransportFailure = { kind: 'timeout'; timeoutMs: number } | { kind: 'unreachable'; url: string; detail: string }
  | { kind: 'too-large'; url: string; limit: number } | { kind: 'abandoned'; timeoutMs: number };

/** The settings a transport failure points at: the default identity's until the caller says whose call it was. */
interface TransportNames {
  endpointVariables: string;
  timeoutVariable: string;
}

/** Built when an error needs it: a module-level value read from the table would keep this module's code in the fast path (src/tools/served-return.ts). */
const defaultNames = (): TransportNames => ({
  endpointVariables: SETTING_SPECS.endpoint.variable + ' / ' + SETTING_SPECS.region.variable,
  timeoutVariable: SETTING_SPECS.timeoutMs.variable,
});

/**
 * No whole answer: the hosts build these from a TransportFailure (`new TransportError({ kind: 'timeout', timeoutMs })`);
 * the client re-phrases them with `forIdentity` so that `@admin`'s failure names
 * `cognito_endpoint@admin`, not the default identity's setting.
 */
export class TransportError extends PmCognitoError {
  constructor(private readonly failure: TransportFailure, names = defaultNames(), identity = '') {
    super(failure.kind === 'timeout' || failure.kind === 'abandoned' ? 'COGNITO_TIMEOUT' : failure.kind === 'too-large' ? 'COGNITO_BAD_RESPONSE' : 'COGNITO_UNREACHABLE', 'pm-cognito: ' + (failure.kind === 'timeout'
      ? 'Cognito did not answer within ' + failure.timeoutMs + ' ms (' + names.timeoutVariable + '): check the endpoint is reachable from here'
      : failure.kind === 'abandoned' ? 'a call to Cognito got no whole answer within ' + failure.timeoutMs + ' ms (' + names.timeoutVariable + ') and is still open, so this request is not sent: if Cognito is only slow from here, raise ' + names.timeoutVariable
      : failure.kind === 'too-large' ? 'the answer from ' + failure.url + ' is larger than ' + failure.limit + ' bytes, which no Cognito answer is: check ' + names.endpointVariables + ' point at Cognito'
      : 'could not reach Cognito at ' + failure.url + ' (' + clip(failure.detail) + '): check ' + names.endpointVariables + ' and the network'), { retryable: failure.kind === 'timeout' || failure.kind === 'unreachable', identity });
  }

  /** The same failure, naming the settings of the identity whose call it was. */
  forIdentity(identity: string, names: TransportNames): TransportError {
    return new TransportError(this.failure, names, identity);
  }
}

/** A token that is not a readable JWT; `forIdentity` names the endpoint setting of the identity whose sign-in got it. */
export class TokenError extends PmCognitoError {
  constructor(private readonly what: string, endpointVariable = 'cognito_endpoint', identity = '') {
    super('TOKEN_INVALID', 'The ' + what + ' from Cognito is not a readable JWT: check that ' + endpointVariable + ' points at Cognito', { identity, setting: endpointVariable });
  }

  /** The same error for the identity whose answer it was, naming its endpoint setting (`cognito_endpoint@admin`). */
  forIdentity(identity: string, endpointVariable: string): TokenError {
    return new TokenError(this.what, endpointVariable, identity);
  }
}

/** A refusal this run already met with the same settings, told again without asking Cognito. Permanent. */
export class RepeatedRefusal extends PmCognitoError {
  constructor(earlierMessage: string, identity: string) {
    super('COGNITO_NOT_AUTHORIZED', earlierMessage + ' [not tried again: this run already failed with the same settings]', { identity, permanent: true });
  }
}

/** The run stopped calling an endpoint after too many throttled or failed calls in a row: no call was made. */
export class BackoffError extends PmCognitoError {
  constructor(message: string, identity: string) {
    super('COGNITO_THROTTLED', message, { identity });
  }
}

/**
 * The same error, of the same class, with a note appended (how often it was tried, why it was not tried again);
 * every fact kept, `facts` laid over them.
 */
export function withNote<E extends PmCognitoError<string>>(error: E, note: string, facts: ErrorFacts = {}): E {
  const noted = Object.create(Object.getPrototypeOf(error) as object) as E;
  Object.assign(noted, error, facts);
  for (const [name, value] of [['message', redact(error.message + ' [' + note + ']')], ['stack', error.stack]]) {
    Object.defineProperty(noted, name!, { value, writable: true, configurable: true, enumerable: false });
  }
  return noted;
}

export const isPmCognitoError = (value: unknown): value is PmCognitoError<string> => {
  return value instanceof PmCognitoError ||
    (isRecord(value) && value['name'] === 'PmCognitoError');
};

/** A message safe to show for any thrown value: ours as is, anything else wrapped. */
export const describeError = (value: unknown): string => {
  if (isPmCognitoError(value)) return redact(value.message);
  const text = value instanceof Error ? value.message : String(value);
  return 'pm-cognito failed unexpectedly: ' + clip(redact(text)) + '. Please report this with the steps that led to it.';
};
