// Runs a collection through newman's programmatic API with an in-memory environment (secrets never touch disk).

import { readFileSync } from 'node:fs';
import newman, { type NewmanRunOptions, type NewmanRunSummary } from 'newman';

export interface SuiteRunOptions {
  /** A collection file path or a parsed collection. */
  collection: string | object;
  /** Environment name shown in reports. */
  environmentName?: string;
  /** Variables of the environment, secrets included; kept in memory only. */
  environment: Record<string, string>;
  /** Collection variables to set before the run (e.g. a token cache filled up front); overrides the file's. */
  collectionVariables?: Record<string, string>;
  reporters?: string[];
  reporterOptions?: Record<string, unknown>;
  iterationCount?: number;
  /** Time limit per request in ms (newman's timeoutRequest). */
  timeoutRequest?: number;
  /** Pause between requests in ms (newman's delayRequest). */
  delayRequest?: number;
  /** No output on the terminal (tests, benchmarks). */
  silent?: boolean;
  /** Stop the run at the first failing test or error (newman's bail). */
  bail?: boolean;
}

export interface SuiteResult {
  summary: NewmanRunSummary;
  /** Failures of every kind: assertions, script errors, request errors. */
  failures: number;
  requests: number;
  assertions: number;
  failedAssertions: number;
}

export function toEnvironment(name: string, values: Record<string, string>) {
  return {
    name,
    values: Object.keys(values).map((key) => ({ key, value: values[key], type: 'default', enabled: true })),
  };
}

interface CollectionJson {
  variable?: Array<{ key: string; value?: unknown; [k: string]: unknown }>;
  [key: string]: unknown;
}

/** Loads a collection (if given a path) and sets collection variables on a copy of it. */
export function withCollectionVariables(collection: string | object, values: Record<string, string>): object {
  const source = typeof collection === 'string' ? (JSON.parse(readFileSync(collection, 'utf8')) as CollectionJson) : (collection as CollectionJson);
  const copy: CollectionJson = { ...source, variable: [...(source.variable ?? [])] };
  for (const key of Object.keys(values)) {
    copy.variable = copy.variable!.filter((v) => v.key !== key);
    copy.variable.push({ key, value: values[key], type: 'string' });
  }
  return copy;
}

export function runSuite(options: SuiteRunOptions): Promise<SuiteResult> {
  const collection = options.collectionVariables ? withCollectionVariables(options.collection, options.collectionVariables) : options.collection;
  const runOptions: NewmanRunOptions = {
    collection,
    environment: toEnvironment(options.environmentName ?? 'pm-cognito', options.environment),
    reporters: options.reporters ?? ['cli'],
    reporter: options.reporterOptions ?? {},
    iterationCount: options.iterationCount ?? 1,
    silent: options.silent === true,
  };
  if (options.timeoutRequest !== undefined) runOptions.timeoutRequest = options.timeoutRequest;
  if (options.delayRequest !== undefined) runOptions['delayRequest'] = options.delayRequest;
  if (options.bail === true) runOptions.bail = true;
  return new Promise((resolve, reject) => {
    newman.run(runOptions, (error, summary) => {
      if (error) {
        reject(error);
        return;
      }
      const stats = summary.run.stats;
      resolve({
        summary,
        failures: summary.run.failures.length,
        requests: stats.requests.total ?? 0,
        assertions: stats.assertions.total ?? 0,
        failedAssertions: stats.assertions.failed ?? 0,
      });
    });
  });
}
