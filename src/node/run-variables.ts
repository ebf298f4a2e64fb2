// Builds the variables of a run in memory: environment file, then COGNITO_* process variables, then --env-var.

import { withIdentity } from '../core/identity-name';
import { parseProcessVariable } from '../core/process-variables';
import { IDENTITY_POOL_SETTING_SPECS } from '../core/identity-pool/setting-specs';
import { isSecret, SETTING_SPECS } from '../core/settings';
import { readJsonFile } from './read-json-file';
import { InputError } from './input-error';

export type Variables = Record<string, string>;

interface EnvironmentValue {
  key?: unknown;
  value?: unknown;
  enabled?: unknown;
}

/** Reads a Postman environment (or globals) export: `{ "values": [{ "key", "value", "enabled" }] }`. */
export function readEnvironmentFile(path: string): { name: string; values: Variables } {
  const parsed = readJsonFile(path, 'environment file ' + path, 'pass a Postman environment export (Environments > ... > Export) with -e <file>');
  const values = typeof parsed === 'object' && parsed !== null ? (parsed as { values?: unknown }).values : undefined;
  if (!Array.isArray(values)) {
    throw new InputError('pm-cognito: environment file ' + path + ' has no "values" list: export the environment from Postman (Environments > ... > Export)');
  }
  const out: Variables = Object.create(null) as Variables;
  for (const entry of values as EnvironmentValue[]) {
    if (typeof entry !== 'object' || entry === null || typeof entry.key !== 'string' || entry.key === '') continue;
    if (entry.enabled === false) continue;
    if (entry.value === undefined || entry.value === null) continue;
    out[entry.key] = typeof entry.value === 'string' ? entry.value : String(entry.value);
  }
  const name = (parsed as { name?: unknown }).name;
  return { name: typeof name === 'string' ? name : path, values: out };
}

export { processVariable } from '../core/process-variables';

/** Every setting variable of both tables (user pool, identity pool). */
const SETTING_VARIABLES = new Set([...Object.values(SETTING_SPECS), ...Object.values(IDENTITY_POOL_SETTING_SPECS)].map((spec) => spec.variable));

/**
 * Maps process variables onto setting variables: COGNITO_PASSWORD → cognito_password,
 * COGNITO_PASSWORD__ADMIN → cognito_password@admin. Only pm-cognito's own settings (the tables' rows) are taken.
 */
export function variablesFromProcessEnv(env: NodeJS.ProcessEnv): Variables {
  const out: Variables = Object.create(null) as Variables;
  for (const name of Object.keys(env).sort()) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    const parsed = parseProcessVariable(name);
    if (parsed === undefined || !SETTING_VARIABLES.has(parsed.variable)) continue;
    out[withIdentity(parsed.variable, parsed.identity)] = value;
  }
  return out;
}

export interface VariableSources {
  /** Path of a Postman environment export; optional. */
  environmentFile?: string | undefined;
  /** Usually process.env. */
  processEnv?: NodeJS.ProcessEnv;
  /** Variables given one by one (the CLI's --env-var), highest precedence. */
  envVars?: ReadonlyArray<readonly [string, string]>;
}

/** All variables of a run, lowest precedence first: file, process environment, --env-var. */
export function collectVariables(sources: VariableSources): { name: string; values: Variables } {
  const fromFile = sources.environmentFile !== undefined ? readEnvironmentFile(sources.environmentFile) : { name: 'pm-cognito', values: {} };
  const values: Variables = { ...fromFile.values, ...variablesFromProcessEnv(sources.processEnv ?? {}) };
  for (const [key, value] of sources.envVars ?? []) values[key] = value;
  return { name: fromFile.name, values };
}

/** Variables whose values must never appear in output or files: every secret setting of every identity. */
export function secretVariables(variables: Variables): Array<{ name: string; value: string }> {
  const secretNames = new Set(Object.values(SETTING_SPECS).filter(isSecret).map((spec) => spec.variable));
  const found: Array<{ name: string; value: string }> = [];
  for (const [name, value] of Object.entries(variables)) {
    const base = name.includes('@') ? name.slice(0, name.indexOf('@')) : name;
    if (secretNames.has(base) && value.trim() !== '') found.push({ name, value });
  }
  return found;
}
