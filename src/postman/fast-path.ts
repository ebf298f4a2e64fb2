// The fast path: serves a request from the note the full code left, doing nothing the full code would not do.
//
// It reads only what it needs and writes nothing unless it serves. Anything unexpected, a missing or outdated
// note, or a clock outside the note's window, and it declines: the full code then decides as always.

import type { CachedCredentials } from '../core/identity-pool/cache';
import { iamVariableValues } from '../core/identity-pool/variables';
import { checksum, iamFingerprint, iamNeedKey, needKey, readNote, REFUSAL_SEEN_VARIABLE, settingsFingerprint, type Note, type WatchedEntry } from './fast-path-note';
import { requestNeeds } from './request-needs';
import { deliverTokens, type TokenDelivery } from './token-outputs';
import { readStored, setIfChanged, variableSnapshot } from './variable-lookup';

/**
 * The first watched value's text when the entry still holds (clock inside its window, same settings, every watched
 * value unchanged), else undefined. The fingerprint is computed last: it reads every setting.
 */
function heldText(entry: WatchedEntry | undefined, now: number, fingerprint: () => string): string | undefined {
  if (entry === undefined || !(now >= entry.from && now < entry.until)) return undefined;
  if (entry.f !== fingerprint()) return undefined;
  let first: string | undefined;
  for (const [name, sum] of entry.w) {
    const text = readStored(name) ?? '';
    if (checksum(text) !== sum) return undefined;
    if (first === undefined) first = text;
  }
  return first;
}

/** The cognito_iam_* values of each identity from its cached credentials; undefined when any entry does not hold. */
function credentialOutputs(note: Note, identities: string[], now: number, lookup: (name: string) => unknown): Array<Record<string, string>> | undefined {
  const outputs: Array<Record<string, string>> = [];
  for (const identity of identities) {
    const text = heldText(note[iamNeedKey(identity)], now, () => iamFingerprint(identity, lookup));
    if (text === undefined) return undefined;
    // The same text the full code checked (its checksum matched), so plain JSON.parse is enough.
    const cached = JSON.parse(text) as Partial<CachedCredentials> | null;
    if (cached === null || typeof cached.accessKeyId !== 'string' || typeof cached.secretAccessKey !== 'string' || typeof cached.sessionToken !== 'string' || typeof cached.identityId !== 'string') return undefined;
    outputs.push(iamVariableValues(cached as CachedCredentials, identity));
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
      const cacheText = heldText(entry, now, () => settingsFingerprint(need.identity, lookup));
      if (cacheText === undefined) return false;
      // The same text the full code checked (its checksum matched), so plain JSON.parse is enough.
      const cache = JSON.parse(cacheText) as { idToken?: unknown; accessToken?: unknown } | null;
      if (cache === null || typeof cache.accessToken !== 'string') return false;
      deliveries.push({
        identity: need.identity,
        idToken: typeof cache.idToken === 'string' ? cache.idToken : undefined,
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
