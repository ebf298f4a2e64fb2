// The installed script in compact form: esbuild's whitespace removal of dist/pm-cognito.prerequest.readable.js.

import { transform } from 'esbuild';

/**
 * The script with its comments and whitespace removed by esbuild (minifyWhitespace): the same statements and the same
 * names. Every byte of the installed script travels into the sandbox and back on every request, and each newline
 * travels escaped; this form carries about a third less than the readable one (docs/benchmarks.md).
 * Anyone can check it: `npx esbuild dist/pm-cognito.prerequest.readable.js --minify-whitespace --target=es2020`.
 */
export async function compactScript(readable: string): Promise<string> {
  return (await transform(readable, { minifyWhitespace: true, target: 'es2020', legalComments: 'none', logLevel: 'warning' })).code;
}
