// The one place that knows which runners exist and which one runs a suite: a new runner is one file and one line here.

import { newmanRunner } from './newman';
import { postmanCliRunner } from './postman-cli';
import type { CollectionFormat, Runner } from './types';

/** Every runner, by the name --runner takes; the first is the default. */
const RUNNERS: readonly Runner[] = [
  newmanRunner,
  postmanCliRunner,
];

export const DEFAULT_RUNNER = RUNNERS[0]!.name;

/** The names --runner accepts. */
export const RUNNER_NAMES: readonly string[] = RUNNERS.map((runner) => runner.name);

export function isRunnerName(name: string): boolean {
  return RUNNER_NAMES.includes(name);
}

/**
 * The runner of a suite: the requested one when it runs the suite's format, else the first that does
 * (so a v3 directory runs with the Postman CLI whatever --runner says).
 */
export function runnerFor(format: CollectionFormat | undefined, requested: string = DEFAULT_RUNNER): Runner {
  const wanted = format ?? 'v2.1';
  const named = RUNNERS.find((runner) => runner.name === requested);
  if (named !== undefined && named.formats.includes(wanted)) return named;
  const able = RUNNERS.find((runner) => runner.formats.includes(wanted));
  if (able === undefined) throw new Error('no runner runs ' + wanted + ' collections');
  return able;
}

/** The names of the runners a run of these suites uses. */
export function runnersOf(suites: ReadonlyArray<{ format?: CollectionFormat | undefined }>, requested: string | undefined): Set<string> {
  return new Set(suites.map((suite) => runnerFor(suite.format, requested).name));
}
