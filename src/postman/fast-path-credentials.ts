// The identity-pool part of the fast path and its note: filling cognito_iam_* from cached credentials while nothing changes.
//
// Only the script `pm-cognito install --iam` installs carries it (and `pm-cognito run`'s full code); the
// default script has without-iam.ts in its place (src/tools/sandbox-bundle.ts).

import { credentialsKey, credentialsVariable, decideCredentials, parseCredentials, readCredentialsEntry, type CachedCredentials } from '../core/identity-pool/cache';
import { IDENTITY_POOL_SETTING_SPECS } from '../core/identity-pool/setting-specs';
import type { IdentityPoolSettings } from '../core/identity-pool/settings';
import { iamVariableValues } from '../core/identity-pool/variables';
import { SETTING_SPECS } from '../core/setting-specs';
import type { Settings } from '../core/settings';
import { checksum, heldText, iamNeedKey, tableParts, type Note, type WatchedEntry } from './fast-path-note';
import { setIfChanged, variableSnapshot } from './variable-lookup';

/**
 * For AWS credentials: the identity-pool table (identity-pool/setting-specs.ts) and the user-pool table (the user's
 * settings make the credentials' key; a guest's margin comes from it), both derived from their tables.
 */
export function iamFingerprint(identity: string, lookup: (name: string) => unknown = variableSnapshot()): string {
  return checksum(JSON.stringify(['iam', identity, ...tableParts(IDENTITY_POOL_SETTING_SPECS, identity, lookup), ...tableParts(SETTING_SPECS, identity, lookup)]));
}

/**
 * The entry that lets the fast path fill an identity's cognito_iam_* variables while nothing changes (issue 13): the
 * `pm_cognito_iam_<hash>` variable watched by checksum and the margin for decideCredentials; undefined when the
 * stored entry does not parse for this identity.
 */
export function credentialsNoteEntry(pool: IdentityPoolSettings, user: Settings | undefined, fingerprint: string, stored: (variable: string) => string | undefined): WatchedEntry | undefined {
  const key = credentialsKey(pool, user);
  const variable = credentialsVariable(key);
  const text = stored(variable) ?? '';
  if (parseCredentials(text, key) === undefined) return undefined;
  return { f: fingerprint, m: pool.refreshMarginSeconds, w: [[variable, checksum(text)]] };
}

/** The cognito_iam_* values of each identity from its cached credentials; undefined when any entry does not hold or would be renewed. */
export function credentialOutputs(note: Note, identities: string[], now: number, lookup: (name: string) => unknown): Array<Record<string, string>> | undefined {
  const outputs: Array<Record<string, string>> = [];
  for (const identity of identities) {
    const entry = note[iamNeedKey(identity)];
    if (entry === undefined) return undefined;
    const cached: CachedCredentials | undefined = readCredentialsEntry(heldText(entry, () => iamFingerprint(identity, lookup)));
    if (cached === undefined || decideCredentials(cached, now, entry.m).action !== 'use') return undefined;
    outputs.push(iamVariableValues(cached, identity));
  }
  return outputs;
}

/** Fills each identity's cognito_iam_* variables from its cached credentials; false (nothing set) when any entry does not hold. */
export function serveCredentials(note: Note, identities: string[], now: number, lookup: (name: string) => unknown): boolean {
  const outputs = credentialOutputs(note, identities, now, lookup);
  if (outputs === undefined) return false;
  for (const values of outputs) for (const name of Object.keys(values)) setIfChanged(name, values[name]!);
  return true;
}
