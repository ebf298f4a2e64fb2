// Known-answer tests for Cognito SRP against amazon-cognito-identity-js (AWS's own client) and a simulated server.

import { createHash, createHmac, hkdfSync } from 'node:crypto';
import * as cognitoJs from 'amazon-cognito-identity-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PmCognitoError } from '../../src/core/errors';
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

// The parts of amazon-cognito-identity-js's untyped internals the tests drive.
interface JsbnInteger {
  toString(radix: number): string;
  modPow(exponent: JsbnInteger, modulus: JsbnInteger, callback: (err: unknown, result: JsbnInteger) => void): void;
  multiply(other: JsbnInteger): JsbnInteger;
  add(other: JsbnInteger): JsbnInteger;
  mod(modulus: JsbnInteger): JsbnInteger;
}
interface AwsAuthenticationHelper {
  N: JsbnInteger;
  g: JsbnInteger;
  k: JsbnInteger;
  smallAValue: JsbnInteger;
  largeAValue: JsbnInteger | undefined;
  padHex(value: JsbnInteger): string;
  hexHash(hex: string): string;
  hash(text: string): string;
  getLargeAValue(callback: (err: unknown, A: JsbnInteger) => void): void;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    B: JsbnInteger,
    salt: JsbnInteger,
    callback: (err: unknown, key: Uint8Array) => void,
  ): void;
}
const aws = cognitoJs as unknown as {
  AuthenticationHelper: new (poolName: string) => AwsAuthenticationHelper;
  DateHelper: new () => { getNowString(): string };
};

function awsHelper(poolName: string): { helper: AwsAuthenticationHelper; big: (value: bigint) => JsbnInteger } {
  const helper = new aws.AuthenticationHelper(poolName);
  const BigInteger = helper.N.constructor as new (text: string, radix: number) => JsbnInteger;
  return { helper, big: (value) => new BigInteger(value.toString(16), 16) };
}

function syncResult<T>(run: (callback: (err: unknown, value: T) => void) => void): T {
  let result: T | undefined;
  run((err, value) => {
    if (err) throw err;
    result = value;
  });
  if (result === undefined) throw new Error('the callback was not called synchronously');
  return result;
}

/** Deterministic bytes, so a failing vector can be reproduced. */
function seededBytes(seed: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i * 32 < length; i++) {
    out.set(createHash('sha256').update(seed + '/' + i).digest().subarray(0, Math.min(32, length - i * 32)), i * 32);
  }
  return out;
}

function toBigInt(bytes: Uint8Array): bigint {
  return BigInt('0x' + (Buffer.from(bytes).toString('hex') || '0'));
}

function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

interface Vector {
  name: string;
  poolName: string;
  userIdForSrp: string;
  password: string;
  saltHex: string;
  aBytes: Uint8Array;
  bBytes: Uint8Array;
  secretBlock: string;
  timestamp: string;
}

function makeVector(name: string, overrides: Partial<Vector> = {}): Vector {
  return {
    name,
    poolName: 'AbCdEf123',
    userIdForSrp: 'a1b2c3d4-5678-90ab-cdef-' + name.replace(/[^a-z0-9]/gi, '').slice(0, 12).padEnd(12, '0'),
    password: 'Correct-Horse-' + name,
    saltHex: Buffer.from(seededBytes('salt ' + name, 16)).toString('hex'),
    aBytes: seededBytes('a ' + name, 128),
    bBytes: seededBytes('b ' + name, 128),
    secretBlock: Buffer.from(seededBytes('block ' + name, 1180)).toString('base64'),
    timestamp: 'Tue Nov 3 04:05:06 UTC 2026',
    ...overrides,
  };
}

const vectors: Vector[] = [
  makeVector('plain'),
  makeVector('second'),
  makeVector('salt with high bit', { saltHex: 'f3' + '5a'.repeat(15) }),
  makeVector('salt with leading zero', { saltHex: '00' + '7c'.repeat(15) }),
  makeVector('salt odd length', { saltHex: 'abc' }),
  makeVector('unicode', { userIdForSrp: 'jürgen😀', password: 'pässwörd 日本' }),
  makeVector('email username', { userIdForSrp: 'someone@example.com', timestamp: 'Sat Jan 1 00:00:00 UTC 2000' }),
  makeVector('short a', { aBytes: seededBytes('short a', 32) }),
  makeVector('long a', { aBytes: seededBytes('long a', 400) }),
  makeVector('high a byte', { aBytes: Uint8Array.from([0xff, ...seededBytes('high a', 127)]) }),
];

/** What a Cognito server would send: B = k*v + g^b mod N for the verifier v = g^x of the user's password. */
function serverChallenge(v: Vector): { B: bigint; verifier: bigint; b: bigint } {
  const { helper, big } = awsHelper(v.poolName);
  const identity = helper.hash(v.poolName + v.userIdForSrp + ':' + v.password);
  const x = BigInt('0x' + helper.hexHash(helper.padHex(big(BigInt('0x' + v.saltHex))) + identity));
  const verifier = BigInt('0x' + syncResult<JsbnInteger>((cb) => helper.g.modPow(big(x), helper.N, cb)).toString(16));
  const b = toBigInt(v.bBytes);
  const gb = BigInt('0x' + syncResult<JsbnInteger>((cb) => helper.g.modPow(big(b), helper.N, cb)).toString(16));
  return { B: (srpMultiplier() * verifier + gb) % SRP_N, verifier, b };
}

/** PASSWORD_CLAIM_SIGNATURE exactly as CognitoUser.authenticateUser computes it. */
function awsSignature(v: Vector, a: bigint, B: bigint): { A: string; signature: string } {
  const { helper, big } = awsHelper(v.poolName);
  helper.smallAValue = big(a);
  helper.largeAValue = undefined;
  const A = syncResult<JsbnInteger>((cb) => helper.getLargeAValue(cb));
  const key = syncResult<Uint8Array>((cb) =>
    helper.getPasswordAuthenticationKey(v.userIdForSrp, v.password, big(B), big(BigInt('0x' + v.saltHex)), cb),
  );
  const message = Buffer.concat([
    Buffer.from(v.poolName, 'utf8'),
    Buffer.from(v.userIdForSrp, 'utf8'),
    Buffer.from(v.secretBlock, 'base64'),
    Buffer.from(v.timestamp, 'utf8'),
  ]);
  return { A: A.toString(16), signature: createHmac('sha256', key).update(message).digest('base64') };
}

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
    const { helper, big } = awsHelper('pool');
    // (jsbn returns instead of calling back for a zero exponent: that case is checked below)
    const exponentLengths = [1, 2, 7, 8, 9, 32, 128, 400];
    for (const length of exponentLengths) {
      for (const sign of [1n, -1n]) {
        const base = sign * toBigInt(seededBytes('base ' + length, 390));
        const exponent = toBigInt(seededBytes('exp ' + length, length));
        const normalised = ((base % SRP_N) + SRP_N) % SRP_N;
        const expected = syncResult<JsbnInteger>((cb) => big(normalised).modPow(big(exponent), helper.N, cb));
        expect(modPow(base, exponent, SRP_N).toString(16)).toBe(expected.toString(16));
      }
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
      const { helper, big } = awsHelper(v.poolName);
      helper.smallAValue = big(a);
      helper.largeAValue = undefined;
      const expected = syncResult<JsbnInteger>((cb) => helper.getLargeAValue(cb));
      expect(srpLargeA(a).toString(16)).toBe(expected.toString(16));
    }
  });
});

describe('passwordClaimSignature', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('matches amazon-cognito-identity-js: %s', (_name, v) => {
    const a = srpSmallA(v.aBytes);
    const A = srpLargeA(a);
    const { B } = serverChallenge(v);
    const expected = awsSignature(v, a, B);
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
    const { B, verifier, b } = serverChallenge(v);
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
      srpB: serverChallenge(v).B.toString(16), salt: v.saltHex, secretBlock: v.secretBlock, timestamp: v.timestamp,
    };
    function failure(overrides: Partial<typeof base>): PmCognitoError {
      try {
        passwordClaimSignature({ ...base, ...overrides });
      } catch (error) {
        expect(error).toBeInstanceOf(PmCognitoError);
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
        "Cognito's PASSWORD_VERIFIER challenge has an SRP_B that is 0 mod N, which SRP must refuse; sign in again",
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
        "Cognito's PASSWORD_VERIFIER challenge has a " + name +
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
