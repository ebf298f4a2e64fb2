// cleanChunk: ANSI codes and line-end padding removed across chunk boundaries (newman's failure table off a terminal).

import { describe, expect, it } from 'vitest';
import { cleanChunk } from '../../src/node/plain-output';
import { mergeJunit } from '../../src/node/reports/junit-report';

describe('cleanChunk', () => {
  it('drops colour codes and the spaces that pad each line, even when a line ends in the next chunk', () => {
    const first = cleanChunk('', '\u001b[31m  # \u001b[39m\u001b[31m failure    \u001b[39m');
    expect(first).toEqual({ text: '  #  failure', pending: '    ' });
    const second = cleanChunk(first.pending, '\n  1.  status 200   x   \n');
    expect(second).toEqual({ text: '\n  1.  status 200   x\n', pending: '' });
    // Spaces inside a line are kept when the line goes on.
    expect(cleanChunk('   ', 'next')).toEqual({ text: '   next', pending: '' });
  });
});

describe('mergeJunit item times', () => {
  it('gives each testsuite the time its item took, by id', () => {
    const xml = '<?xml version="1.0"?>\n<testsuites name="c">\n  <testsuite name="a" id="id-a" timestamp="2026-01-01T00:00:00.000Z" tests="1" failures="0" errors="0" time="0.000">\n  </testsuite>\n</testsuites>\n';
    const merged = mergeJunit('run', [{ suiteName: 'c', xml, itemSeconds: { 'id-a': 0.4567 } }]);
    expect(merged).toContain('<testsuite name="c / a" id="id-a" timestamp="2026-01-01T00:00:00.000Z" tests="1" failures="0" errors="0" time="0.457">');
    expect(merged).toMatch(/<testsuites name="run" tests="1" failures="0" errors="0" time="0.457">/);
  });
});
