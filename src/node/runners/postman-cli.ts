// The Postman CLI runner: v3 directories always, v2.1 files on request, each suite in a child process (postman-cli-runner.ts).

import { cleanChunk } from '../plain-output';
import { runPostmanSuite } from '../postman-cli-runner';
import { isScriptTimeout, scriptTimeoutNote } from '../run-time-limits';
import { notRun, type Runner, type RunStart, type SuiteInput, type SuiteOutcome, type SuiteRun } from './types';

/** Runs one suite through the Postman CLI and fills its outcome as newman's would be. */
async function runPostmanCliSuite(run: RunStart, input: SuiteInput): Promise<SuiteRun> {
  const { suite } = input;
  const settings = run.settings;
  const outcome: SuiteOutcome = { ...notRun(suite), ran: true };
  const done = { outcome, unsent: [], writesHtml: false };
  const cli = settings.postmanCli;
  if (cli === undefined) {
    outcome.error = 'no Postman CLI was given for ' + suite.path;
    return done;
  }
  try {
    const result = await runPostmanSuite({
      cli,
      format: suite.format === 'v3' ? 'v3' : 'v2.1',
      path: suite.path,
      name: suite.name,
      // The Postman CLI gets the up-front sign-ins as environment values (it cannot be given collection variables).
      variables: { ...settings.variables, ...run.preAuth.cacheVariables },
      environmentName: settings.environmentName,
      junitFile: input.junitFile,
      iterationCount: settings.iterationCount,
      timeoutRequest: settings.timeoutRequest,
      timeoutScript: run.scriptTimeoutMs,
      delayRequest: settings.delayRequest,
      bail: settings.bail === true,
      onExit: settings.onExit,
      signal: settings.signal,
      // Off a terminal without the CLI's table padding and colours (issue 20, S9); its output comes in whole lines.
      onOutput: settings.silent === true || settings.parallel === true ? undefined : (text) => void process.stdout.write(process.stdout.isTTY === true ? text : cleanChunk('', text).text),
      workingDir: settings.workingDir ?? process.cwd(),
    });
    const stats = result.report.stats;
    if (stats === undefined) {
      outcome.error = 'the Postman CLI (' + cli.source + ') gave no run summary for ' + suite.path + ' (' + (result.signal !== null ? 'ended by ' + result.signal : 'exit code ' + String(result.exitCode)) + '): ' +
        (result.stderr.trim().split('\n').slice(-3).join(' ') || 'no message');
      return done;
    }
    outcome.requests = stats.requests.executed;
    outcome.assertions = stats.assertions.executed;
    outcome.failedAssertions = stats.assertions.failed;
    outcome.failures = stats.requests.failed + stats.testScripts.failed + stats.prerequestScripts.failed + stats.assertions.failed;
    outcome.failureLines = result.report.failures.slice(0, 20).map((f) => (f.inside || 'run') + ': ' + f.test + ': ' + f.message);
    if (result.report.failures.some((f) => isScriptTimeout(f.message))) outcome.error = scriptTimeoutNote(run.scriptTimeoutMs);
    if (outcome.failures === 0 && result.exitCode !== 0 && outcome.error === undefined) outcome.error = 'the Postman CLI exited with ' + String(result.exitCode) + ' for ' + suite.path + ' with no failure in its summary';
  } catch (error) {
    outcome.error = 'the Postman CLI could not run ' + suite.path + ': ' + (error instanceof Error ? error.message : String(error));
  }
  return done;
}

export const postmanCliRunner: Runner = {
  name: 'postman',
  formats: ['v2.1', 'v3'],
  start: async (run) => ({
    runSuite: (input) => runPostmanCliSuite(run, input),
    fullCodeFetches: undefined,
    stop: async () => undefined,
  }),
};
