// `pm-cognito run` and the run options `portman` shares: argv → RunCommandOptions → runSuites, with an optional ephemeral user.

import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describeOptions, parseArgs, type OptionTable, type ParsedOptions, printed } from './argv';
import { EXIT, interruptionExit, type CliIo } from './io';
import { clip, redact } from '../core/redact';
import { loadCollections, type LoadedCollection } from '../node/collections';
import { withEphemeralUser, type Interruption } from '../node/ephemeral-user';
import { runSuites, type RunSuitesResult, type SuiteOutcome } from '../node/run-suites';
import { parseEnvVar } from './env-var-option';
import { collectVariables, processVariable, type Variables } from '../node/run-variables';
import { SETTING_SPECS } from '../core/settings';
import { DEFAULT_USERNAME_PREFIX, resolveRegion, type PoolTarget } from '../node/test-users';
import { suitesOfShard } from '../node/shard';
import { parseShard } from './shard-option';
import { UsageError } from './usage-error';
import { locatePostmanCli, POSTMAN_CLI_VARIABLE } from '../node/postman-cli-binary';
import { requireOptional } from '../node/optional-dependency';
import { adminFlowWarnings, preflight } from '../node/run-preflight';
import { DEFAULT_RUNNER, isRunnerName, RUNNER_NAMES, runnersOf } from '../node/runners/registry';
import { settingLookup } from '../node/pre-authenticate';
import { builtScriptForms } from './install-command';
import { nameTypoWarnings } from '../node/name-typo-warnings';

export const RUN_OPTIONS = {
  environment: { kind: 'string', short: 'e', value: '<file>', help: 'Postman environment export with the cognito_* settings (secrets may stay empty there)' },
  envVar: { kind: 'strings', value: '<key=value>', help: 'Set a variable in memory, over the file and COGNITO_* variables' },
  junit: { kind: 'string', value: '<path>', help: 'Write one JUnit XML report for all suites' },
  html: { kind: 'string', value: '<path>', help: 'Write an HTML report (newman-reporter-htmlextra; no headers, bodies or environment in it)' },
  parallel: { kind: 'flag', help: 'Run the suites at the same time (a summary per suite instead of newman\'s live output)' },
  iterationCount: { kind: 'integer', short: 'n', value: '<n>', help: 'Run each suite n times (default 1)' },
  timeoutRequest: { kind: 'integer', value: '<ms>', help: 'Time limit for each request, in milliseconds (default: none)' },
  delayRequest: { kind: 'integer', value: '<ms>', help: 'Pause between requests, in milliseconds (default 0)' },
  bail: { kind: 'flag', help: 'Stop at the first failure' },
  silent: { kind: 'flag', help: 'No newman output (exit code and reports only)' },
  ephemeralUser: { kind: 'flag', help: 'Create a throwaway user (AWS credentials needed), run as it, always delete it' },
  ephemeralGroup: { kind: 'strings', value: '<group>', help: 'Add the throwaway user to this group' },
  ephemeralPrefix: { kind: 'string', value: '<prefix>', help: 'Username prefix of the throwaway user (default ' + DEFAULT_USERNAME_PREFIX + ')' },
  shard: { kind: 'string', value: '<k/n>', help: 'Run only shard k of n of the suites (whole suites, balanced by request count), e.g. --shard 2/4 on the second of four CI machines' },
  runner: { kind: 'string', value: RUNNER_NAMES.join('|'), help: 'Runner for v2.1 collection files (default ' + DEFAULT_RUNNER + '); v3 directories always run with the Postman CLI' },
  postmanCli: { kind: 'string', value: '<path>', help: 'The Postman CLI to use (default: $' + POSTMAN_CLI_VARIABLE + ', else the installed @postman/pm-bin-linux-x64)' },
} satisfies OptionTable;

export const VARIABLES_HELP = `Variables, lowest precedence first (all kept in memory, never written):
  1. the environment file (-e)
  2. process variables: COGNITO_<SETTING> → cognito_<setting> (COGNITO_PASSWORD → cognito_password),
     COGNITO_<SETTING>__<IDENTITY> → cognito_<setting>@<identity> (COGNITO_PASSWORD__ADMIN → cognito_password@admin)
  3. --env-var key=value`;

const RUN_HELP = `Usage: pm-cognito run [collections...] [options]

Runs Postman collections: v2.1 files with newman (or the Postman CLI with --runner postman), v3
collection directories (Postman v12, git-native) with the Postman CLI, offline and without a login.
Every identity the collections use (the default one, @<name> tags, {{cognito_*@<name>}}) signs in
to Cognito once, before the suites; the script in each collection then uses those tokens. A
collection without the script stops the run before anything starts (run pm-cognito install on it).
With no collection given, runs every collection in ./collections.

Options:
${describeOptions(RUN_OPTIONS)}

${VARIABLES_HELP}

Exit codes: 0 every request, test and script passed; 1 anything failed (a sign-in included);
2 bad usage; 130/143/129 interrupted (Ctrl-C / SIGTERM / SIGHUP: a throwaway user is deleted,
children are killed and temporary files removed first).

Examples:
  COGNITO_PASSWORD=... pm-cognito run -e environments/dev.postman_environment.json
  pm-cognito run collections/pets.postman_collection.json collections/admin.postman_collection.json \\
      -e env.json --parallel --junit reports/junit.xml --html reports/run.html
  pm-cognito run -e environments/ci.postman_environment.json --ephemeral-user --ephemeral-group admins --junit reports/junit.xml
  pm-cognito run -e env.json --shard 2/4 --junit reports/junit-2.xml     # the second of four CI machines
`;

export type RunArgs = ParsedOptions<typeof RUN_OPTIONS>;

export interface RunContext {
  suites: LoadedCollection[];
  environmentName: string;
  variables: Variables;
}

/** The variables of a run, with bad --env-var or a missing file reported as usage errors. */
export function runVariables(options: RunArgs, io: CliIo): { name: string; values: Variables } {
  return collectVariables({ environmentFile: options.environment, processEnv: io.env, envVars: options.envVar.map(parseEnvVar) });
}

function identityLabel(identity: string): string {
  return identity === '' ? 'the default identity' : 'identity "' + identity + '"';
}

function printSuite(io: CliIo, outcome: SuiteOutcome): void {
  const verdict = outcome.error !== undefined || outcome.failures > 0 ? 'FAILED' : 'passed';
  io.out('pm-cognito: ' + outcome.name + ': ' + verdict + ' (' + outcome.requests + ' requests, ' + outcome.assertions + ' tests, ' + outcome.failures + ' failures)\n');
  for (const line of outcome.failureLines) io.out('  - ' + line + '\n');
  // The error may end with a runner's own stderr (the Postman CLI's last lines), which can quote its environment.
  if (outcome.error !== undefined) io.err('pm-cognito: ' + outcome.name + ': ' + clip(redact(outcome.error), 1000) + '\n');
}

function printTotals(io: CliIo, result: RunSuitesResult): void {
  const ran = result.suites.filter((s) => s.ran);
  const sum = (f: (s: SuiteOutcome) => number) => ran.reduce((n, s) => n + f(s), 0);
  const failed = ran.filter((s) => s.failures > 0 || s.error !== undefined).length;
  const notRun = result.suites.length - ran.length;
  // "FAILED: 1 of 3 suites failed": how many failed, not how many ran (a run can fail with every suite passing: a sign-in).
  const suites = result.passed ? ran.length + ' of ' + result.suites.length + ' suites' : failed + ' of ' + result.suites.length + ' suites failed' + (notRun > 0 ? ', ' + notRun + ' not run' : '');
  // Sign-in failures first, named as such: "FAILED: 1 sign-in failure (admin), 0 of 1 suites failed" cannot be misread.
  const signIns = [...new Set(result.preAuth.failures.map((f) => f.identity || 'default'))];
  const signInPart = signIns.length > 0 ? signIns.length + ' sign-in failure' + (signIns.length === 1 ? '' : 's') + ' (' + signIns.join(', ') + '), ' : '';
  io.out('pm-cognito: ' + (result.passed ? 'passed' : 'FAILED') + ': ' + signInPart + suites + ', ' +
    sum((s) => s.requests) + ' requests, ' + sum((s) => s.assertions) + ' tests, ' + sum((s) => s.failures) + ' failures\n');
  for (const report of result.reports) io.out('pm-cognito: report written to ' + report + '\n');
}

function poolTarget(variables: Variables, env: NodeJS.ProcessEnv): PoolTarget {
  // Through the same lookup as the sign-ins, so `{{references}}` resolve as in the script.
  const lookup = settingLookup(variables);
  const read = (key: 'userPoolId' | 'region' | 'endpoint') => lookup(SETTING_SPECS[key].variable)?.trim() || undefined;
  const { userPoolId: pool, region: regionSpec } = SETTING_SPECS;
  const userPoolId = read('userPoolId');
  if (userPoolId === undefined) {
    throw new UsageError('pm-cognito run: --ephemeral-user needs ' + pool.variable + ' (in the environment file, ' + processVariable(pool.variable) + ' or --env-var) to create the user in');
  }
  const target = { userPoolId, region: read('region'), endpoint: read('endpoint') };
  // Up front, before any user is made; `run` takes the region from its variables, not a --region option.
  const hint = 'set ' + regionSpec.variable + ' (in the environment file, ' + processVariable(regionSpec.variable) + ' or --env-var ' + regionSpec.variable + '=<region>)';
  return { ...target, region: resolveRegion(target, env, 'run --ephemeral-user', hint) };
}

/** Runs the suites (as a throwaway user if asked) and prints the outcome; returns the exit code. */
export async function executeRun(context: RunContext, options: RunArgs, io: CliIo): Promise<number> {
  const usesPostman = runnersOf(context.suites, options.runner).has('postman');
  const postmanCli = usesPostman ? locatePostmanCli(options.postmanCli, io.env, io.cwd, options.runner === 'postman' ? '--runner postman' : 'a v3 collection') : undefined;
  // Optional packages these options need, checked before anything runs (each error names its install line).
  if (options.html !== undefined) requireOptional('htmlextra', 'pm-cognito run --html');
  if (options.ephemeralUser) requireOptional('awsSdk', 'pm-cognito run --ephemeral-user');
  const interruptions = io.interruptions();
  // Children (the Postman CLI) are killed as soon as a signal comes, before the throwaway user is deleted.
  const abort = new AbortController();
  void interruptions.promise.then(() => abort.abort());
  try {
    const go = (variables: Variables) => runSuites({
      runner: options.runner,
      postmanCli,
      workingDir: io.cwd,
      onExit: io.onExit,
      signal: abort.signal,
      suites: context.suites,
      environmentName: context.environmentName,
      variables,
      junit: options.junit !== undefined ? resolvePath(io, options.junit) : undefined,
      html: options.html !== undefined ? resolvePath(io, options.html) : undefined,
      parallel: options.parallel,
      iterationCount: options.iterationCount,
      timeoutRequest: options.timeoutRequest,
      delayRequest: options.delayRequest,
      bail: options.bail,
      silent: options.silent,
      onSuiteDone: (outcome) => {
        if (options.parallel || outcome.error !== undefined) printSuite(io, outcome);
      },
      onPreAuthFailure: (identity, message) => io.err('pm-cognito: sign-in before the run failed for ' + identityLabel(identity) + ': ' + message + '\n'),
      // Not a failure of the run: the requests that need these credentials fail with the same message, the others run.
      onCredentialFailure: (identity, message) => io.err('pm-cognito: warning: AWS credentials for ' + identityLabel(identity) + ' could not be obtained before the run; requests that use them will fail: ' + message + '\n'),
    });

    if (!options.ephemeralUser) {
      const outcome = await Promise.race([
        go(context.variables).then((result) => ({ kind: 'done' as const, result })),
        interruptions.promise.then((by) => ({ kind: 'interrupted' as const, by })),
      ]);
      if (outcome.kind === 'interrupted') return interruptedExit(io, outcome.by);
      printTotals(io, outcome.result);
      return outcome.result.passed ? EXIT.ok : EXIT.failed;
    }

    const target = poolTarget(context.variables, io.env);
    const outcome = await withEphemeralUser(
      target,
      { usernamePrefix: options.ephemeralPrefix, groups: options.ephemeralGroup },
      interruptions.promise,
      (user) => go({ ...context.variables, cognito_username: user.username, cognito_password: user.password }),
      {
        onCreated: (user) => io.err('pm-cognito: created throwaway user ' + user.username + (user.groups.length > 0 ? ' (groups: ' + user.groups.join(', ') + ')' : '') + '\n'),
        onDeleted: (username, error) => io.err(error === undefined ? 'pm-cognito: deleted throwaway user ' + username + '\n' : 'pm-cognito: could not delete throwaway user ' + username + ': ' + error + '\n'),
      },
    );
    if (outcome.kind === 'interrupted') return interruptedExit(io, outcome.by);
    printTotals(io, outcome.value);
    return outcome.value.passed && outcome.deleted ? EXIT.ok : EXIT.failed;
  } finally {
    interruptions.stop();
  }
}

function interruptedExit(io: CliIo, by: Interruption): number {
  io.err('pm-cognito: run ' + (by === 'crash' ? 'crashed' : 'interrupted (' + by + ')') + '\n');
  return interruptionExit(by);
}

function resolvePath(io: CliIo, path: string): string {
  return resolve(io.cwd, path);
}

/** Makes the reports' directories now, so a bad path is a usage error before anything runs (or a user is created). */
function prepareReportPaths(io: CliIo, options: RunArgs): void {
  for (const [flag, path] of [['--junit', options.junit], ['--html', options.html]] as const) {
    if (path === undefined) continue;
    const dir = dirname(resolve(io.cwd, path));
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new UsageError('pm-cognito: ' + flag + ' ' + path + ': cannot create the directory ' + dir + ' (' + ((error as { code?: string }).code ?? 'error') + '): choose another path');
    }
  }
}

/** Checks the run options that argv parsing cannot, and creates the report directories. */
export function checkRunArgs(command: string, options: RunArgs, io: CliIo): void {
  if (options.iterationCount !== undefined && options.iterationCount < 1) throw new UsageError('pm-cognito ' + command + ': --iteration-count must be at least 1');
  if (options.runner !== undefined && !isRunnerName(options.runner)) {
    throw new UsageError('pm-cognito ' + command + ': --runner is "' + options.runner + '": give ' + RUNNER_NAMES.join(' or '));
  }
  if (!options.ephemeralUser && (options.ephemeralGroup.length > 0 || options.ephemeralPrefix !== undefined)) {
    throw new UsageError('pm-cognito ' + command + ': --ephemeral-group and --ephemeral-prefix need --ephemeral-user');
  }
  prepareReportPaths(io, options);
}

export async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { options, positionals, help } = parseArgs('run', argv, RUN_OPTIONS);
  if (help) return printed(io, RUN_HELP);
  checkRunArgs('run', options, io);
  const shard = options.shard !== undefined ? parseShard(options.shard) : undefined;
  let suites = loadCollections(positionals, io.cwd);
  if (shard !== undefined) {
    const all = suites.length;
    suites = suitesOfShard(suites, io.cwd, shard);
    io.out('pm-cognito: shard ' + shard.index + '/' + shard.count + ': ' + suites.length + ' of ' + all + ' suites' + (suites.length > 0 ? ' (' + suites.map((s) => s.name).join(', ') + ')' : ', nothing to run here') + '\n');
  }
  for (const warning of preflight(suites, builtScriptForms(), io.cwd)) io.err(warning + '\n');
  const variables = runVariables(options, io);
  for (const warning of nameTypoWarnings(suites, variables.values, io.env)) io.err(warning + '\n');
  for (const warning of adminFlowWarnings(suites, variables.values, io.cwd)) io.err(warning + '\n');
  return executeRun({ suites, environmentName: variables.name, variables: variables.values }, options, io);
}
