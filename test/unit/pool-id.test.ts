// pool-id.ts: AWS-shaped pool ids, and the empty pool files cognito-local loads when it starts.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newPoolId, writeEmptyPools } from '../../src/local/pool-id';

describe('pool ids and empty pool files', () => {
  it('newPoolId: the region, an underscore and nine letters or digits, different each time', () => {
    const ids = Array.from({ length: 50 }, () => newPoolId('eu-west-1'));
    for (const id of ids) expect(id).toMatch(/^eu-west-1_[0-9A-Za-z]{9}$/);
    expect(new Set(ids).size).toBe(50);
  });

  it('writeEmptyPools: one `{}` file per id returned, nothing else; zero writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm-cognito-pool-id-'));
    try {
      expect(await writeEmptyPools(dir, 0, 'us-east-1')).toEqual([]);
      const ids = await writeEmptyPools(dir, 3, 'us-east-1');
      expect(ids).toHaveLength(3);
      expect(readdirSync(dir).sort()).toEqual(ids.map((id) => id + '.json').sort());
      for (const id of ids) expect(readFileSync(join(dir, id + '.json'), 'utf8')).toBe('{}\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writeEmptyPools: a missing directory is an error, not a silent skip', async () => {
    await expect(writeEmptyPools(join(tmpdir(), 'pm-cognito-no-such-dir-' + process.pid), 1, 'us-east-1')).rejects.toThrow(/ENOENT/);
  });
});
