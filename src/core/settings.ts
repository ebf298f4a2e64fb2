// Reads one identity's settings through the table in setting-specs.ts: one loop, every problem named at once, before any network call.

import { SettingsError } from './errors';
import { rememberSecrets } from './redact';
import { hasOwn } from './safe-json';
import { IDENTITY_NAME } from './identity-name';
import { withIdentity } from './identity-name';
import { vaultProblem, vaultReference } from './variable-references';
import {
  isSecret, quote, SETTING_SPECS,
  type AuthFlow, type PreferredChallenge, type SettingContext, type SettingKey, type Settings, type SettingSpec, type TableContext, type VariableLookup,
} from './setting-specs';

// The table's names, for callers that import everything about settings from one place.
export { AUTH_FLOWS, PREFERRED_CHALLENGES, SETTING_SPECS, TOKEN_TYPES, isSecret, quote, settingVariable, variableName } from './setting-specs';
export type { AuthFlow, PreferredChallenge, SettingKey, Settings, SettingSpec, TableContext, TokenType, VariableLookup } from './setting-specs';

const UNRESOLVED = /^\s*\{\{([^{}]+)\}\}\s*$/;
const TRUE_WORDS = ['true', '1', 'yes'];
const BOOLEAN_WORDS = [...TRUE_WORDS, 'false', '0', 'no'];

const isBlank = (value: unknown): boolean => value === undefined || value === null || String(value).trim() === '';

/** An enum's value, or undefined when the text is not one of the allowed values. */
const enumValue = <C>(spec: SettingSpec<C>, text: string): string | undefined => {
  const wanted = spec.normalise ? spec.normalise(text) : text;
  return spec.allowed?.find((allowed) => allowed === wanted);
};

type Outcome = { value: unknown } | { problem: string };

/** A present text's value by the setting's kind, or the problem with it (phrased to follow the variable's name). */
const byKind = <C>(spec: SettingSpec<C>, text: string, ctx: C): Outcome => {
  let value: unknown = text;
  switch (spec.kind) {
    case 'enum':
      value = enumValue(spec, text);
      if (value === undefined) return { problem: 'is ' + quote(text) + ', which is not one of ' + spec.allowed!.join(', ') + ': set one of those' };
      break;
    case 'integer':
      if (!/^\d+$/.test(text) || Number(text) < spec.min! || Number(text) > spec.max!) {
        return { problem: 'is ' + quote(text) + ': set a whole number from ' + spec.min + ' to ' + spec.max };
      }
      value = Number(text);
      break;
    case 'boolean': {
      const word = text.toLowerCase();
      if (!BOOLEAN_WORDS.includes(word)) return { problem: 'is ' + quote(word) + ': set true or false' };
      value = TRUE_WORDS.includes(word);
      break;
    }
    case 'json': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string')) {
        return { problem: 'is not a JSON object of strings: set it like {"email":"qa@example.com"}' };
      }
      const strings: Record<string, string> = {};
      for (const [k, v] of Object.entries(parsed as Record<string, string>)) if (k !== '__proto__') strings[k] = v;
      value = strings;
      break;
    }
    default:
  }
  const problem = spec.maxLength !== undefined && text.length > spec.maxLength
    ? 'is longer than ' + spec.maxLength + ' characters, which Cognito does not allow: check the value'
    : spec.check?.(text, ctx);
  if (problem !== undefined) return { problem };
  return { value: spec.convert ? spec.convert(text) : value };
};

/** How a table's variables are named and read for one identity. */
export interface TableVariables<K extends string> {
  name(key: K): string;
  raw(key: K): string | undefined;
}

/**
 * Names one identity's variables of a table: shared settings of a named identity fall back to the default
 * identity's variable when the identity's own is blank; per-identity ones never do.
 */
export const tableVariables = <K extends string>(specs: Record<K, SettingSpec<never>>, lookup: VariableLookup, identity: string): TableVariables<K> => {
  const name = (key: K): string => {
    const own = withIdentity(specs[key].variable, identity);
    if (!identity || specs[key].perIdentity === true) return own;
    return isBlank(lookup(own)) ? specs[key].variable : own;
  };
  const raw = (key: K): string | undefined => {
    const value = lookup(name(key));
    return value === undefined || value === null ? undefined : typeof value === 'string' ? value : String(value);
  };
  return { name, raw };
};

/** Throws the SettingsError of an invalid identity name (before any variable is read). */
export const checkIdentityName = (identity: string): void => {
  if (identity && !IDENTITY_NAME.test(identity)) {
    throw new SettingsError({ text: 'the identity name "' + identity + '" is not valid: use letters, digits, "_", "-" or "." (at most 64 characters)' });
  }
};

/**
 * The one loop over a settings table: each setting in table order, its value into `ctx.values` (a default or a
 * derived value when unset or refused), at most one problem per setting, phrased after its variable's name.
 * `skip` says which settings this identity does not read (they get their unset value). Returns the problems.
 */
export function readTable<K extends string, C extends TableContext<K, unknown>>(
  specs: Record<K, SettingSpec<C>>, variables: TableVariables<K>, ctx: C, skip: (spec: SettingSpec<C>) => boolean = () => false,
): string[] {
  const { name, raw } = variables;
  const problems: string[] = [];
  for (const key of Object.keys(specs) as K[]) {
    const spec = specs[key];
    const unset = (): unknown => spec.derive ? spec.derive(ctx) : spec.defaultValue !== undefined ? (byKind(spec, spec.defaultValue, ctx) as { value: unknown }).value : undefined;
    const set = (value: unknown) => { (ctx.values as Record<string, unknown>)[key] = value; };
    if (skip(spec)) {
      set(unset());
      continue;
    }
    const text = raw(key);
    const reference = text === undefined ? null : UNRESOLVED.exec(text);
    let problem: string | undefined;
    let present: string | undefined;
    if (reference) {
      const secret = vaultReference(text);
      problem = secret !== undefined ? vaultProblem(secret, name(key))
        : 'refers to {{' + reference[1] + '}}, which is not set: set ' + reference[1] + ' or put the value in ' + name(key) + ' directly';
    } else if (text !== undefined && text.trim() !== '') {
      // Known before any problem is phrased: a secret pasted into a setting whose value a problem quotes stays hidden.
      if (isSecret(spec)) rememberSecrets([text, text.trim()]);
      // A secret keeps its exact value: padding is refused, not trimmed (it is usually a copy-and-paste slip).
      if (isSecret(spec) && text !== text.trim()) problem = 'starts or ends with whitespace, which Cognito does not allow: remove it';
      else present = isSecret(spec) ? text : text.trim();
    }
    if (present !== undefined) {
      const outcome = byKind(spec, present, ctx);
      if ('value' in outcome) {
        set(outcome.value);
        continue;
      }
      problem = outcome.problem;
    }
    const why = problem === undefined ? spec.neededBecause?.(ctx) : undefined;
    if (why !== undefined) problem = 'is not set: ' + why;
    if (problem !== undefined) problems.push(name(key) + ' ' + problem);
    set(unset());
  }
  return problems;
}

/**
 * A named identity's shared settings that hints should name without `@identity`: those read from (or, unset, named
 * by) the default identity's variable. An unset client secret belongs to the identity's own app client when it has one.
 */
const sharedKeys = (name: (key: SettingKey) => string, has: (key: SettingKey) => boolean): SettingKey[] => {
  return (Object.keys(SETTING_SPECS) as SettingKey[]).filter((key) => SETTING_SPECS[key].perIdentity !== true && name(key) === SETTING_SPECS[key].variable
    && !(key === 'clientSecret' && !has('clientSecret') && name('clientId') !== SETTING_SPECS.clientId.variable));
};

/**
 * Reads and checks the settings of one identity. Throws one SettingsError that lists every missing
 * or invalid variable, never their secret values.
 */
export const readSettings = (lookup: VariableLookup, identity = ''): Settings => {
  checkIdentityName(identity);
  const variables = tableVariables<SettingKey>(SETTING_SPECS, lookup, identity);
  const { name, raw } = variables;
  // The flow and USER_AUTH's first factor decide what the others must be; their own problems are reported in table order.
  const selector = (key: 'authFlow' | 'preferredChallenge') => {
    const spec = SETTING_SPECS[key];
    return (enumValue(spec, raw(key)?.trim() || spec.defaultValue!) ?? spec.allowed![0]) as never;
  };
  const values: Partial<Settings> = { identity };
  const ctx: SettingContext = {
    flow: selector('authFlow') as AuthFlow,
    challenge: selector('preferredChallenge') as PreferredChallenge,
    values,
    has: (key) => !isBlank(raw(key)),
    name,
  };
  const problems = readTable(SETTING_SPECS, variables, ctx, (spec) => spec.flows !== undefined && !spec.flows.includes(ctx.flow));
  if (problems.length > 0) throw new SettingsError({ identity, problems });
  if (identity) values.shared = sharedKeys(name, ctx.has);
  assertEveryKey<Settings>(SETTING_SPECS, values);
  return values;
};

/**
 * The one place a table's `Partial<V>` becomes `V` (V derived from the table: Settings, IdentityPoolValues): readTable
 * sets every row's key (its value, a default, a derived value or undefined, which the derived type allows exactly
 * where the row may stay unset), but TypeScript cannot follow a loop over a table's keys. This checks the keys at
 * run time; a test covers both ways.
 */
export function assertEveryKey<V>(specs: object, values: Partial<V>): asserts values is V {
  const missing = Object.keys(specs).filter((key) => !hasOwn(values, key));
  if (missing.length > 0) throw new Error('pm-cognito: internal error: readTable left ' + missing.join(', ') + ' unset');
}
