// Cognito SRP as AWS's own client (amazon-cognito-identity-js, jsbn BigInteger) computes it, plus the test vectors' inputs: shared by srp.test.ts and the fixture generator.

import { createHash, createHmac } from 'node:crypto';
import * as cognitoJs from 'amazon-cognito-identity-js';

// The parts of amazon-cognito-identity-js's untyped internals the tests drive.
export interface JsbnInteger {
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
export const aws = cognitoJs as unknown as {
  AuthenticationHelper: new (poolName: string) => AwsAuthenticationHelper;
  DateHelper: new () => { getNowString(): string };
};

export function awsHelper(poolName: string): { helper: AwsAuthenticationHelper; big: (value: bigint) => JsbnInteger } {
  const helper = new aws.AuthenticationHelper(poolName);
  const BigInteger = helper.N.constructor as new (text: string, radix: number) => JsbnInteger;
  return { helper, big: (value) => new BigInteger(value.toString(16), 16) };
}

export function syncResult<T>(run: (callback: (err: unknown, value: T) => void) => void): T {
  let result: T | undefined;
  run((err, value) => {
    if (err) throw err;
    result = value;
  });
  if (result === undefined) throw new Error('the callback was not called synchronously');
  return result;
}

/** Deterministic bytes, so a failing vector can be reproduced. */
export function seededBytes(seed: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i * 32 < length; i++) {
    out.set(createHash('sha256').update(seed + '/' + i).digest().subarray(0, Math.min(32, length - i * 32)), i * 32);
  }
  return out;
}

export function toBigInt(bytes: Uint8Array): bigint {
  return BigInt('0x' + (Buffer.from(bytes).toString('hex') || '0'));
}

export interface Vector {
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

export const vectors: Vector[] = [
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

/** A digest of a vector's inputs: the fixture records it, so editing an input without regenerating fails. */
export function inputDigest(v: Vector): string {
  const inputs = { ...v, aBytes: Buffer.from(v.aBytes).toString('hex'), bBytes: Buffer.from(v.bBytes).toString('hex') };
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}

/** What a Cognito server would send: B = k*v + g^b mod N for the verifier v = g^x of the user's password, all in jsbn. */
export function awsServerChallenge(v: Vector): { B: bigint; verifier: bigint } {
  const { helper, big } = awsHelper(v.poolName);
  const identity = helper.hash(v.poolName + v.userIdForSrp + ':' + v.password);
  const x = BigInt('0x' + helper.hexHash(helper.padHex(big(BigInt('0x' + v.saltHex))) + identity));
  const verifier = syncResult<JsbnInteger>((cb) => helper.g.modPow(big(x), helper.N, cb));
  const gb = syncResult<JsbnInteger>((cb) => helper.g.modPow(big(toBigInt(v.bBytes)), helper.N, cb));
  const B = helper.k.multiply(verifier).add(gb).mod(helper.N);
  return { B: BigInt('0x' + B.toString(16)), verifier: BigInt('0x' + verifier.toString(16)) };
}

/** A = g^a mod N and PASSWORD_CLAIM_SIGNATURE exactly as CognitoUser.authenticateUser computes them. */
export function awsSignature(v: Vector, a: bigint, B: bigint): { A: string; signature: string } {
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

/** The modPow known answers: bases of 390 bytes (positive and negative) to exponents of these lengths. */
export const MODPOW_EXPONENT_LENGTHS = [1, 2, 7, 8, 9, 32, 128, 400];

export function modPowCase(length: number, sign: 1n | -1n, N: bigint): { base: bigint; exponent: bigint; normalised: bigint } {
  const base = sign * toBigInt(seededBytes('base ' + length, 390));
  return { base, exponent: toBigInt(seededBytes('exp ' + length, length)), normalised: ((base % N) + N) % N };
}

/** base^exponent mod N in jsbn (a zero exponent is not asked: jsbn returns instead of calling back). */
export function awsModPow(base: bigint, exponent: bigint): string {
  const { helper, big } = awsHelper('pool');
  return syncResult<JsbnInteger>((cb) => big(base).modPow(big(exponent), helper.N, cb)).toString(16);
}

/** a = the random bytes read big-endian, mod N, as AuthenticationHelper.generateRandomSmallA does, in jsbn. */
export function awsSmallA(bytes: Uint8Array): bigint {
  const { helper, big } = awsHelper('pool');
  return BigInt('0x' + big(toBigInt(bytes)).mod(helper.N).toString(16));
}
