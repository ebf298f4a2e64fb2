// The installed script's two layouts: readable (the bundle's modules in one arrow function) and compact (esbuild --minify of it, names kept).

import { transform } from 'esbuild';
import { CRYPTO_JS_LOADER } from '../postman/crypto-js-hash';

/**
 * The lines that open and close the readable script's code. Inside them the bundle's modules stand at the top level
 * of one arrow function, so that a name of ours never meets a name of the user's own code in the same pre-request
 * script (a second `function run` would silently replace ours, a second `const` would be a SyntaxError).
 */
export const OPEN_LINE = '(() => {';
export const CLOSE_LINE = '})();';

/** The readable script's code: the bundle (esm format: its modules' declarations at its top level) in the arrow function, then the loader. */
export function readableInstalledCode(bundled: string): string {
  return [OPEN_LINE, '"use strict";', bundled.replace(/\n$/, ''), CLOSE_LINE, '', "// The sandbox's own crypto-js (src/postman/crypto-js-hash.ts).", CRYPTO_JS_LOADER, ''].join('\n');
}

/** What esbuild --minify --target=es2020 prints for a script: the top-level names stay (another script could use them), locals get short names. */
async function minified(code: string): Promise<string> {
  return (await transform(code, { minify: true, target: 'es2020', legalComments: 'none', logLevel: 'warning' })).code;
}

/**
 * The compact form of a readable script (the build's, or the whole dist/pm-cognito.prerequest.readable.js): the lines
 * between OPEN_LINE and CLOSE_LINE through esbuild --minify, between `(()=>{` and `})();` again, then what follows
 * CLOSE_LINE (the crypto-js loader) through esbuild --minify. Every module-level name (function, class, constant)
 * is kept as written, because esbuild keeps a script's top-level names; only local variables and parameters get
 * short names. Every byte of the installed script travels into the sandbox and back on every request
 * (docs/benchmarks.md). Anyone can check it with `npx esbuild --minify --target=es2020` on those two parts.
 */
export async function compactScript(readable: string): Promise<string> {
  const lines = readable.split('\n');
  const open = lines.indexOf(OPEN_LINE);
  const close = lines.lastIndexOf(CLOSE_LINE);
  if (open === -1 || close < open) throw new Error('compactScript: the readable script has no "' + OPEN_LINE + '" ... "' + CLOSE_LINE + '" lines');
  const inside = await minified(lines.slice(open + 1, close).join('\n') + '\n');
  const after = await minified(lines.slice(close + 1).join('\n') + '\n');
  return '(()=>{' + inside.replace(/\n$/, '') + '})();\n' + after;
}

/** esbuild's whitespace and comment removal alone (what the benches use to measure carried text of any script). */
export async function whitespaceRemoved(code: string): Promise<string> {
  return (await transform(code, { minifyWhitespace: true, target: 'es2020', legalComments: 'none', logLevel: 'warning' })).code;
}
