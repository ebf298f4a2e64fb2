// A script for Postman's sandbox that checks the hashes it gets from the sandbox's crypto-js against known answers.
//
// Imported by the core's own paths (core/sha256, core/sha1), so the build's swap to postman/crypto-js-hash.ts is what
// runs; the vectors (VECTORS, prepended by the test) say what each call must return, as hex.

import { hexEncode, utf8Encode } from '../../src/core/bytes';
import { secretHash } from '../../src/core/secret-hash';
import { sha1, hmacSha1 } from '../../src/core/sha1';
import { hmacSha256, sha256 } from '../../src/core/sha256';
import { totp } from '../../src/core/totp';

export interface Vector {
  name: string;
  fn: 'sha256' | 'sha1' | 'hmacSha256' | 'hmacSha1' | 'totp' | 'secretHash';
  /** Text, or bytes as hex when `hex` is true. */
  message: string;
  key?: string;
  hex?: boolean;
  expected: string;
}

declare const VECTORS: Vector[];

function bytes(text: string, hex: boolean | undefined): Uint8Array | string {
  if (hex !== true) return text;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function answer(v: Vector): string {
  const message = bytes(v.message, v.hex);
  const key = bytes(v.key ?? '', v.hex);
  switch (v.fn) {
    case 'sha256': return hexEncode(sha256(message));
    case 'sha1': return hexEncode(sha1(message));
    case 'hmacSha256': return hexEncode(hmacSha256(key, message));
    case 'hmacSha1': return hexEncode(hmacSha1(key, message));
    case 'totp': return totp(utf8Encode(v.key ?? ''), Number(v.message) * 1000, { digits: 8 });
    case 'secretHash': return secretHash(v.message, 'client', v.key ?? '');
  }
}

for (const v of VECTORS) {
  pm.test(v.name, () => {
    const got = answer(v);
    if (got !== v.expected) throw new Error(v.name + ': got ' + got + ', expected ' + v.expected);
  });
}
