// The README's settings table must list every setting the script reads, with its default.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTING_SPECS } from '../../src/core/settings';
import { IDENTITY_POOL_SETTING_SPECS } from '../../src/core/identity-pool-setting-specs';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('README settings table', () => {
  for (const spec of [...Object.values(SETTING_SPECS), ...Object.values(IDENTITY_POOL_SETTING_SPECS)]) {
    it('documents ' + spec.variable, () => {
      const row = readme.split('\n').find((line) => line.startsWith('| `' + spec.variable + '` |'));
      expect(row, spec.variable + ' has no row in the README table').toBeDefined();
      if (spec.defaultValue) expect(row).toContain('`' + spec.defaultValue + '`');
    });
  }
});
