// Builds dist/ once before any test file runs, and only when src/ changed since: no test ever sees the bundle being rewritten.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const OUTPUTS = ['cli.js', 'pm-cognito.prerequest.js', 'pm-cognito.prerequest.readable.js', 'pm-cognito.iam.prerequest.js', 'pm-cognito.iam.prerequest.readable.js', 'pm-cognito.full-code.js', 'pm-cognito.run-fast-path.js'].map((file) => join(ROOT, 'dist', file));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export default function setup(): void {
  const built = OUTPUTS.every(existsSync) ? Math.min(...OUTPUTS.map((path) => statSync(path).mtimeMs)) : 0;
  if (built >= newestMtime(join(ROOT, 'src'))) return;
  // `npm test` has just built; a plain `npx vitest run` after editing src/ builds here, before any test starts.
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'src', 'tools', 'build.ts')], { cwd: ROOT, stdio: 'pipe' });
}
