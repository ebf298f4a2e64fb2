// The strict double's modPow: OpenSSL's for N (a DH object), the textbook loop otherwise; both must give the same answers.

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { modPow as clientModPow } from '../../src/core/srp';
import { modPow, squareAndMultiply, SRP_N } from '../support/strict-cognito/srp-server';

const random = (bytes: number): bigint => BigInt('0x' + randomBytes(bytes).toString('hex'));

describe('the strict double\'s modPow', () => {
  it('through OpenSSL for N: the same as square-and-multiply and as the client\'s, for the exponent sizes SRP uses', () => {
    for (const exponentBytes of [1, 16, 32, 128, 384]) {
      const base = random(390) % SRP_N;
      const exponent = random(exponentBytes) | 1n;
      const expected = squareAndMultiply(base, exponent, SRP_N);
      expect(modPow(base, exponent, SRP_N), 'exponent of ' + exponentBytes + ' bytes').toBe(expected);
      expect(clientModPow(base, exponent, SRP_N)).toBe(expected);
    }
    // The bases the double raises: g (verifier, B) and a result with leading zero bytes.
    expect(modPow(2n, 5n, SRP_N)).toBe(32n);
    const small = 2n ** 24n + 3n;
    expect(modPow(small, 3n, SRP_N)).toBe(small ** 3n);
  });

  it('falls back to the loop where a DH object would refuse: base 0, 1, N - 1, a negative base, exponent 0, another modulus', () => {
    expect(modPow(0n, 7n, SRP_N)).toBe(0n);
    expect(modPow(1n, 7n, SRP_N)).toBe(1n);
    expect(modPow(SRP_N - 1n, 3n, SRP_N)).toBe(SRP_N - 1n);
    expect(modPow(SRP_N - 1n, 2n, SRP_N)).toBe(1n);
    expect(modPow(-2n, 3n, SRP_N)).toBe(SRP_N - 8n);
    expect(modPow(12345n, 0n, SRP_N)).toBe(1n);
    expect(modPow(4n, 13n, 497n)).toBe(445n);
  });
});
