// Whether a collection's requests name cognito_iam_* variables: such a collection needs the --iam form of the script.

import { dirname } from 'node:path';
import type { CollectionTarget } from './collection-targets';
import { loadCollections } from './collections';
import { itemsText } from './used-identities';
import { referencedIamIdentities } from '../core/identity-pool/variables';

/** Read as `pm-cognito run` reads requests; a collection that cannot be read as a suite counts as naming none (install reports it itself). */
export function namesIamVariables(target: CollectionTarget): boolean {
  try {
    return loadCollections([target.path], dirname(target.path)).some((suite) => referencedIamIdentities(itemsText(suite)).length > 0);
  } catch {
    return false;
  }
}
