// Turns Cognito's error answers into messages that say what went wrong and what to change.

import { PmCognitoError, type ErrorCode } from './errors';
import type { Settings } from './settings';
import { variableName } from './settings';

export interface CognitoFault {
  type: string;
  message: string;
}

/** Error types worth another try: throttling and Cognito's own failures. */
const RETRYABLE_TYPES = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'LimitExceededException',
  'InternalErrorException',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
]);

export function isRetryableType(type: string): boolean {
  return RETRYABLE_TYPES.has(type);
}

/** Cognito's `__type` may come as `com.amazonaws...#NotAuthorizedException`. */
export function shortType(type: string): string {
  const hash = type.lastIndexOf('#');
  const short = hash >= 0 ? type.slice(hash + 1) : type;
  const colon = short.indexOf(':');
  return colon >= 0 ? short.slice(0, colon) : short;
}

/** Refusals that the same settings meet again, whenever they are tried: wrong credentials, unknown client or user, a challenge that cannot be answered. */
const PERMANENT_CODES = new Set<ErrorCode>([
  'COGNITO_NOT_AUTHORIZED', 'COGNITO_USER_NOT_FOUND', 'COGNITO_RESOURCE_NOT_FOUND', 'COGNITO_INVALID_PARAMETER',
  'COGNITO_USER_NOT_CONFIRMED', 'COGNITO_PASSWORD_RESET_REQUIRED', 'COGNITO_INVALID_PASSWORD',
  'COGNITO_CHALLENGE_UNSUPPORTED', 'COGNITO_CHALLENGE_NEEDS_SETTING',
]);

/** Refusals with a permanent-looking code that depend on the moment: an expired challenge session, a TOTP code already used. */
const momentary = new WeakSet<PmCognitoError>();

/**
 * Whether a failed sign-in will fail the same way if tried again with the same settings later in the run,
 * so later requests may fail at once instead of calling Cognito again (Cognito locks users after repeated
 * failed sign-ins). Throttling, network faults, answers that are not Cognito's, an expired challenge
 * session and a reused TOTP code are not permanent: a moment later they may pass.
 */
export function isPermanentRefusal(error: unknown): boolean {
  return error instanceof PmCognitoError && !error.retryable && PERMANENT_CODES.has(error.code) && !momentary.has(error);
}

function momentaryRefusal(error: PmCognitoError): PmCognitoError {
  momentary.add(error);
  return error;
}

export function cognitoError(fault: CognitoFault, settings: Settings, operation: string): PmCognitoError {
  const v = (key: Parameters<typeof variableName>[0]) => variableName(key, settings.identity);
  const who = settings.authFlow === 'CLIENT_CREDENTIALS' ? 'app client ' + settings.clientId : 'user "' + settings.username + '"';
  const said = ' (Cognito said ' + fault.type + ': ' + (fault.message || 'no message') + ')';
  const make = (code: ErrorCode, text: string, retryable = false) =>
    new PmCognitoError(code, 'pm-cognito: ' + text + said, { retryable });

  switch (fault.type) {
    case 'NotAuthorizedException':
      if (/configured with secret but SECRET_HASH was not received/i.test(fault.message)) {
        return make('COGNITO_NOT_AUTHORIZED', 'the app client has a client secret: set ' + v('clientSecret') + ' to it');
      }
      if (/not configured for secret/i.test(fault.message)) {
        return make('COGNITO_NOT_AUTHORIZED', 'the app client has no client secret: leave ' + v('clientSecret') + ' empty');
      }
      if (/secret hash/i.test(fault.message)) {
        return make('COGNITO_NOT_AUTHORIZED', 'Cognito could not verify the SECRET_HASH for ' + who + ': set ' + v('clientSecret') + ' to the app client\'s secret, or leave it empty if the client has none');
      }
      if (/not enabled|not supported/i.test(fault.message)) {
        return make('COGNITO_INVALID_PARAMETER', 'the app client does not allow ' + settings.authFlow + ': enable it in the app client\'s authentication flows, or set ' + v('authFlow') + ' to a flow it allows');
      }
      if (/refresh token/i.test(fault.message)) {
        return make('COGNITO_NOT_AUTHORIZED', 'the cached refresh token for ' + who + ' was refused (expired or revoked)');
      }
      if (/disabled/i.test(fault.message)) {
        return make('COGNITO_NOT_AUTHORIZED', 'the ' + who + ' is disabled: enable it with `aws cognito-idp admin-enable-user` or use another test user');
      }
      if (/attempts exceeded/i.test(fault.message)) {
        return make('COGNITO_NOT_AUTHORIZED', 'Cognito has locked ' + who + ' after too many failed sign-ins: wait, then check ' + v('password'));
      }
      if (/session/i.test(fault.message)) {
        return momentaryRefusal(make('COGNITO_NOT_AUTHORIZED', 'Cognito refused the sign-in session of ' + who + ' (it lasts 3 minutes): run again'));
      }
      return make('COGNITO_NOT_AUTHORIZED', 'Cognito refused the sign-in of ' + who + ': check ' + v('username') + ' and ' + v('password') + (settings.clientSecret ? ' (and ' + v('clientSecret') + ')' : ''));
    case 'InvalidPasswordException':
      if (operation === 'RespondToAuthChallenge') {
        return make('COGNITO_INVALID_PASSWORD', 'Cognito refused the new password for ' + who + ': set ' + v('newPassword') + ' to one that meets the pool\'s password policy');
      }
      // cognito-local answers a wrong password this way, where AWS says NotAuthorizedException.
      return make('COGNITO_NOT_AUTHORIZED', 'Cognito refused the sign-in of ' + who + ': check ' + v('username') + ' and ' + v('password'));
    case 'UserNotFoundException':
      return make('COGNITO_USER_NOT_FOUND', 'there is no ' + who + ' in the user pool: check ' + v('username') + ', and that ' + v('clientId') + ' belongs to the pool the user is in');
    case 'ResourceNotFoundException':
      return make('COGNITO_RESOURCE_NOT_FOUND', 'Cognito does not know the app client or user pool: check ' + v('clientId') + ', ' + v('userPoolId') + ' and that ' + v('region') + ' / ' + v('endpoint') + ' is where the pool lives');
    case 'InvalidParameterException':
      if (/flow not enabled|not enabled for this client/i.test(fault.message)) {
        return make('COGNITO_INVALID_PARAMETER', 'the app client does not allow ' + settings.authFlow + ': enable ALLOW_' + settings.authFlow + ' in the app client\'s authentication flows, or set ' + v('authFlow') + ' to a flow it allows');
      }
      if (/SECRET_HASH/i.test(fault.message)) {
        return make('COGNITO_INVALID_PARAMETER', 'the app client has a secret: set ' + v('clientSecret'));
      }
      return make('COGNITO_INVALID_PARAMETER', 'Cognito refused a parameter of the sign-in: check ' + v('clientId') + ', ' + v('authFlow') + ' and ' + v('username'));
    case 'UserNotConfirmedException':
      return make('COGNITO_USER_NOT_CONFIRMED', 'the ' + who + ' has not confirmed sign-up: confirm it (`aws cognito-idp admin-confirm-sign-up`) or use a confirmed test user');
    case 'PasswordResetRequiredException':
      return make('COGNITO_PASSWORD_RESET_REQUIRED', 'Cognito requires a password reset for ' + who + ': set a permanent password with `aws cognito-idp admin-set-user-password --permanent`, then update ' + v('password'));
    case 'CodeMismatchException':
      return make('COGNITO_NOT_AUTHORIZED', 'Cognito refused the MFA code for ' + who + ': check ' + v('totpSecret') + ' and that this machine\'s clock is right');
    case 'ExpiredCodeException':
      // Also what Cognito says to a TOTP code used twice (two sign-ins of one user within 30 s): the next code passes.
      return momentaryRefusal(make('COGNITO_NOT_AUTHORIZED', 'Cognito refused the MFA code for ' + who + ': check ' + v('totpSecret') + ' and that this machine\'s clock is right'));
    case 'UnrecognizedClientException':
    case 'InvalidSignatureException':
    case 'SignatureDoesNotMatch':
    case 'IncompleteSignature':
    case 'IncompleteSignatureException':
    case 'MissingAuthenticationToken':
    case 'MissingAuthenticationTokenException':
    case 'ExpiredTokenException':
    case 'InvalidClientTokenId':
      return make('COGNITO_NOT_AUTHORIZED', 'AWS refused the credentials that sign ' + operation + ': check ' + v('awsAccessKeyId') + ', ' + v('awsSecretAccessKey') + ' and ' + v('awsSessionToken') + ' (temporary credentials expire), and that this machine\'s clock is right');
    case 'AccessDeniedException':
      return make('COGNITO_NOT_AUTHORIZED', 'the AWS credentials in ' + v('awsAccessKeyId') + ' may not call cognito-idp:' + operation + ' on this user pool: grant it in their IAM policy');
    case 'InvalidUserPoolConfigurationException':
      return make('COGNITO_INVALID_PARAMETER', 'the user pool is not set up for ' + settings.authFlow + ': check the app client\'s authentication flows');
    default:
      if (isRetryableType(fault.type)) {
        return make('COGNITO_THROTTLED', 'Cognito is throttling or failing for now. Sign in less often (pm-cognito caches tokens; check that the collection variables persist) or run again later', true);
      }
      return make('COGNITO_UNKNOWN_ERROR', 'Cognito refused ' + operation + ' for ' + who + ': read Cognito\'s message below, and check the settings it points at');
  }
}
