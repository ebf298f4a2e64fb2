// Runs several collections as one test run: one sign-in per identity up front, then every suite with the cached tokens, one verdict.

import { rmSync } from 'node:fs';
import { cacheHandoff } from './cache-handoff';
import { collectionVariablesOf, type LoadedCollection } from './collections';
import { preAuthenticate, type PreAuthResult } from './pre-authenticate';
import { makeRunTempDir, sweepStaleRunTempDirs } from './run-temp-dirs';
import { scriptTimeLimit } from './run-time-limits';
import { htmlRunReport } from './reports/html-run-report';
import { junitRunReport } from './reports/junit-run-report';
import { suiteFileNames, type RunReport } from './reports/run-report';
import { runnerFor } from './runners/registry';
import { failed, notRun, type RunnerSession, type RunSettings, type RunStart, type SuiteOutcome, type SuiteRun } from './runners/types';
import { referencedIamIdentities } from '../core/identity-pool/variables';
import { v3Text } from './v3-collection';
import { identitiesUsedBy } from './used-identities';

export type { SuiteOutcome } from './runners/types';

export interface RunSuitesOptions extends RunSettings {
  suites: LoadedCollection[];
  /** Path of one JUnit XML report covering every suite. */
  junit?: string | undefined;
  /** Path of the HTML report (htmlextra); with several suites, an index of them there and each suite's report as `<name>.<suite>.html` beside it. */
  html?: string | undefined;
  /** Runner for v2.1 suites, by its name in runners/registry.ts: newman (default) or postman. v3 suites always use one that runs v3. */
  runner?: string | undefined;
  /** Called when a suite ends (used to print per-suite summaries in parallel mode, where newman's live output would interleave). */
  onSuiteDone?: (outcome: SuiteOutcome) => void;
  /** Called with each identity that could not sign in up front. */
  onPreAuthFailure?: (identity: string, message: string) => void;
  /** Called with each identity whose AWS credentials (cognito_iam_*) could not be obtained up front; the run goes on. */
  onCredentialFailure?: (identity: string, message: string) => void;
}

export interface RunSuitesResult {
  passed: boolean;
  preAuth: PreAuthResult;
  suites: SuiteOutcome[];
  /** Report files written. */
  reports: string[];
  /** How often a suite's fast path fetched the full code from the runner; undefined when no suite got the fast path. */
  fullCodeFetches: number | undefined;
}

/** The up-front sign-ins (one per identity) and what every runner gets from them. */
async function signInUpFront(options: RunSuitesOptions): Promise<RunStart> {
  const variableSets = options.suites.map((suite) => ({ ...collectionVariablesOf(suite.collection), ...options.variables }));
  // The identities whose cognito_iam_* variables each suite names, for their AWS credentials up front.
  const iamIdentities = options.suites.map((suite) => referencedIamIdentities(suite.v3 !== undefined ? v3Text(suite.v3) : JSON.stringify(suite.collection)));
  // Only the identities the suites use are signed in (issue 20, S4): an unused one with missing settings is no error.
  const preAuth = await preAuthenticate(variableSets, iamIdentities, options.suites.map(identitiesUsedBy));
  const caches = cacheHandoff(preAuth.cacheVariables, options.parallel === true);
  for (const failure of preAuth.failures) options.onPreAuthFailure?.(failure.identity, failure.message);
  for (const failure of preAuth.credentialFailures) options.onCredentialFailure?.(failure.identity, failure.message);
  return { settings: options, suites: options.suites, preAuth, variableSets, iamIdentities, caches, scriptTimeoutMs: scriptTimeLimit(variableSets) };
}

/** The reports asked for; each runner writes its part of them into `workDir`. */
function reportsOf(options: RunSuitesOptions, workDir: string): { junit?: RunReport; html?: RunReport; all: RunReport[] } {
  const names = suiteFileNames(options.suites.map((suite) => suite.name));
  const junit = options.junit !== undefined ? junitRunReport(options.junit, workDir, options.suites.map((suite) => suite.name), names) : undefined;
  const html = options.html !== undefined ? htmlRunReport(options.html, names) : undefined;
  return { ...(junit !== undefined ? { junit } : {}), ...(html !== undefined ? { html } : {}), all: [junit, html].filter((r): r is RunReport => r !== undefined) };
}

/** Every suite through its runner's session, one after another or all at once; --bail skips those not started yet. */
async function runAll(options: RunSuitesOptions, sessions: readonly RunnerSession[], reports: ReturnType<typeof reportsOf>): Promise<SuiteOutcome[]> {
  let stop = false;
  const runOne = async (suite: LoadedCollection, index: number): Promise<SuiteOutcome> => {
    let run: SuiteRun = { outcome: notRun(suite), unsent: [], writesHtml: false };
    if (stop) {
      for (const report of reports.all) report.suiteDone(index, run);
      return run.outcome;
    }
    run = await sessions[index]!.runSuite({ suite, index, junitFile: reports.junit?.suiteFile(index), htmlFile: reports.html?.suiteFile(index) });
    if (options.bail === true && failed(run.outcome)) stop = true;
    for (const report of reports.all) report.suiteDone(index, run);
    options.onSuiteDone?.(run.outcome);
    return run.outcome;
  };
  if (options.parallel === true) return Promise.all(options.suites.map((suite, i) => runOne(suite, i)));
  const outcomes: SuiteOutcome[] = [];
  for (let i = 0; i < options.suites.length; i++) outcomes.push(await runOne(options.suites[i]!, i));
  return outcomes;
}

export async function runSuites(options: RunSuitesOptions): Promise<RunSuitesResult> {
  // What runs killed by SIGKILL left behind (secrets included where there was no mkfifo) goes first.
  sweepStaleRunTempDirs();
  const start = await signInUpFront(options);
  // Each runner writes its suites' reports here; they are merged into the requested paths afterwards.
  // The exit hook covers a run cut short by Ctrl-C, where the CLI exits without unwinding.
  const workDir = makeRunTempDir('run');
  const removeWorkDir = () => rmSync(workDir, { recursive: true, force: true });
  const cancelExitHook = options.onExit?.(removeWorkDir);
  const started = new Map<string, RunnerSession>();
  try {
    const sessions: RunnerSession[] = [];
    for (const suite of options.suites) {
      const runner = runnerFor(suite.format, options.runner);
      if (!started.has(runner.name)) started.set(runner.name, await runner.start(start));
      sessions.push(started.get(runner.name)!);
    }
    const reports = reportsOf(options, workDir);
    const suites = await runAll(options, sessions, reports);
    const written = reports.all.flatMap((report) => report.finish(suites));
    // A suite that did not run was stopped by --bail after another one failed, so the run has failed anyway.
    const passed = start.preAuth.failures.length === 0 && suites.every((s) => s.ran && !failed(s));
    const fullCodeFetches = [...started.values()].map((session) => session.fullCodeFetches).find((n) => n !== undefined);
    return { passed, preAuth: start.preAuth, suites, reports: written, fullCodeFetches };
  } finally {
    for (const session of started.values()) await session.stop();
    cancelExitHook?.();
    removeWorkDir();
  }
}
