// Dispatches a command line to its command and turns every outcome into an exit code and a message.

import { helpForWord } from './argv';
import { EXIT, type CliIo } from './io';
import { describeError, isPmCognitoError } from '../core/errors';
import { packageVersion } from '../node/package-root';
import { redact } from '../core/redact';
import { environmentSecrets } from './usage-error';

const HELP = `pm-cognito: Amazon Cognito sign-in for Postman, newman and Portman, and a runner for CI

Usage: pm-cognito <command> [options]

Commands:
  run [collections...]      Run collections (newman; the Postman CLI for v3 directories), signing in once per identity
  portman --spec <file>     Generate contract tests from an OpenAPI document and run them
  token                     Sign in and print a token (or --json, or --header)
  secret-hash <user> <id>   Print a SECRET_HASH (secret from COGNITO_CLIENT_SECRET or stdin)
  users create|delete       Throwaway test users for CI
  install <collection>...   Put the script into v2.1 collection files and v3 collection directories (--check: only check)
  local [-c <config>]       A local Cognito from a config file (until Ctrl-C), and a Postman environment for it
  doctor                    Check settings, pool, client, user and API against each other; every problem with its fix

Options:
  -h, --help                Show help (also: pm-cognito <command> --help)
  -v, --version             Show the version

Examples:
  COGNITO_PASSWORD=... pm-cognito run -e environments/dev.postman_environment.json --junit reports/junit.xml
  pm-cognito portman --spec openapi.yaml -e env.json
  curl -H "$(pm-cognito token -e env.json --header)" https://api.example.com/me

Exit codes: 0 success; 1 a test, a sign-in or an AWS call failed; 2 bad usage.
`;

type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

/** Each command's module is loaded only when it runs: newman and the AWS SDK are slow to load and most commands need neither. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./run-command.js')).runCommand,
  portman: async () => (await import('./portman-command.js')).portmanCommand,
  token: async () => (await import('./token-command.js')).tokenCommand,
  'secret-hash': async () => (await import('./secret-hash-command.js')).secretHashCommand,
  users: async () => (await import('./users-command.js')).usersCommand,
  install: async () => (await import('./install-command.js')).installCommand,
  local: async () => (await import('./local-command.js')).localCommand,
  doctor: async () => (await import('./doctor-command.js')).doctorCommand,
};

export async function cli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const helped = helpForWord(command, HELP, io);
  // helpForWord answers a missing command too; the second test only narrows the type.
  if (helped !== undefined || command === undefined) return helped ?? EXIT.usage;
  if (command === '--version' || command === '-v') {
    io.out(packageVersion() + '\n');
    return EXIT.ok;
  }
  const load = Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (load === undefined) {
    io.err(redact('pm-cognito: unknown command "' + command + '": run pm-cognito --help to see the commands', environmentSecrets(io.env)) + '\n');
    return EXIT.usage;
  }
  try {
    const handler = await load();
    return await handler(rest, io);
  } catch (error) {
    // Our own errors say what to do; anything else is wrapped so the user knows it is a bug.
    // The command's environment is the CliIo's: in-process it need not be process.env (UsageError redacts with that one).
    io.err(redact(describeError(error), environmentSecrets(io.env)) + '\n');
    return isPmCognitoError(error) && (error.code === 'CLI_USAGE' || error.code === 'INPUT_INVALID') ? EXIT.usage : EXIT.failed;
  }
}
