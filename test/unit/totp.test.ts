// Checks TOTP against RFC 6238's own vectors and base32 decoding against RFC 4648, including its errors.

import { describe, expect, it } from 'vitest';
import { hexEncode, utf8Encode } from '../../src/core/bytes';
import { PmCognitoError } from '../../src/core/errors';
import { base32Decode, totp } from '../../src/core/totp';

// RFC 6238 Appendix B, SHA-1 column: the seed is the ASCII string "12345678901234567890".
const RFC_SECRET = utf8Encode('12345678901234567890');
const RFC_VECTORS: Array<[number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

function captureError(fn: () => unknown): PmCognitoError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PmCognitoError);
    return error as PmCognitoError;
  }
  throw new Error('expected a PmCognitoError');
}

describe('totp', () => {
  it.each(RFC_VECTORS)('gives the RFC 6238 SHA-1 code at %i s', (seconds, code) => {
    expect(totp(RFC_SECRET, seconds * 1000, { digits: 8 })).toBe(code);
  });

  it.each(RFC_VECTORS)('gives the last 6 digits by default at %i s', (seconds, code) => {
    expect(totp(RFC_SECRET, seconds * 1000)).toBe(code.slice(2));
  });

  it('keeps leading zeros', () => {
    expect(totp(RFC_SECRET, 1111111109 * 1000, { digits: 8 })).toBe('07081804');
    expect(totp(RFC_SECRET, 1111111109 * 1000, { digits: 6 })).toBe('081804');
  });

  it('uses the same code for the whole 30 s step and ignores milliseconds', () => {
    const start = 1111111110 * 1000; // a multiple of 30 s
    expect(totp(RFC_SECRET, start)).toBe(totp(RFC_SECRET, start + 29_999));
    expect(totp(RFC_SECRET, start - 1)).toBe('081804');
    expect(totp(RFC_SECRET, start)).not.toBe(totp(RFC_SECRET, start + 30_000));
  });

  it('honours another step length', () => {
    // counter 1 with a 60 s step is counter 1 with 30 s at 30..59 s
    expect(totp(RFC_SECRET, 60_000, { stepSeconds: 60 })).toBe(totp(RFC_SECRET, 30_000));
  });

  it('decodes a base32 secret and produces the RFC codes from it', () => {
    // "12345678901234567890" in base32
    const secret = base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(totp(secret, 59_000)).toBe('287082');
  });

  it('rejects digits and steps outside the supported range', () => {
    expect(() => totp(RFC_SECRET, 0, { digits: 5 })).toThrow(RangeError);
    expect(() => totp(RFC_SECRET, 0, { digits: 9 })).toThrow(RangeError);
    expect(() => totp(RFC_SECRET, 0, { stepSeconds: 0 })).toThrow(RangeError);
    expect(() => totp(RFC_SECRET, Number.NaN)).toThrow(RangeError);
  });
});

describe('base32Decode', () => {
  it('decodes the RFC 4648 test vectors', () => {
    const vectors: Array<[string, string]> = [
      ['MY======', 'f'],
      ['MZXQ====', 'fo'],
      ['MZXW6===', 'foo'],
      ['MZXW6YQ=', 'foob'],
      ['MZXW6YTB', 'fooba'],
      ['MZXW6YTBOI======', 'foobar'],
    ];
    for (const [encoded, plain] of vectors) expect(hexEncode(base32Decode(encoded))).toBe(hexEncode(utf8Encode(plain)));
  });

  it('accepts lower case, spaces and missing padding', () => {
    const expected = hexEncode(utf8Encode('12345678901234567890'));
    expect(hexEncode(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq'))).toBe(expected);
    expect(hexEncode(base32Decode('MZXW6YTBOI'))).toBe(hexEncode(utf8Encode('foobar')));
    expect(hexEncode(base32Decode(' mzxw6ytboi====== '))).toBe(hexEncode(utf8Encode('foobar')));
  });

  it.each([
    ['a digit 1', 'JBSWY3DPEHPK3PX1', 16],
    ['a digit 0', '0BSWY3DPEHPK3PXP', 1],
    ['padding in the middle', 'JBSW=Y3DPEHPK3PXP', 5],
    ['a hyphen', 'JBSWY3DP-EHPK3PXP', 9],
  ])('rejects %s, naming the setting and the position but not the secret', (_label, secret, position) => {
    const error = captureError(() => base32Decode(secret));
    expect(error.code).toBe('SETTINGS_INVALID');
    expect(error.message).toContain('cognito_totp_secret');
    expect(error.message).toContain('character ' + position + ' ');
    expect(error.message).not.toContain(secret);
    expect(error.message).not.toContain(secret.slice(0, 6));
  });

  it('rejects an empty secret', () => {
    const error = captureError(() => base32Decode(' = '));
    expect(error.code).toBe('SETTINGS_INVALID');
    expect(error.message).toBe(
      'pm-cognito: cognito_totp_secret is empty: set it to the base32 key the authenticator app was given',
    );
  });
});
