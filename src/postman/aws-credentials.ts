// Fills the cognito_iam_* collection variables that a request's AWS Signature auth names, from the identity pool.

import { credentialsForIdentity } from '../core/identity-pool/credentials';
import { iamVariableValues, referencedIamIdentities } from '../core/identity-pool/variables';
import type { VariableLookup } from '../core/settings';
import { credentialsNoteEntry, iamFingerprint } from './fast-path-credentials';
import { iamNeedKey, updateNote } from './fast-path-note';
import { postmanHost } from './host';
import { readStored, setIfChanged } from './variable-lookup';

/**
 * When the request names cognito_iam_* variables (in its AWS Signature auth, headers, URL or body), sets them for
 * each identity named and returns true: such a request is signed by Postman with these credentials and gets no token.
 * `lookUp` is the script's settings lookup (variable-references.ts's `{{ref}}` rule, as for the token settings).
 */
export async function provideAwsCredentials(requestText: string, lookUp: VariableLookup): Promise<boolean> {
  const identities = referencedIamIdentities(requestText);
  if (identities.length === 0) return false;
  const host = postmanHost();
  for (const identity of identities) {
    let provided;
    try {
      provided = await credentialsForIdentity(host, lookUp, identity);
    } catch (error) {
      updateNote(iamNeedKey(identity), undefined);
      throw error;
    }
    const { credentials, source, pool, user } = provided;
    const values = iamVariableValues(credentials, identity);
    for (const name of Object.keys(values)) setIfChanged(name, values[name]!);
    if (pool.debug) {
      host.log('pm-cognito: "' + pm.info.requestName + '" uses AWS credentials of identity ' + (identity || 'default') + (pool.guest ? ' (guest)' : '') + ' from ' + source);
    } else {
      // What was just checked, so the fast path can fill the same variables on the next requests (debug output needs the full code).
      updateNote(iamNeedKey(identity), credentialsNoteEntry(pool, user, iamFingerprint(identity), readStored));
    }
  }
  return true;
}
