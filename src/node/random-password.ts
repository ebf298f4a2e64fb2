// Random usernames and passwords for throwaway test users; a password always satisfies the pool's password policy.

import { randomInt as cryptoRandomInt } from 'node:crypto';

/** The parts of a Cognito PasswordPolicyType that constrain a password's characters. */
export interface PasswordPolicy {
  /** Cognito allows 6 to 99; unset means Cognito's default, 8. */
  MinimumLength?: number | undefined;
  RequireUppercase?: boolean | undefined;
  RequireLowercase?: boolean | undefined;
  RequireNumbers?: boolean | undefined;
  RequireSymbols?: boolean | undefined;
}

/** Uniform integer in [0, max). node:crypto's randomInt by default; tests may pass a seeded one. */
export type RandomInt = (max: number) => number;

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
/**
 * A subset of the symbols Cognito counts as special (^ $ * . [ ] { } ( ) ? " ! @ # % & / \ , > < ' : ; | _ ~ ` = + -):
 * those that need no quoting in a shell, a dotenv file or $GITHUB_ENV, so a written password survives `source` and parsers.
 */
export const PASSWORD_SYMBOLS = '^%+,.-_:@=';
const DEFAULT_LENGTH = 24;
/** Cognito's own upper limit for MinimumLength. */
const MAX_LENGTH = 99;

/**
 * A password with at least one character of every class (so any policy's Require* flags are met)
 * and at least max(MinimumLength, 24) characters.
 */
export function randomPassword(policy: PasswordPolicy = {}, randomInt: RandomInt = cryptoRandomInt): string {
  const length = Math.min(Math.max(policy.MinimumLength ?? 8, DEFAULT_LENGTH), MAX_LENGTH);
  const classes = [UPPER, LOWER, DIGITS, PASSWORD_SYMBOLS];
  const all = classes.join('');
  const chars = classes.map((set) => set[randomInt(set.length)]!);
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  // Fisher-Yates, so the guaranteed characters are not always at the front.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/** Checks a password against a policy the way Cognito does (used by the tests and as a guard before AdminSetUserPassword). */
export function policyProblems(password: string, policy: PasswordPolicy): string[] {
  const problems: string[] = [];
  if (password.length < (policy.MinimumLength ?? 8)) problems.push('shorter than ' + (policy.MinimumLength ?? 8));
  if (policy.RequireUppercase === true && !/[A-Z]/.test(password)) problems.push('no uppercase letter');
  if (policy.RequireLowercase === true && !/[a-z]/.test(password)) problems.push('no lowercase letter');
  if (policy.RequireNumbers === true && !/[0-9]/.test(password)) problems.push('no number');
  if (policy.RequireSymbols === true && !/[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+-]/.test(password)) problems.push('no symbol');
  return problems;
}

/** `<prefix><12 random lowercase letters and digits>`: unique enough for parallel CI jobs, valid as a Cognito username. */
export function randomUsername(prefix: string, randomInt: RandomInt = cryptoRandomInt): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let suffix = '';
  for (let i = 0; i < 12; i++) suffix += alphabet[randomInt(alphabet.length)];
  return prefix + suffix;
}
