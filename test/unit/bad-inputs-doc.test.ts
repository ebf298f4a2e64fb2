// Each row of docs/bad-inputs.md's "Hostile answers" table names the test that asserts it: that test must exist.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const DOC = readFileSync(join(ROOT, 'docs', 'bad-inputs.md'), 'utf8');

/** Rows of the table under `heading`: their cells, without the header and the rule. */
function tableRows(heading: string): string[][] {
  const section = DOC.split('\n## ').find((part) => part.startsWith(heading));
  if (section === undefined) throw new Error('docs/bad-inputs.md has no section "' + heading + '"');
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| #') && !line.startsWith('| ---'))
    .map((line) => line.slice(2, -2).split(' | '));
}

/** `file`: title → the test file holds an it(...) title (or a table case's `name:`) that starts with that text. */
function namedTestExists(reference: string): boolean {
  const match = /^`([^`]+)`: (.+)$/.exec(reference.trim());
  if (match === null) return false;
  const source = readFileSync(join(ROOT, match[1]!), 'utf8');
  const title = match[2]!.trim();
  return [...source.matchAll(/\b(?:it\(|name:)\s*(['"`])((?:\\.|(?!\1).)*)\1/g)].some((m) => m[2]!.replace(/\\(.)/g, '$1').startsWith(title));
}

describe('docs/bad-inputs.md: Hostile answers, endpoints and limits', () => {
  const rows = tableRows('Hostile answers, endpoints and limits');

  it('has its rows, each with seven cells', () => {
    expect(rows.length).toBeGreaterThanOrEqual(17);
    for (const row of rows) expect(row, row[1]).toHaveLength(7);
  });

  it.each(rows.map((row) => [row[1]!, row[6]!]))('%s is asserted by the test it names', (_, reference) => {
    expect(namedTestExists(reference), reference).toBe(true);
  });

  it('a reference to a test that does not exist is caught', () => {
    expect(namedTestExists('`test/unit/redact.test.ts`: no test is called this')).toBe(false);
  });
});

describe('docs/bad-inputs.md: Names, identities and Postman Vault', () => {
  const rows = tableRows('Names, identities and Postman Vault').filter((row) => /^n\d+$/.test(row[0]!));

  it('has its eleven rows, each with seven cells', () => {
    expect(rows).toHaveLength(11);
    for (const row of rows) expect(row, row[1]).toHaveLength(7);
  });

  it.each(rows.map((row) => [row[1]!, row[6]!]))('%s is asserted by the test it names', (_, reference) => {
    expect(namedTestExists(reference), reference).toBe(true);
  });

  it('the checker reads table cases (`name:`) as well as it() titles', () => {
    expect(namedTestExists('`test/unit/cognito-errors.test.ts`: S5: a wrong shared secret')).toBe(true);
    expect(namedTestExists('`test/unit/cognito-errors.test.ts`: S5: no case is called this')).toBe(false);
  });
});
