// The house rule that keeps one concept a file: no TypeScript file under src/ over 300 lines.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const LIMIT = 300;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** Files past the limit, as `path (lines)`. */
export function oversized(files: readonly string[], limit: number): string[] {
  return files
    .map((file) => ({ file, lines: readFileSync(file, 'utf8').split('\n').length - 1 }))
    .filter(({ lines }) => lines > limit)
    .map(({ file, lines }) => relative(ROOT, file) + ' (' + lines + ' lines)');
}

describe('source files', () => {
  it('has no file under src/ over ' + LIMIT + ' lines', () => {
    expect(oversized(tsFiles(join(ROOT, 'src')), LIMIT)).toEqual([]);
  });

  it('names a file past the limit (the check can fail)', () => {
    expect(oversized([join(ROOT, 'src', 'cli', 'cli.ts')], 5)).toEqual([expect.stringMatching(/^src\/cli\/cli\.ts \(\d+ lines\)$/)]);
  });
});
