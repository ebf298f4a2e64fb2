// `--env-var key=value`: the option's syntax, turned into a variable before anything else reads it.

import { UsageError } from './usage-error';

/** `key=value` → [key, value]; the value may contain '=' and may be empty. */
export function parseEnvVar(text: string): [string, string] {
  const eq = text.indexOf('=');
  const key = eq === -1 ? '' : text.slice(0, eq).trim();
  if (eq === -1 || key === '') {
    // Never echo the text: it may be a secret given without its key.
    throw new UsageError('pm-cognito: --env-var needs the form key=value (e.g. --env-var baseUrl=https://api.example.com): one value has no "key=" in front');
  }
  return [key, text.slice(eq + 1)];
}
