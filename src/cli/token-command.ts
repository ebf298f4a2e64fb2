// `pm-cognito token`: signs in with the run's settings and prints a token, the AuthenticationResult, or a header line.

import { describeOptions, parseArgs, type OptionTable, printed } from './argv';
import { EXIT, type CliIo } from './io';
import { VARIABLES_HELP } from './run-command';
import type { Settings } from '../core/settings';
import type { CachedTokens } from '../core/cache-entry';
import { credentialProcessJson, exportLines, identityPoolCredentials } from '../node/identity-credentials';
import { signInIdentity } from '../node/pre-authenticate';
import { parseEnvVar } from './env-var-option';
import { collectVariables } from '../node/run-variables';
import { UsageError } from './usage-error';

const TOKEN_OPTIONS = {
  environment: { kind: 'string', short: 'e', value: '<file>', help: 'Postman environment export with the cognito_* settings' },
  envVar: { kind: 'strings', value: '<key=value>', help: 'Set a variable in memory, over the file and COGNITO_* variables' },
  identity: { kind: 'string', short: 'i', value: '<name>', help: 'Use the cognito_*@<name> settings (default: the default identity)' },
  type: { kind: 'string', short: 't', value: '<id|access|refresh>', help: 'Which token to print (default: cognito_token_type, else id)' },
  json: { kind: 'flag', help: 'Print {"ChallengeParameters":{},"AuthenticationResult":{...}} as aws cognito-idp initiate-auth does' },
  header: { kind: 'flag', help: 'Print a header line, e.g. "Authorization: <token>" (cognito_header_name / cognito_header_scheme)' },
  // Issue 13: identity-pool credentials instead of a token.
  awsCredentials: { kind: 'flag', help: 'Print AWS credentials from the identity pool (cognito_identity_pool_id) as export lines; with --json, as credential_process JSON' },
} satisfies OptionTable;

const HELP = `Usage: pm-cognito token [options]

Signs in to Cognito with the same settings as the Postman script and prints a token on standard
output, for curl, GraphiQL or the AppSync console. This is the one command that prints tokens:
treat its output as a secret.

Options:
${describeOptions(TOKEN_OPTIONS)}

${VARIABLES_HELP}

Exit codes: 0 printed; 1 the sign-in failed (the message says why); 2 bad usage.

Examples:
  COGNITO_PASSWORD=... pm-cognito token -e env.json
  curl -H "$(pm-cognito token -e env.json --header)" https://api.example.com/me
  pm-cognito token -e env.json --identity admin --type access
  pm-cognito token -e env.json --json | jq -r .AuthenticationResult.IdToken
  eval "$(pm-cognito token -e env.json --aws-credentials)"
  credential_process = pm-cognito token -e /path/env.json --aws-credentials --json   (in ~/.aws/config)
`;

type TokenChoice = 'id' | 'access' | 'refresh';

function pick(tokens: CachedTokens, settings: Settings, type: TokenChoice): string {
  if (type === 'refresh') {
    if (tokens.refreshToken === undefined) throw new UsageError('pm-cognito token: this sign-in gave no refresh token (' + settings.authFlow + '): use --type id or access');
    return tokens.refreshToken;
  }
  if (type === 'id') {
    if (tokens.idToken === undefined) throw new UsageError('pm-cognito token: this sign-in gave no ID token (' + settings.authFlow + '): use --type access');
    return tokens.idToken;
  }
  return tokens.accessToken;
}

/** The AuthenticationResult as Cognito's API and `aws cognito-idp initiate-auth` show it. */
export function authenticationResult(tokens: CachedTokens): Record<string, unknown> {
  const result: Record<string, unknown> = { AccessToken: tokens.accessToken };
  result['ExpiresIn'] = Math.max(0, Math.round((tokens.expiresAt - tokens.obtainedAt) / 1000));
  result['TokenType'] = 'Bearer';
  if (tokens.refreshToken !== undefined) result['RefreshToken'] = tokens.refreshToken;
  if (tokens.idToken !== undefined) result['IdToken'] = tokens.idToken;
  return { ChallengeParameters: {}, AuthenticationResult: result };
}

export async function tokenCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { options, positionals, help } = parseArgs('token', argv, TOKEN_OPTIONS);
  if (help) return printed(io, HELP);
  if (positionals.length > 0) throw new UsageError('pm-cognito token: unexpected argument "' + positionals[0] + '": settings come from -e, COGNITO_* variables and --env-var');
  if (options.json && options.header) throw new UsageError('pm-cognito token: --json and --header cannot be combined: choose one');
  if (options.json && options.type !== undefined && !options.awsCredentials) throw new UsageError('pm-cognito token: --json prints every token; leave out --type');
  const type = options.type?.toLowerCase();
  if (type !== undefined && type !== 'id' && type !== 'access' && type !== 'refresh') {
    throw new UsageError('pm-cognito token: --type is "' + options.type + '": use id, access or refresh');
  }
  const variables = collectVariables({ environmentFile: options.environment, processEnv: io.env, envVars: options.envVar.map(parseEnvVar) });
  // Issue 13: identity-pool credentials (a guest identity needs no user, so before signInIdentity).
  if (options.awsCredentials) {
    if (options.header || options.type !== undefined) throw new UsageError('pm-cognito token: --aws-credentials prints AWS credentials, not a token: leave out --header and --type');
    const credentials = await identityPoolCredentials(variables.values, options.identity ?? '');
    return printed(io, options.json ? credentialProcessJson(credentials) : exportLines(credentials));
  }
  const { tokens, settings } = await signInIdentity(variables.values, options.identity ?? '');
  if (options.json) {
    io.out(JSON.stringify(authenticationResult(tokens), null, 2) + '\n');
    return EXIT.ok;
  }
  const token = pick(tokens, settings, (type as TokenChoice | undefined) ?? settings.tokenType);
  if (options.header) {
    io.out(settings.headerName + ': ' + (settings.headerScheme !== '' ? settings.headerScheme + ' ' : '') + token + '\n');
  } else {
    io.out(token + '\n');
  }
  return EXIT.ok;
}
