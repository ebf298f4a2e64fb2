// The facts the doctor's checks look at, gathered beforehand: AWS's answers (or why one is missing), per identity.

import type { AdminGetUserResponse, RiskConfigurationType, UserPoolClientType, UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import type { Settings } from '../../core/settings';

/** An AWS answer, or why the doctor does not have it (no credentials, no pool id, AWS refused...). */
export type Fact<T> = { value: T } | { missing: string };

export const have = <T>(value: T): Fact<T> => ({ value });
export const missing = <T>(why: string): Fact<T> => ({ missing: why });

/** DescribeIdentityPool and GetIdentityPoolRoles, as far as the checks read them. */
export interface IdentityPoolFacts {
  identityPoolId: string;
  /** IdentityPoolName: update-identity-pool needs it. */
  name: string | undefined;
  allowUnauthenticatedIdentities: boolean;
  allowClassicFlow: boolean | undefined;
  providers: ReadonlyArray<{ providerName: string; clientId: string; serverSideTokenCheck: boolean }>;
  /** GetIdentityPoolRoles' Roles: `authenticated` and `unauthenticated` role ARNs. */
  roles: Readonly<Record<string, string>>;
}

/** The identity-pool settings of one identity, when it names an identity pool. */
export interface IdentityPoolSettingFacts {
  identityPoolId: string;
  guest: boolean;
  /** Cognito Identity's endpoint (cognito_identity_endpoint, else the pool id's region). */
  endpoint: string;
  region: string;
}

export interface IdentityFacts {
  identity: string;
  /** The identity's settings; undefined when the settings reader refused them (the settings check says why). */
  settings: Settings | undefined;
  pool: Fact<UserPoolType>;
  client: Fact<UserPoolClientType>;
  user: Fact<AdminGetUserResponse>;
  /** DescribeRiskConfiguration's answer (`addOnOff`: AWS said the threat-protection add-on is not enabled). */
  risk: Fact<RiskConfigurationType & { addOnOff?: boolean }>;
  identityPoolSettings: IdentityPoolSettingFacts | undefined;
  identityPool: Fact<IdentityPoolFacts>;
  /** The runner's address (--runner-ip), to look up in threat protection's SkippedIPRangeList. */
  runnerIp: string | undefined;
}

export function valueOf<T>(fact: Fact<T>): T | undefined {
  return 'value' in fact ? fact.value : undefined;
}

export function whyMissing<T>(fact: Fact<T>): string | undefined {
  return 'missing' in fact ? fact.missing : undefined;
}
