// Before `pm-cognito run` signs anyone in: every collection must carry the script, and v3 No Auth requests are named.

import { join, relative } from 'node:path';
import { collectionVariablesOf, type LoadedCollection } from './collections';
import { collectionScriptState } from './install-collections';
import { InputError } from './input-error';
import { DEFINITION, noauthWarnings, v3Text } from './v3-collection';
import { collectionPrerequestCode, hasIamForm } from '../core/managed-block';
import { referencedIamIdentities } from '../core/identity-pool/variables';
import { itemsText } from './used-identities';
import { SETTING_SPECS } from '../core/setting-specs';

/**
 * Stops a run whose collections lack the script (each would sign in up front and then send every
 * request without a token: all 401, no hint); the run never adds it behind the user's back, since
 * the same collection would then fail in the Postman app. Returns warnings: stale scripts, and v3
 * requests the script cannot see are No Auth, and requests naming cognito_iam_* under a script without --iam.
 * `forms`: this build's script, in every form.
 */
/** Whether the suite's installed script is the default form, without what signs with AWS keys (issue 21). */
function withoutIam(suite: LoadedCollection): boolean {
  return !hasIamForm(suite.v3 !== undefined ? v3Text(suite.v3) : collectionPrerequestCode(suite.collection));
}

/** Whether the suite's requests name cognito_iam_* variables while its script is the default form. */
function namesIamWithoutIam(suite: LoadedCollection): boolean {
  return referencedIamIdentities(itemsText(suite)).length > 0 && withoutIam(suite);
}

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
    if (state === 'current' && namesIamWithoutIam(suite)) {
      warnings.push('pm-cognito: warning: ' + shown + ' names cognito_iam_* variables, but its script was installed without --iam: the Postman app, newman and the Postman CLI'
        + ' (v3, --runner postman) fail those requests; run pm-cognito install --iam ' + JSON.stringify(shown));
    }
    if (suite.v3 !== undefined) warnings.push(...noauthWarnings(suite.v3));
  }
  if (missing.length > 0) {
    throw new InputError('pm-cognito run: ' + missing.join(', ') + (missing.length === 1 ? ' has' : ' have') + ' no pm-cognito script, so every request would go without a token: run pm-cognito install ' +
      missing.map((m) => JSON.stringify(m)).join(' ') + ' (it writes the script into the collection, as the Postman app needs it too)');
  }
  return warnings;
}

const ADMIN_FLOWS = new Set(['ADMIN_USER_PASSWORD_AUTH', 'ADMIN_USER_AUTH']);
const AUTH_FLOW_VARIABLE = /^cognito_auth_flow(?:@.*)?$/;
/** As the settings read cognito_auth_flow (admin-user-auth is ADMIN_USER_AUTH). */
const normaliseFlow = (value: string): string => String(SETTING_SPECS.authFlow.normalise?.(value) ?? value.trim());

/**
 * Suites whose script is the default form while a cognito_auth_flow variable of the run (the collection's, then the
 * environment's, as the run reads them) is an ADMIN_* flow: `pm-cognito run` signs them in, but the installed script
 * alone refuses them (it has no SigV4 without --iam). Any identity's variable counts, used by the suite or not.
 */
export function adminFlowWarnings(suites: readonly LoadedCollection[], variables: Readonly<Record<string, string>>, cwd: string): string[] {
  const warnings: string[] = [];
  for (const suite of suites) {
    const values = { ...collectionVariablesOf(suite.collection), ...variables };
    const admin = Object.keys(values).sort().find((name) => AUTH_FLOW_VARIABLE.test(name) && ADMIN_FLOWS.has(normaliseFlow(values[name]!)));
    if (admin === undefined || !withoutIam(suite)) continue;
    const shown = relative(cwd, suite.path) || '.';
    warnings.push('pm-cognito: warning: ' + admin + ' is ' + values[admin]!.trim() + ' for ' + shown + ', but its script was installed without --iam: the Postman app, newman and the Postman CLI'
      + ' (v3, --runner postman) fail that sign-in; run pm-cognito install --iam ' + JSON.stringify(shown));
  }
  return warnings;
}
