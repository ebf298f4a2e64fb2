// InitiateAuth and AdminInitiateAuth: which flow, which proof, and the user it signs in.

import { AwsServiceError, awsErrors } from './aws-errors';
import { allows, checkSecretHash } from './client-rules';
import { AUTH_FLOWS, CHALLENGE_NAMES, type ClientRecord, type JsonObject, type UserRecord } from './records';
import { refresh } from './refresh';
import { asObject, requiredParam, requiredString, stringMap } from './request-fields';
import { continueSignIn, newSession } from './sign-in-result';
import { safeEqual } from './secret-hash';
import { srpChallenge } from './srp-steps';
import type { StrictUserPool } from './user-pool';

export function initiateAuth(pool: StrictUserPool, body: unknown, admin: boolean): JsonObject {
  const input = asObject(body);
  if (admin) pool.checkPool(input);
  const clientId = requiredString(input, 'ClientId', 'clientId');
  const authFlow = requiredString(input, 'AuthFlow', 'authFlow');
  if (!(AUTH_FLOWS as readonly string[]).includes(authFlow)) throw awsErrors.notInEnum('authFlow', authFlow, AUTH_FLOWS);
  const params = stringMap(input, 'AuthParameters');
  const client = pool.clients.get(clientId);
  if (client === undefined) throw awsErrors.clientNotFound(clientId);

  switch (authFlow) {
    case 'USER_PASSWORD_AUTH':
      if (admin) throw awsErrors.initiateAuthMethodNotSupported();
      if (!allows(client, 'ALLOW_USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH')) throw awsErrors.userPasswordFlowDisabled();
      return passwordSignIn(pool, client, params);
    case 'ADMIN_USER_PASSWORD_AUTH':
    case 'ADMIN_NO_SRP_AUTH':
      if (!admin) throw awsErrors.initiateAuthMethodNotSupported();
      if (!allows(client, 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH')) throw awsErrors.adminFlowDisabled();
      return passwordSignIn(pool, client, params);
    case 'USER_SRP_AUTH':
      if (!allows(client, 'ALLOW_USER_SRP_AUTH')) throw awsErrors.srpFlowDisabled();
      return startSrp(pool, client, params);
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN':
      // AWS: "Refresh token rotation isn't compatible with the authentication flow REFRESH_TOKEN_AUTH" (developer guide).
      if (client.rotationGraceMs !== undefined) throw awsErrors.refreshFlowDisabled();
      return refresh(pool, client, params);
    case 'USER_AUTH':
      if (!allows(client, 'ALLOW_USER_AUTH')) throw awsErrors.userAuthFlowDisabled();
      return startUserAuth(pool, client, params);
    default:
      // CUSTOM_AUTH is a real AWS flow that needs Lambda triggers: not simulated.
      throw new AwsServiceError('InvalidParameterException', `The strict Cognito double does not simulate ${authFlow}`);
  }
}

export function passwordSignIn(pool: StrictUserPool, client: ClientRecord, params: Record<string, string>): JsonObject {
  const username = requiredParam(params, 'USERNAME');
  const password = requiredParam(params, 'PASSWORD');
  checkSecretHash(client, username, params['SECRET_HASH']);
  const user = signInUser(pool, username);
  if (!safeEqual(password, user.password)) throw awsErrors.incorrectPassword();
  return continueSignIn(pool, user, client, 'password');
}

/** The user for a sign-in attempt, refused when their state forbids signing in at all. */
export function signInUser(pool: StrictUserPool, username: string): UserRecord {
  const user = pool.users.get(username);
  if (user === undefined) throw awsErrors.userNotFound();
  if (!user.enabled) throw awsErrors.userDisabled();
  // As ministack#1758 does after measuring AWS: an unconfirmed user is refused before the password is looked at.
  if (user.status === 'UNCONFIRMED') throw awsErrors.userNotConfirmed();
  if (user.status === 'RESET_REQUIRED') throw awsErrors.passwordResetRequired();
  return user;
}

export function startSrp(pool: StrictUserPool, client: ClientRecord, params: Record<string, string>): JsonObject {
  const username = requiredParam(params, 'USERNAME');
  const srpA = requiredParam(params, 'SRP_A');
  checkSecretHash(client, username, params['SECRET_HASH']);
  return srpChallenge(pool, client, signInUser(pool, username), srpA);
}

/**
 * USER_AUTH (choice-based sign-in): PREFERRED_CHALLENGE PASSWORD (with PASSWORD) or PASSWORD_SRP (with SRP_A) when
 * the user has it; otherwise SELECT_CHALLENGE listing the user's first factors in AvailableChallenges (assumed:
 * a preferred challenge the user lacks is answered like no preference).
 */
export function startUserAuth(pool: StrictUserPool, client: ClientRecord, params: Record<string, string>): JsonObject {
  const username = requiredParam(params, 'USERNAME');
  checkSecretHash(client, username, params['SECRET_HASH']);
  const user = signInUser(pool, username);
  const preferred = params['PREFERRED_CHALLENGE'];
  if (preferred !== undefined && !(CHALLENGE_NAMES as readonly string[]).includes(preferred)) {
    throw awsErrors.notInEnum('preferredChallenge', preferred, CHALLENGE_NAMES);
  }
  if (preferred === 'PASSWORD' && user.firstFactors.includes('PASSWORD')) {
    if (!safeEqual(requiredParam(params, 'PASSWORD'), user.password)) throw awsErrors.incorrectPassword();
    return continueSignIn(pool, user, client, 'password');
  }
  if (preferred === 'PASSWORD_SRP' && user.firstFactors.includes('PASSWORD_SRP')) {
    return srpChallenge(pool, client, user, requiredParam(params, 'SRP_A'));
  }
  const session = newSession(pool, user, client, 'SELECT_CHALLENGE');
  return { ChallengeName: 'SELECT_CHALLENGE', Session: session, ChallengeParameters: {}, AvailableChallenges: [...user.firstFactors] };
}
