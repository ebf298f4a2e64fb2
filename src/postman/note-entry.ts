// Builds the fast path's note entry for one need from its settings and the stored cache: shared by the full code and `pm-cognito run`.

import type { Settings } from '../core/settings';
import { cacheKey, cacheVariable, parseCache } from '../core/cache-entry';
import { renewalMarginMs } from '../core/cache-policy';
import { credentialsKey, credentialsVariable, parseCredentials } from '../core/identity-pool/cache';
import type { IdentityPoolSettings } from '../core/identity-pool/settings';
import { checksum, type NoteEntry, type WatchedEntry } from './fast-path-note';
import { useWindow } from './use-window';

/**
 * The entry that lets the fast path serve this need while nothing changes; undefined when the stored cache would
 * not be used as it is. `stored` is the cache variable's text; `settings` already carry the need's token type.
 */
export function noteEntry(settings: Settings, fingerprint: string, stored: (variable: string) => string | undefined): NoteEntry | undefined {
  const variable = cacheVariable(cacheKey(settings));
  const text = stored(variable) ?? '';
  // The window is computed from the entry as the next request will read it, so both paths decide alike.
  const entry = parseCache(text, settings);
  if (entry === undefined) return undefined;
  const { from, until } = useWindow(entry, settings.refreshMarginSeconds);
  return { f: fingerprint, from, until, w: [[variable, checksum(text)]], t: settings.tokenType, h: settings.headerName, s: settings.headerScheme };
}

/**
 * The entry that lets the fast path fill an identity's cognito_iam_* variables while nothing changes (issue 13): the
 * `pm_cognito_iam_<hash>` variable watched by checksum, the window in which decideCredentials says "use" (from the
 * credentials' arrival until expiresAt - min(margin, lifetime / 2)); undefined when the stored entry would not be used.
 */
export function credentialsNoteEntry(pool: IdentityPoolSettings, user: Settings | undefined, fingerprint: string, stored: (variable: string) => string | undefined): WatchedEntry | undefined {
  const key = credentialsKey(pool, user);
  const variable = credentialsVariable(key);
  const text = stored(variable) ?? '';
  const entry = parseCredentials(text, key);
  if (entry === undefined) return undefined;
  const until = entry.expiresAt - renewalMarginMs(pool.refreshMarginSeconds, entry.expiresAt - entry.obtainedAt);
  return { f: fingerprint, from: entry.obtainedAt, until, w: [[variable, checksum(text)]] };
}
