// The pre-made pools of a shared cognito-local: written in AWS's id shape, and each claimed by exactly one caller however many ask at once.

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { attachCognitoLocal, claimPremadePool, writePremadePools } from '../support/shared-cognito-local';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pm-cognito-claims-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('writePremadePools', () => {
  it('writes the asked number of empty pool files with distinct AWS-shaped ids into .cognito/db/', async () => {
    const dir = dataDir();
    const ids = await writePremadePools(dir, 5);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    for (const id of ids) {
      expect(id).toMatch(/^us-east-1_[A-Za-z0-9]{9}$/);
      expect(readFileSync(join(dir, '.cognito', 'db', id + '.json'), 'utf8')).toBe('{}\n');
    }
    expect(readdirSync(join(dir, '.cognito', 'db')).sort()).toEqual(ids.map((id) => id + '.json').sort());
  });
});

describe('claimPremadePool', () => {
  it('gives each of many simultaneous callers a different pool, all of them, then refuses naming the directory and what to do', async () => {
    const dir = dataDir();
    const ids = await writePremadePools(dir, 24);
    const claimed = await Promise.all(ids.map(() => claimPremadePool(dir)));
    expect([...claimed].sort()).toEqual([...ids].sort());
    await expect(claimPremadePool(dir)).rejects.toThrow(
      'all 24 pre-made pools of the shared cognito-local in ' + dir + ' are taken: raise PREMADE_POOL_COUNT in test/support/shared-cognito-local.ts, or start the stack on its own cognito-local',
    );
  });

  it('takes only pre-made pool files: not clients.json, not another kind of id, and not a pool someone else claimed', async () => {
    const dir = dataDir();
    const [first, second] = await writePremadePools(dir, 2);
    writeFileSync(join(dir, '.cognito', 'db', 'clients.json'), '{}\n');
    writeFileSync(join(dir, '.cognito', 'db', 'local_abcdefgh.json'), '{}\n');
    const earlier = [first!, second!].sort()[0]!;
    writeFileSync(join(dir, 'pool-claims', earlier), '1\n');
    const later = earlier === first ? second : first;
    expect(await claimPremadePool(dir)).toBe(later);
    await expect(claimPremadePool(dir)).rejects.toThrow('all 2 pre-made pools');
  });

  it('records the claiming process in the claim file', async () => {
    const dir = dataDir();
    const [id] = await writePremadePools(dir, 1);
    await claimPremadePool(dir);
    expect(readFileSync(join(dir, 'pool-claims', id!), 'utf8')).toBe(process.pid + '\n');
  });
});

describe('attachCognitoLocal', () => {
  it('is the shared process as a LocalCognito: claims pools, refuses restart(), and its stop() stops nothing', async () => {
    const dir = dataDir();
    const [id] = await writePremadePools(dir, 1);
    const cognito = attachCognitoLocal({ endpoint: 'http://127.0.0.1:1', port: 1, dataDir: dir, pid: 4242 });
    expect({ endpoint: cognito.endpoint, port: cognito.port, dataDir: cognito.dataDir, pid: cognito.pid, region: cognito.region })
      .toEqual({ endpoint: 'http://127.0.0.1:1', port: 1, dataDir: dir, pid: 4242, region: 'us-east-1' });
    expect(await cognito.claimPool!()).toBe(id);
    await expect(cognito.restart()).rejects.toThrow('cognito-local on http://127.0.0.1:1 is shared with other stacks: it is not restarted (claim a pre-made pool instead)');
    await expect(cognito.stop()).resolves.toBeUndefined();
  });
});
