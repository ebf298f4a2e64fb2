// The fast path: serves a request from the note the full code left, doing nothing the full code would not do.
//
// It reads only what it needs and writes nothing unless it serves. Anything unexpected, a missing or outdated
// note, or an entry core would not use as it is now, and it declines: the full code then decides as always.
// Reading an entry and deciding on it are core's (cache-entry.ts, cache-policy.ts, identity-pool/cache.ts): one reader.
// The identity-pool part (fast-path-credentials.ts) is only in the script `pm-cognito install --iam` installs.

import { readCacheEntry, type CachedTokens } from '../core/cache-entry';
import { decide } from '../core/cache-policy';
import { serveCredentials } from './fast-path-credentials';
import { heldText, needKey, readNote, REFUSAL_SEEN_VARIABLE, settingsFingerprint, type WatchedEntry } from './fast-path-note';
import { requestNeeds } from './request-needs';
import { deliverTokens, type TokenDelivery } from './token-outputs';
import { variableSnapshot } from './variable-lookup';

/** The cached tokens when the entry holds and core would use them as they are now (the same text parseCache accepted under these settings). */
const usableTokens = (entry: WatchedEntry, now: number, fingerprint: () => string): CachedTokens | undefined => {
  const tokens = readCacheEntry(heldText(entry, fingerprint));
  return tokens !== undefined && decide(tokens, now, entry.m).action === 'use' ? tokens : undefined;
};

/** True when the request was served (or needs no token); false when the full code must run. */
export const serveFromNote = (): boolean => {
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
    if (routed.awsCredentials !== undefined) return serveCredentials(note, routed.awsCredentials, now, lookup);
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
};
