// prepareConfig adds pm-cognito's script to a Portman config only where no form of it is listed already.

import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareConfig } from '../../src/node/portman';
import { removeTempDirs, tempDir } from '../support/temp-dirs';

afterAll(() => removeTempDirs());

function prepared(scripts: string[]): { scripts: unknown[]; injected: boolean } {
  const dir = tempDir('pm-cognito-portman-config-');
  const file = join(dir, 'portman-config.json');
  writeFileSync(file, JSON.stringify({ globals: { collectionPreRequestScripts: scripts } }));
  const { config, injected } = prepareConfig(file, dir, '/pkg/dist/pm-cognito.prerequest.js');
  return { scripts: (config as { globals: { collectionPreRequestScripts: unknown[] } }).globals.collectionPreRequestScripts, injected };
}

describe('prepareConfig', () => {
  it('adds the default script where the config lists none', () => {
    const out = prepared(['file:other.js']);
    expect(out.injected).toBe(true);
    expect(out.scripts[1]).toBe('file:/pkg/dist/pm-cognito.prerequest.js');
  });

  it.each([
    'file:node_modules/pm-cognito/dist/pm-cognito.prerequest.js',
    'file:node_modules/pm-cognito/dist/pm-cognito.prerequest.readable.js',
    'file:node_modules/pm-cognito/dist/pm-cognito.iam.prerequest.js',
    'file:node_modules/pm-cognito/dist/pm-cognito.iam.prerequest.readable.js',
  ])('leaves a config that lists %s as it is (no second script beside it)', (listed) => {
    const out = prepared([listed]);
    expect(out.injected).toBe(false);
    expect(out.scripts).toHaveLength(1);
  });
});
