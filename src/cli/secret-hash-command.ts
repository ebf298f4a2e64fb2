// `pm-cognito secret-hash <username> <client-id>`: prints Cognito's SECRET_HASH; the client secret never comes from argv.

import { describeOptions, parseArgs, printed } from './argv';
import { EXIT, type CliIo } from './io';
import { secretHash } from '../core/secret-hash';
import { UsageError } from './usage-error';

const HELP = `Usage: pm-cognito secret-hash <username> <client-id>

Prints SECRET_HASH = Base64(HMAC-SHA256(client secret, username + client id)), for calls to
Cognito by hand (aws cognito-idp initiate-auth --auth-parameters SECRET_HASH=...).
The client secret is read from COGNITO_CLIENT_SECRET, else from the first line of standard input;
never from the command line, where other users and shell history could see it.

Options:
${describeOptions({})}

Examples:
  COGNITO_CLIENT_SECRET=... pm-cognito secret-hash alice 1example23456789
  pm-cognito secret-hash alice 1example23456789 < client-secret.txt
  printf '%s\\n' "$CLIENT_SECRET" | pm-cognito secret-hash alice 1example23456789
`;

export async function secretHashCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { positionals, help } = parseArgs('secret-hash', argv, {});
  if (help) return printed(io, HELP);
  if (positionals.length > 2) {
    // Do not echo the extra arguments: the third is most likely the secret itself.
    throw new UsageError('pm-cognito secret-hash: takes exactly <username> <client-id>: pass the client secret in COGNITO_CLIENT_SECRET or on standard input, never as an argument');
  }
  if (positionals.length < 2 || positionals[0] === '' || positionals[1] === '') {
    throw new UsageError('pm-cognito secret-hash: needs <username> <client-id>, e.g. pm-cognito secret-hash alice 1example23456789');
  }
  const fromEnv = io.env['COGNITO_CLIENT_SECRET'];
  const secret = fromEnv !== undefined && fromEnv !== '' ? fromEnv : await io.readStdinLine();
  if (secret === undefined || secret === '') {
    throw new UsageError('pm-cognito secret-hash: no client secret: set COGNITO_CLIENT_SECRET or pipe the secret on standard input (e.g. pm-cognito secret-hash alice <client-id> < secret.txt)');
  }
  io.out(secretHash(positionals[0]!, positionals[1]!, secret) + '\n');
  return EXIT.ok;
}
