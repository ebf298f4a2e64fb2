// The installed script returns as soon as the fast path has served: the full code's modules are then never evaluated.
//
// esbuild lays out an esm bundle's modules in import order, so every module the fast path needs (src/postman/fast-path.ts
// and what it imports) comes before any module only the full code needs. Evaluating those later modules on every request
// cost about 0.2 ms of the sandbox's time (bench/breakdown.ts: closures, tables, SRP's BigInt constants, error classes).
// The build puts one line between the two groups, `if (serveFromNote()) return;`, and the entry's last statement
// (installed-entry.ts) becomes the full code's call alone. It refuses to build when the layout is not as expected.
// Modules the fast path imports but never runs (error classes it only throws on paths that decline) move after the
// return too: esbuild's tree shaking of the fast path alone says which (deferredModules), and the part before the
// return must then evaluate on its own (checked here, in a bare context).

import { runInNewContext } from 'node:vm';
import type { Metafile } from 'esbuild';

const FAST_PATH = 'src/postman/fast-path.ts';
/** installed-entry.ts's statement, as esbuild prints it, and what it becomes once the return stands before the full code. */
export const ENTRY_STATEMENT = 'if (!serveFromNote()) void runFullCode();';
export const FULL_CODE_CALL = 'void runFullCode();';
export const SERVED_RETURN = [
  '// Served from the note: the modules below (the full code) are not evaluated for this request (src/tools/served-return.ts).',
  'if (serveFromNote()) return;',
];

/** The modules the fast path's module needs, itself included (what esbuild's metafile says each module imports). */
export function fastPathModules(metafile: Metafile): Set<string> {
  const needed = new Set<string>();
  const visit = (path: string): void => {
    if (needed.has(path)) return;
    const input = metafile.inputs[path];
    if (input === undefined) throw new Error('served-return: ' + path + ' is not in the bundle');
    needed.add(path);
    for (const imported of input.imports) visit(imported.path);
  };
  visit(FAST_PATH);
  return needed;
}

/** The module a line of the bundle opens (esbuild's `// <path>` comment before each module's code), if it opens one. */
function moduleOpened(line: string, metafile: Metafile): string | undefined {
  const match = /^\/\/ (\S+)$/.exec(line);
  if (match === null) return undefined;
  // A stand-in module's comment runs its namespace and path together (`settings-tablesrc/...`); its metafile key has a colon.
  return Object.keys(metafile.inputs).find((key) => key === match[1] || key.replace(':', '') === match[1]);
}

/**
 * The modules the fast path imports but whose code it never runs: esbuild leaves nothing of them in `alone`, a bundle
 * of src/postman/fast-path.ts by itself built with the same swaps. Their top level (error classes: about 0.3 ms of the
 * sandbox's CPU per request under load, docs/benchmarks.md) need not run for a served request.
 */
export function deferredModules(installed: Metafile, alone: Metafile): Set<string> {
  const kept = new Set<string>();
  for (const output of Object.values(alone.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) if (input.bytesInOutput > 0) kept.add(path);
  }
  if (!kept.has(FAST_PATH)) throw new Error('served-return: the bundle of the fast path alone does not contain ' + FAST_PATH);
  return new Set([...fastPathModules(installed)].filter((path) => !kept.has(path)));
}

interface ModuleBlock {
  path: string;
  lines: string[];
}

/** The bundle's lines before its first module, and each module's lines (from its `// <path>` comment to the next). */
function moduleBlocks(lines: readonly string[], metafile: Metafile): { head: string[]; blocks: ModuleBlock[] } {
  const head: string[] = [];
  const blocks: ModuleBlock[] = [];
  for (const line of lines) {
    const path = moduleOpened(line, metafile);
    if (path !== undefined) blocks.push({ path, lines: [line] });
    else (blocks.length === 0 ? head : blocks[blocks.length - 1]!.lines).push(line);
  }
  return { head, blocks };
}

/**
 * The bundle (esm format, unwrapped) with the served return between the fast path's modules and the others, the
 * `deferred` modules (deferredModules) moved to just after it, ahead of the full code's modules that build on them,
 * and the entry's statement reduced to the full code's call. Throws when a module the fast path needs comes after one
 * only the full code needs, when the entry's statement is not there exactly once, or when the part before the return
 * does not evaluate on its own: the script would then evaluate a module too late.
 */
export function withServedReturn(bundle: string, metafile: Metafile, deferred: ReadonlySet<string> = new Set()): string {
  const needed = fastPathModules(metafile);
  const { head, blocks } = moduleBlocks(bundle.split('\n'), metafile);
  const first = blocks.filter((block) => needed.has(block.path) && !deferred.has(block.path));
  const moved = blocks.filter((block) => deferred.has(block.path));
  const rest = blocks.filter((block) => !needed.has(block.path));
  const firstOther = blocks.findIndex((block) => !needed.has(block.path));
  if (firstOther === -1) throw new Error('served-return: the bundle has no module after the fast path\'s');
  const late = blocks.slice(firstOther).find((block) => needed.has(block.path));
  if (late !== undefined) throw new Error('served-return: ' + late.path + ' (the fast path needs it) comes after // ' + blocks[firstOther]!.path + ' in the bundle');
  const before = [...head, ...first.flatMap((block) => block.lines)];
  const after = [...moved, ...rest].flatMap((block) => block.lines);
  try {
    // As the script runs when the fast path serves: every declaration hoisted, nothing after the return evaluated.
    runInNewContext('(() => {\n' + before.join('\n') + '\nreturn;\n' + after.join('\n') + '\n})();', {}, { timeout: 5000 });
  } catch (error) {
    throw new Error('served-return: the modules before the return do not evaluate on their own (' + [...deferred].join(', ') + ' deferred): ' + String(error));
  }
  const entry = after.flatMap((line, i) => (line === ENTRY_STATEMENT ? [i] : []));
  if (entry.length !== 1 || before.includes(ENTRY_STATEMENT)) throw new Error('served-return: expected the line "' + ENTRY_STATEMENT + '" once, after the full code\'s modules');
  after[entry[0]!] = FULL_CODE_CALL;
  return [...before, ...SERVED_RETURN, '', ...after].join('\n');
}
