// SHA-256 and HMAC-SHA256 against FIPS 180-4 and RFC 4231 vectors, and Node's crypto for odd lengths.

import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hexEncode } from '../../src/core/bytes';
import { hmacSha256, sha256 } from '../../src/core/sha256';

describe('sha256', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ])('FIPS 180-4: %j', (text, hex) => {
    expect(hexEncode(sha256(text))).toBe(hex);
  });
  it('agrees with node:crypto on every length around the block boundaries', () => {
    for (const length of [55, 56, 63, 64, 65, 119, 120, 128, 1000]) {
      const text = 'ë'.repeat(length);
      expect(hexEncode(sha256(text))).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });
  it('HMAC: RFC 4231 test case 2, and a key longer than a block', () => {
    expect(hexEncode(hmacSha256('Jefe', 'what do ya want for nothing?'))).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    const key = 'k'.repeat(200);
    expect(hexEncode(hmacSha256(key, 'message'))).toBe(createHmac('sha256', key).update('message').digest('hex'));
  });
});
