// One measured run of `npm run bench`'s per-request comparison, in a fresh process: newman alone, or `pm-cognito run`'s code.
//
// Usage: tsx bench/run-once.ts <spec.json>. Loads newman before the clock starts (every variant pays that
// the same), runs the collection once and prints one JSON line: { ms, cpuMs, requests, failures }.

import { readFileSync } from 'node:fs';
import { readCollection } from '../src/node/collections';
import { runSuite } from '../src/node/newman-runner';
import { runSuites } from '../src/node/run-suites';

export interface RunSpec {
  /** `newman`: newman's API with the environment and collection variables below; `run`: what `pm-cognito run` does (up-front sign-in included). */
  kind: 'newman' | 'run';
  collectionFile: string;
  environment: Record<string, string>;
  collectionVariables?: Record<string, string>;
}

export interface RunFigures {
  ms: number;
  /** CPU time of this process during the run (newman and its sandbox run here): less sensitive to other load than ms. */
  cpuMs: number;
  requests: number;
  failures: number;
}

async function main(): Promise<void> {
  const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as RunSpec;
  require('newman');
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let figures: Omit<RunFigures, 'ms' | 'cpuMs'>;
  if (spec.kind === 'newman') {
    const result = await runSuite({ collection: spec.collectionFile, environment: spec.environment, silent: true, ...(spec.collectionVariables ? { collectionVariables: spec.collectionVariables } : {}) });
    figures = { requests: result.requests, failures: result.failures };
  } else {
    const result = await runSuites({ suites: [readCollection(spec.collectionFile)], environmentName: 'bench', variables: spec.environment, silent: true });
    const suite = result.suites[0]!;
    figures = { requests: suite.requests, failures: suite.failures + result.preAuth.failures.length + (suite.error !== undefined ? 1 : 0) };
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  process.stdout.write(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, ...figures }) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write((error instanceof Error ? error.stack ?? error.message : String(error)) + '\n');
  process.exitCode = 1;
});
