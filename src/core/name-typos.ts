// Names that are almost pm-cognito's (variables, {{outputs}}, identity tags, token types), each reported with a "did you mean".

import { didYouMean } from './did-you-mean';
import { IDENTITY_NAME_PATTERN, withIdentity } from './identity-name';
import { parseProcessVariable, processVariable } from './process-variables';
import { IDENTITY_POOL_SETTING_SPECS } from './identity-pool/setting-specs';
import { baseOf, knownVariables, OUTPUT_VARIABLES } from './known-variables';
import { SETTING_SPECS, TOKEN_TYPES } from './setting-specs';

export { unknownReferences } from './known-variables';

const suggest = (word: string, candidates: readonly string[]) => {
  const near = didYouMean(word, candidates);
  return near === undefined ? '' : ': did you mean ' + near + '?';
};

/** `cognito_*` variables (environment, collection) that are no pm-cognito setting or output, with the nearest name. */
export const unknownVariableWarnings = (names: Iterable<string>): string[] => {
  const known = knownVariables();
  const warnings: string[] = [];
  for (const name of names) {
    if (!name.startsWith('cognito_') || known.includes(baseOf(name))) continue;
    warnings.push(name + ' is not a pm-cognito setting, so it is not read' + suggest(baseOf(name), known));
  }
  return warnings;
};

/** The message for an unknown `{{reference}}`. */
export const unknownReferenceMessage = (name: string): string => {
  const near = didYouMean(baseOf(name), [...OUTPUT_VARIABLES, ...knownVariables()]);
  return '{{' + name + '}} names no pm-cognito output, so it would be sent empty' + (near === undefined ? ': use cognito_token, cognito_id_token or cognito_access_token' : ': did you mean {{' + near + (name.includes('@') ? name.slice(name.indexOf('@')) : '') + '}}?');
};

/** A name tag whose token type is not id or access (`@admin:acess`): the message, else undefined. */
export const tagTypeProblem = (itemName: string): string | undefined => {
  const match = new RegExp('(?:^|\\s)@(' + IDENTITY_NAME_PATTERN + '):([^\\s]*)\\s*$').exec(itemName);
  if (!match || (TOKEN_TYPES as readonly string[]).includes(match[2]!)) return undefined;
  return 'the tag @' + match[1] + ':' + match[2] + ' in "' + itemName + '" has the token type "' + match[2] + '", which is not id or access' + suggest(match[2]!, TOKEN_TYPES);
};

/** An identity (from a tag or a reference) that no variable configures but one nearly does (`Admin` for `admin`). */
export const identityTypo = (identity: string, configured: readonly string[]): string | undefined => {
  if (identity === '' || configured.includes(identity)) return undefined;
  const near = didYouMean(identity, configured);
  return near === undefined ? undefined : 'identity "' + identity + '" has no settings, but "' + near + '" has' + (near.toLowerCase() === identity.toLowerCase() ? ' (identity names are case-sensitive; COGNITO_*__NAME variables give lower-case names)' : '') + ': did you mean @' + near + '?';
};

/** COGNITO_* process variables that map to no setting (they are ignored), with the nearest one. */
export const unknownProcessVariableWarnings = (env: Readonly<Record<string, string | undefined>>): string[] => {
  const settings = [...Object.values(SETTING_SPECS), ...Object.values(IDENTITY_POOL_SETTING_SPECS)].map((spec) => spec.variable);
  const warnings: string[] = [];
  for (const name of Object.keys(env).sort()) {
    const parsed = parseProcessVariable(name);
    if (parsed === undefined || env[name] === undefined || env[name] === '' || settings.includes(parsed.variable)) continue;
    const near = didYouMean(parsed.variable, settings);
    warnings.push(name + ' maps to no pm-cognito setting, so it is ignored' + (near === undefined ? '' : ': did you mean ' + processVariable(withIdentity(near, parsed.identity)) + '?'));
  }
  return warnings;
};
