// Before `pm-cognito run` signs anyone in: every collection must carry the script, and v3 No Auth requests are named.

import { join, relative } from 'node:path';
import type { LoadedCollection } from './collections';
import { collectionScriptState } from './install-collections';
import { InputError } from './input-error';
import { DEFINITION, noauthWarnings } from './v3-collection';

/**
 * Stops a run whose collections lack the script (each would sign in up front and then send every
 * request without a token: all 401, no hint); the run never adds it behind the user's back, since
 * the same collection would then fail in the Postman app. Returns warnings: stale scripts, and v3
 * requests the script cannot see are No Auth. `forms`: this build's script, compact and readable.
 */
export function preflight(suites: readonly LoadedCollection[], forms: readonly string[], cwd: string): string[] {
  const warnings: string[] = [];
  const missing: string[] = [];
  for (const suite of suites) {
    const target = suite.format === 'v3'
      ? { format: 'v3' as const, path: suite.path, scriptFile: join(suite.path, DEFINITION) }
      : { format: 'v2.1' as const, path: suite.path, scriptFile: suite.path };
    const shown = relative(cwd, suite.path) || '.';
    const state = collectionScriptState(target, forms);
    if (state === 'missing') missing.push(shown);
    if (state === 'stale') warnings.push('pm-cognito: warning: ' + shown + ' holds another version of the pm-cognito script: run pm-cognito install ' + JSON.stringify(shown) + ' to update it');
    if (suite.v3 !== undefined) warnings.push(...noauthWarnings(suite.v3));
  }
  if (missing.length > 0) {
    throw new InputError('pm-cognito run: ' + missing.join(', ') + (missing.length === 1 ? ' has' : ' have') + ' no pm-cognito script, so every request would go without a token: run pm-cognito install ' +
      missing.map((m) => JSON.stringify(m)).join(' ') + ' (it writes the script into the collection, as the Postman app needs it too)');
  }
  return warnings;
}
