// The installed script returns as soon as the fast path has served: the full code's modules are then never evaluated.
//
// esbuild lays out an esm bundle's modules in import order, so every module the fast path needs (src/postman/fast-path.ts
// and what it imports) comes before any module only the full code needs. Evaluating those later modules on every request
// cost about 0.2 ms of the sandbox's time (bench/breakdown.ts: closures, tables, SRP's BigInt constants, error classes).
// The build puts one line between the two groups, `if (serveFromNote()) return;`, and the entry's last statement
// (installed-entry.ts) becomes the full code's call alone. It refuses to build when the layout is not as expected.

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
 * The bundle (esm format, unwrapped) with the served return between the fast path's modules and the others, and the
 * entry's statement reduced to the full code's call. Throws when a module the fast path needs comes after one it does
 * not, or when the entry's statement is not there exactly once: the script would then evaluate a module too late.
 */
export function withServedReturn(bundle: string, metafile: Metafile): string {
  const needed = fastPathModules(metafile);
  const lines = bundle.split('\n');
  let firstOther = -1;
  for (let i = 0; i < lines.length; i++) {
    const path = moduleOpened(lines[i]!, metafile);
    if (path === undefined) continue;
    if (!needed.has(path) && firstOther === -1) firstOther = i;
    else if (needed.has(path) && firstOther !== -1) throw new Error('served-return: ' + path + ' (the fast path needs it) comes after ' + lines[firstOther] + ' in the bundle');
  }
  if (firstOther === -1) throw new Error('served-return: the bundle has no module after the fast path\'s');
  const entry = lines.flatMap((line, i) => (line === ENTRY_STATEMENT ? [i] : []));
  if (entry.length !== 1 || entry[0]! < firstOther) throw new Error('served-return: expected the line "' + ENTRY_STATEMENT + '" once, after the full code\'s modules');
  lines[entry[0]!] = FULL_CODE_CALL;
  lines.splice(firstOther, 0, ...SERVED_RETURN, '');
  return lines.join('\n');
}
