import { describe, expect, it } from 'vitest';
import { ITEM_MARKER, junitFromReport, parsePostmanCliOutput } from '../../src/node/postman-cli-output';
import { parseXml } from '../support/xml';

/** A marker console group as the Postman CLI prints it: quoted, cut into lines of its width. */
function marker(location: string[]): string[] {
  const text = "'" + ITEM_MARKER + encodeURIComponent(JSON.stringify(location)).replace(/'/g, '%27') + "'";
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += 54) lines.push('  | ' + text.slice(i, i + 54));
  return ['  -', ...lines, '  -'];
}

// The shape of a v3 run's report by Postman CLI 1.62.0 with --disable-unicode (see test/integration/cli-run-postman.test.ts).
const OUTPUT = [
  'Running your collection...',
  '',
  'Root 15ec2aaa303fbffcc7004091',
  '',
  ...marker(['pets', 'Admins @admin', "Who's me"]),
  '  GET http://127.0.0.1:1/me [200 OK, 248 B, 6 ms]',
  '  Pass  status 200',
  '  Pass  signed in as alice',
  '',
  'Root 848227a0df976ed121126c9b',
  '',
  ...marker(['pets', 'Create']),
  '  POST http://127.0.0.1:1/pets [403 Forbidden, 222 B, 3 ms]',
  '  1. status 201',
  '  - [skipped] later',
  '',
  '-------------------------------------------------------------------',
  '|                         |          executed |            failed |',
  '--------------------------+-------------------+--------------------',
  '|              iterations |                 1 |                 0 |',
  '|                requests |                 2 |                 0 |',
  '|            test-scripts |                 2 |                 0 |',
  '|      prerequest-scripts |                 0 |                 0 |',
  '|              assertions |                 3 |                 1 |',
  '-------------------------------------------------------------------',
  '',
  '  #  failure         detail                                                ',
  '                                                                           ',
  ' 1.  AssertionError  status 201                                            ',
  '                     expected response to have status code 201 but got 403 ',
  '                     at assertion:0 in test-script                         ',
  '                     inside "Create"                                       ',
  '',
].join('\n');

describe('parsePostmanCliOutput', () => {
  const report = parsePostmanCliOutput(OUTPUT);

  it('reads the summary table', () => {
    expect(report.stats).toEqual({
      requests: { executed: 2, failed: 0 },
      testScripts: { executed: 2, failed: 0 },
      prerequestScripts: { executed: 0, failed: 0 },
      assertions: { executed: 3, failed: 1 },
    });
  });

  it('names each request from the marker, with its tests, and reads the failure rows', () => {
    expect(report.items).toEqual([
      { location: ['pets', 'Admins @admin', "Who's me"], tests: [{ name: 'status 200' }, { name: 'signed in as alice' }], seconds: 0.006 },
      { location: ['pets', 'Create'], tests: [{ name: 'status 201', failure: 1 }, { name: 'later', skipped: true }], seconds: 0.003 },
    ]);
    expect(report.failures).toEqual([{ number: 1, type: 'AssertionError', test: 'status 201', message: 'expected response to have status code 201 but got 403', inside: 'Create' }]);
  });

  it('ends the last failure\'s message at the table: the CLI\'s note about logging in that follows is not part of it', () => {
    const withNote = OUTPUT + 'Postman credentials are required for publishing run details to Postman cloud.\nPlease specify it by using the `postman login` command\n';
    expect(parsePostmanCliOutput(withNote).failures.map((f) => f.message)).toEqual(['expected response to have status code 201 but got 403']);
  });

  it('gives no stats for output without a summary (the CLI failed to start)', () => {
    expect(parsePostmanCliOutput('error: unknown option').stats).toBeUndefined();
  });
});

describe('junitFromReport', () => {
  it('writes one well-formed testsuite per request, in newman\'s naming', () => {
    const xml = junitFromReport('pets', parsePostmanCliOutput(OUTPUT));
    const root = parseXml(xml);
    const suites = root.children.filter((c) => c.name === 'testsuite');
    expect(suites.map((s) => [s.attributes['name'], s.attributes['tests'], s.attributes['failures']])).toEqual([
      ["Admins @admin / Who's me", '2', '0'],
      ['Create', '2', '1'],
    ]);
    expect(xml).toContain('message="expected response to have status code 201 but got 403"');
    expect(xml).toContain('<skipped/>');
    // Issue 20, S9: each testsuite's time is its request's, from the CLI's own timing (it was always 0.000).
    expect(suites.map((s) => s.attributes['time'])).toEqual(['0.006', '0.003']);
  });
});
