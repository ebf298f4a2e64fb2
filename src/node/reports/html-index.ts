// The HTML report a run with several suites writes at the --html path: each suite's verdict and counts, linking to its full htmlextra report.

import { basename } from 'node:path';
import { escapeXmlAttribute } from './junit-report';

export interface IndexRow {
  name: string;
  /** The suite's own report, a sibling file of the index; undefined when it was not written. */
  report: string | undefined;
  ran: boolean;
  failed: boolean;
  requests: number;
  assertions: number;
  failures: number;
  /** First failure lines (test names and messages; no request data). */
  failureLines: readonly string[];
}

/**
 * One page with every suite. htmlextra renders one newman run per file and has no way to merge runs,
 * so the suites keep their full reports beside this page and it links to them by relative name: the
 * directory can be published as one CI artifact, and the page alone already tells what failed.
 */
export function htmlIndex(title: string, rows: readonly IndexRow[]): string {
  const esc = escapeXmlAttribute;
  const failedSuites = rows.filter((r) => r.failed).length;
  const verdict = failedSuites > 0 ? 'FAILED: ' + failedSuites + ' of ' + rows.length + ' suites failed' : 'passed: ' + rows.length + ' suites';
  const body = rows.map((row) => {
    const status = !row.ran ? 'not run' : row.failed ? 'FAILED' : 'passed';
    const name = row.report !== undefined ? '<a href="' + esc(basename(row.report)) + '">' + esc(row.name) + '</a>' : esc(row.name);
    const details = row.failureLines.length > 0 ? '<ul>' + row.failureLines.map((l) => '<li>' + esc(l) + '</li>').join('') + '</ul>' : '';
    return '<tr class="' + status.replace(' ', '-').toLowerCase() + '"><td>' + name + details + '</td><td>' + status + '</td><td>' + row.requests + '</td><td>' + row.assertions + '</td><td>' + row.failures + '</td></tr>';
  });
  return '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>' + esc(title) + '</title>\n' +
    '<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}' +
    '.failed td:nth-child(2){color:#b00;font-weight:bold}.passed td:nth-child(2){color:#070}</style>\n</head>\n<body>\n' +
    '<h1>' + esc(title) + '</h1>\n<p>' + esc(verdict) + '. Each suite\'s full report is linked (keep the files of this directory together).</p>\n' +
    '<table>\n<tr><th>Suite</th><th>Result</th><th>Requests</th><th>Tests</th><th>Failures</th></tr>\n' + body.join('\n') + '\n</table>\n</body>\n</html>\n';
}
