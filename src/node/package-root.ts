// Finds pm-cognito's own installation directory (dist/ and portman/ live there), from the bundle or from the sources.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

export function packageRoot(): string {
  if (cached !== undefined) return cached;
  let dir = __dirname;
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        if ((JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === 'pm-cognito') return (cached = dir);
      } catch {
        // Not ours; keep looking upwards.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('pm-cognito: cannot find its own package.json above ' + __dirname + ': reinstall pm-cognito');
    dir = parent;
  }
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}
