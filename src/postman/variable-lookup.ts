// How the script reads variables, shared by the fast path and the full code so both see the same values.

import { resolvingLookup } from '../core/variable-references';

/** A variable's value; one that holds `{{other}}` is resolved by the rule the CLI shares (core/variable-references.ts). */
export const lookUp = resolvingLookup((name) => pm.variables.get(name));

/**
 * A lookup over all variables read at once (one pass over every scope), for reading many names: a `get` of an
 * unset name scans every scope, and the settings fingerprint reads about forty mostly unset names. Scopes without
 * toObject (other sandboxes) fall back to one `get` per name. Same precedence as `get`; disabled values excluded.
 */
export function variableSnapshot(): (name: string) => unknown {
  const scope = pm.variables;
  if (typeof scope.toObject !== 'function') return lookUp;
  const all = scope.toObject(true);
  // The same `{{ref}}` rule as lookUp, over the same values read once.
  return resolvingLookup((name) => (Object.prototype.hasOwnProperty.call(all, name) ? all[name] : undefined));
}

/**
 * A value pm-cognito stored (a token cache): its collection variable, else the environment value of that name.
 * `pm-cognito run` hands the Postman CLI its up-front sign-ins as environment values: that CLI cannot set
 * collection variables from outside. What the script stores goes to the collection.
 */
export function readStored(name: string): string | undefined {
  const value = pm.collectionVariables.get(name);
  if (typeof value === 'string' && value !== '') return value;
  const handed = pm.environment ? pm.environment.get(name) : undefined;
  return typeof handed === 'string' && handed !== '' ? handed : typeof value === 'string' ? value : undefined;
}

/** Sets a collection variable only when its value changes: every variable travels into the sandbox and back on each request. */
export function setIfChanged(name: string, value: string): void {
  if (pm.collectionVariables.get(name) !== value) pm.collectionVariables.set(name, value);
}
