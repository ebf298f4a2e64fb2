// Reads the Postman CLI's own report (its cli reporter, --disable-unicode): counts, and per request the tests, for JUnit.

import { escapeXmlAttribute } from './reports/junit-report';

/** A console.log the runner adds to the front of a run copy's collection script, naming each request's location. */
export const ITEM_MARKER = 'pm-cognito-item:';

export function itemMarkerScript(): string {
  // Percent-encoded, quotes included, so the CLI prints it as one single-quoted word that it may only cut into lines.
  return "console.log('" + ITEM_MARKER + "' + encodeURIComponent(JSON.stringify(pm.execution && pm.execution.location ? Array.from(pm.execution.location) : [pm.info.requestName])).replace(/'/g, '%27'));";
}

export interface Counts {
  executed: number;
  failed: number;
}

export interface PostmanCliStats {
  requests: Counts;
  testScripts: Counts;
  prerequestScripts: Counts;
  assertions: Counts;
}

export interface ItemTests {
  /** [collection, folders..., request] when the marker was seen; else the item line's text. */
  location: string[];
  tests: Array<{ name: string; failure?: number; skipped?: boolean }>;
  /** Response time of its requests in seconds, from the CLI's `[200 OK, 248 B, 6 ms]` lines (the JUnit testsuite time). */
  seconds?: number;
}

/** A request line's timing: `  GET http://… [200 OK, 248 B, 6 ms]`. */
const REQUEST_TIME = /^ {2}[A-Z]+ \S.*\[[^\]]*,\s*(\d+(?:\.\d+)?)\s*ms\]\s*$/;

export interface FailureRow {
  number: number;
  type: string;
  test: string;
  message: string;
  inside: string;
}

export interface PostmanCliReport {
  stats: PostmanCliStats | undefined;
  items: ItemTests[];
  failures: FailureRow[];
}

const TABLE_ROW = /^\|\s*(iterations|requests|test-scripts|prerequest-scripts|assertions)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|/;

function markerLocation(group: string[]): string[] | undefined {
  const joined = group.map((l) => l.replace(/^ {2}\| ?/, '')).join('');
  const match = new RegExp("^'" + ITEM_MARKER + "([^']*)'").exec(joined);
  if (!match) return undefined;
  try {
    const parsed = JSON.parse(decodeURIComponent(match[1]!)) as unknown;
    return Array.isArray(parsed) && parsed.every((p) => typeof p === 'string') ? (parsed as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/** A row of the failure table starting at lines[i] (`1.  AssertionError  <test>` and its indented detail), if lines[i] starts one. */
function failureRow(lines: string[], i: number): FailureRow | undefined {
  const head = /^\s*(\d+)\.\s{2}(\S+)\s{2,}(.*?)\s*$/.exec(lines[i]!);
  if (!head) return undefined;
  const detail: string[] = [];
  // Detail lines are indented; the CLI's own notes after the table (about logging in) are not.
  for (let j = i + 1; j < lines.length && /^\s+\S/.test(lines[j]!) && !/^\s*\d+\.\s{2}\S/.test(lines[j]!); j++) detail.push(lines[j]!.trim());
  const inside = detail.map((d) => /^inside "(.*)"$/.exec(d)).find((m) => m !== null);
  return {
    number: Number(head[1]),
    type: head[2]!,
    test: head[3]!,
    message: detail.filter((d) => !/^at /.test(d) && !/^inside "/.test(d)).join(' '),
    inside: inside ? inside[1]! : '',
  };
}

/** A line under a request: its timing, or a passed, skipped or failed test. */
function addItemLine(current: ItemTests, line: string): void {
  const timed = REQUEST_TIME.exec(line);
  if (timed) {
    current.seconds = (current.seconds ?? 0) + Number(timed[1]) / 1000;
    return;
  }
  const pass = /^ {2}Pass {2}(.*)$/.exec(line);
  if (pass) {
    current.tests.push({ name: pass[1]! });
    return;
  }
  const skipped = /^ {2}- \[skipped\] (.*)$/.exec(line);
  if (skipped) {
    current.tests.push({ name: skipped[1]!, skipped: true });
    return;
  }
  const failed = /^ {0,2}(\d+)\. (.*)$/.exec(line);
  if (failed) current.tests.push({ name: failed[2]!, failure: Number(failed[1]) });
}

export function parsePostmanCliOutput(text: string): PostmanCliReport {
  const lines = text.replace(/\r/g, '').split('\n');
  const counts: Partial<Record<string, Counts>> = {};
  const items: ItemTests[] = [];
  const failures: FailureRow[] = [];
  let current: ItemTests | undefined;
  let inFailureTable = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const row = TABLE_ROW.exec(line);
    if (row) {
      counts[row[1]!] = { executed: Number(row[2]), failed: Number(row[3]) };
      continue;
    }
    if (/^\s+#\s+failure\s+detail/.test(line)) {
      inFailureTable = true;
      continue;
    }
    if (inFailureTable) {
      const row = failureRow(lines, i);
      if (row !== undefined) failures.push(row);
      continue;
    }
    if (line === '  -' && (lines[i + 1] ?? '').startsWith("  | '" + ITEM_MARKER)) {
      const group: string[] = [];
      let j = i + 1;
      while (j < lines.length && lines[j] !== '  -') group.push(lines[j++]!);
      i = j;
      const location = markerLocation(group);
      if (location !== undefined) {
        current = { location, tests: [] };
        items.push(current);
      }
      continue;
    }
    // --disable-unicode: `Root <name>` for a request at the top, `Sub-folder <name>` inside a folder.
    const item = /^(?:Root|Sub-folder) (.+)$/.exec(line);
    if (item && lines[i + 1] === '') {
      // An item line of a v2.1 run (`Root <name>`), or of a v3 run (`Root <id>`) before its marker.
      current = { location: [item[1]!], tests: [] };
      items.push(current);
      continue;
    }
    if (current !== undefined) addItemLine(current, line);
  }
  // A marker replaces the item line it follows: drop items that only held an id.
  const kept = items.filter((item, index) => !(item.tests.length === 0 && items[index + 1] !== undefined && items[index + 1]!.location.length > 1 && item.location.length === 1));
  return { stats: statsOf(counts), items: kept, failures };
}

/** The run's counts, when the summary table had requests and assertions rows. */
function statsOf(counts: Partial<Record<string, Counts>>): PostmanCliStats | undefined {
  return counts['requests'] && counts['assertions']
    ? {
        requests: counts['requests'],
        testScripts: counts['test-scripts'] ?? { executed: 0, failed: 0 },
        prerequestScripts: counts['prerequest-scripts'] ?? { executed: 0, failed: 0 },
        assertions: counts['assertions'],
      }
    : undefined;
}

function cdata(text: string): string {
  return '<![CDATA[' + text.replace(/]]>/g, ']]]]><![CDATA[>') + ']]>';
}

/**
 * A JUnit document in the shape newman's junit reporter writes (one testsuite per request, named
 * `Folder / Request`), so mergeJunit treats both runners alike.
 */
export function junitFromReport(name: string, report: PostmanCliReport): string {
  const byNumber = new Map(report.failures.map((f) => [f.number, f]));
  const suites: string[] = [];
  for (const item of report.items) {
    if (item.tests.length === 0) continue;
    const suiteName = (item.location.length > 1 ? item.location.slice(1) : item.location).join(' / ');
    const failedCount = item.tests.filter((t) => t.failure !== undefined).length;
    const cases = item.tests.map((test) => {
      const open = '    <testcase name="' + escapeXmlAttribute(test.name) + '" time="0.000" classname="' + escapeXmlAttribute(suiteName) + '"';
      if (test.skipped === true) return open + '>\n      <skipped/>\n    </testcase>\n';
      if (test.failure === undefined) return open + '/>\n';
      const row = byNumber.get(test.failure);
      const message = row?.message ?? '';
      return open + '>\n      <failure type="' + escapeXmlAttribute(row?.type ?? 'AssertionFailure') + '" message="' + escapeXmlAttribute(message) + '">' + cdata(message) + '</failure>\n    </testcase>\n';
    });
    suites.push('  <testsuite name="' + escapeXmlAttribute(suiteName) + '" tests="' + item.tests.length + '" failures="' + failedCount + '" errors="0" time="' + (item.seconds ?? 0).toFixed(3) + '">\n' + cases.join('') + '  </testsuite>');
  }
  return '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="' + escapeXmlAttribute(name) + '">\n' + suites.map((s) => s + '\n').join('') + '</testsuites>\n';
}
