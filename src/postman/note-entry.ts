// Builds the fast path's note entry for one need from its settings and the stored cache: shared by the full code and `pm-cognito run`.

import type { Settings } from '../core/settings';
import { cacheKey, cacheVariable, parseCache } from '../core/cache-entry';
import { credentialsKey, credentialsVariable, parseCredentials } from '../core/identity-pool/cache';
import type { IdentityPoolSettings } from '../core/identity-pool/settings';
import { checksum, type NoteEntry, type WatchedEntry } from './fast-path-note';

/**
 * The entry that lets the fast path serve this need while nothing changes; undefined when the stored cache does
 * not parse for these settings. `stored` is the cache variable's text; `settings` already carry the need's token type.
 */
export function noteEntry(settings: Settings, fingerprint: string, stored: (variable: string) => string | undefined): NoteEntry | undefined {
  const variable = cacheVariable(cacheKey(settings));
  const text = stored(variable) ?? '';
  // The fast path reads this same text (by checksum) with core's readCacheEntry and asks core's decide with this margin.
  if (parseCache(text, settings) === undefined) return undefined;
  return { f: fingerprint, m: settings.refreshMarginSeconds, w: [[variable, checksum(text)]], t: settings.tokenType, h: settings.headerName, s: settings.headerScheme };
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
