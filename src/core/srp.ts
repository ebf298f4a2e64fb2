// Cognito's USER_SRP_AUTH client maths (SRP-6a, 3072-bit group) computed the way AWS's own JS client does, byte for byte.

import { base64Decode, base64Encode, concatBytes, hexDecode, hexEncode, utf8Encode } from './bytes';
import { BadResponseError } from './errors';
import { hmacSha256, sha256 } from './sha256';

/**
 * The RFC 5054 / RFC 3526 3072-bit safe prime that Cognito uses, in base64 (a third shorter than hex in the installed
 * script; test/unit/srp.test.ts compares it with the one of AWS's own client).
 */
export const SRP_N = bytesToBigInt(base64Decode(
  '///////////JD9qiIWjCNMTGYouA3BzRKQJOCIpnzHQCC76mOxObIlFKCHmONATd75UZs806QxswKwpt8l8UN0/hNW1tUcJF' +
  '5IW1dmJefsb0TELppjftawv/XLb0Brft7jhr+1qJn6WunyQRfEsf5kkoZlHs5Fs9wgB8uKFjvwWY2kg2HFXTmmkWP6j9JM9f' +
  'g2VdI9yjrZYcYvNWIIVSu57VKQdwlpZtZww1Tkq8mATxdGwIyhghfDKQXkYuNs474553LBgOhgObJ4Oi7Aeij7XFXfBvTFLJ' +
  '3ivL9pVYFxg5lUl86pVq5RXSJhiY+gUQFXKOWoqqxC2tMxcNBFB6M6hVIavfHLpk7PuFBFjb7wqK6nFXXQYMfbOXD4Wm4eTH' +
  'q/WujNsJM9cejJTgSiVhnc7j0iYa0u5r8S/6BtmKCGTYdgJzPshqZFIfKxgXeyAMu+EXV3phXWx3CYjAutlG4gjiT6B05asx' +
  'Q9tb/OD9EI5LgtEgqTrSyv//////////',
)!);

export const SRP_G = BigInt(2);

/** Random bytes drawn for SRP's secret exponent `a`, as AWS's own clients do. */
export const SRP_RANDOM_BYTES = 128;

/** Fewest random bytes srpSmallA accepts; AWS's clients draw 128. */
export const SRP_MIN_RANDOM_BYTES = 32;

const ZERO = BigInt(0);
const ONE = BigInt(1);

/**
 * Even-length hex of a non-negative integer with a leading sign byte where Java's
 * BigInteger.toByteArray would put one: odd length gets '0' in front, and a first digit of
 * 8-f then gets '00' in front. Every hash input in Cognito's SRP uses this form.
 */
export const padHex = (value: bigint): string => {
  if (value < ZERO) throw new RangeError('padHex: negative');
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = '0' + hex;
  if ('89abcdef'.indexOf(hex.charAt(0)) >= 0) hex = '00' + hex;
  return hex;
};

const hashHexToBigInt = (hex: string): bigint => bytesToBigInt(sha256(hexDecode(hex)));

function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? ZERO : BigInt('0x' + hexEncode(bytes));
}

/**
 * k = H(padHex(N) | padHex(g)), SRP-6a's multiplier. Computed when used (once per SRP sign-in, one hash of
 * 768 bytes beside two 3072-bit modPows), not at load: every request evaluates this module, and the core keeps no state.
 */
export const srpMultiplier = (): bigint => hashHexToBigInt(padHex(SRP_N) + padHex(SRP_G));

/**
 * base^exponent mod modulus, left to right, one hex digit (4 bits) of the exponent at a time from a table of
 * base^0..base^15: as fast as a sliding window for the 1024-bit exponents of SRP (a quarter fewer 3072-bit
 * multiplications than plain square-and-multiply, which the old Postman sandbox pays for), in less code.
 */
export const modPow = (base: bigint, exponent: bigint, modulus: bigint): bigint => {
  if (modulus <= ZERO || exponent < ZERO) throw new RangeError('modPow: modulus <= 0 or exponent < 0');
  if (modulus === ONE) return ZERO;
  let b = base % modulus;
  if (b < ZERO) b += modulus;
  const powers = [ONE];
  for (let i = 1; i < 16; i++) powers.push((powers[i - 1]! * b) % modulus);
  let result = ONE;
  for (const digit of exponent.toString(16)) {
    for (let i = 0; i < 4; i++) result = (result * result) % modulus;
    result = (result * powers[parseInt(digit, 16)]!) % modulus;
  }
  return result;
};

/**
 * The client's secret exponent a from caller-supplied random bytes (128 bytes is what AWS's
 * clients use; at least SRP_MIN_RANDOM_BYTES are required), reduced mod N.
 */
export const srpSmallA = (randomBytes: Uint8Array): bigint => {
  if (randomBytes.length < SRP_MIN_RANDOM_BYTES) {
    throw new RangeError('srpSmallA: ' + randomBytes.length + ' random bytes, fewer than ' + SRP_MIN_RANDOM_BYTES);
  }
  const a = bytesToBigInt(randomBytes) % SRP_N;
  if (a === ZERO) throw new RangeError('srpSmallA: a is 0; draw again');
  return a;
};

/** A = g^a mod N, sent to Cognito as SRP_A (as `A.toString(16)`, which is what AWS's JS client sends). */
export const srpLargeA = (a: bigint): bigint => {
  if (a <= ZERO) throw new RangeError('srpLargeA: a <= 0');
  const A = modPow(SRP_G, a, SRP_N);
  if (A % SRP_N === ZERO) throw new RangeError('srpLargeA: A mod N is 0; draw again');
  return A;
};

/** A client's SRP key pair: the secret `a` from the given randomness and the public A = g^a mod N. */
export interface SrpKeys {
  a: bigint;
  A: bigint;
}

export const srpKeys = (randomBytes: Uint8Array): SrpKeys => {
  const a = srpSmallA(randomBytes);
  return { a, A: srpLargeA(a) };
};

/** A sign-in's key pair from the host's randomness (every SRP sign-in draws one: USER_SRP_AUTH, USER_AUTH, SELECT_CHALLENGE). */
export const drawSrpKeys = (host: { randomBytes(length: number): Uint8Array }): SrpKeys => srpKeys(host.randomBytes(SRP_RANDOM_BYTES));

/** The TIMESTAMP Cognito expects, in UTC with an unpadded day: `Tue Nov 3 04:05:06 UTC 2026`. */
export const cognitoTimestamp = (ms: number): string => {
  const d = new Date(ms);
  if (isNaN(d.getTime())) throw new RangeError('cognitoTimestamp: invalid time ' + ms);
  // toUTCString is standard since ES2018: "Tue, 03 Nov 2026 04:05:06 GMT".
  const [weekday, day, month, year, time] = d.toUTCString().split(' ') as [string, string, string, string, string];
  return weekday.slice(0, 3) + ' ' + month + ' ' + Number(day) + ' ' + time + ' UTC ' + year;
};

export interface PasswordClaimInput {
  /** The user pool id's part after the underscore ("abc123" for "us-east-1_abc123"). */
  poolName: string;
  /** USER_ID_FOR_SRP from the PASSWORD_VERIFIER challenge. */
  userIdForSrp: string;
  password: string;
  /** The secret from srpSmallA. */
  a: bigint;
  /** srpLargeA(a), the value sent as SRP_A. */
  A: bigint;
  /** SRP_B from the challenge, hex. */
  srpB: string;
  /** SALT from the challenge, hex. */
  salt: string;
  /** SECRET_BLOCK from the challenge, base64. */
  secretBlock: string;
  /** The TIMESTAMP sent with the answer, as made by cognitoTimestamp. */
  timestamp: string;
}

/** Why an SRP challenge is refused: not Cognito's answer, or values SRP-6a must never accept. */
const NOT_COGNITO = '; check that the endpoint is Amazon Cognito';
const MUST_REFUSE = ', which SRP must refuse; sign in again';

const verifierError = (text: string): BadResponseError => new BadResponseError('COGNITO_BAD_RESPONSE', 'Cognito\'s PASSWORD_VERIFIER challenge ' + text);

const challengeHex = (name: string, value: string): bigint => {
  if (!/^[0-9a-fA-F]+$/.test(value)) {
    throw verifierError('has a ' + name + ' that is not a hex number' + NOT_COGNITO);
  }
  return BigInt('0x' + value);
};

/** The 16-byte key both sides derive from S: HKDF-SHA256 with salt padHex(u) and info "Caldera Derived Key". */
const passwordAuthenticationKey = (input: PasswordClaimInput): Uint8Array => {
  const B = challengeHex('SRP_B', input.srpB);
  const salt = challengeHex('SALT', input.salt);
  if (B % SRP_N === ZERO) {
    throw verifierError('has an SRP_B that is 0 mod N' + MUST_REFUSE);
  }
  const u = hashHexToBigInt(padHex(input.A) + padHex(B));
  if (u === ZERO) {
    throw verifierError('gives an SRP scrambler u of 0' + MUST_REFUSE);
  }
  const identityHash = sha256(input.poolName + input.userIdForSrp + ':' + input.password);
  const x = bytesToBigInt(sha256(concatBytes(hexDecode(padHex(salt)), identityHash)));
  const S = modPow(B - srpMultiplier() * modPow(SRP_G, x, SRP_N), input.a + u * x, SRP_N);
  const prk = hmacSha256(hexDecode(padHex(u)), hexDecode(padHex(S)));
  return hmacSha256(prk, concatBytes(utf8Encode('Caldera Derived Key'), Uint8Array.of(1))).subarray(0, 16);
};

/** PASSWORD_CLAIM_SIGNATURE for RespondToAuthChallenge(PASSWORD_VERIFIER), base64. */
export const passwordClaimSignature = (input: PasswordClaimInput): string => {
  const secretBlock = base64Decode(input.secretBlock);
  if (secretBlock === undefined) {
    throw verifierError('has a SECRET_BLOCK that is not base64' + NOT_COGNITO);
  }
  const key = passwordAuthenticationKey(input);
  const message = concatBytes(
    utf8Encode(input.poolName),
    utf8Encode(input.userIdForSrp),
    secretBlock,
    utf8Encode(input.timestamp),
  );
  return base64Encode(hmacSha256(key, message));
};
