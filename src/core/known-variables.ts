// Every variable name pm-cognito reads or writes, and finding `{{cognito_*}}` references to none of them (cheap: the fast path uses it).

import { IDENTITY_POOL_SETTING_SPECS } from './identity-pool/setting-specs';
import { IAM_VARIABLES } from './identity-pool/variables';
import { SETTING_SPECS } from './setting-specs';

/** The variables pm-cognito sets for a request to use as `{{name}}` (each also as `name@identity`). */
export const OUTPUT_VARIABLES: readonly string[] = ['cognito_token', 'cognito_id_token', 'cognito_access_token', ...Object.values(IAM_VARIABLES)];

/** Every variable name pm-cognito reads or writes (without `@identity`). */
export const knownVariables = (): string[] => [...Object.values(SETTING_SPECS), ...Object.values(IDENTITY_POOL_SETTING_SPECS)].map((spec) => spec.variable).concat(OUTPUT_VARIABLES);

/** `cognito_password@admin` → `cognito_password`. */
export const baseOf = (name: string): string => (name.includes('@') ? name.slice(0, name.indexOf('@')) : name);

const REFERENCE = /\{\{\s*(cognito_[^{}\s]*?)\s*\}\}/g;

/** `{{cognito_*}}` references in a text that name no pm-cognito output or setting (they would stay empty or literal). */
export const unknownReferences = (text: string): string[] => {
  const found: string[] = [];
  let known: string[] | undefined;
  for (const match of text.matchAll(REFERENCE)) {
    const name = match[1]!;
    known ??= knownVariables();
    if (!known.includes(baseOf(name)) && !found.includes(name)) found.push(name);
  }
  return found;
};
