// Finds the Postman CLI to run v3 collections with: the user's own (option or variable), else the pinned optional dependency.

import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError } from './input-error';

/** Names the user's own Postman CLI binary, like --postman-cli. */
export const POSTMAN_CLI_VARIABLE = 'PM_COGNITO_POSTMAN_CLI';

export interface PostmanCli {
  /** What to spawn, and the arguments that go before `collection run`. */
  command: string;
  prefix: string[];
  /** Where it came from, for messages. */
  source: string;
}

function asCli(path: string, source: string): PostmanCli {
  // The postman-cli npm wrapper is a Node script; the native binaries are executables.
  return path.endsWith('.js') ? { command: process.execPath, prefix: [path], source } : { command: path, prefix: [], source };
}

function installed(): string | undefined {
  for (const [pkg, bin] of [['@postman/pm-bin-linux-x64', join('bin', 'postman')], ['postman-cli', join('bin', 'postman.js')]] as const) {
    try {
      const file = join(dirname(require.resolve(pkg + '/package.json')), bin);
      if (existsSync(file)) return file;
    } catch {
      // Not installed (optional dependency on another platform): try the next one.
    }
  }
  return undefined;
}

/**
 * The Postman CLI to use: `--postman-cli <path>`, else $PM_COGNITO_POSTMAN_CLI, else the
 * @postman/pm-bin-linux-x64 package pm-cognito pins (Linux x64), else the postman-cli package.
 */
export function locatePostmanCli(explicit: string | undefined, env: NodeJS.ProcessEnv, cwd: string, why: string): PostmanCli {
  const given = explicit ?? (env[POSTMAN_CLI_VARIABLE] !== undefined && env[POSTMAN_CLI_VARIABLE] !== '' ? env[POSTMAN_CLI_VARIABLE] : undefined);
  const from = explicit !== undefined ? '--postman-cli' : POSTMAN_CLI_VARIABLE;
  if (given !== undefined) {
    const path = resolve(cwd, given);
    let ok = false;
    try {
      ok = statSync(path).isFile();
    } catch {
      ok = false;
    }
    if (!ok) throw new InputError('pm-cognito: ' + from + ' is ' + given + ', which is not a file: point it at the postman executable (e.g. $(command -v postman))');
    return asCli(path, from);
  }
  const found = installed();
  if (found === undefined) {
    throw new InputError('pm-cognito: ' + why + ' needs the Postman CLI, and none is installed here: install it (npm i -D postman-cli, or Postman\'s installer) ' +
      'and pass --postman-cli <path> or set ' + POSTMAN_CLI_VARIABLE + '; on Linux x64, npm ci installs the pinned @postman/pm-bin-linux-x64');
  }
  return asCli(found, 'the installed @postman/pm-bin-linux-x64');
}
