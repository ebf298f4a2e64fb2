// The run's one JUnit file: each suite's runner writes its own into the run's private directory, merged at the end.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { mergeJunit } from './junit-report';
import type { RunReport } from './run-report';
import type { UnsentFailure } from '../runners/types';

/** `path`: the merged report; `workDir`: the run's private directory; `names`: suiteFileNames of the suites. */
export function junitRunReport(path: string, workDir: string, suiteNames: readonly string[], names: readonly string[]): RunReport {
  const unsentBySuite = new Map<number, readonly UnsentFailure[]>();
  const secondsBySuite = new Map<number, Readonly<Record<string, number>>>();
  const suiteFile = (index: number) => join(workDir, names[index]! + '.xml');
  return {
    suiteFile,
    suiteDone(index, run) {
      unsentBySuite.set(index, run.unsent);
      if (run.itemSeconds !== undefined) secondsBySuite.set(index, run.itemSeconds);
    },
    finish() {
      const parts = suiteNames.map((suiteName, i) => {
        const file = suiteFile(i);
        return { suiteName, xml: existsSync(file) ? readFileSync(file, 'utf8') : '', unsent: unsentBySuite.get(i) ?? [], itemSeconds: secondsBySuite.get(i) };
      });
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, mergeJunit('pm-cognito run', parts));
      return [path];
    },
  };
}
