// Decides, from a cached identity and the clock, whether to use its AWS credentials, renew them, or get an identity first.

import { hexEncode } from '../bytes';
import type { IdentityPoolSettings } from './settings';
import { isRecord, safeJsonParse } from '../safe-json';
import type { Settings } from '../settings';
import { sha256 } from '../sha256';
import { cacheKey } from '../cache-entry';
import { renewalMarginMs } from '../cache-policy';

export interface CachedCredentials {
  /** Which identity pool, user or guest these belong to; a mismatch means the entry is ignored. */
  key: string;
  /** Cognito Identity's id for the user (or this guest): GetId once, then only GetCredentialsForIdentity. */
  identityId: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Local clock (ms) when the credentials arrived. */
  obtainedAt: number;
  /** Cognito's Expiration (ms since the epoch). AWS checks SigV4 against its own clock within 5 minutes, so the local clock must agree anyway. */
  expiresAt: number;
}

export type CredentialsDecision =
  | { action: 'use'; credentials: CachedCredentials }
  | { action: 'renew'; identityId: string; reason: string }
  | { action: 'get-id'; reason: string };

/** Longest credentials AWS gives through an identity pool (the basic flow's role session limit; the enhanced flow gives 1 h). */
export const MAX_CREDENTIALS_LIFETIME_MS = 12 * 3600_000;

/**
 * Everything that makes two identity-pool identities different: the endpoint and pool, and either the user (the
 * same key parts as the token cache: user-pool endpoint, pool, client, username, flow) or the guest's identity
 * name. A guest, another user or another pool never shares an entry.
 */
export function credentialsKey(pool: IdentityPoolSettings, user: Settings | undefined): string {
  const who = user === undefined ? ['guest', pool.identity] : ['user', cacheKey(user)];
  return JSON.stringify([pool.endpoint, pool.identityPoolId, ...who]);
}

/** How every credentials variable's name starts (`pm-cognito run` hands them from suite to suite by it). */
export const CREDENTIALS_VARIABLE_PREFIX = 'pm_cognito_iam_';

/** Collection variable holding one identity's credentials; derived from the key so identities never share. */
export function credentialsVariable(key: string): string {
  return CREDENTIALS_VARIABLE_PREFIX + hexEncode(sha256(key)).slice(0, 16);
}

export function serialiseCredentials(credentials: CachedCredentials): string {
  return JSON.stringify({ v: 1, ...credentials });
}

/** Reads a cached entry; anything malformed or of another identity gives undefined (and a fresh GetId). */
export function parseCredentials(text: string | undefined, key: string): CachedCredentials | undefined {
  const entry = readCredentialsEntry(text);
  return entry?.key === key ? entry : undefined;
}

/**
 * Reads an entry from its stored text without asking whose it is (parseCredentials' check): for the fast path,
 * which serves only text whose checksum matches text parseCredentials accepted under the same settings.
 */
export function readCredentialsEntry(text: string | undefined): CachedCredentials | undefined {
  if (text === undefined || text === '') return undefined;
  const value = safeJsonParse(text);
  if (!isRecord(value) || value['v'] !== 1 || typeof value['key'] !== 'string') return undefined;
  const { key, identityId, accessKeyId, secretAccessKey, sessionToken, obtainedAt, expiresAt } = value;
  if (typeof identityId !== 'string' || identityId === '' || typeof accessKeyId !== 'string' || accessKeyId === '') return undefined;
  if (typeof secretAccessKey !== 'string' || secretAccessKey === '' || typeof sessionToken !== 'string' || sessionToken === '') return undefined;
  if (typeof obtainedAt !== 'number' || typeof expiresAt !== 'number' || !Number.isFinite(obtainedAt) || !(expiresAt > obtainedAt)) return undefined;
  if (expiresAt - obtainedAt > MAX_CREDENTIALS_LIFETIME_MS) return undefined;
  return { key: key as string, identityId, accessKeyId, secretAccessKey, sessionToken, obtainedAt, expiresAt };
}

/**
 * The token cache's margin rule: renew `marginSeconds` before Expiration, but never more than half the lifetime
 * before (so short-lived credentials are still used). The identity id outlives its credentials: renewal skips GetId.
 */
export function decideCredentials(entry: CachedCredentials | undefined, nowMs: number, marginSeconds: number): CredentialsDecision {
  if (entry === undefined) return { action: 'get-id', reason: 'no cached identity' };
  if (nowMs < entry.obtainedAt) return { action: 'renew', identityId: entry.identityId, reason: 'the clock moved backwards' };
  const margin = renewalMarginMs(marginSeconds, entry.expiresAt - entry.obtainedAt);
  if (nowMs < entry.expiresAt - margin) return { action: 'use', credentials: entry };
  return { action: 'renew', identityId: entry.identityId, reason: 'the credentials expire soon' };
}
