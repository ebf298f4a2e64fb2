// The fast path: serves a request from the note the full code left, doing nothing the full code would not do.
//
// It reads only what it needs and writes nothing unless it serves. Anything unexpected, a missing or outdated
// note, or an entry core would not use as it is now, and it declines: the full code then decides as always.
// Reading an entry and deciding on it are core's (cache-entry.ts, cache-policy.ts, identity-pool/cache.ts): one reader.

import { readCacheEntry, type CachedTokens } from '../core/cache-entry';
import { decide } from '../core/cache-policy';
import { decideCredentials, readCredentialsEntry, type CachedCredentials } from '../core/identity-pool/cache';
import { iamVariableValues } from '../core/identity-pool/variables';
import { checksum, iamFingerprint, iamNeedKey, needKey, readNote, REFUSAL_SEEN_VARIABLE, settingsFingerprint, type Note, type WatchedEntry } from './fast-path-note';
import { requestNeeds } from './request-needs';
import { deliverTokens, type TokenDelivery } from './token-outputs';
import { readStored, setIfChanged, variableSnapshot } from './variable-lookup';

/**
 * The first watched value's text when the entry still holds (same settings, every watched value unchanged), else
 * undefined. The fingerprint is computed after the cheap checks: it reads every setting.
 */
function heldText(entry: WatchedEntry | undefined, fingerprint: () => string): string | undefined {
  if (entry === undefined || typeof entry.m !== 'number' || !Array.isArray(entry.w)) return undefined;
  if (entry.f !== fingerprint()) return undefined;
  let first: string | undefined;
  for (const [name, sum] of entry.w) {
    const text = readStored(name) ?? '';
    if (checksum(text) !== sum) return undefined;
    if (first === undefined) first = text;
  }
  return first;
}

/** The cached tokens when the entry holds and core would use them as they are now (the same text parseCache accepted under these settings). */
function usableTokens(entry: WatchedEntry, now: number, fingerprint: () => string): CachedTokens | undefined {
  const tokens = readCacheEntry(heldText(entry, fingerprint));
  return tokens !== undefined && decide(tokens, now, entry.m).action === 'use' ? tokens : undefined;
}

/** The cognito_iam_* values of each identity from its cached credentials; undefined when any entry does not hold or would be renewed. */
function credentialOutputs(note: Note, identities: string[], now: number, lookup: (name: string) => unknown): Array<Record<string, string>> | undefined {
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

/** True when the request was served (or needs no token); false when the full code must run. */
export function serveFromNote(): boolean {
  try {
    const routed = requestNeeds();
    if (routed === undefined) return true;
    if (routed.typo !== undefined) return false;
    const note = readNote();
    if (note === undefined) return false;
    const lookup = variableSnapshot();
    const refused = lookup(REFUSAL_SEEN_VARIABLE);
    if (typeof refused === 'string' && refused !== '') return false;
    const now = Date.now();
    if (routed.awsCredentials !== undefined) {
      const outputs = credentialOutputs(note, routed.awsCredentials, now, lookup);
      if (outputs === undefined) return false;
      for (const values of outputs) for (const name of Object.keys(values)) setIfChanged(name, values[name]!);
      return true;
    }
    const deliveries: TokenDelivery[] = [];
    for (const need of routed.needs) {
      const entry = note[needKey(need)];
      if (entry === undefined || !('t' in entry)) return false;
      const cache = usableTokens(entry, now, () => settingsFingerprint(need.identity, lookup));
      if (cache === undefined) return false;
      deliveries.push({
        identity: need.identity,
        idToken: cache.idToken,
        accessToken: cache.accessToken,
        tokenType: entry.t,
        headerName: entry.h,
        headerScheme: entry.s,
        setHeader: routed.setHeader,
      });
    }
    for (const delivery of deliveries) deliverTokens(delivery);
    return true;
  } catch {
    return false;
  }
}
