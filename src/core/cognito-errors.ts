// Turns Cognito's error answers into messages that say what went wrong and what to change.

import { CognitoRefusal, PmCognitoError, type ErrorCode, type ErrorFacts } from './errors';
import { CredentialsRefused, FlowNotAllowed, RefreshTokenRefused, Throttled, TransientRefusal, UserBlocked } from './refusals';
import type { Settings } from './settings';
import { settingVariable, variableName } from './settings';

export interface CognitoFault {
  type: string;
  message: string;
}

/**
 * Error types worth another try: throttling and Cognito's own failures (TooManyRequestsException, ThrottlingException,
 * LimitExceededException, InternalErrorException, InternalFailure, ServiceUnavailable[Exception]).
 */
const RETRYABLE_TYPES = /^(?:TooManyRequestsException|ThrottlingException|LimitExceededException|InternalErrorException|InternalFailure|ServiceUnavailable(?:Exception)?)$/;

export const isRetryableType = (type: string): boolean => RETRYABLE_TYPES.test(type);

/** Cognito's `__type` may come as `com.amazonaws...#NotAuthorizedException`. */
export const shortType = (type: string): string => {
  const hash = type.lastIndexOf('#');
  const short = hash >= 0 ? type.slice(hash + 1) : type;
  const colon = short.indexOf(':');
  return colon >= 0 ? short.slice(0, colon) : short;
};

/**
 * Whether a failed sign-in will fail the same way if tried again with the same settings later in the run,
 * so later requests may fail at once instead of calling Cognito again (Cognito locks users after repeated
 * failed sign-ins). Each error says so itself (`permanent`, set where it is made): throttling, network faults,
 * answers that are not Cognito's, an expired challenge session and a reused TOTP code are not permanent.
 */
export const isPermanentRefusal = (error: unknown): boolean => error instanceof PmCognitoError && error.permanent;

/**
 * The wordings Cognito uses for one cause, collected from public reports so that every one of them names the
 * right setting. Where a wording comes from (issue, document or emulator that quotes a real answer) is noted
 * here, not inside the object (comments there would ship in the built script); docs/cognito-errors.md lists them all.
 * - missingSecret: SECRET_HASH (or GetTokensFromRefreshToken's ClientSecret) missing on a client that has a secret.
 *   Two wordings: "Client <id> is configured with secret but SECRET_HASH was not received" (amplify-android#2504,
 *   amazon-cognito-identity-dart-2#249) and "Client <id> is configured for secret but secret was not received"
 *   (the AWS CLI output quoted in AWS knowledge-center style answers, and pm-cognito issue 10).
 * - unexpectedSecret: a secret sent to a client without one: "App client <id> is not configured for secret but
 *   secret hash was received" (pmill/aws-cognito#23).
 * - wrongSecret: a SECRET_HASH or ClientSecret that matches none of the client's secrets: "Unable to verify secret
 *   hash for client <id>" (laravel-aws-cognito-auth#26).
 * - flowNotEnabled: a flow the app client does not allow: "USER_PASSWORD_AUTH flow not enabled for this client"
 *   (floci#3974), "USER_SRP_AUTH is not enabled for the client." (aws-serverless-workshops#277), "Auth flow not
 *   enabled for this client" (ADMIN_USER_PASSWORD_AUTH), "Initiate Auth method not supported."
 *   (aws-doc-sdk-examples#5289, an admin flow sent to InitiateAuth or the reverse).
 * - refreshToken: "Invalid Refresh Token." (aws-sdk-cpp#1789, aws-sdk-js-v3#7162), "Refresh Token has been
 *   revoked" (aws-sdk-net#1936), "Refresh Token has expired".
 * - riskBlocked: threat protection (adaptive authentication) blocked the sign-in: "Unable to login because of
 *   security reasons." (seen in several apps' handling of Cognito errors).
 * - lockedOut: lockout after repeated failures: "Password attempts exceeded".
 */
const WORDING = {
  missingSecret: /configured (?:for|with) (?:a )?secret but (?:the )?(?:secret|secret_hash|secret hash) was not received/i,
  unexpectedSecret: /not configured (?:for|with) (?:a )?secret/i,
  wrongSecret: /unable to verify secret hash|secret hash .*(?:invalid|mismatch)|invalid client secret/i,
  flowNotEnabled: /flow not enabled|not enabled for (?:this|the) client|auth method not supported|flow is not (?:enabled|supported|allowed)/i,
  refreshToken: /refresh token/i,
  riskBlocked: /security reasons/i,
  lockedOut: /attempts exceeded/i,
  unknownClient: /client .*does not exist|client .*not found|invalid client ?id/i,
  unknownPool: /user ?pool .*does not exist|user ?pool .*not found/i,
};

/** The flow a refusal names ("USER_SRP_AUTH is not enabled for the client."), else undefined. */
const namedFlow = (message: string): string | undefined => /\b(ADMIN_USER_PASSWORD_AUTH|ADMIN_NO_SRP_AUTH|USER_PASSWORD_AUTH|USER_SRP_AUTH|REFRESH_TOKEN_AUTH|REFRESH_TOKEN|CUSTOM_AUTH|USER_AUTH)\b/.exec(message)?.[1];

/** A refusal's code, or the family class that fixes it (a family knows its code). */
type Kind = Extract<ErrorCode, `COGNITO_${string}`> | (new (text: string, facts?: ErrorFacts) => CognitoRefusal);
type Make = (kind: Kind, text: string, facts?: ErrorFacts) => CognitoRefusal;
type VariableOf = (key: Parameters<typeof variableName>[0]) => string;

/** What every branch below needs: the refusal, the settings, how to name a variable and who was signing in. */
interface Refused {
  fault: CognitoFault;
  settings: Settings;
  operation: string;
  make: Make;
  v: VariableOf;
  who: string;
}

/** Phrases several messages share (said once here, not repeated in the script). */
const CLOCK = 'this machine\'s clock';
const LOCKOUTS = ' (README: "Threat protection and lockouts")';

export const cognitoError = (fault: CognitoFault, settings: Settings, operation: string): PmCognitoError => {
  // The variable the user set or should set: a named identity's shared settings name the default's variable (issue 20, S5).
  const v: VariableOf = (key) => settingVariable(settings, key);
  const who = settings.authFlow === 'CLIENT_CREDENTIALS' ? 'app client ' + settings.clientId : 'user "' + settings.username + '"';
  const make: Make = (kind, text, facts = {}) => {
    const all = { identity: settings.identity, cognitoType: fault.type, cognitoMessage: fault.message, ...facts };
    return typeof kind === 'string' ? new CognitoRefusal(kind, text, all) : new kind(text, all);
  };
  const refused: Refused = { fault, settings, operation, make, v, who };
  return secretOrFlowRefused(refused) ?? refusedByType(refused);
};

/** The client secret is wrong, missing or not wanted, or the flow is not allowed: whichever error type Cognito files it under, name the setting. */
const secretOrFlowRefused = (r: Refused): PmCognitoError | undefined => {
  const { fault, settings, make, v } = r;
  if (fault.type !== 'NotAuthorizedException' && fault.type !== 'InvalidParameterException') return undefined;
  const message = fault.message;
  const client = 'app client ' + settings.clientId;
  const secret = { setting: v('clientSecret') };
  if (WORDING.missingSecret.test(message)) {
    return make(CredentialsRefused, client + ' has a client secret: set ' + v('clientSecret') + ' to it (Cognito console: App clients)', secret);
  }
  if (WORDING.unexpectedSecret.test(message)) {
    return make('COGNITO_INVALID_PARAMETER', client + ' has no client secret: leave ' + v('clientSecret') + ' empty, or check ' + v('clientId'), secret);
  }
  if (WORDING.wrongSecret.test(message)) {
    return make(CredentialsRefused, v('clientSecret') + ' matches no secret of ' + client + ': set it to a current one, or empty if the client has none', secret);
  }
  if (WORDING.flowNotEnabled.test(message)) return flowRefused(r);
  return undefined;
};

/** A wrong username or password (AWS's NotAuthorizedException; cognito-local's InvalidPasswordException). */
const signInRefused = ({ settings, make, v, who }: Refused): PmCognitoError => {
  // "Incorrect username or password." is also what a client of another pool gets when the pool hides unknown users.
  return make(CredentialsRefused, 'Cognito refused the sign-in of ' + who + ': check ' + v('username') + ', ' + v('password') + (settings.clientSecret ? ', ' + v('clientSecret') : '') + ' and that ' + v('clientId') + ' is a client of the user\'s pool', { setting: v('password') });
};

/** NotAuthorizedException: which of its causes the message names. */
const notAuthorized = (r: Refused): PmCognitoError => {
  const { make, v, who } = r;
  const message = r.fault.message;
  if (WORDING.refreshToken.test(message)) {
    return make(RefreshTokenRefused, 'the cached refresh token of ' + who + ' was refused');
  }
  if (/disabled/i.test(message)) {
    return make(UserBlocked, who + ' is disabled: enable it (aws cognito-idp admin-enable-user) or use another user');
  }
  if (WORDING.lockedOut.test(message)) {
    return make(UserBlocked, who + ' is locked after failed sign-ins (longer each time): wait, then check ' + v('password') + LOCKOUTS, { setting: v('password') });
  }
  if (WORDING.riskBlocked.test(message)) {
    return make(UserBlocked, 'threat protection blocked ' + who + ' as risky: add the CI addresses to the pool\'s SkippedIPRangeList, or set it to audit only' + LOCKOUTS);
  }
  if (/session/i.test(message)) {
    return make(TransientRefusal, 'the sign-in session of ' + who + ' expired: run again');
  }
  return signInRefused(r);
};

/** ResourceNotFoundException: the app client, the user pool, or either. */
const resourceNotFound = ({ fault, settings, make, v }: Refused): PmCognitoError => {
  const pool = settings.userPoolId;
  const where = ' and that ' + v('region') + ' / ' + v('endpoint') + ' is where the pool lives';
  if (WORDING.unknownClient.test(fault.message)) {
    return make('COGNITO_RESOURCE_NOT_FOUND', 'Cognito does not know the app client ' + settings.clientId + (pool ? ' in user pool ' + pool : '') + ': check ' + v('clientId') + (pool ? ', that it is a client of ' + v('userPoolId') + ',' : '') + where);
  }
  const unknownPool = WORDING.unknownPool.test(fault.message);
  return make('COGNITO_RESOURCE_NOT_FOUND', 'Cognito does not know the ' + (unknownPool ? '' : 'app client or ') + 'user pool: check ' + (unknownPool ? '' : v('clientId') + ', ') + v('userPoolId') + where);
};

/** Every other refusal, by Cognito's error type (AWS refusing an Admin* call's credentials: aws-credential-errors.ts, with the signer). */
const refusedByType = (r: Refused): PmCognitoError => {
  const { fault, settings, operation, make, v, who } = r;
  const code = 'Cognito refused the MFA code of ' + who + ': check ' + v('totpSecret') + ' and ' + CLOCK;
  switch (fault.type) {
    case 'NotAuthorizedException':
      return notAuthorized(r);
    case 'RefreshTokenReuseException':
      // GetTokensFromRefreshToken on a rotating client, with a refresh token already rotated out after the grace period.
      return make(RefreshTokenRefused, 'the cached refresh token of ' + who + ' was already used (the app client rotates them)');
    case 'InvalidPasswordException':
      if (operation === 'RespondToAuthChallenge') {
        return make('COGNITO_INVALID_PASSWORD', 'Cognito refused the new password of ' + who + ': set ' + v('newPassword') + ' to one the pool\'s password policy allows');
      }
      // cognito-local answers a wrong password this way, where AWS says NotAuthorizedException.
      return signInRefused(r);
    case 'UserNotFoundException':
      return make('COGNITO_USER_NOT_FOUND', 'there is no ' + who + ' in the user pool: check ' + v('username') + ' and that ' + v('clientId') + ' is a client of the user\'s pool');
    case 'ResourceNotFoundException':
      return resourceNotFound(r);
    case 'InvalidParameterException':
      return make('COGNITO_INVALID_PARAMETER', 'Cognito refused a parameter of the sign-in: check ' + v('clientId') + ', ' + v('authFlow') + ' and ' + v('username'));
    case 'UserNotConfirmedException':
      return make('COGNITO_USER_NOT_CONFIRMED', who + ' has not confirmed sign-up: confirm it (aws cognito-idp admin-confirm-sign-up) or use a confirmed user');
    case 'PasswordResetRequiredException':
      return make('COGNITO_PASSWORD_RESET_REQUIRED', 'Cognito requires a password reset for ' + who + ': set a permanent one (aws cognito-idp admin-set-user-password --permanent), then update ' + v('password'));
    case 'CodeMismatchException':
      return make(CredentialsRefused, code, { setting: v('totpSecret') });
    case 'ExpiredCodeException':
      // Also what Cognito says to a TOTP code used twice (two sign-ins of one user within 30 s): the next code passes.
      return make(TransientRefusal, code, { setting: v('totpSecret') });
    case 'InvalidUserPoolConfigurationException':
      return make(FlowNotAllowed, 'the user pool is not set up for ' + settings.authFlow + ': check the app client\'s authentication flows');
    default:
      if (isRetryableType(fault.type)) {
        return make(Throttled, 'Cognito is throttling or failing: run again later, or sign in less often');
      }
      return make('COGNITO_UNKNOWN_ERROR', 'Cognito refused ' + operation + ' for ' + who + ': check the settings its message below points at', { permanent: false });
  }
};

/** A flow the app client does not allow: name the flow Cognito named (or the configured one) and the setting to change. */
const flowRefused = ({ fault, settings, operation, make, v }: Refused): PmCognitoError => {
  const flow = namedFlow(fault.message) ?? settings.authFlow;
  if (/method not supported/i.test(fault.message)) {
    return make(FlowNotAllowed, operation + ' does not accept ' + settings.authFlow + ': check ' + v('authFlow'));
  }
  if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') {
    return make(FlowNotAllowed, 'the app client does not allow REFRESH_TOKEN_AUTH (rotation is on, or ALLOW_REFRESH_TOKEN_AUTH is off)');
  }
  // pm-cognito's ADMIN_USER_AUTH is USER_AUTH sent to AdminInitiateAuth: the same ALLOW_USER_AUTH enables both.
  const allow = 'ALLOW_' + (flow === 'ADMIN_NO_SRP_AUTH' ? 'ADMIN_USER_PASSWORD_AUTH' : flow === 'ADMIN_USER_AUTH' ? 'USER_AUTH' : flow);
  return make(FlowNotAllowed, 'the app client does not allow ' + flow + ': enable ' + allow + ' in its authentication flows, or set ' + v('authFlow') + ' to a flow it allows');
};
