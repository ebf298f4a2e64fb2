// The installed script's full code in compact form: esbuild's whitespace removal of dist/pm-cognito.full-code.js.

import { transform } from 'esbuild';

/**
 * The full code with its whitespace removed by esbuild (minifyWhitespace): the same statements and the same names,
 * on one line. Every byte of the installed script travels into the sandbox and back on every request, and each
 * newline travels escaped; this form carries about a fifth less than the readable one (docs/benchmarks.md).
 * Anyone can check it: `npx esbuild dist/pm-cognito.full-code.js --minify-whitespace --target=es2020`.
 */
export async function compactFullCode(fullCode: string): Promise<string> {
  return (await transform(fullCode, { minifyWhitespace: true, target: 'es2020', legalComments: 'none', logLevel: 'warning' })).code;
}
