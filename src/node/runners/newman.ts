// The newman runner: v2.1 suites in this process, with the runner's fast path and the token caches as collection variables.

import type { NewmanRunSummary } from 'newman';
import { cognitoCappedAgents, cognitoHosts, type RequestAgents } from '../cognito-answer-cap';
import { runSuite } from '../newman-runner';
import { isScriptTimeout, scriptTimeoutNote } from '../run-time-limits';
import { startRunnerFastPath, upFrontNote, type RunnerFastPath } from '../run-fast-path';
import type { Variables } from '../run-variables';
import { notRun, type Runner, type RunStart, type SuiteInput, type SuiteRun, type UnsentFailure } from './types';

interface ItemLike {
  id?: string;
  name?: string;
  forEachParent?(callback: (parent: { name?: string; id?: string }) => void): void;
}

/** `Folder / Request`, as newman's junit reporter names its testsuites. */
function fullName(item: ItemLike): string {
  const chain: string[] = [];
  item.forEachParent?.((parent) => chain.unshift(parent.name ?? parent.id ?? ''));
  chain.push(item.name ?? item.id ?? 'request');
  return chain.join(' / ');
}

/** Failures of requests that were never sent (no execution), which newman's junit reporter does not list. */
function unsentFailures(summary: NewmanRunSummary): UnsentFailure[] {
  const sent = new Set(summary.run.executions.map((e) => (e.item as ItemLike).id));
  const unsent: UnsentFailure[] = [];
  for (const failure of summary.run.failures) {
    const source = failure.source as ItemLike | undefined;
    if (source === undefined || source.id === undefined || sent.has(source.id) || typeof source.forEachParent !== 'function') continue;
    unsent.push({ item: fullName(source), test: failure.error.test ?? failure.error.name, message: failure.error.message });
  }
  return unsent;
}

/** A suite's handed caches with the fast path's note for them. */
function withNote(variables: Variables, caches: Record<string, string>, iamIdentities: readonly string[]): Record<string, string> {
  return { ...caches, ...upFrontNote({ ...variables, ...caches }, caches, iamIdentities) };
}

/** newman's reporters for one suite: its live output (unless silent or parallel), JUnit and htmlextra when asked. */
function reportersFor(run: RunStart, input: SuiteInput): { reporters: string[]; reporterOptions: Record<string, unknown> } {
  const settings = run.settings;
  const reporters: string[] = [];
  const reporterOptions: Record<string, unknown> = {};
  if (settings.silent !== true && settings.parallel !== true) {
    reporters.push('cli');
    reporterOptions['cli'] = { noBanner: input.index > 0 };
  }
  if (input.junitFile !== undefined) {
    reporters.push('junit');
    reporterOptions['junit'] = { export: input.junitFile };
  }
  if (input.htmlFile !== undefined) {
    reporters.push('htmlextra');
    // Request and response data (headers with the token, bodies) and the environment (secrets) stay out of the file.
    reporterOptions['htmlextra'] = {
      export: input.htmlFile,
      skipSensitiveData: true,
      omitHeaders: true,
      showEnvironmentData: false,
      showGlobalData: false,
      logs: false,
      title: input.suite.name,
      browserTitle: input.suite.name + ' (pm-cognito run)',
    };
  }
  return { reporters, reporterOptions };
}

async function runNewmanSuite(run: RunStart, fastPath: RunnerFastPath | undefined, agents: RequestAgents, input: SuiteInput): Promise<SuiteRun> {
  const { suite, index } = input;
  const settings = run.settings;
  const outcome = notRun(suite);
  const { reporters, reporterOptions } = reportersFor(run, input);
  let unsent: UnsentFailure[] = [];
  let itemSeconds: Record<string, number> = {};
  try {
    const result = await runSuite({
      collection: fastPath !== undefined ? fastPath.collectionFor(suite.collection) : suite.collection,
      environmentName: settings.environmentName,
      environment: fastPath !== undefined ? { ...settings.variables, ...fastPath.variables } : settings.variables,
      collectionVariables: fastPath !== undefined ? withNote(run.variableSets[index]!, run.caches.forSuite(index), run.iamIdentities[index]!) : run.caches.forSuite(index),
      reporters,
      reporterOptions,
      iterationCount: settings.iterationCount ?? 1,
      ...(settings.timeoutRequest !== undefined ? { timeoutRequest: settings.timeoutRequest } : {}),
      ...(settings.delayRequest !== undefined ? { delayRequest: settings.delayRequest } : {}),
      timeoutScript: run.scriptTimeoutMs,
      bail: settings.bail === true,
      requestAgents: agents,
      silent: settings.silent === true || reporters.length === 0,
    });
    run.caches.suiteDone(result.collectionVariables);
    outcome.ran = true;
    outcome.requests = result.requests;
    outcome.assertions = result.assertions;
    outcome.failedAssertions = result.failedAssertions;
    outcome.failures = result.failures;
    outcome.failureLines = result.summary.run.failures.slice(0, 20).map((f) =>
      (f.source?.name ?? f.at ?? 'run') + ': ' + (f.error.test !== undefined ? f.error.test + ': ' : '') + f.error.message);
    unsent = unsentFailures(result.summary);
    itemSeconds = result.itemSeconds;
    const runError = result.summary.run.error;
    if (runError !== undefined && runError !== null) outcome.error = runError instanceof Error ? runError.message : String(runError);
    if (result.summary.run.failures.some((f) => isScriptTimeout(f.error.message))) outcome.error ??= scriptTimeoutNote(run.scriptTimeoutMs);
  } catch (error) {
    outcome.ran = true;
    outcome.error = 'newman could not run ' + suite.path + ': ' + (error instanceof Error ? error.message : String(error));
  }
  return { outcome, unsent, writesHtml: input.htmlFile !== undefined, itemSeconds };
}

export const newmanRunner: Runner = {
  name: 'newman',
  formats: ['v2.1'],
  async start(run) {
    // After a refused sign-in the run fails anyway: the installed script then reports each unsent request
    // without a fetch of the full code, which newman would record as the request's execution.
    const fastPath = run.settings.fastPath !== false && run.preAuth.failures.length === 0 ? await startRunnerFastPath() : undefined;
    // A Cognito answer past MAX_ANSWER_BYTES is cut off on the wire: newman would buffer all of it (200 MB: out of memory).
    const agents = cognitoCappedAgents(cognitoHosts(run.variableSets));
    return {
      runSuite: (input) => runNewmanSuite(run, fastPath, agents, input),
      get fullCodeFetches() { return fastPath?.server.fetches; },
      stop: async () => fastPath?.stop(),
    };
  },
};
