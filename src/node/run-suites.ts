// Runs several collections as one test run: one sign-in per identity up front, then every suite with the cached tokens, one verdict.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { cacheHandoff } from './cache-handoff';
import { collectionVariablesOf, type LoadedCollection } from './collections';
import { htmlIndex } from './html-index';
import { mergeJunit } from './junit-report';
import type { NewmanRunSummary } from 'newman';
import { runSuite } from './newman-runner';
import type { PostmanCli } from './postman-cli-binary';
import { runSuiteWithPostmanCli } from './postman-cli-runner';
import { preAuthenticate, type PreAuthResult } from './pre-authenticate';
import { startRunnerFastPath, upFrontNote, type RunnerFastPath } from './run-fast-path';
import type { Variables } from './run-variables';
import { referencedIamIdentities } from '../core/identity-pool-variables';
import { v3Text } from './v3-collection';
import { identitiesUsedBy } from './used-identities';
import { cleanChunk } from './plain-output';

export interface RunSuitesOptions {
  suites: LoadedCollection[];
  /** Environment name shown in reports. */
  environmentName: string;
  /** Every variable of the run, secrets included; kept in memory. */
  variables: Variables;
  /** Path of one JUnit XML report covering every suite. */
  junit?: string | undefined;
  /** Path of the HTML report (htmlextra); with several suites, an index of them there and each suite's report as `<name>.<suite>.html` beside it. */
  html?: string | undefined;
  /** Run the suites at the same time instead of one after another. Default false. */
  parallel?: boolean;
  /** newman iterations per suite. Default 1. */
  iterationCount?: number | undefined;
  /** Time limit per request in ms. Default: newman's (none). */
  timeoutRequest?: number | undefined;
  /** Pause between requests in ms. Default 0. */
  delayRequest?: number | undefined;
  /** Stop at the first failure (the rest of that suite and the suites not started yet). Default false. */
  bail?: boolean;
  /** No newman output on the terminal. Default false. */
  silent?: boolean;
  /** Called when a suite ends (used to print per-suite summaries in parallel mode, where newman's live output would interleave). */
  onSuiteDone?: (outcome: SuiteOutcome) => void;
  /** Called with each identity that could not sign in up front. */
  onPreAuthFailure?: (identity: string, message: string) => void;
  /** Called with each identity whose AWS credentials (cognito_iam_*) could not be obtained up front; the run goes on. */
  onCredentialFailure?: (identity: string, message: string) => void;
  /** Runner for v2.1 suites: newman (default) or the Postman CLI. v3 suites always use the Postman CLI. */
  runner?: 'newman' | 'postman' | undefined;
  /** The Postman CLI, needed when some suite runs through it. */
  postmanCli?: PostmanCli | undefined;
  /** Working directory of the Postman CLI (relative file paths in collections). Default: process.cwd(). */
  workingDir?: string | undefined;
  /** Send newman suites the runner's fast path instead of the installed script (run-fast-path.ts). Default true. */
  fastPath?: boolean;
  /**
   * Registers a cleanup for an exit that does not unwind (the CLI's Ctrl-C), returning its cancel function.
   * The caller owns the process; without it, temporary files are removed when the run ends normally only.
   */
  onExit?: ((cleanup: () => void) => () => void) | undefined;
}

export interface SuiteOutcome {
  name: string;
  path: string;
  requests: number;
  assertions: number;
  failedAssertions: number;
  /** Failures of every kind newman counts: assertions, script errors, request errors. */
  failures: number;
  /** First lines of newman's failure list, for the summary (test names and messages, no request data). */
  failureLines: string[];
  /** Set when newman itself failed (bad collection, crash): the suite counts as failed. */
  error?: string;
  /** Whether the suite ran at all (false when --bail stopped the run before it). */
  ran: boolean;
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

function suiteFileName(name: string, index: number): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return (safe === '' ? 'suite' : safe) + '-' + (index + 1);
}

/** `reports/run.html` → `reports/run.<suite>.html` */
export function perSuitePath(path: string, suite: string): string {
  const ext = extname(path);
  return (ext === '' ? path : path.slice(0, -ext.length)) + '.' + suite + (ext === '' ? '.html' : ext);
}

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
function unsentFailures(summary: NewmanRunSummary): Array<{ item: string; test: string; message: string }> {
  const sent = new Set(summary.run.executions.map((e) => (e.item as ItemLike).id));
  const unsent: Array<{ item: string; test: string; message: string }> = [];
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

export async function runSuites(options: RunSuitesOptions): Promise<RunSuitesResult> {
  const variableSets = options.suites.map((suite) => ({ ...collectionVariablesOf(suite.collection), ...options.variables }));
  // The identities whose cognito_iam_* variables each suite names, for their AWS credentials up front.
  const iamIdentities = options.suites.map((suite) => referencedIamIdentities(suite.v3 !== undefined ? v3Text(suite.v3) : JSON.stringify(suite.collection)));
  const preAuth = await preAuthenticate(variableSets, iamIdentities, options.suites.map(identitiesUsedBy));
  const caches = cacheHandoff(preAuth.cacheVariables, options.parallel === true);
  for (const failure of preAuth.failures) options.onPreAuthFailure?.(failure.identity, failure.message);
  for (const failure of preAuth.credentialFailures) options.onCredentialFailure?.(failure.identity, failure.message);

  // newman writes each suite's JUnit file here; they are merged into the requested path afterwards.
  // The exit hook covers a run cut short by Ctrl-C, where the CLI exits without unwinding.
  const workDir = mkdtempSync(join(tmpdir(), 'pm-cognito-run-'));
  const removeWorkDir = () => rmSync(workDir, { recursive: true, force: true });
  const cancelExitHook = options.onExit?.(removeWorkDir);
  const reports: string[] = [];
  let fastPath: RunnerFastPath | undefined;
  try {
    const newmanSuites = options.suites.some((suite) => suite.format !== 'v3' && options.runner !== 'postman');
    // After a refused sign-in the run fails anyway: the installed script then reports each unsent request
    // without a fetch of the full code, which newman would record as the request's execution.
    if (newmanSuites && options.fastPath !== false && preAuth.failures.length === 0) fastPath = await startRunnerFastPath();
    const names = options.suites.map((suite, i) => suiteFileName(suite.name, i));
    let stop = false;
    const unsentBySuite = new Map<number, Array<{ item: string; test: string; message: string }>>();
    const secondsBySuite = new Map<number, Record<string, number>>();

    const runOne = async (suite: LoadedCollection, index: number): Promise<SuiteOutcome> => {
      const outcome: SuiteOutcome = { name: suite.name, path: suite.path, requests: 0, assertions: 0, failedAssertions: 0, failures: 0, failureLines: [], ran: false };
      if (stop) return outcome;
      if (suite.format === 'v3' || options.runner === 'postman') {
        // The Postman CLI gets the up-front sign-ins as environment values (it cannot be given collection variables).
        await runSuiteWithPostmanCli(outcome, {
          cli: options.postmanCli,
          format: suite.format === 'v3' ? 'v3' : 'v2.1',
          path: suite.path,
          name: suite.name,
          variables: { ...options.variables, ...preAuth.cacheVariables },
          environmentName: options.environmentName,
          junitFile: options.junit !== undefined ? join(workDir, names[index]! + '.xml') : undefined,
          iterationCount: options.iterationCount,
          timeoutRequest: options.timeoutRequest,
          delayRequest: options.delayRequest,
          bail: options.bail === true,
          onExit: options.onExit,
          // Off a terminal without the CLI's table padding (issue 20, S9); its output comes in whole lines.
          onOutput: options.silent === true || options.parallel === true ? undefined : (text) => void process.stdout.write(process.stdout.isTTY === true ? text : cleanChunk('', text).text),
          workingDir: options.workingDir ?? process.cwd(),
        });
        if (options.bail === true && (outcome.failures > 0 || outcome.error !== undefined)) stop = true;
        options.onSuiteDone?.(outcome);
        return outcome;
      }
      const reporters: string[] = [];
      const reporterOptions: Record<string, unknown> = {};
      if (options.silent !== true && options.parallel !== true) {
        reporters.push('cli');
        reporterOptions['cli'] = { noBanner: index > 0 };
      }
      if (options.junit !== undefined) {
        reporters.push('junit');
        reporterOptions['junit'] = { export: join(workDir, names[index]! + '.xml') };
      }
      if (options.html !== undefined) {
        reporters.push('htmlextra');
        // Request and response data (headers with the token, bodies) and the environment (secrets) stay out of the file.
        reporterOptions['htmlextra'] = {
          export: options.suites.length === 1 ? options.html : perSuitePath(options.html, names[index]!),
          skipSensitiveData: true,
          omitHeaders: true,
          showEnvironmentData: false,
          showGlobalData: false,
          logs: false,
          title: suite.name,
          browserTitle: suite.name + ' (pm-cognito run)',
        };
      }
      try {
        const result = await runSuite({
          collection: fastPath !== undefined ? fastPath.collectionFor(suite.collection) : suite.collection,
          environmentName: options.environmentName,
          environment: fastPath !== undefined ? { ...options.variables, ...fastPath.variables } : options.variables,
          collectionVariables: fastPath !== undefined ? withNote(variableSets[index]!, caches.forSuite(index), iamIdentities[index]!) : caches.forSuite(index),
          reporters,
          reporterOptions,
          iterationCount: options.iterationCount ?? 1,
          ...(options.timeoutRequest !== undefined ? { timeoutRequest: options.timeoutRequest } : {}),
          ...(options.delayRequest !== undefined ? { delayRequest: options.delayRequest } : {}),
          bail: options.bail === true,
          silent: options.silent === true || reporters.length === 0,
        });
        caches.suiteDone(result.collectionVariables);
        outcome.ran = true;
        outcome.requests = result.requests;
        outcome.assertions = result.assertions;
        outcome.failedAssertions = result.failedAssertions;
        outcome.failures = result.failures;
        outcome.failureLines = result.summary.run.failures.slice(0, 20).map((f) =>
          (f.source?.name ?? f.at ?? 'run') + ': ' + (f.error.test !== undefined ? f.error.test + ': ' : '') + f.error.message);
        unsentBySuite.set(index, unsentFailures(result.summary));
        secondsBySuite.set(index, result.itemSeconds);
        const runError = result.summary.run.error;
        if (runError !== undefined && runError !== null) outcome.error = runError instanceof Error ? runError.message : String(runError);
      } catch (error) {
        outcome.ran = true;
        outcome.error = 'newman could not run ' + suite.path + ': ' + (error instanceof Error ? error.message : String(error));
      }
      if (options.bail === true && (outcome.failures > 0 || outcome.error !== undefined)) stop = true;
      options.onSuiteDone?.(outcome);
      return outcome;
    };

    let suites: SuiteOutcome[];
    if (options.parallel === true) {
      suites = await Promise.all(options.suites.map((suite, i) => runOne(suite, i)));
    } else {
      suites = [];
      for (let i = 0; i < options.suites.length; i++) suites.push(await runOne(options.suites[i]!, i));
    }

    if (options.junit !== undefined) {
      const parts = options.suites.map((suite, i) => {
        const file = join(workDir, names[i]! + '.xml');
        return { suiteName: suite.name, xml: existsSync(file) ? readFileSync(file, 'utf8') : '', unsent: unsentBySuite.get(i) ?? [], itemSeconds: secondsBySuite.get(i) };
      });
      mkdirSync(dirname(options.junit), { recursive: true });
      writeFileSync(options.junit, mergeJunit('pm-cognito run', parts));
      reports.push(options.junit);
    }
    if (options.html !== undefined) {
      const html = options.html;
      const files = options.suites.length === 1 ? [html] : names.map((name) => perSuitePath(html, name));
      const written = files.filter((file) => existsSync(file));
      const newmanRan = suites.some((s, i) => s.ran && options.suites[i]!.format !== 'v3' && options.runner !== 'postman');
      if (newmanRan && written.length === 0) {
        suites[0]!.error ??= 'the HTML report was not written: check that newman-reporter-htmlextra is installed beside newman';
      }
      // Several suites: the named file is an index of them (a CI artifact path pointing at it finds a report).
      if (options.suites.length > 1) {
        writeFileSync(html, htmlIndex('pm-cognito run', suites.map((s, i) => ({
          name: s.name, report: written.includes(files[i]!) ? files[i] : undefined, ran: s.ran,
          failed: s.ran && (s.failures > 0 || s.error !== undefined), requests: s.requests, assertions: s.assertions, failures: s.failures, failureLines: s.failureLines,
        }))));
        written.unshift(html);
      }
      reports.push(...written);
    }

    // A suite that did not run was stopped by --bail after another one failed, so the run has failed anyway.
    const passed = preAuth.failures.length === 0 && suites.every((s) => s.ran && s.failures === 0 && s.error === undefined);
    return { passed, preAuth, suites, reports, fullCodeFetches: fastPath?.server.fetches };
  } finally {
    await fastPath?.stop();
    cancelExitHook?.();
    removeWorkDir();
  }
}
