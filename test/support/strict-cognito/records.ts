// The double's records of users, app clients, pending challenges and refresh tokens, and how configuration becomes them.

import { randomBytes, randomUUID } from 'node:crypto';
import { checkConfiguredValue } from './input-check';
import type { JwtIssuer } from './jwt-issuer';
import { makeVerifier, type ServerEphemeral, type SrpVerifier } from './srp-server';
import { base32Decode } from './totp';
import type { FirstFactor, ForcedChallenge, StrictCognitoClient, StrictCognitoUser, StrictUserStatus } from './types';

export type JsonObject = Record<string, unknown>;

export const AUTH_FLOWS = [
  'USER_SRP_AUTH',
  'REFRESH_TOKEN_AUTH',
  'REFRESH_TOKEN',
  'CUSTOM_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'USER_AUTH',
] as const;

export const CHALLENGE_NAMES = [
  'SMS_MFA',
  'EMAIL_OTP',
  'SOFTWARE_TOKEN_MFA',
  'SELECT_MFA_TYPE',
  'MFA_SETUP',
  'PASSWORD_VERIFIER',
  'CUSTOM_CHALLENGE',
  'SELECT_CHALLENGE',
  'DEVICE_SRP_AUTH',
  'DEVICE_PASSWORD_VERIFIER',
  'ADMIN_NO_SRP_AUTH',
  'NEW_PASSWORD_REQUIRED',
  'SMS_OTP',
  'PASSWORD',
  'WEB_AUTHN',
  'PASSWORD_SRP',
] as const;

export const ALL_EXPLICIT_FLOWS = [
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_USER_AUTH',
];
export const LEGACY_EXPLICIT_FLOWS = ['USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH_FLOW_ONLY'];

export interface UserRecord {
  readonly username: string;
  readonly sub: string;
  password: string;
  status: StrictUserStatus;
  srp: SrpVerifier;
  readonly totpKey: Buffer | undefined;
  readonly challenge: ForcedChallenge | undefined;
  readonly requiredAttributes: readonly string[];
  readonly groups: readonly string[];
  readonly attributes: Record<string, string>;
  /** What USER_AUTH may offer this user. */
  readonly firstFactors: readonly FirstFactor[];
  readonly enabled: boolean;
}

export interface ClientRecord {
  readonly clientId: string;
  /** The first active secret (what /oauth2/token compares), undefined for a client without one. */
  readonly clientSecret: string | undefined;
  /** Every active secret: one or two (AddUserPoolClientSecret); empty for a client without one. */
  readonly secrets: readonly string[];
  readonly missingSecretWording: 'SECRET_HASH' | 'secret';
  readonly flows: ReadonlySet<string>;
  readonly scopes: readonly string[] | undefined;
  /** Grace period in ms when the client rotates refresh tokens; undefined when it does not. */
  readonly rotationGraceMs: number | undefined;
}

export interface PendingChallenge {
  readonly challengeName: string;
  readonly username: string;
  readonly clientId: string;
  readonly expiresAt: number;
  /** Attribute names NEW_PASSWORD_REQUIRED still needs. */
  readonly requiredAttributes: readonly string[];
}

export interface PendingSrp {
  readonly username: string;
  readonly clientId: string;
  readonly A: bigint;
  readonly ephemeral: ServerEphemeral;
  readonly verifier: bigint;
  readonly secretBlock: Buffer;
  readonly expiresAt: number;
}

export interface RefreshRecord {
  readonly clientId: string;
  readonly username: string;
  readonly originJti: string;
  readonly eventId: string;
  readonly authTime: number;
  readonly expiresAt: number;
  revoked: boolean;
  /** When rotation replaced this token (GetTokensFromRefreshToken on a rotating client); undefined while current. */
  rotatedAt?: number;
}

export interface UserPoolSettings {
  readonly region: string;
  readonly poolId: string;
  readonly issuer: string;
  readonly issuerKeys: JwtIssuer;
  readonly nowMs: () => number;
}

/** What the HTTP layer needs to record for a call. */
export interface CallFacts {
  authFlow?: string;
  challengeName?: string;
}


export function toUserRecord(user: StrictCognitoUser, poolName: string): UserRecord {
  if (user.username === '' || user.password === '') throw new Error('strict-cognito: every user needs a username and a password');
  let totpKey: Buffer | undefined;
  if (user.totpSecret !== undefined) {
    totpKey = base32Decode(user.totpSecret);
    if (totpKey === undefined || totpKey.length === 0) {
      throw new Error(`strict-cognito: totpSecret of user "${user.username}" is not base32 (A-Z, 2-7)`);
    }
  }
  return {
    username: user.username,
    sub: user.sub ?? randomUUID(),
    password: user.password,
    status: user.status ?? 'CONFIRMED',
    srp: makeVerifier(poolName, user.username, user.password, randomBytes(16)),
    totpKey,
    challenge: user.challenge,
    requiredAttributes: [...(user.requiredAttributes ?? [])],
    groups: [...(user.groups ?? [])],
    attributes: { ...(user.attributes ?? {}) },
    firstFactors: [...(user.firstFactors ?? ['PASSWORD', 'PASSWORD_SRP'])],
    enabled: user.enabled !== false,
  };
}

export function toClientRecord(client: StrictCognitoClient): ClientRecord {
  const rotates = client.refreshTokenRotation !== undefined;
  const flows = client.allowedFlows ?? (rotates ? ALL_EXPLICIT_FLOWS.filter((f) => f !== 'ALLOW_REFRESH_TOKEN_AUTH') : ALL_EXPLICIT_FLOWS);
  const unknown = flows.filter((f) => !ALL_EXPLICIT_FLOWS.includes(f) && !LEGACY_EXPLICIT_FLOWS.includes(f));
  if (unknown.length > 0) throw new Error(`strict-cognito: client ${client.clientId} has unknown allowedFlows: ${unknown.join(', ')}`);
  const usesAllow = flows.some((f) => f.startsWith('ALLOW_'));
  if (usesAllow && flows.some((f) => LEGACY_EXPLICIT_FLOWS.includes(f))) {
    throw new Error(`strict-cognito: client ${client.clientId} mixes legacy and ALLOW_ flows, which AWS refuses`);
  }
  if (usesAllow && !rotates && !flows.includes('ALLOW_REFRESH_TOKEN_AUTH')) {
    // AWS refuses such a client at creation (aws-cdk#7625: "REFRESH_TOKEN_AUTH should always be allowed.").
    throw new Error(`strict-cognito: client ${client.clientId}: REFRESH_TOKEN_AUTH should always be allowed.`);
  }
  if (rotates && flows.includes('ALLOW_REFRESH_TOKEN_AUTH')) {
    // AWS's guide: to use rotation "you must disable this authentication flow in your app client" (terraform-provider-aws#47196).
    throw new Error(`strict-cognito: client ${client.clientId} rotates refresh tokens, so ALLOW_REFRESH_TOKEN_AUTH must be off`);
  }
  const grace = client.refreshTokenRotation?.retryGracePeriodSeconds ?? 0;
  if (!Number.isInteger(grace) || grace < 0 || grace > 60) throw new Error(`strict-cognito: client ${client.clientId}: retryGracePeriodSeconds must be 0 to 60`);
  if (client.secondClientSecret !== undefined && client.clientSecret === undefined) {
    throw new Error(`strict-cognito: client ${client.clientId} has a secondClientSecret but no clientSecret`);
  }
  const secrets = [client.clientSecret, client.secondClientSecret].filter((x): x is string => x !== undefined);
  checkConfiguredValue('ClientIdType', client.clientId, `clientId "${client.clientId}"`);
  for (const secret of secrets) checkConfiguredValue('ClientSecretType', secret, `the client secret of ${client.clientId}`);
  return {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    secrets,
    missingSecretWording: client.missingSecretWording ?? 'SECRET_HASH',
    flows: new Set(flows),
    scopes: client.scopes === undefined ? undefined : [...client.scopes],
    rotationGraceMs: rotates ? grace * 1000 : undefined,
  };
}
