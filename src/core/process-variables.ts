// The COGNITO_* process variables: how a setting's variable (`cognito_password@admin`) and its process variable (`COGNITO_PASSWORD__ADMIN`) map to each other.

import { IDENTITY_NAME_PATTERN } from './identity-name';

/** `cognito_password` → `COGNITO_PASSWORD`; `cognito_password@admin` → `COGNITO_PASSWORD__ADMIN`. */
export const processVariable = (variable: string): string => {
  const at = variable.indexOf('@');
  return at === -1 ? variable.toUpperCase() : variable.slice(0, at).toUpperCase() + '__' + variable.slice(at + 1).toUpperCase();
};

/**
 * `COGNITO_PASSWORD__ADMIN` → `{ variable: 'cognito_password', identity: 'admin' }` (identity names are read in lower
 * case; '' for the default identity); undefined for a name of another shape. Whether the variable is a setting is the
 * caller's question.
 */
export const parseProcessVariable = (name: string): { variable: string; identity: string } | undefined => {
  // Made here, not at the top level: the sandbox's script only names process variables, and carries no copy of it.
  const match = new RegExp('^COGNITO_([A-Z0-9]+(?:_[A-Z0-9]+)*)(?:__(' + IDENTITY_NAME_PATTERN + '))?$').exec(name);
  return match === null ? undefined : { variable: 'cognito_' + match[1]!.toLowerCase(), identity: match[2]?.toLowerCase() ?? '' };
};
