// Checks of the test user (AdminGetUser) against the settings: status, enabled, MFA, and username versus alias.

import type { AdminGetUserResponse, UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import type { Settings } from '../../core/settings';
import { aws } from './aws-commands';
import { variableName } from '../../core/setting-specs';
import { valueOf, whyMissing, type IdentityFacts } from './facts';
import { fail, isFinding, ok, skipped, warn, type Finding } from './findings';

function userOf(facts: IdentityFacts, check: string): { settings: Settings; user: AdminGetUserResponse; poolId: string } | Finding {
  const user = valueOf(facts.user);
  if (facts.settings === undefined) return skipped(check, 'the settings need attention first');
  if (user === undefined) return skipped(check, whyMissing(facts.user) ?? 'no AdminGetUser answer');
  return { settings: facts.settings, user, poolId: facts.settings.userPoolId ?? '' };
}

/** Required attributes of the pool (schema `Required`) the user does not have: NEW_PASSWORD_REQUIRED asks for them. */
function missingRequired(pool: UserPoolType | undefined, user: AdminGetUserResponse): string[] {
  const has = new Set((user.UserAttributes ?? []).map((a) => a.Name));
  return (pool?.SchemaAttributes ?? []).filter((a) => a.Required === true && a.Name !== undefined && !has.has(a.Name)).map((a) => a.Name!);
}

export function checkUserStatus(facts: IdentityFacts): Finding[] {
  const check = 'user status';
  const got = userOf(facts, check);
  if (isFinding(got)) return [got];
  const { settings, user, poolId } = got;
  const username = user.Username ?? settings.username;
  const findings: Finding[] = [];
  if (user.Enabled === false) findings.push(fail('user enabled', 'user ' + username + ' is disabled: Cognito refuses every sign-in ("User is disabled.")', aws.adminEnable(poolId, username)));
  switch (user.UserStatus) {
    case 'CONFIRMED':
      findings.push(ok(check, 'user ' + username + ' is CONFIRMED' + (user.Enabled === false ? '' : ' and enabled')));
      break;
    case 'FORCE_CHANGE_PASSWORD':
      findings.push(...forceChange(facts, settings, user, poolId, username));
      break;
    case 'UNCONFIRMED':
      findings.push(fail(check, 'user ' + username + ' is UNCONFIRMED: Cognito refuses the sign-in (UserNotConfirmedException)', aws.adminConfirm(poolId, username)));
      break;
    case 'RESET_REQUIRED':
      findings.push(fail(check, 'user ' + username + ' is RESET_REQUIRED: Cognito refuses the sign-in (PasswordResetRequiredException)', aws.setPermanentPassword(poolId, username) + ', then set ' + variableName('password', settings.identity) + ' to that password'));
      break;
    default:
      findings.push(fail(check, 'user ' + username + ' is ' + String(user.UserStatus ?? 'of no status') + ', which cannot sign in with a password', 'use another test user (' + variableName('username', settings.identity) + ')'));
  }
  return findings;
}

function forceChange(facts: IdentityFacts, settings: Settings, user: AdminGetUserResponse, poolId: string, username: string): Finding[] {
  const check = 'user status';
  const newPassword = variableName('newPassword', settings.identity);
  const permanent = aws.setPermanentPassword(poolId, username);
  if (settings.newPassword === undefined) {
    return [fail(check, 'user ' + username + ' is FORCE_CHANGE_PASSWORD: the sign-in answers NEW_PASSWORD_REQUIRED', 'set ' + newPassword + ' to the permanent password to choose, or make the current one permanent: ' + permanent)];
  }
  const attributes = variableName('userAttributes', settings.identity);
  const lacking = missingRequired(valueOf(facts.pool), user).filter((name) => settings.userAttributes[name] === undefined);
  if (lacking.length > 0) {
    return [fail(check, 'user ' + username + ' is FORCE_CHANGE_PASSWORD and the pool requires ' + lacking.join(', ') + ', which ' + attributes + ' does not carry',
      'set ' + attributes + ' to a JSON object with ' + lacking.map((n) => '"' + n + '"').join(', ') + ', e.g. {"' + lacking[0] + '":"..."}')];
  }
  return [warn(check, 'user ' + username + ' is FORCE_CHANGE_PASSWORD: the first sign-in sets ' + newPassword + ' as the password for good (the doctor does not sign in, to leave the user as it is)',
    'after the first run, move ' + newPassword + ' into ' + variableName('password', settings.identity) + ', or make the password permanent now: ' + permanent)];
}

export function checkMfa(facts: IdentityFacts): Finding[] {
  const check = 'MFA';
  const got = userOf(facts, check);
  if (isFinding(got)) return [got];
  const { settings, user, poolId } = got;
  const username = user.Username ?? settings.username;
  const methods = user.UserMFASettingList ?? (user.MFAOptions ?? []).map((o) => o.DeliveryMedium === 'SMS' ? 'SMS_MFA' : 'EMAIL_OTP');
  const totp = variableName('totpSecret', settings.identity);
  const manual = methods.filter((m) => m === 'SMS_MFA' || m === 'EMAIL_OTP');
  const prefersTotp = user.PreferredMfaSetting === 'SOFTWARE_TOKEN_MFA' || (methods.includes('SOFTWARE_TOKEN_MFA') && manual.length === 0);
  if (methods.includes('SOFTWARE_TOKEN_MFA') && prefersTotp) {
    return settings.totpSecret !== undefined ? [ok(check, 'TOTP MFA, answered with ' + totp)]
      : [fail(check, 'user ' + username + ' has TOTP MFA and ' + totp + ' is empty', 'set ' + totp + ' (as a secret) to the user\'s TOTP secret (the base32 key shown when the authenticator was set up)')];
  }
  if (manual.length > 0) {
    return [fail(check, 'user ' + username + ' has ' + manual.join(' and ') + ' MFA: a code sent by SMS or e-mail cannot be answered by a script',
      'give the test user TOTP MFA instead (associate-software-token, then ' + aws.mfaPreference(poolId, username, '--software-token-mfa-settings Enabled=true,PreferredMfa=true --sms-mfa-settings Enabled=false --email-mfa-settings Enabled=false') + ') and set ' + totp)];
  }
  const poolMfa = valueOf(facts.pool)?.MfaConfiguration;
  if (poolMfa === 'ON') {
    return [fail(check, 'the pool requires MFA and user ' + username + ' has none: the sign-in answers MFA_SETUP, which a script cannot complete', 'set up TOTP for the user once (associate-software-token, verify-software-token) and set ' + totp)];
  }
  return [ok(check, 'no MFA for this user' + (settings.totpSecret !== undefined ? ' (' + totp + ' is set but unused)' : ''))];
}

/** Signing in with an alias (email, phone) works; the refresh's SECRET_HASH must use the real username, which pm-cognito takes from the token. */
export function checkUsername(facts: IdentityFacts): Finding[] {
  const check = 'username';
  const got = userOf(facts, check);
  if (isFinding(got)) return [got];
  const { settings, user } = got;
  if (user.Username === undefined || user.Username === settings.username) return [ok(check, 'signs in with the username itself (' + settings.username + ')')];
  const pool = valueOf(facts.pool);
  const kind = pool?.UsernameAttributes?.length ? (/^[aeiou]/.test(pool.UsernameAttributes[0]!) ? 'an ' : 'a ') + pool.UsernameAttributes.join('/') + ' sign-in name' : 'an alias';
  const hash = settings.clientSecret !== undefined ? '; the client has a secret, so the sign-in\'s SECRET_HASH uses ' + settings.username + ' and the refresh\'s uses ' + user.Username + ' (pm-cognito takes it from the token)' : '';
  return [ok(check, variableName('username', settings.identity) + ' is ' + kind + '; Cognito\'s username is ' + user.Username + hash)];
}
