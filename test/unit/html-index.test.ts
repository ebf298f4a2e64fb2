// The --html index page of a run with several suites: verdicts, counts, links to the suites' reports, and names escaped.

import { describe, expect, it } from 'vitest';
import { htmlIndex } from '../../src/node/reports/html-index';

const row = { ran: true, failed: false, requests: 2, assertions: 3, failures: 0, failureLines: [] as string[] };

describe('htmlIndex', () => {
  it('links each suite\'s report by its file name and tells the verdict', () => {
    const html = htmlIndex('pm-cognito run', [
      { ...row, name: 'alpha', report: '/ci/reports/run.alpha-1.html' },
      { ...row, name: 'beta', report: '/ci/reports/run.beta-2.html', failed: true, failures: 1, failureLines: ['me: is 418: expected 200 to equal 418'] },
      { ...row, name: 'gamma', report: undefined, ran: false, requests: 0, assertions: 0 },
    ]);
    expect(html).toContain('<p>FAILED: 1 of 3 suites failed.');
    expect(html).toContain('<tr class="passed"><td><a href="run.alpha-1.html">alpha</a></td><td>passed</td><td>2</td><td>3</td><td>0</td></tr>');
    expect(html).toContain('<a href="run.beta-2.html">beta</a><ul><li>me: is 418: expected 200 to equal 418</li></ul></td><td>FAILED</td>');
    expect(html).toContain('<tr class="not-run"><td>gamma</td><td>not run</td>');
    expect(html).not.toContain('/ci/reports');
  });

  it('escapes suite names and failure messages', () => {
    const html = htmlIndex('pm-cognito run', [{ ...row, name: '<script>alert(1)</script>', report: undefined, failureLines: ['a "b" & <c>'] }]);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('a &quot;b&quot; &amp; &lt;c&gt;');
  });
});
