// Packages that take tens of milliseconds or more to load are loaded where they are used, not by every `pm-cognito` start.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(process.cwd(), 'src');
const files = (readdirSync(SRC, { recursive: true, encoding: 'utf8' }) as string[]).filter((file) => file.endsWith('.ts')).map((file) => 'src/' + file.replace(/\\/g, '/'));

/** The files that import the package's values at the top (type-only imports are erased and cost nothing). */
function topLevelImporters(pkg: string): string[] {
  const line = new RegExp("^import (?!type )[^;]*from '" + pkg.replace(/[/.]/g, '\\$&') + "';", 'm');
  return files.filter((file) => line.test(readFileSync(join(process.cwd(), file), 'utf8'))).sort();
}

describe('loaded on first use', () => {
  it('yaml (40-80 ms a start): only through src/node/yaml.ts, and by `pm-cognito local`, which always reads its YAML', () => {
    expect(topLevelImporters('yaml')).toEqual(['src/local/local-config.ts']);
  });
  it('newman (about a second): only when a suite runs (newman-runner.ts requires it there)', () => {
    expect(topLevelImporters('newman')).toEqual([]);
  });
  it('finds a top-level import when there is one (the check can fail)', () => {
    expect(topLevelImporters('node:fs').length).toBeGreaterThan(10);
  });
});
