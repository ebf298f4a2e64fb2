// collections/v3/ holds the demo collections as Postman v12 keeps them: exactly what `postman collection migrate` makes of the JSON ones.

import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../support/collection';
import { POSTMAN_CLI_SKIP, runPostmanOffline } from '../support/postman-cli';
import { removeTempDirs, tempDir } from './cli-harness';

afterAll(() => removeTempDirs());

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else out[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const twins = readdirSync(join(ROOT, 'collections')).filter((f) => f.endsWith('.postman_collection.json')).map((f) => f.replace('.postman_collection.json', ''));

describe.skipIf(POSTMAN_CLI_SKIP)('the v3 twins of the demo collections', () => {
  it('there is one for each JSON collection and no other', () => {
    expect(readdirSync(join(ROOT, 'collections', 'v3')).sort()).toEqual([...twins].sort());
  });

  // roles: cli-install.test.ts migrates it (its script swapped for a user's lines) and compares every other byte with
  // collections/v3/roles, in the one Postman CLI start it needs anyway.
  for (const name of twins.filter((twin) => twin !== 'roles')) {
    it(name + ': byte for byte what the Postman CLI migrates from the JSON (refresh: postman collection migrate collections/' + name + '.postman_collection.json -o collections/v3/' + name + ')', async () => {
      const out = join(tempDir(), name);
      const result = await runPostmanOffline(['collection', 'migrate', join(ROOT, 'collections', name + '.postman_collection.json'), '-o', out], { cwd: ROOT });
      expect(result.code, result.output).toBe(0);
      expect(snapshot(join(ROOT, 'collections', 'v3', name))).toEqual(snapshot(out));
    }, 60_000);
  }
});
