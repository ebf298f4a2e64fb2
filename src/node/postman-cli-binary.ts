// Finds the Postman CLI to run v3 collections with: the user's own (option or variable), the optional package, else `postman` on PATH.

import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { InputError } from './input-error';
import { findOptional, installLine } from './optional-dependency';

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
    const manifest = findOptional(pkg + '/package.json');
    // Not installed (an optional peer dependency, and only built for Linux x64): try the next one.
    if (manifest !== undefined && existsSync(join(dirname(manifest), bin))) return join(dirname(manifest), bin);
  }
  return undefined;
}

/** An executable file named `postman` in a directory of PATH, as Postman's installer puts it. */
export function onPath(env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const file = join(dir, 'postman');
    try {
      if (statSync(file).isFile()) {
        accessSync(file, constants.X_OK);
        return file;
      }
    } catch {
      // Absent or not executable here: the next directory.
    }
  }
  return undefined;
}

/**
 * The Postman CLI to use: `--postman-cli <path>`, else $PM_COGNITO_POSTMAN_CLI, else the
 * @postman/pm-bin-linux-x64 package (an optional peer dependency, Linux x64), else the postman-cli package,
 * else `postman` on PATH. None of them: an InputError (exit 2) with the install line, before anything runs.
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
  if (found !== undefined) return asCli(found, 'the installed ' + (found.endsWith('.js') ? 'postman-cli' : '@postman/pm-bin-linux-x64'));
  const path = onPath(env);
  if (path !== undefined) return asCli(path, 'postman on PATH');
  throw new InputError('pm-cognito: ' + why + ' needs the Postman CLI, and none is installed here: run `' + installLine('postmanCli') + '` (Linux x64), ' +
    'or install it with Postman\'s installer (it puts `postman` on PATH), or pass --postman-cli <path> or set ' + POSTMAN_CLI_VARIABLE);
}
