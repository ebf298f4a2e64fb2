// RespondToAuthChallenge and AdminRespondToAuthChallenge: a pending challenge, its Session, and the answer judged.

import { AwsServiceError, awsErrors } from './aws-errors';
import { checkSecretHash } from './client-rules';
import { passwordPolicyViolation } from './password-policy';
import { CHALLENGE_NAMES, type ClientRecord, type JsonObject, type PendingChallenge, type UserRecord } from './records';
import { asObject, optionalString, requiredParam, requiredString, stringMap } from './request-fields';
import { safeEqual } from './secret-hash';
import { challenge, continueSignIn } from './sign-in-result';
import { srpChallenge, verifySrp } from './srp-steps';
import { totpMatches } from './totp';
import type { StrictUserPool } from './user-pool';

export function respondToAuthChallenge(pool: StrictUserPool, body: unknown, admin: boolean): JsonObject {
  const input = asObject(body);
  if (admin) pool.checkPool(input);
  const clientId = requiredString(input, 'ClientId', 'clientId');
  const challengeName = requiredString(input, 'ChallengeName', 'challengeName');
  if (!(CHALLENGE_NAMES as readonly string[]).includes(challengeName)) {
    throw awsErrors.notInEnum('challengeName', challengeName, CHALLENGE_NAMES);
  }
  const answers = stringMap(input, 'ChallengeResponses');
  const sessionValue = optionalString(input, 'Session');
  const client = pool.clients.get(clientId);
  if (client === undefined) throw awsErrors.clientNotFound(clientId);

  if (challengeName === 'PASSWORD_VERIFIER') return verifySrp(pool, client, answers);

  const pending = pendingChallenge(pool, sessionValue, client, challengeName);
  const username = requiredParam(answers, 'USERNAME');
  if (username !== pending.username) throw awsErrors.invalidSession();
  checkSecretHash(client, username, answers['SECRET_HASH']);
  const user = pool.users.get(pending.username);
  if (user === undefined) throw awsErrors.invalidSession();

  switch (challengeName) {
    case 'NEW_PASSWORD_REQUIRED':
      return answerNewPassword(pool, client, user, pending, sessionValue!, answers);
    case 'SOFTWARE_TOKEN_MFA': {
      const code = requiredParam(answers, 'SOFTWARE_TOKEN_MFA_CODE');
      // Assumed: a wrong code uses the session up, as a wrong custom-challenge answer does (amplify-js#5834).
      pool.sessions.delete(sessionValue!);
      if (user.totpKey === undefined || !totpMatches(user.totpKey, code, pool.settings.nowMs())) throw awsErrors.codeMismatch();
      return continueSignIn(pool, user, client, 'mfa');
    }
    case 'SELECT_MFA_TYPE': {
      const choice = requiredParam(answers, 'ANSWER');
      pool.sessions.delete(sessionValue!);
      if (choice === 'SOFTWARE_TOKEN_MFA' && user.totpKey !== undefined) return challenge(pool, user, client, 'SOFTWARE_TOKEN_MFA');
      if (choice === 'SMS_MFA') return challenge(pool, user, client, 'SMS_MFA');
      throw new AwsServiceError('InvalidParameterException', `MFA type ${choice} is not available for the user`);
    }
    case 'SELECT_CHALLENGE': {
      const choice = requiredParam(answers, 'ANSWER');
      pool.sessions.delete(sessionValue!);
      if (!(user.firstFactors as readonly string[]).includes(choice)) {
        // assumed wording: an ANSWER that is not one of AvailableChallenges.
        throw new AwsServiceError('InvalidParameterException', `${choice} is not an available challenge for the user`);
      }
      if (choice === 'PASSWORD') {
        if (!safeEqual(requiredParam(answers, 'PASSWORD'), user.password)) throw awsErrors.incorrectPassword();
        return continueSignIn(pool, user, client, 'password');
      }
      if (choice === 'PASSWORD_SRP') return srpChallenge(pool, client, user, requiredParam(answers, 'SRP_A'));
      // EMAIL_OTP / SMS_OTP would deliver a code, WEB_AUTHN would send credential request options: issued, never completable here.
      return challenge(pool, user, client, choice);
    }
    case 'SMS_MFA':
    case 'SMS_OTP':
    case 'EMAIL_OTP':
      // The double delivers no code, so no answer can be right.
      pool.sessions.delete(sessionValue!);
      throw awsErrors.codeMismatch();
    default:
      pool.sessions.delete(sessionValue!);
      throw awsErrors.challengeNotSimulated(challengeName);
  }
}

export function pendingChallenge(pool: StrictUserPool, sessionValue: string | undefined, client: ClientRecord, challengeName: string): PendingChallenge {
  if (sessionValue === undefined || sessionValue === '') throw awsErrors.invalidSession();
  const pending = pool.sessions.get(sessionValue);
  if (pending === undefined || pending.clientId !== client.clientId || pending.challengeName !== challengeName) {
    throw awsErrors.invalidSession();
  }
  if (pool.settings.nowMs() >= pending.expiresAt) {
    pool.sessions.delete(sessionValue);
    throw awsErrors.expiredSession();
  }
  return pending;
}

/** NEW_PASSWORD_REQUIRED: a new password the policy accepts and every required attribute; then the user is CONFIRMED. */
function answerNewPassword(
  pool: StrictUserPool,
  client: ClientRecord,
  user: UserRecord,
  pending: PendingChallenge,
  sessionValue: string,
  answers: Record<string, string>,
): JsonObject {
  const newPassword = requiredParam(answers, 'NEW_PASSWORD');
  const violation = passwordPolicyViolation(newPassword);
  if (violation !== undefined) throw awsErrors.passwordPolicy(violation);
  for (const name of pending.requiredAttributes) {
    const value = answers[`userAttributes.${name}`];
    if (value === undefined || value === '') throw awsErrors.missingAttribute(name);
  }
  pool.sessions.delete(sessionValue);
  for (const [key, value] of Object.entries(answers)) {
    if (key.startsWith('userAttributes.')) user.attributes[key.slice('userAttributes.'.length)] = value;
  }
  pool.changePassword(user, newPassword);
  user.status = 'CONFIRMED';
  return continueSignIn(pool, user, client, 'new-password');
}
