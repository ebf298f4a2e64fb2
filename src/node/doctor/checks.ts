// The doctor's checks over gathered facts, in the order they are shown: adding a check is a function and a line here.

import { checkAuthFlow, checkClientSecret, checkLifetimes, checkRotation } from './client-checks';
import { checkClientCredentials } from './client-credentials-checks';
import type { IdentityFacts } from './facts';
import type { Finding } from './findings';
import { checkIdentityPool } from './identity-pool-checks';
import { checkThreatProtection } from './threat-checks';
import { checkMfa, checkUsername, checkUserStatus } from './user-checks';

export type Check = (facts: IdentityFacts) => Finding[];

const USER_CHECKS: readonly Check[] = [checkUserStatus, checkMfa, checkUsername];

export const CHECKS: readonly Check[] = [
  checkAuthFlow,
  checkClientSecret,
  checkRotation,
  checkLifetimes,
  checkClientCredentials,
  // A client-credentials identity has no user: the user checks do not apply.
  (facts) => facts.settings === undefined || facts.settings.authFlow !== 'CLIENT_CREDENTIALS' ? USER_CHECKS.flatMap((check) => check(facts)) : [],
  checkThreatProtection,
  checkIdentityPool,
];

/** Every check's findings for one identity (a guest identity has only identity-pool facts). */
export function runChecks(facts: IdentityFacts): Finding[] {
  if (facts.settings === undefined) return checkIdentityPool(facts);
  return CHECKS.flatMap((check) => check(facts));
}
