// Makes user-pool ids in AWS's shape, for the pool files written into cognito-local's data directory (its own CreateUserPool makes `local_` ids).

import { randomInt } from 'node:crypto';

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh AWS-shaped pool id, `<region>_` and nine letters or digits. */
export function newPoolId(region: string): string {
  let suffix = '';
  for (let i = 0; i < 9; i++) suffix += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return region + '_' + suffix;
}
