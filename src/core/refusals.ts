// The families of Cognito's refusals, one class per kind of fix, so that callers branch with instanceof (not on a code or a message).

import { CognitoRefusal, type ErrorFacts } from './errors';

/** COGNITO_NOT_AUTHORIZED: Cognito said no to this sign-in; the subclass says which family of fix. Permanent unless it says otherwise. */
export abstract class NotAuthorized extends CognitoRefusal {
  constructor(text: string, facts: ErrorFacts = {}) {
    super('COGNITO_NOT_AUTHORIZED', text, facts);
  }
}

/** A wrong or missing password, client secret, MFA code or client credentials: a setting is wrong. */
export class CredentialsRefused extends NotAuthorized {}

/** The user's state (disabled, locked out, judged risky) refuses it: the fix is in the pool, not in the settings. */
export class UserBlocked extends NotAuthorized {}

/** The cached refresh token is expired, revoked or already rotated out: signing in again helps. */
export class RefreshTokenRefused extends NotAuthorized {}

/** AWS refused the credentials that sign an Admin* call, or IAM does not let them call it. */
export class AwsCredentialsRefused extends NotAuthorized {}

/** Refused this time only (the challenge session expired, a TOTP code was used twice): the next sign-in may pass. */
export class TransientRefusal extends NotAuthorized {
  constructor(text: string, facts: ErrorFacts = {}) {
    super(text, { ...facts, permanent: false });
  }
}

/** COGNITO_INVALID_PARAMETER for a flow the app client does not allow: the fix is the app client's flows or the flow setting. */
export class FlowNotAllowed extends CognitoRefusal {
  constructor(text: string, facts: ErrorFacts = {}) {
    super('COGNITO_INVALID_PARAMETER', text, facts);
  }
}

/** Throttled, or the service failing for now: retryable by its type (as aws-jwt-verify types its fetch errors), never permanent. */
export class RetryableRefusal extends CognitoRefusal {
  constructor(code: 'COGNITO_THROTTLED' | 'COGNITO_UNREACHABLE', text: string, facts: ErrorFacts = {}) {
    super(code, text, { ...facts, retryable: true });
  }
}

/** COGNITO_THROTTLED: Cognito's answer said to slow down or that it is failing for now. */
export class Throttled extends RetryableRefusal {
  constructor(text: string, facts: ErrorFacts = {}) {
    super('COGNITO_THROTTLED', text, facts);
  }
}
