// Checks the sandbox-safe SHA-1 and HMAC-SHA1 against Node's OpenSSL-backed implementation.

import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hexEncode, utf8Encode } from '../../src/core/bytes';
import { hmacSha1, sha1 } from '../../src/core/sha1';

function bytesOfLength(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

const lengths = [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4097];

describe('sha1', () => {
  it('matches the FIPS 180 example', () => {
    expect(hexEncode(sha1('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hexEncode(sha1(''))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
  });

  it.each(lengths)('matches node:crypto for %i bytes', (length) => {
    const data = bytesOfLength(length, length + 1);
    expect(hexEncode(sha1(data))).toBe(createHash('sha1').update(data).digest('hex'));
  });

  it('hashes strings as UTF-8, including astral characters', () => {
    for (const text of ['héllo wörld', '日本語のテキスト', 'emoji 😀🚀 mixed', 'a'.repeat(56)]) {
      expect(hexEncode(sha1(text))).toBe(createHash('sha1').update(text, 'utf8').digest('hex'));
      expect(hexEncode(sha1(text))).toBe(hexEncode(sha1(utf8Encode(text))));
    }
  });
});

describe('hmacSha1', () => {
  it('matches RFC 2202 test case 2', () => {
    expect(hexEncode(hmacSha1('Jefe', 'what do ya want for nothing?'))).toBe('effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
  });

  it.each([0, 1, 20, 63, 64, 65, 100, 200])('matches node:crypto with a %i-byte key', (keyLength) => {
    const key = bytesOfLength(keyLength, 7 + keyLength);
    for (const length of lengths) {
      const message = bytesOfLength(length, 99 + length);
      expect(hexEncode(hmacSha1(key, message))).toBe(createHmac('sha1', key).update(message).digest('hex'));
    }
  });

  it('takes string keys and messages as UTF-8', () => {
    expect(hexEncode(hmacSha1('clé 🔑', 'message ✓'))).toBe(
      createHmac('sha1', Buffer.from('clé 🔑', 'utf8')).update('message ✓', 'utf8').digest('hex'),
    );
  });
});
