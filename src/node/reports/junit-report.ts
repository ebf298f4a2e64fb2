// Joins the JUnit files newman wrote for several suites into one report, each testsuite named after its collection.

export interface JunitPart {
  /** The collection's name, put in front of each testsuite name. */
  suiteName: string;
  /** The XML newman's junit reporter wrote ('' when it wrote none). */
  xml: string;
  /**
   * Failures newman's junit reporter leaves out: those of requests that were never sent (the
   * pm-cognito script skips a request whose sign-in failed, and newman reports only sent requests).
   */
  unsent?: ReadonlyArray<{ item: string; test: string; message: string }>;
  /**
   * Seconds each item took, by item id (newman-runner.ts times them): replaces the time newman's reporter gives a
   * testsuite, which is the response time alone (0.000 against a fast API, scripts and sign-ins not counted).
   */
  itemSeconds?: Readonly<Record<string, number>>;
}

/** A testsuite opening tag with its time taken from `itemSeconds` by its id, when known. */
function timed(tag: string, itemSeconds: JunitPart['itemSeconds']): string {
  const id = /\sid="([^"]*)"/.exec(tag)?.[1];
  const seconds = id === undefined || itemSeconds === undefined ? undefined : itemSeconds[id];
  return seconds === undefined || !Number.isFinite(seconds) ? tag : tag.replace(/(\stime=")[0-9.]*"/, '$1' + seconds.toFixed(3) + '"');
}

export function escapeXmlAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function cdata(text: string): string {
  return '<![CDATA[' + text.replace(/]]>/g, ']]]]><![CDATA[>') + ']]>';
}

function unsentSuites(prefix: string, unsent: NonNullable<JunitPart['unsent']>): string {
  const byItem = new Map<string, Array<{ test: string; message: string }>>();
  for (const failure of unsent) {
    const list = byItem.get(failure.item) ?? [];
    list.push(failure);
    byItem.set(failure.item, list);
  }
  const suites: string[] = [];
  for (const [item, failures] of byItem) {
    suites.push('  <testsuite name="' + prefix + escapeXmlAttribute(item) + '" tests="' + failures.length + '" failures="' + failures.length + '" errors="0" time="0.000">\n' +
      failures.map((f) => '    <testcase name="' + escapeXmlAttribute(f.test) + '" time="0.000" classname="' + escapeXmlAttribute(item) + '">\n' +
        '      <failure type="AssertionFailure" message="' + escapeXmlAttribute(f.message) + '">' + cdata('Request not sent. ' + f.message) + '</failure>\n' +
        '    </testcase>\n').join('') +
      '  </testsuite>');
  }
  return suites.join('\n');
}

function attribute(tag: string, name: string): number {
  const match = new RegExp('\\s' + name + '="([0-9.]+)"').exec(tag);
  return match ? Number(match[1]) : 0;
}

/** The `<testsuite>` elements of one newman JUnit file (newman writes them two spaces in, one per line opening). */
function testsuites(xml: string): string {
  const open = /<testsuites\b[^>]*?(\/?)>/.exec(xml);
  if (!open || open[1] === '/') return '';
  const start = open.index + open[0].length;
  const end = xml.lastIndexOf('</testsuites>');
  return end > start ? xml.slice(start, end).replace(/^\n+|\s+$/g, '') : '';
}

/** One JUnit document with every testsuite of every part; totals are summed from the testsuites. */
export function mergeJunit(name: string, parts: readonly JunitPart[]): string {
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let time = 0;
  const bodies: string[] = [];
  for (const part of parts) {
    const prefix = escapeXmlAttribute(part.suiteName) + ' / ';
    const sent = testsuites(part.xml).replace(/^ {2}<testsuite\b[^>]*>/gm, (tag) => timed(tag, part.itemSeconds)).replace(/^( {2}<testsuite name=")/gm, '$1' + prefix);
    const unsent = part.unsent !== undefined && part.unsent.length > 0 ? unsentSuites(prefix, part.unsent) : '';
    const body = [sent, unsent].filter((b) => b !== '').join('\n');
    for (const match of body.matchAll(/^ {2}<testsuite\b[^>]*>/gm)) {
      tests += attribute(match[0], 'tests');
      failures += attribute(match[0], 'failures');
      errors += attribute(match[0], 'errors');
      time += attribute(match[0], 'time');
    }
    if (body !== '') bodies.push(body);
  }
  return '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<testsuites name="' + escapeXmlAttribute(name) + '" tests="' + tests + '" failures="' + failures + '" errors="' + errors + '" time="' + time.toFixed(3) + '">\n' +
    bodies.map((b) => b + '\n').join('') +
    '</testsuites>\n';
}
