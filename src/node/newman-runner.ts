// Runs a collection through newman's programmatic API with an in-memory environment (secrets never touch disk).

import { readFileSync } from 'node:fs';
import type { NewmanRunOptions, NewmanRunSummary } from 'newman';
import { plainStdoutWhenPiped } from './plain-output';

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
  /** Time limit per script in ms (newman's timeoutScript). */
  timeoutScript?: number;
  /** Pause between requests in ms (newman's delayRequest). */
  delayRequest?: number;
  /** Keep each script's exec lines as they are (benchmarks compare both forms). */
  keepScriptLines?: boolean;
  /** No output on the terminal (tests, benchmarks). */
  silent?: boolean;
  /** Stop the run at the first failing test or error (newman's bail). */
  bail?: boolean;
  /** newman's requestAgents: agents (or postman-request's `{agentClass}`) for http and https (cognito-answer-cap.ts). */
  requestAgents?: { http: object; https: object };
}

export interface SuiteResult {
  summary: NewmanRunSummary;
  /** Failures of every kind: assertions, script errors, request errors. */
  failures: number;
  requests: number;
  assertions: number;
  failedAssertions: number;
  /**
   * Collection variables as the last script left them (summary.collection keeps the values the run started with):
   * how the token caches, with a rotated refresh token, reach the next suite.
   */
  collectionVariables: Record<string, unknown>;
  /** Seconds each item took (scripts, request and tests), summed over iterations, by item id: the JUnit testsuite times. */
  itemSeconds: Record<string, number>;
}

export function toEnvironment(name: string, values: Record<string, string>) {
  return {
    name,
    values: Object.keys(values).map((key) => ({ key, value: values[key], type: 'default', enabled: true })),
  };
}

interface CollectionJson {
  variable?: Array<{ key: string; value?: unknown; [k: string]: unknown }>;
  event?: Array<{ script?: { exec?: unknown } }>;
  item?: CollectionJson[];
}

/**
 * Joins every script's `exec` lines into one element, in place. The Postman app exports one element
 * per line, and newman's cost per script run grows with their number (docs/benchmarks.md); the text
 * newman runs is the same, since it joins them with newlines itself.
 */
export function joinScriptLines(node: CollectionJson): void {
  for (const event of node.event ?? []) {
    const exec = event.script?.exec;
    if (Array.isArray(exec) && exec.length > 1 && exec.every((line) => typeof line === 'string')) event.script!.exec = [exec.join('\n')];
  }
  for (const child of node.item ?? []) joinScriptLines(child);
}

/** A private copy of the collection (read from a path, or cloned), scripts joined, collection variables set. */
function prepareCollection(collection: string | object, keepScriptLines: boolean, variables: Record<string, string> | undefined): object {
  const copy = JSON.parse(typeof collection === 'string' ? readFileSync(collection, 'utf8') : JSON.stringify(collection)) as CollectionJson;
  if (!keepScriptLines) joinScriptLines(copy);
  if (variables) {
    const keys = Object.keys(variables);
    copy.variable = (copy.variable ?? []).filter((v) => !keys.includes(v.key));
    for (const key of keys) copy.variable.push({ key, value: variables[key], type: 'string' });
  }
  return copy;
}

export async function runSuite(options: SuiteRunOptions): Promise<SuiteResult> {
  // Loaded here, not at the top: newman takes about a second to load, which commands that run no suite should not pay.
  // require, not import(): the CLI is a CommonJS bundle and newman a CommonJS package.
  // Its module.exports is what the types call the default export.
  const newman = require('newman') as (typeof import('newman'))['default'];
  const collection = prepareCollection(options.collection, options.keepScriptLines === true, options.collectionVariables);
  const runOptions: NewmanRunOptions = {
    collection,
    environment: toEnvironment(options.environmentName ?? 'pm-cognito', options.environment),
    reporters: options.reporters ?? ['cli'],
    reporter: options.reporterOptions ?? {},
    iterationCount: options.iterationCount ?? 1,
    silent: options.silent === true,
  };
  if (options.timeoutRequest !== undefined) runOptions.timeoutRequest = options.timeoutRequest;
  if (options.timeoutScript !== undefined) runOptions['timeoutScript'] = options.timeoutScript;
  if (options.delayRequest !== undefined) runOptions['delayRequest'] = options.delayRequest;
  if (options.bail === true) runOptions.bail = true;
  if (options.requestAgents !== undefined) runOptions['requestAgents'] = options.requestAgents;
  let collectionVariables: Record<string, unknown> = {};
  // Issue 20, S9: newman's failure table keeps ANSI codes and pads lines off a terminal; cleaned while it prints.
  const restoreStdout = runOptions.silent !== true && runOptions.reporters!.includes('cli') ? plainStdoutWhenPiped() : () => undefined;
  // newman's junit reporter times a testsuite by the response alone (0.000 against a fast local API): the item's whole run is timed here.
  const itemSeconds: Record<string, number> = {};
  const started = new Map<string, number>();
  return new Promise((resolve, reject) => {
    const run = newman.run(runOptions, (error, summary) => {
      restoreStdout();
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
        collectionVariables,
        itemSeconds,
      });
    });
    run.on('beforeItem', (_error: unknown, event: { item?: { id?: string } } | undefined) => { if (event?.item?.id !== undefined) started.set(event.item.id, Date.now()); });
    run.on('item', (_error: unknown, event: { item?: { id?: string } } | undefined) => {
      const id = event?.item?.id;
      const from = id === undefined ? undefined : started.get(id);
      if (id !== undefined && from !== undefined) itemSeconds[id] = (itemSeconds[id] ?? 0) + (Date.now() - from) / 1000;
    });
    run.on('script', (_error: unknown, event: { execution?: { collectionVariables?: { toObject?: () => Record<string, unknown> } } } | undefined) => {
      const scope = event?.execution?.collectionVariables;
      if (scope !== undefined && typeof scope.toObject === 'function') collectionVariables = scope.toObject();
    });
  });
}
