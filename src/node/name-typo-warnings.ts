// Warnings before anything is sent (`run`, `install --check`): names that are almost pm-cognito's, each with a "did you mean".

import { configuredIdentities, DEFAULT_TAG, NO_TOKEN_TAG, referencedTokens } from '../core/identities';
import { referencedIamIdentities } from '../core/identity-pool/variables';
import { identityTypo, tagTypeProblem, unknownProcessVariableWarnings, unknownReferenceMessage, unknownReferences, unknownVariableWarnings } from '../core/name-typos';
import { collectionVariablesOf, readCollection, readV3Suite, type LoadedCollection } from './collections';
import type { CollectionTarget } from './collection-targets';
import { itemsText } from './used-identities';

/** Item and folder names of a collection (request names carry the tags). */
function itemNames(suite: LoadedCollection): string[] {
  if (suite.v3 !== undefined) return suite.v3.requests.flatMap((request) => request.location.slice(1));
  const names: string[] = [];
  const walk = (items: unknown) => {
    if (!Array.isArray(items)) return;
    for (const item of items as Array<{ name?: unknown; item?: unknown }>) {
      if (typeof item?.name === 'string') names.push(item.name);
      walk(item?.item);
    }
  };
  walk(suite.collection['item']);
  return [...new Set(names)];
}

const TAG = /(?:^|\s)@([A-Za-z0-9][A-Za-z0-9_.-]{0,63})(?::\S*)?\s*$/;

/**
 * Every warning about one run: unknown cognito_* variables (the run's and each collection's), COGNITO_* process
 * variables that map to no setting, {{cognito_*}} references to no output, tags with a token type that is not id or
 * access, and identities (tags, references) with no settings that nearly match one that has them.
 */
export function nameTypoWarnings(suites: readonly LoadedCollection[], variables: Readonly<Record<string, string>>, env: Readonly<Record<string, string | undefined>>): string[] {
  const warnings = [...unknownProcessVariableWarnings(env), ...unknownVariableWarnings(Object.keys(variables))];
  for (const suite of suites) {
    const own = collectionVariablesOf(suite.collection);
    const where = ' (collection ' + suite.name + ')';
    warnings.push(...unknownVariableWarnings(Object.keys(own).filter((name) => !(name in variables))).map((w) => w + where));
    const all = { ...own, ...variables };
    const text = itemsText(suite);
    for (const name of unknownReferences(text)) if (all[name] === undefined) warnings.push(unknownReferenceMessage(name) + where);
    const configured = configuredIdentities(Object.keys(all));
    const used = new Set<string>([...referencedTokens(text).map((need) => need.identity), ...referencedIamIdentities(text)]);
    for (const name of itemNames(suite)) {
      const problem = tagTypeProblem(name);
      if (problem !== undefined) warnings.push(problem + where);
      const tag = TAG.exec(name)?.[1];
      if (tag !== undefined && ![NO_TOKEN_TAG, DEFAULT_TAG].includes(tag.toLowerCase())) used.add(tag);
    }
    for (const identity of used) {
      const typo = identityTypo(identity, configured);
      if (typo !== undefined) warnings.push(typo + where);
    }
  }
  return [...new Set(warnings)].map((warning) => 'pm-cognito: warning: ' + warning);
}

/** The same warnings for `install --check`, from the collections alone (and the process's COGNITO_* variables). */
export function targetTypoWarnings(targets: readonly CollectionTarget[], env: Readonly<Record<string, string | undefined>>): string[] {
  const suites = targets.map((target) => (target.format === 'v3' ? readV3Suite(target.path) : readCollection(target.path)));
  return nameTypoWarnings(suites, {}, env);
}
