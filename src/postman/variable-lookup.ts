// How the script reads variables, shared by the fast path and the full code so both see the same values.

import { SettingsError } from '../core/errors';
import { withIdentity } from '../core/identity-name';
import { hasOwn } from '../core/safe-json';
import { SETTING_SPECS } from '../core/setting-specs';
import { resolvingLookup, vaultProblem, vaultReference } from '../core/variable-references';

/** A variable's value; one that holds `{{other}}` is resolved by the rule the CLI shares (core/variable-references.ts). */
export const lookUp = resolvingLookup((name) => pm.variables.get(name));

/**
 * A lookup over all variables read at once (one pass over every scope), for reading many names: a `get` of an
 * unset name scans every scope, and the settings fingerprint reads about forty mostly unset names. Scopes without
 * toObject (other sandboxes) fall back to one `get` per name. Same precedence as `get`; disabled values excluded.
 */
export const variableSnapshot = (): (name: string) => unknown => {
  const scope = pm.variables;
  if (typeof scope.toObject !== 'function') return lookUp;
  const all = scope.toObject(true);
  // The same `{{ref}}` rule as lookUp, over the same values read once.
  return resolvingLookup((name) => (hasOwn(all, name) ? all[name] : undefined));
};

/**
 * A value pm-cognito stored (a token cache): its collection variable, else the environment value of that name.
 * `pm-cognito run` hands the Postman CLI its up-front sign-ins as environment values: that CLI cannot set
 * collection variables from outside. What the script stores goes to the collection.
 */
export const readStored = (name: string): string | undefined => {
  const value = pm.collectionVariables.get(name);
  if (typeof value === 'string' && value !== '') return value;
  const handed = pm.environment ? pm.environment.get(name) : undefined;
  return typeof handed === 'string' && handed !== '' ? handed : typeof value === 'string' ? value : undefined;
};

/** Sets a collection variable only when its value changes: every variable travels into the sandbox and back on each request. */
export const setIfChanged = (name: string, value: string): void => {
  if (pm.collectionVariables.get(name) !== value) pm.collectionVariables.set(name, value);
};

/**
 * Postman Vault: where the sandbox has `pm.vault` (the app), the identity's settings whose value is `{{vault:name}}`
 * are read with `await pm.vault.get(name)` (the Postman CLI's pm.vault refuses: that is reported with the way round).
 * Without pm.vault the lookup is returned as it is, and readSettings names the value as a vault secret with how to
 * pass it to newman, the Postman CLI or pm-cognito run.
 */
export const withVaultSecrets = async (lookup: (name: string) => unknown, identity: string): Promise<(name: string) => unknown> => {
  const vault = pm.vault;
  if (vault === undefined || typeof vault.get !== 'function') return lookup;
  const secrets: Record<string, string> = {};
  for (const spec of Object.values(SETTING_SPECS)) {
    for (const variable of identity ? [withIdentity(spec.variable, identity), spec.variable] : [spec.variable]) {
      const secret = vaultReference(lookup(variable));
      if (secret === undefined) continue;
      let value: unknown;
      try {
        value = await vault.get(secret);
      } catch (error) {
        // The Postman CLI has a pm.vault that refuses ("Vault access denied").
        throw new SettingsError({ identity, problems: [variable + ' ' + vaultProblem(secret, variable, error instanceof Error ? error.message : String(error))] });
      }
      if (typeof value !== 'string' || value === '') {
        throw new SettingsError({ identity, problems: [variable + ' is {{vault:' + secret + '}}, which is not in your Postman Vault: add it, turn on "Enable support in scripts" and allow this collection'] });
      }
      secrets[variable] = value;
    }
  }
  return (name) => (hasOwn(secrets, name) ? secrets[name] : lookup(name));
};
