// AdminGetUser: a user's status, enabled flag, attributes and MFA settings, in AWS's shape (aliases resolve to the user).

import { awsErrors } from './aws-errors';
import { checkPoolId, CREATED_SECONDS, inputOf, required, type JsonObject } from './describe-common';
import type { StrictUserPool } from './user-pool';
import type { StrictCognitoOptions } from './types';

/** The user a name means: the username itself, or an email/phone the pool takes as a sign-in name or alias. */
function resolve(name: string, options: StrictCognitoOptions): string | undefined {
  if (options.users.some((u) => u.username === name)) return name;
  const d = options.description ?? {};
  const attributes = [...(d.usernameAttributes ?? []), ...(d.aliasAttributes ?? [])];
  return options.users.find((u) => attributes.some((a) => u.attributes?.[a] === name))?.username;
}

export function adminGetUser(body: unknown, options: StrictCognitoOptions, poolId: string, pool: StrictUserPool): JsonObject {
  const input = inputOf(body);
  checkPoolId(input, poolId);
  const asked = required(input, 'Username', 'username');
  const username = resolve(asked, options);
  const user = username === undefined ? undefined : pool.user(username);
  if (user === undefined) throw awsErrors.userNotFound();
  const mfa: string[] = [];
  if (user.totpKey !== undefined) mfa.push('SOFTWARE_TOKEN_MFA');
  if (user.challenge === 'SMS_MFA') mfa.push('SMS_MFA');
  if (user.challenge === 'EMAIL_OTP') mfa.push('EMAIL_OTP');
  const answer: JsonObject = {
    Username: user.username,
    UserAttributes: [{ Name: 'sub', Value: user.sub }, ...Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value }))],
    UserCreateDate: CREATED_SECONDS,
    UserLastModifiedDate: CREATED_SECONDS,
    Enabled: user.enabled,
    UserStatus: user.status,
  };
  if (mfa.length > 0) {
    answer['UserMFASettingList'] = mfa;
    answer['PreferredMfaSetting'] = mfa[0];
  }
  return answer;
}
