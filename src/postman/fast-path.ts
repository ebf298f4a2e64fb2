// The fast path: serves a request from the note the full code left, doing nothing the full code would not do.
//
// It reads only what it needs and writes nothing unless it serves. Anything unexpected, a missing or outdated
// note, or a clock outside the note's window, and it declines: the full code then decides as always.

import { checksum, needKey, readNote, REFUSAL_SEEN_VARIABLE, settingsFingerprint } from './fast-path-note';
import { requestNeeds } from './request-needs';
import { deliverTokens, type TokenDelivery } from './token-outputs';
import { readStored, variableSnapshot } from './variable-lookup';

/** True when the request was served (or needs no token); false when the full code must run. */
export function serveFromNote(): boolean {
  try {
    const routed = requestNeeds();
    if (routed === undefined) return true;
    // AWS credentials (cognito_iam_*) have no note entry: the full code reads the identity pool's cache and settings.
    if (routed.awsCredentials === true) return false;
    const note = readNote();
    if (note === undefined) return false;
    const lookup = variableSnapshot();
    const refused = lookup(REFUSAL_SEEN_VARIABLE);
    if (typeof refused === 'string' && refused !== '') return false;
    const now = Date.now();
    const deliveries: TokenDelivery[] = [];
    for (const need of routed.needs) {
      const entry = note[needKey(need)];
      if (entry === undefined || !(now >= entry.from && now < entry.until)) return false;
      if (entry.f !== settingsFingerprint(need.identity, lookup)) return false;
      let cacheText = '';
      for (const [name, sum] of entry.w) {
        const text = readStored(name) ?? '';
        if (checksum(text) !== sum) return false;
        if (cacheText === '') cacheText = text;
      }
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
