// Builds the fast path's note entry for one need from its settings and the stored cache: shared by the full code and `pm-cognito run`.

import type { Settings } from '../core/settings';
import { cacheKey, cacheVariable, parseCache } from '../core/cache-entry';
import { checksum, type NoteEntry } from './fast-path-note';

/**
 * The entry that lets the fast path serve this need while nothing changes; undefined when the stored cache does
 * not parse for these settings. `stored` is the cache variable's text; `settings` already carry the need's token type.
 */
export const noteEntry = (settings: Settings, fingerprint: string, stored: (variable: string) => string | undefined): NoteEntry | undefined => {
  const variable = cacheVariable(cacheKey(settings));
  const text = stored(variable) ?? '';
  // The fast path reads this same text (by checksum) with core's readCacheEntry and asks core's decide with this margin.
  if (parseCache(text, settings) === undefined) return undefined;
  return { f: fingerprint, m: settings.refreshMarginSeconds, w: [[variable, checksum(text)]], t: settings.tokenType, h: settings.headerName, s: settings.headerScheme };
};
