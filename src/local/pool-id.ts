// Makes user-pool ids in AWS's shape, for the pool files written into cognito-local's data directory (its own CreateUserPool makes `local_` ids).

import { randomInt } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh AWS-shaped pool id, `<region>_` and nine letters or digits. */
export function newPoolId(region: string): string {
  let suffix = '';
  for (let i = 0; i < 9; i++) suffix += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return region + '_' + suffix;
}

/**
 * Writes `count` empty pool files into cognito-local's pool directory (`<dataDir>/.cognito/db`, which must exist) and
 * returns their ids. `{}` is enough: cognito-local fills in Users and Options when it loads the file, which it does
 * only when it starts. Written with `wx`: a clash of two random ids draws again.
 */
export async function writeEmptyPools(poolsDir: string, count: number, region: string): Promise<string[]> {
  const ids: string[] = [];
  while (ids.length < count) {
    const id = newPoolId(region);
    try {
      await writeFile(join(poolsDir, id + '.json'), '{}\n', { flag: 'wx' });
      ids.push(id);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return ids;
}
