// The run's HTML report: one suite's htmlextra report at the --html path, or with several suites an index there and each suite's report beside it.

import { existsSync, writeFileSync } from 'node:fs';
import { htmlIndex } from './html-index';
import { perSuitePath, type RunReport } from './run-report';
import { failed } from '../runners/types';

/** `path`: the --html path; `names`: suiteFileNames of the suites. */
export function htmlRunReport(path: string, names: readonly string[]): RunReport {
  const files = names.length === 1 ? [path] : names.map((name) => perSuitePath(path, name));
  let asked = false;
  return {
    suiteFile: (index) => files[index]!,
    suiteDone(_index, run) {
      if (run.outcome.ran && run.writesHtml) asked = true;
    },
    finish(outcomes) {
      const written = files.filter((file) => existsSync(file));
      if (asked && written.length === 0) {
        outcomes[0]!.error ??= 'the HTML report was not written: check that newman-reporter-htmlextra is installed beside newman';
      }
      // Several suites: the named file is an index of them (a CI artifact path pointing at it finds a report).
      if (names.length > 1) {
        writeFileSync(path, htmlIndex('pm-cognito run', outcomes.map((s, i) => ({
          name: s.name, report: written.includes(files[i]!) ? files[i] : undefined, ran: s.ran,
          failed: s.ran && failed(s), requests: s.requests, assertions: s.assertions, failures: s.failures, failureLines: s.failureLines,
        }))));
        written.unshift(path);
      }
      return written;
    },
  };
}
