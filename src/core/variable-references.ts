// `{{name}}` inside a variable's value: the one resolution rule, Postman's, used by the script and by the CLI.

import { processVariable } from './process-variables';

/** Postman's own pattern and limit (postman-collection's Substitutor): `{{` anything but braces `}}`, at most 19 passes. */
const REFERENCE = /\{\{([^{}]*?)}}/g;
const MAX_PASSES = 19;

/**
 * Replaces each `{{name}}` whose variable holds a string, number or boolean, pass after pass (a value may
 * refer to others), as Postman's replaceIn does; unknown references stay as they are, for readSettings to
 * name. Postman's dynamic variables (`{{$guid}}`...) are not settings and are left alone.
 * test/unit/variable-references.test.ts runs the same cases through newman's own replaceIn.
 */
export const resolveReferences = (text: string, get: (name: string) => unknown): string => {
  let value = text;
  for (let pass = 0; pass < MAX_PASSES && value.includes('{{'); pass++) {
    const next = value.replace(REFERENCE, (whole, name: string) => {
      const found = get(name);
      return typeof found === 'string' || typeof found === 'number' || typeof found === 'boolean' ? String(found) : whole;
    });
    if (next === value) break;
    value = next;
  }
  return value;
};

/** A settings lookup over raw variables: a string value that refers to others comes back resolved. */
export const resolvingLookup = (get: (name: string) => unknown): (name: string) => unknown => {
  return (name) => {
    const value = get(name);
    return typeof value === 'string' ? resolveReferences(value, get) : value;
  };
};

/** The secret a Postman Vault reference names: `{{vault:name}}` → `name`; undefined for any other value. */
export const vaultReference = (value: unknown): string | undefined => typeof value === 'string' ? /^\s*\{\{vault:([^{}]+)\}\}\s*$/.exec(value)?.[1] : undefined;

/**
 * What to do about a setting whose value is a vault secret the script cannot read, phrased to follow the variable's
 * name: newman and `pm-cognito run` have no pm.vault; the Postman CLI has one that refuses (`refusal`, its reason).
 */
export const vaultProblem = (secret: string, variable: string, refusal?: string): string => {
  return 'is {{vault:' + secret + '}}, a Postman Vault secret, ' + (refusal === undefined ? 'which only the Postman app can read'
    : 'and the vault refused it (' + refusal + '): in the Postman app, allow this collection to use vault secrets in scripts; outside the app') +
    ': pass the value as ' + processVariable(variable) + '=<value> to pm-cognito run, or --env-var "' + variable + '=<value>" to newman or postman collection run';
};
