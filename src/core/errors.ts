// One error type for everything pm-cognito reports: a stable code plus a message that says what to do.

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

export class PmCognitoError extends Error {
  readonly code: ErrorCode;
  /** Whether trying the same call again later may succeed (throttling, 5xx, network faults). */
  readonly retryable: boolean;
  /** Cognito's own error type (`NotAuthorizedException`...) when the error is Cognito's answer, for callers that choose a fallback by it. */
  readonly cognitoType: string | undefined;

  constructor(code: ErrorCode, message: string, options: { retryable?: boolean; cognitoType?: string } = {}) {
    super(message);
    this.name = 'PmCognitoError';
    this.code = code;
    this.retryable = options.retryable === true;
    this.cognitoType = options.cognitoType;
  }
}

export function isPmCognitoError(value: unknown): value is PmCognitoError {
  return value instanceof PmCognitoError ||
    (typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'PmCognitoError');
}

/** A message safe to show for any thrown value: ours as is, anything else wrapped. */
export function describeError(value: unknown): string {
  if (isPmCognitoError(value)) return value.message;
  const text = value instanceof Error ? value.message : String(value);
  return 'pm-cognito failed unexpectedly: ' + text + '. Please report this with the steps that led to it.';
}
