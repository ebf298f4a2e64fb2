// The test-file order: projects in turn, unknown files first (largest first), then the recorded ones longest first.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { longestFirst } from '../support/longest-first.mjs';
import { committedSeconds, durationsFile, repositoryPath } from '../support/file-durations.mjs';
import { ROOT } from '../support/collection';

const file = (project: string, path: string, size = 100) => ({ project, path, size });

describe('longestFirst', () => {
  it('starts the longest recorded file first within a project', () => {
    const files = [file('integration', 'a'), file('integration', 'b'), file('integration', 'c')];
    expect(longestFirst(files, { a: 1, b: 30, c: 5 }).map((f) => f.path)).toEqual(['b', 'c', 'a']);
  });

  it('keeps projects apart, in name order, whatever the durations', () => {
    const files = [file('unit', 'u'), file('integration', 'i')];
    expect(longestFirst(files, { u: 99, i: 1 }).map((f) => f.path)).toEqual(['i', 'u']);
  });

  it('puts files without a recorded duration first, the larger before the smaller', () => {
    const files = [file('integration', 'old'), file('integration', 'small', 10), file('integration', 'big', 5000)];
    expect(longestFirst(files, { old: 40 }).map((f) => f.path)).toEqual(['big', 'small', 'old']);
  });

  it('keeps the given order for equal durations and does not change its input', () => {
    const files = [file('integration', 'x'), file('integration', 'y')];
    const copy = [...files];
    expect(longestFirst(files, { x: 2, y: 2 }).map((f) => f.path)).toEqual(['x', 'y']);
    expect(files).toEqual(copy);
  });

  it('does not take an inherited property for a duration', () => {
    const files = [file('integration', 'toString', 1), file('integration', 'z', 2)];
    expect(longestFirst(files, { z: 3 }).map((f) => f.path)).toEqual(['toString', 'z']);
  });
});

describe('committedSeconds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pm-cognito-durations-'));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads the seconds and drops what is not a finite number', () => {
    const path = write('ok.json', JSON.stringify({ seconds: { 'test/a.test.ts': 3.5, 'test/b.test.ts': 'slow', 'test/c.test.ts': null } }));
    expect(committedSeconds(path)).toEqual({ 'test/a.test.ts': 3.5 });
  });

  it('gives none for a missing file, broken JSON or another shape, so the order falls back to file size', () => {
    expect(committedSeconds(join(dir, 'missing.json'))).toEqual({});
    expect(committedSeconds(write('broken.json', '{"seconds": {'))).toEqual({});
    expect(committedSeconds(write('array.json', '[1, 2]'))).toEqual({});
    expect(committedSeconds(write('null.json', 'null'))).toEqual({});
  });

  it('reads the committed file, which names existing test files', () => {
    const seconds = committedSeconds(durationsFile(ROOT));
    expect(Object.keys(seconds).length).toBeGreaterThan(50);
    expect(Object.keys(seconds).every((path) => /^test\/(unit|integration)\/.+\.test\.ts$/.test(path))).toBe(true);
  });
});

describe('repositoryPath', () => {
  it('keys a file by its path in the repository, also when the file is in another clone', () => {
    expect(repositoryPath(join(ROOT, 'test', 'unit', 'a.test.ts'), ROOT)).toBe('test/unit/a.test.ts');
    expect(repositoryPath('/tmp/clean-clone/test/integration/b.test.ts', ROOT)).toBe('test/integration/b.test.ts');
  });
});
