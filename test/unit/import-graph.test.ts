// The layers of src/ point one way and no file imports itself back: checked over the real import graph.

import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, type ImportGraph } from '../support/import-graph';

/**
 * Which top-level folders of src/ each folder may import. core is the pure lower layer; postman is the
 * sandbox adapter over it; node the Node adapter (it may reuse postman's pure note/needs modules); cli the
 * commands over node, and over local for `pm-cognito local` (a thin command over the offline stack); local
 * and demo may use node, never the reverse; tools is build tooling, imported by nothing at run time.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  core: [],
  postman: ['core'],
  node: ['core', 'postman'],
  cli: ['core', 'postman', 'node', 'local'],
  local: ['core', 'postman', 'node'],
  demo: ['core', 'postman', 'node', 'local', 'cli'],
  tools: ['core', 'postman', 'node'],
};

function layerOf(file: string): string {
  return file.split('/')[1] ?? '';
}

/** Every import that crosses into a layer its folder may not use, as `from -> to`. */
export function layerViolations(graph: ImportGraph, rules: Record<string, readonly string[]>): string[] {
  const out: string[] = [];
  for (const [file, targets] of graph) {
    const from = layerOf(file);
    for (const target of targets) {
      const to = layerOf(target);
      if (to === from) continue;
      if (!(rules[from] ?? []).includes(to)) out.push(file + ' -> ' + target);
    }
  }
  return out;
}

const graph = importGraph(process.cwd(), 'src');

describe('import graph of src/', () => {
  it('knows every top-level folder of src/', () => {
    const layers = new Set([...graph.keys()].map(layerOf));
    expect([...layers].filter((layer) => !(layer in MAY_IMPORT))).toEqual([]);
  });

  it('has no import from a lower layer to a higher one', () => {
    expect(layerViolations(graph, MAY_IMPORT)).toEqual([]);
  });

  it('has no import cycle between files', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('finds a cycle and a layer violation when there is one (the checks can fail)', () => {
    const bad: ImportGraph = new Map([
      ['src/core/a.ts', ['src/node/b.ts']],
      ['src/node/b.ts', ['src/core/a.ts']],
    ]);
    expect(importCycles(bad)).toEqual([['src/core/a.ts', 'src/node/b.ts']]);
    expect(layerViolations(bad, MAY_IMPORT)).toEqual(['src/core/a.ts -> src/node/b.ts']);
  });

  it('reads static, re-export and dynamic imports', () => {
    const cli = graph.get('src/cli/cli.ts') ?? [];
    expect(cli).toContain('src/cli/run-command.ts'); // import('./run-command.js')
    expect(cli).toContain('src/core/errors.ts'); // import { … } from '../core/errors'
  });
});
