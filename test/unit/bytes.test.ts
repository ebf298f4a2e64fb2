// bytes.ts against Node's Buffer: UTF-8, base64 (both alphabets on input), hex, concatenation.

import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode, concatBytes, hexDecode, hexEncode, utf8Decode, utf8Encode } from '../../src/core/bytes';

// The last two cross utf8Decode's 8192-byte slices, one with a three-byte character split across the boundary.
const TEXTS = ['', 'a', 'ab', 'abc', 'zoë-ünïcødé ✓', '😀 four-byte', 'x'.repeat(1000), 'y'.repeat(8191) + '✓' + 'z'.repeat(9000), 'é😀'.repeat(5000)];

describe('bytes', () => {
  for (const text of TEXTS) {
    it('round-trips ' + JSON.stringify(text.slice(0, 20)) + ' like Buffer does', () => {
      const bytes = utf8Encode(text);
      expect(Buffer.from(bytes).toString('hex')).toBe(Buffer.from(text, 'utf8').toString('hex'));
      expect(utf8Decode(bytes)).toBe(text);
      expect(base64Encode(bytes)).toBe(Buffer.from(text, 'utf8').toString('base64'));
      expect(Buffer.from(base64Decode(Buffer.from(text).toString('base64url'))!).toString('utf8')).toBe(text);
      expect(hexEncode(bytes)).toBe(Buffer.from(text).toString('hex'));
      expect(utf8Decode(hexDecode(hexEncode(bytes)))).toBe(text);
    });
  }
  it('concatenates', () => {
    expect(hexEncode(concatBytes(new Uint8Array([1]), new Uint8Array([]), new Uint8Array([2, 255])))).toBe('0102ff');
  });
});
