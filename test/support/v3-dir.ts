// Writes Postman v3 (YAML) collection directories for tests: files from a map, and a GET request that tests its status.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes a v3 collection directory from a map of relative path → YAML text. */
export function writeV3(dir: string, files: Record<string, string>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** A GET of {{baseUrl}}<path> whose test wants 200; `extra` YAML lines (name, order, auth), `after` script lines after the test. */
export function v3Request(path: string, extra = '', after: string[] = []): string {
  return '$kind: http-request\nurl: "{{baseUrl}}' + path + '"\nmethod: GET\n' + extra +
    "scripts:\n  - type: afterResponse\n    code: pm.test('sent', () => pm.response.to.have.status(200));" + after.map((line) => ' ' + line).join('') + '\n    language: text/javascript\n';
}
