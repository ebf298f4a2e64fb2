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

describe('base64Decode', () => {
  // Every byte value, at every length up to 300: each of the four alphabet-and-padding forms Buffer writes.
  const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 167 + 13) % 256);
  it('reads every byte value at every length, standard or URL-safe, padded or not, as Buffer wrote it', () => {
    for (let length = 0; length <= bytes.length; length++) {
      const slice = Buffer.from(bytes.subarray(0, length));
      for (const text of [slice.toString('base64'), slice.toString('base64url'), slice.toString('base64').replace(/=+$/, ''), slice.toString('base64url') + '='.repeat((4 - (slice.toString('base64url').length % 4)) % 4)]) {
        expect(Buffer.from(base64Decode(text)!).equals(slice), text).toBe(true);
      }
    }
  });
  it('mixes the two alphabets and takes any trailing padding', () => {
    expect(Array.from(base64Decode('-_+/')!)).toEqual([0xfb, 0xff, 0xbf]);
    expect(Array.from(base64Decode('QQ')!)).toEqual([65]);
    expect(Array.from(base64Decode('QQ=')!)).toEqual([65]);
    expect(Array.from(base64Decode('QQ=====')!)).toEqual([65]);
    expect(Array.from(base64Decode('====')!)).toEqual([]);
  });
  it('refuses anything else: a character outside both alphabets (above 127 too), padding inside, a length no bytes give', () => {
    for (const text of ['QQ=A', 'Q', 'QUJDR', 'QU JD', 'QUJD\n', 'QUJ\u00e9', 'QUJ\u0141', '\ud83d\ude00AB', 'QU*D', 'QU.D']) expect(base64Decode(text), JSON.stringify(text)).toBeUndefined();
  });
});
