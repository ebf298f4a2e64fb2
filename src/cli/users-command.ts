// `pm-cognito users create|delete`: throwaway test users for CI; the password goes only where it is asked to go.

import { resolve } from 'node:path';
import { describeOptions, helpForWord, parseArgs, type OptionTable, printed } from './argv';
import { EXIT, type CliIo } from './io';
import { appendGithubEnv, writeEnvFile } from '../node/credential-sinks';
import { parseEnvVar } from './env-var-option';
import { settingLookup } from '../node/pre-authenticate';
import { collectVariables, processVariable } from '../node/run-variables';
import { SETTING_SPECS } from '../core/settings';
import { createTestUser, deleteTestUser, DEFAULT_USERNAME_PREFIX, resolveRegion, type PoolTarget } from '../node/test-users';
import { UsageError } from './usage-error';

const POOL_OPTIONS = {
  poolId: { kind: 'string', value: '<id>', help: 'User pool id (default: cognito_user_pool_id from -e / COGNITO_USER_POOL_ID)' },
  region: { kind: 'string', value: '<region>', help: 'AWS region (default: cognito_region, the pool id\'s region, AWS_REGION)' },
  endpoint: { kind: 'string', value: '<url>', help: 'Cognito endpoint, e.g. for cognito-local (default: cognito_endpoint)' },
  environment: { kind: 'string', short: 'e', value: '<file>', help: 'Postman environment export to read the pool settings from' },
  envVar: { kind: 'strings', value: '<key=value>', help: 'Set a variable in memory, e.g. cognito_user_pool_id=...' },
} satisfies OptionTable;

const CREATE_OPTIONS = {
  ...POOL_OPTIONS,
  usernamePrefix: { kind: 'string', value: '<prefix>', help: 'Start of the random username (default ' + DEFAULT_USERNAME_PREFIX + ')' },
  group: { kind: 'strings', value: '<group>', help: 'Add the user to this (existing) group' },
  // Not --env-file: Node 20 takes that option for itself even after the script name (and loads or fails on the file).
  dotenvFile: { kind: 'string', value: '<path>', help: 'Write COGNITO_USERNAME and COGNITO_PASSWORD lines to this file (mode 0600)' },
  githubEnv: { kind: 'flag', help: 'Mask the password in the log and append both lines to $GITHUB_ENV (GitHub Actions)' },
} satisfies OptionTable;

const DELETE_OPTIONS = {
  ...POOL_OPTIONS,
  username: { kind: 'string', short: 'u', value: '<username>', help: 'The user to delete (required)' },
} satisfies OptionTable;

const CREDENTIALS = `AWS credentials come from the SDK's default chain (environment, AWS_PROFILE, SSO, web identity
in GitHub Actions, instance roles). Actions needed: cognito-idp:DescribeUserPool, AdminCreateUser,
AdminSetUserPassword, AdminAddUserToGroup (with --group) and AdminDeleteUser.`;

const HELP = `Usage: pm-cognito users <create|delete> [options]

Throwaway Cognito users for CI runs. \`pm-cognito run --ephemeral-user\` does create, run and delete
in one step; these commands are for pipelines that need the steps apart.

  create   AdminCreateUser (no invitation sent) with a random username and a random password that
           meets the pool's password policy, set as permanent; optionally adds groups. Prints the
           username; the password goes only to --dotenv-file and/or --github-env.
  delete   AdminDeleteUser.

Run pm-cognito users create --help or pm-cognito users delete --help for the options.
`;

const CREATE_HELP = `Usage: pm-cognito users create [options]

Creates a throwaway user and prints its username on standard output. The password is never printed:
it goes to --dotenv-file and/or --github-env (one of them is required). (The option is not called
--env-file because Node 20 takes --env-file for itself, even after the script name.)

Options:
${describeOptions(CREATE_OPTIONS)}

${CREDENTIALS}

Exit codes: 0 created; 1 AWS refused or failed (the message says what to do); 2 bad usage.

Examples:
  pm-cognito users create --pool-id eu-west-1_AbCdEf123 --group testers --github-env
  pm-cognito users create -e environments/ci.postman_environment.json --dotenv-file .env.ci
`;

const DELETE_HELP = `Usage: pm-cognito users delete --username <username> [options]

Deletes a user.

Options:
${describeOptions(DELETE_OPTIONS)}

${CREDENTIALS}

Exit codes: 0 deleted; 1 the user does not exist, or AWS refused or failed; 2 bad usage.

Examples:
  pm-cognito users delete --pool-id eu-west-1_AbCdEf123 --username "$COGNITO_USERNAME"
`;

function target(options: { poolId: string | undefined; region: string | undefined; endpoint: string | undefined; environment: string | undefined; envVar: string[] }, io: CliIo, command: string): PoolTarget {
  const variables = collectVariables({ environmentFile: options.environment, processEnv: io.env, envVars: options.envVar.map(parseEnvVar) }).values;
  // Variables go through the same lookup as the sign-ins, so `{{references}}` resolve as in the script.
  const lookup = settingLookup(variables);
  const pick = (flag: string | undefined, key: 'userPoolId' | 'region' | 'endpoint'): string | undefined => {
    const value = flag ?? lookup(SETTING_SPECS[key].variable);
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const userPoolId = pick(options.poolId, 'userPoolId');
  if (userPoolId === undefined) {
    const variable = SETTING_SPECS.userPoolId.variable;
    throw new UsageError('pm-cognito users ' + command + ': which user pool? pass --pool-id <id>, or -e with ' + variable + ', or set ' + processVariable(variable));
  }
  const pool = { userPoolId, region: pick(options.region, 'region'), endpoint: pick(options.endpoint, 'endpoint') };
  // Up front, naming this command's own option.
  return { ...pool, region: resolveRegion(pool, io.env, 'users', 'pass --region') };
}

async function create(argv: readonly string[], io: CliIo): Promise<number> {
  const { options, positionals, help } = parseArgs('users create', argv, CREATE_OPTIONS);
  if (help) return printed(io, CREATE_HELP);
  if (positionals.length > 0) throw new UsageError('pm-cognito users create: unexpected argument "' + positionals[0] + '": see pm-cognito users create --help');
  if (options.dotenvFile === undefined && !options.githubEnv) {
    throw new UsageError('pm-cognito users create: the password would be lost: add --dotenv-file <path> or --github-env (it is never printed)');
  }
  if (options.githubEnv && (io.env['GITHUB_ENV'] ?? '') === '') {
    throw new UsageError('pm-cognito users create: --github-env needs $GITHUB_ENV, which GitHub Actions sets in every step: use --dotenv-file <path> elsewhere');
  }
  const pool = target(options, io, 'create');
  const user = await createTestUser(pool, { usernamePrefix: options.usernamePrefix, groups: options.group });
  if (options.githubEnv) appendGithubEnv(io.env, user, (line) => io.out(line + '\n'));
  if (options.dotenvFile !== undefined) {
    const path = resolve(io.cwd, options.dotenvFile);
    writeEnvFile(path, user);
    io.err('pm-cognito: wrote COGNITO_USERNAME and COGNITO_PASSWORD to ' + path + ' (mode 0600)\n');
  }
  io.out(user.username + '\n');
  return EXIT.ok;
}

async function remove(argv: readonly string[], io: CliIo): Promise<number> {
  const { options, positionals, help } = parseArgs('users delete', argv, DELETE_OPTIONS);
  if (help) return printed(io, DELETE_HELP);
  if (positionals.length > 0) throw new UsageError('pm-cognito users delete: unexpected argument "' + positionals[0] + '": name the user with --username <username>');
  if (options.username === undefined || options.username === '') throw new UsageError('pm-cognito users delete: --username <username> is required');
  const pool = target(options, io, 'delete');
  const result = await deleteTestUser(pool, options.username);
  if (result === 'absent') {
    io.err('pm-cognito: user ' + options.username + ' does not exist in ' + pool.userPoolId + ': nothing deleted (check the name and the pool)\n');
    return EXIT.failed;
  }
  io.err('pm-cognito: deleted user ' + options.username + '\n');
  return EXIT.ok;
}

export async function usersCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  const helped = helpForWord(sub, HELP, io);
  if (helped !== undefined) return helped;
  if (sub === 'create') return create(rest, io);
  if (sub === 'delete') return remove(rest, io);
  throw new UsageError('pm-cognito users: unknown subcommand "' + sub + '": use pm-cognito users create or pm-cognito users delete');
}
