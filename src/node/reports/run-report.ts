// The shape of a run-wide report: it names the file each suite's runner writes, hears each suite's outcome, and writes itself at the end.

import { extname } from 'node:path';
import type { SuiteOutcome, SuiteRun } from '../runners/types';

export interface RunReport {
  /** The file suite `index`'s runner should write for this report. */
  suiteFile(index: number): string;
  /** Called as each suite ends (or is skipped by --bail). */
  suiteDone(index: number, run: SuiteRun): void;
  /** Writes the report once every suite is done (may set an outcome's error); returns the files written, for the summary. */
  finish(outcomes: SuiteOutcome[]): string[];
}

/** A file-name-safe, unique name for each suite: `Pets API` → `Pets-API-1`. */
export function suiteFileNames(names: readonly string[]): string[] {
  return names.map((name, index) => {
    const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
    return (safe === '' ? 'suite' : safe) + '-' + (index + 1);
  });
}

/** `reports/run.html` → `reports/run.<suite>.html` */
export function perSuitePath(path: string, suite: string): string {
  const ext = extname(path);
  return (ext === '' ? path : path.slice(0, -ext.length)) + '.' + suite + (ext === '' ? '.html' : ext);
}
