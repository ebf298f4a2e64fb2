// The runner seam: what a suite needs in, what comes out of it, and the one shape every runner has (picked by name in registry.ts).

import type { CacheHandoff } from '../cache-handoff';
import type { LoadedCollection } from '../collections';
import type { PostmanCli } from '../postman-cli-binary';
import type { PreAuthResult } from '../pre-authenticate';
import type { Variables } from '../run-variables';

export type CollectionFormat = 'v2.1' | 'v3';

export interface SuiteOutcome {
  name: string;
  path: string;
  requests: number;
  assertions: number;
  failedAssertions: number;
  /** Failures of every kind the runner counts: assertions, script errors, request errors. */
  failures: number;
  /** First lines of the runner's failure list, for the summary (test names and messages, no request data). */
  failureLines: string[];
  /** Set when the runner itself failed (bad collection, crash): the suite counts as failed. */
  error?: string;
  /** Whether the suite ran at all (false when --bail stopped the run before it). */
  ran: boolean;
}

/** A failure of a request that was never sent (newman's JUnit lists only sent requests). */
export interface UnsentFailure {
  item: string;
  test: string;
  message: string;
}

/** Run-wide settings a runner reads. */
export interface RunSettings {
  /** Environment name shown in reports. */
  environmentName: string;
  /** Every variable of the run, secrets included; kept in memory. */
  variables: Variables;
  /** Run the suites at the same time instead of one after another. Default false. */
  parallel?: boolean;
  /** Iterations per suite. Default 1. */
  iterationCount?: number | undefined;
  /** Time limit per request in ms. Default: the runner's (none). */
  timeoutRequest?: number | undefined;
  /** Pause between requests in ms. Default 0. */
  delayRequest?: number | undefined;
  /** Stop at the first failure (the rest of that suite and the suites not started yet). Default false. */
  bail?: boolean;
  /** No runner output on the terminal. Default false. */
  silent?: boolean;
  /** The Postman CLI, needed when some suite runs through it. */
  postmanCli?: PostmanCli | undefined;
  /** Working directory of a runner in a child process (relative file paths in collections). Default: process.cwd(). */
  workingDir?: string | undefined;
  /** Send newman suites the runner's fast path instead of the installed script (run-fast-path.ts). Default true. */
  fastPath?: boolean;
  /**
   * Registers a cleanup for an exit that does not unwind (the CLI's Ctrl-C), returning its cancel function.
   * The caller owns the process; without it, temporary files are removed when the run ends normally only.
   */
  onExit?: ((cleanup: () => void) => () => void) | undefined;
  /** Aborted when the run is interrupted (a signal): runners with children kill them at once, before the caller cleans up. */
  signal?: AbortSignal | undefined;
}

/** What a runner gets once, at the start of the run, after the up-front sign-ins. */
export interface RunStart {
  settings: RunSettings;
  suites: readonly LoadedCollection[];
  preAuth: PreAuthResult;
  /** Each suite's variables: its collection variables under the run's. */
  variableSets: readonly Variables[];
  /** The identities whose cognito_iam_* variables each suite names. */
  iamIdentities: ReadonlyArray<readonly string[]>;
  /** The token caches, handed from suite to suite (cache-handoff.ts). */
  caches: CacheHandoff;
  /** Every script's time limit in ms (run-time-limits.ts), so a Cognito call that never answers ends the suite. */
  scriptTimeoutMs: number;
}

/** What one suite needs in. */
export interface SuiteInput {
  suite: LoadedCollection;
  index: number;
  /** Where to write the suite's JUnit XML (reports/junit-run-report.ts merges them); undefined: none wanted. */
  junitFile: string | undefined;
  /** Where to write the suite's HTML report; undefined: none wanted. A runner that cannot write one ignores it. */
  htmlFile: string | undefined;
}

/** What comes out of one suite. */
export interface SuiteRun {
  outcome: SuiteOutcome;
  /** Failures of requests that were never sent, which the runner's own JUnit leaves out. */
  unsent: readonly UnsentFailure[];
  /** Whether the runner was asked for an HTML report and writes one. */
  writesHtml: boolean;
  /** Seconds each item took, by item id, where the runner's own JUnit times only the response (newman): the JUnit testsuite times. */
  itemSeconds?: Readonly<Record<string, number>>;
}

/** A runner for the length of one run: started once if any suite uses it, stopped when the run ends. */
export interface RunnerSession {
  runSuite(input: SuiteInput): Promise<SuiteRun>;
  /** How often suites fetched the full code from the runner (newman's fast path); undefined when none was served. */
  readonly fullCodeFetches: number | undefined;
  stop(): Promise<void>;
}

export interface Runner {
  /** The name --runner takes. */
  name: string;
  /** The collection formats it runs. */
  formats: readonly CollectionFormat[];
  start(run: RunStart): Promise<RunnerSession>;
}

/** The outcome of a suite before it ran (or that never ran: --bail stopped the run first). */
export function notRun(suite: LoadedCollection): SuiteOutcome {
  return { name: suite.name, path: suite.path, requests: 0, assertions: 0, failedAssertions: 0, failures: 0, failureLines: [], ran: false };
}

/** Whether a suite that ran failed. */
export function failed(outcome: SuiteOutcome): boolean {
  return outcome.failures > 0 || outcome.error !== undefined;
}
