// The only places a created user's password goes, and only when asked: a private env file, or GitHub Actions' $GITHUB_ENV.

import { appendFileSync, closeSync, fchmodSync, openSync, writeSync } from 'node:fs';
import { InputError } from './input-error';

export interface Credentials {
  username: string;
  password: string;
}

function lines(credentials: Credentials): string {
  for (const value of [credentials.username, credentials.password]) {
    if (/[\r\n]/.test(value)) throw new InputError('pm-cognito users: a value contains a line break and cannot be written as NAME=value');
  }
  return 'COGNITO_USERNAME=' + credentials.username + '\nCOGNITO_PASSWORD=' + credentials.password + '\n';
}

/** Writes COGNITO_USERNAME / COGNITO_PASSWORD lines to a file readable by its owner only (0600), replacing it. */
export function writeEnvFile(path: string, credentials: Credentials): void {
  const text = lines(credentials);
  const fd = openSync(path, 'w', 0o600);
  try {
    // An existing file keeps its old mode on open: tighten it before the password goes in.
    fchmodSync(fd, 0o600);
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/**
 * Masks the password in the job's log (the `::add-mask::` workflow command, printed through `print`)
 * and then appends both values to $GITHUB_ENV, so later steps of the job see them as environment variables.
 */
export function appendGithubEnv(env: NodeJS.ProcessEnv, credentials: Credentials, print: (line: string) => void): string {
  const file = env['GITHUB_ENV'];
  if (file === undefined || file === '') {
    // The CLI checks this first and names its options; this guards other callers.
    throw new InputError('pm-cognito users: $GITHUB_ENV is not set: it exists only inside a GitHub Actions step');
  }
  const text = lines(credentials);
  print('::add-mask::' + credentials.password);
  appendFileSync(file, text);
  return file;
}
