// Reads a JSON file the user named; a missing, unreadable or non-JSON file is a usage error that says what the file should be.

import { readFileSync } from 'node:fs';
import { InputError } from './input-error';

/**
 * `label` names the file in messages (e.g. "environment file x.json"); `fix` says what to pass
 * instead (e.g. "export the environment from Postman").
 */
export function readJsonFile(path: string, label: string, fix: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a directory' : 'it cannot be read (' + (code ?? 'error') + ')';
    throw new InputError('pm-cognito: ' + label + ': ' + why + ': ' + fix);
  }
  try {
    // A byte-order mark (some editors on Windows write one) is not part of the JSON; the file itself is not changed.
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
  } catch {
    throw new InputError('pm-cognito: ' + label + ' is not JSON: ' + fix);
  }
}
