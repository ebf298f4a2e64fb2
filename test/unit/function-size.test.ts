// The house rule that keeps functions readable: no function-like node in src/ spans more than 80 lines.

import { readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { longFunctions } from '../support/long-functions';
import { removeTempDirs, tempDir } from '../support/temp-dirs';

const ROOT = join(__dirname, '..', '..');
const LIMIT = 80;

afterAll(removeTempDirs);

function statements(count: number): string {
  return Array.from({ length: count }, (_, i) => '    const v' + i + ' = ' + i + ';').join('\n');
}

/** A one-file fixture in a temp dir; returns what the scanner finds in it. */
function scan(text: string): string[] {
  const dir = tempDir('pm-cognito-function-size-');
  writeFileSync(join(dir, 'fixture.ts'), text);
  return longFunctions(dir, [join(dir, 'fixture.ts')], LIMIT).long;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(dir, name))
    .sort();
}

describe('function size', () => {
  it('has no function in src/ over ' + LIMIT + ' lines, and reads every .ts file there', () => {
    const files = tsFiles(join(ROOT, 'src'));
    const scan = longFunctions(ROOT, files, LIMIT);
    expect(scan.long).toEqual([]);
    expect(scan.files).toEqual(files.map((file) => relative(ROOT, file)));
  });

  it('names each kind of function past the limit with its file, line and length, and passes one at the limit', () => {
    const text = [
      'export function atLimit() {', statements(78), '}',
      'export function declared() {', statements(79), '}',
      'export const arrow = () => {', statements(80), '};',
      'export const expression = function () {', statements(81), '};',
      'export class Thing {',
      '  constructor() {', statements(79), '  }',
      '  method() {', statements(79), '  }',
      '  get value() {', statements(79), '    return 1;', '  }',
      '  set value(v: number) {', statements(79), '    void v;', '  }',
      '}',
    ].join('\n');
    expect(scan(text)).toEqual([
      'fixture.ts:81 (81 lines)',
      'fixture.ts:162 (82 lines)',
      'fixture.ts:244 (83 lines)',
      'fixture.ts:328 (81 lines)',
      'fixture.ts:409 (81 lines)',
      'fixture.ts:490 (82 lines)',
      'fixture.ts:572 (82 lines)',
    ]);
  });

  it('counts a nested function on its own and inside its parent', () => {
    const text = ['export function outer() {', '  const inner = () => {', statements(79), '  };', '  return inner;', '}'].join('\n');
    expect(scan(text)).toEqual(['fixture.ts:1 (84 lines)', 'fixture.ts:2 (81 lines)']);
  });
});
