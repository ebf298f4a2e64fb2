// Known-answer tests for Cognito SRP against amazon-cognito-identity-js (AWS's own client) and a simulated server.
// The jsbn answers come from test/fixtures/srp-vectors.json (written by test/support/srp/generate-vectors.ts); one vector and one modPow are recomputed live.

import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BadResponseError, type PmCognitoError } from '../../src/core/errors';
import {
  SRP_G,
  srpMultiplier,
  SRP_N,
  cognitoTimestamp,
  modPow,
  padHex,
  passwordClaimSignature,
  srpLargeA,
  srpSmallA,
} from '../../src/core/srp';
import {
  aws, awsHelper, awsModPow, awsServerChallenge, awsSignature, awsSmallA, inputDigest, modPowCase, MODPOW_EXPONENT_LENGTHS,
  seededBytes, toBigInt, vectors,
} from '../support/srp/aws-reference';
import { FIXTURE, type SrpFixture } from '../support/srp/generate-vectors';

function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as SrpFixture;
const hex = (text: string) => BigInt('0x' + text);
/** AWS's answers for a vector, from the fixture. */
function known(name: string): SrpFixture['vectors'][number] {
  const entry = fixture.vectors.find((e) => e.name === name);
  if (entry === undefined) throw new Error('test/fixtures/srp-vectors.json has no vector ' + JSON.stringify(name) + ': run test/support/srp/generate-vectors.ts');
  return entry;
}

describe('the SRP fixture', () => {
  it('holds every vector, for the inputs as they are now, and every modPow case', () => {
    expect(fixture.source).toContain('amazon-cognito-identity-js');
    expect(fixture.vectors.map((e) => [e.name, e.inputDigest])).toEqual(vectors.map((v) => [v.name, inputDigest(v)]));
    expect(fixture.modPow.map((e) => [e.exponentLength, e.sign])).toEqual(MODPOW_EXPONENT_LENGTHS.flatMap((length) => [[length, 1], [length, -1]]));
  });

  it('is what amazon-cognito-identity-js computes today (live: one vector, one modPow)', () => {
    const v = vectors.find((candidate) => candidate.name === 'short a')!; // the cheapest vector to recompute in jsbn
    const entry = known(v.name);
    const a = awsSmallA(v.aBytes);
    const { B, verifier } = awsServerChallenge(v);
    expect([a.toString(16), verifier.toString(16), B.toString(16)]).toEqual([entry.smallA, entry.verifier, entry.B]);
    expect(awsSignature(v, a, B)).toEqual({ A: entry.A, signature: entry.signature });
    const { normalised, exponent } = modPowCase(32, -1n, SRP_N);
    expect(awsModPow(normalised, exponent)).toBe(fixture.modPow.find((e) => e.exponentLength === 32 && e.sign === -1)!.result);
  });
});

describe('SRP constants', () => {
  it('uses the same N, g and k as amazon-cognito-identity-js', () => {
    const { helper } = awsHelper('pool');
    expect(SRP_N.toString(16)).toBe(helper.N.toString(16));
    expect(SRP_N.toString(2).length).toBe(3072);
    expect(SRP_G).toBe(2n);
    expect(srpMultiplier().toString(16)).toBe(helper.k.toString(16));
  });
});

describe('padHex', () => {
  it('follows the sign-padding rule', () => {
    expect(padHex(0n)).toBe('00');
    expect(padHex(8n)).toBe('08');
    expect(padHex(20n)).toBe('14');
    expect(padHex(0x7fn)).toBe('7f');
    expect(padHex(0x80n)).toBe('0080');
    expect(padHex(236n)).toBe('00ec');
    expect(padHex(0xfffn)).toBe('0fff');
    expect(padHex(0x8000n)).toBe('008000');
    expect(() => padHex(-1n)).toThrow(RangeError);
  });

  it('agrees with amazon-cognito-identity-js on many values', () => {
    const { helper, big } = awsHelper('pool');
    for (let i = 0; i < 200; i++) {
      const length = 1 + (i % 48);
      const value = toBigInt(seededBytes('pad ' + i, length)) >> BigInt(i % 8);
      expect(padHex(value)).toBe(helper.padHex(big(value)));
    }
  });
});

describe('modPow', () => {
  it('agrees with amazon-cognito-identity-js BigInteger for bases, exponents and sizes of all kinds', () => {
    // AWS's answers are in the fixture (jsbn returns instead of calling back for a zero exponent: that case is checked below)
    for (const { exponentLength, sign, result } of fixture.modPow) {
      const { base, exponent } = modPowCase(exponentLength, BigInt(sign) as 1n | -1n, SRP_N);
      expect(modPow(base, exponent, SRP_N).toString(16)).toBe(result);
    }
    expect(modPow(5n, 0n, SRP_N)).toBe(1n);
    expect(modPow(0n, 5n, SRP_N)).toBe(0n);
    expect(modPow(3n, 4n, 7n)).toBe(4n);
    expect(modPow(-3n, 3n, 7n)).toBe(1n);
    expect(modPow(9n, 9n, 1n)).toBe(0n);
  });
});

describe('srpSmallA and srpLargeA', () => {
  it('reads the random bytes big-endian and reduces them mod N', () => {
    const bytes = seededBytes('x', 128);
    expect(srpSmallA(bytes)).toBe(toBigInt(bytes));
    const long = seededBytes('y', 400);
    expect(srpSmallA(long)).toBe(toBigInt(long) % SRP_N);
  });

  it('refuses too few random bytes and a zero secret', () => {
    expect(() => srpSmallA(new Uint8Array(31).fill(7))).toThrow(RangeError);
    expect(() => srpSmallA(new Uint8Array(128))).toThrow(RangeError);
    expect(() => srpLargeA(0n)).toThrow(RangeError);
  });

  it('computes A = g^a mod N as AWS does', () => {
    for (const v of vectors.slice(0, 4)) {
      const a = srpSmallA(v.aBytes);
      expect(a.toString(16)).toBe(known(v.name).smallA);
      expect(srpLargeA(a).toString(16)).toBe(known(v.name).A);
    }
  });
});

describe('passwordClaimSignature', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('matches amazon-cognito-identity-js: %s', (_name, v) => {
    const a = srpSmallA(v.aBytes);
    const A = srpLargeA(a);
    const expected = known(v.name);
    const B = hex(expected.B);
    expect(A.toString(16)).toBe(expected.A);
    const signature = passwordClaimSignature({
      poolName: v.poolName,
      userIdForSrp: v.userIdForSrp,
      password: v.password,
      a,
      A,
      srpB: B.toString(16),
      salt: v.saltHex,
      secretBlock: v.secretBlock,
      timestamp: v.timestamp,
    });
    expect(signature).toBe(expected.signature);
  });

  it('produces the signature a server holding only the verifier would expect', () => {
    const v = vectors[0]!;
    const a = srpSmallA(v.aBytes);
    const A = srpLargeA(a);
    const B = hex(known(v.name).B);
    const verifier = hex(known(v.name).verifier);
    const b = toBigInt(v.bBytes);
    // Server side: u = H(A | B), S = (A * v^u)^b mod N, key = HKDF(ikm = S, salt = u).
    const u = BigInt('0x' + sha256Hex(Buffer.from(padHex(A) + padHex(B), 'hex')));
    const S = modPow(A * modPow(verifier, u, SRP_N), b, SRP_N);
    const key = Buffer.from(
      hkdfSync('sha256', Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'), 'Caldera Derived Key', 16),
    );
    const message = Buffer.concat([
      Buffer.from(v.poolName + v.userIdForSrp),
      Buffer.from(v.secretBlock, 'base64'),
      Buffer.from(v.timestamp),
    ]);
    const input = {
      poolName: v.poolName, userIdForSrp: v.userIdForSrp, password: v.password, a, A,
      srpB: B.toString(16), salt: v.saltHex, secretBlock: v.secretBlock, timestamp: v.timestamp,
    };
    expect(passwordClaimSignature(input)).toBe(createHmac('sha256', key).update(message).digest('base64'));
    expect(passwordClaimSignature({ ...input, password: v.password + '!' })).not.toBe(
      createHmac('sha256', key).update(message).digest('base64'),
    );
    expect(passwordClaimSignature({ ...input, timestamp: 'Tue Nov 3 04:05:07 UTC 2026' })).not.toBe(
      passwordClaimSignature(input),
    );
  });

  describe('refuses a bad challenge', () => {
    const v = vectors[0]!;
    const a = srpSmallA(v.aBytes);
    const A = srpLargeA(a);
    const base = {
      poolName: v.poolName, userIdForSrp: v.userIdForSrp, password: v.password, a, A,
      srpB: known(v.name).B, salt: v.saltHex, secretBlock: v.secretBlock, timestamp: v.timestamp,
    };
    function failure(overrides: Partial<typeof base>): PmCognitoError {
      try {
        passwordClaimSignature({ ...base, ...overrides });
      } catch (error) {
        expect(error).toBeInstanceOf(BadResponseError);
        return error as PmCognitoError;
      }
      throw new Error('expected a PmCognitoError');
    }

    it.each([
      ['0', '0'],
      ['N', SRP_N.toString(16)],
      ['2N', (2n * SRP_N).toString(16)],
    ])('B = %s (0 mod N)', (_label, srpB) => {
      const error = failure({ srpB });
      expect(error.code).toBe('COGNITO_BAD_RESPONSE');
      expect(error.message).toBe(
        "pm-cognito: Cognito's PASSWORD_VERIFIER challenge has an SRP_B that is 0 mod N, which SRP must refuse; sign in again",
      );
    });

    it.each([
      ['SRP_B', { srpB: 'xyz' }],
      ['SRP_B', { srpB: '' }],
      ['SALT', { salt: '12 34' }],
    ] as const)('%s that is not hex', (name, overrides) => {
      const error = failure(overrides);
      expect(error.code).toBe('COGNITO_BAD_RESPONSE');
      expect(error.message).toBe(
        "pm-cognito: Cognito's PASSWORD_VERIFIER challenge has a " + name +
          ' that is not a hex number; check that the endpoint is Amazon Cognito',
      );
    });

    it('SECRET_BLOCK that is not base64', () => {
      const error = failure({ secretBlock: 'not base64!' });
      expect(error.code).toBe('COGNITO_BAD_RESPONSE');
      expect(error.message).toContain('SECRET_BLOCK that is not base64');
      expect(error.message).not.toContain(v.password);
    });
  });
});

describe('cognitoTimestamp', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    [Date.UTC(2026, 10, 3, 4, 5, 6), 'Tue Nov 3 04:05:06 UTC 2026'],
    [Date.UTC(2024, 1, 29, 23, 59, 59, 999), 'Thu Feb 29 23:59:59 UTC 2024'],
    [Date.UTC(2000, 0, 1, 0, 0, 0), 'Sat Jan 1 00:00:00 UTC 2000'],
    [Date.UTC(2025, 11, 31, 12, 30, 9), 'Wed Dec 31 12:30:09 UTC 2025'],
    [0, 'Thu Jan 1 00:00:00 UTC 1970'],
  ])('formats %i as %s', (ms, expected) => {
    expect(cognitoTimestamp(ms)).toBe(expected);
  });

  it("matches amazon-cognito-identity-js's DateHelper at frozen times", () => {
    vi.useFakeTimers();
    for (let i = 0; i < 60; i++) {
      // spread across many months, weekdays, single- and double-digit days and hours
      const ms = Date.UTC(2020, 0, 1) + i * (37 * 24 * 3600 * 1000 + 3 * 3600 * 1000 + 7 * 60 * 1000 + 11 * 1000 + 123);
      vi.setSystemTime(ms);
      expect(cognitoTimestamp(ms)).toBe(new aws.DateHelper().getNowString());
    }
  });

  it('refuses a time that is not a number', () => {
    expect(() => cognitoTimestamp(Number.NaN)).toThrow(RangeError);
  });
});
