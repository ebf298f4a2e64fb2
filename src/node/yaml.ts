// The yaml package, loaded on first use: only v3 collections and YAML files need it, and its load costs a `pm-cognito`
// start 40-80 ms on a 2-core machine, which a v2.1-only run, `token` or `secret-hash` should not pay.

import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

/** `require`, not import(): the CLI is a CommonJS bundle and yaml ships CommonJS (as for newman in newman-runner.ts). */
export const yaml = (): typeof Yaml => (loaded ??= require('yaml') as typeof Yaml);
