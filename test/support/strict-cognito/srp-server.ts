// The server half of Cognito's SRP-6a variant, written independently of our client so a shared mistake cannot hide.
//
// Conventions (learned by reading amazon-cognito-identity-js AuthenticationHelper, not copied):
// 3072-bit RFC 5054 group, g = 2, every integer is hashed in its minimal two's-complement hex form
// ("padHex": even length, 00 in front when the top bit is set), k = H(padHex(N) | padHex(g)),
// u = H(padHex(A) | padHex(B)), x = H(padHex(salt) | H(poolName | userIdForSrp | ":" | password)),
// key = HKDF-SHA256(ikm = padHex(S), salt = padHex(u), info = "Caldera Derived Key", 16 bytes),
// claim = Base64(HMAC-SHA256(key, poolName | userIdForSrp | secretBlockBytes | timestamp)).
// Pure: randomness comes in as bytes, time as milliseconds.

import { createDiffieHellman, createHash, createHmac, type DiffieHellman } from 'node:crypto';

const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
  '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
  'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
  '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
  'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
  'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';

export const SRP_N = BigInt('0x' + N_HEX);
export const SRP_G = 2n;

/** Minimal two's-complement big-endian hex of a non-negative integer, as Java's BigInteger.toByteArray gives it. */
export function padHex(value: bigint): string {
  if (value < 0n) throw new RangeError('padHex: the SRP server only encodes non-negative integers');
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = '0' + hex;
  if (/^[89a-f]/i.test(hex)) hex = '00' + hex;
  return hex;
}

function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function hashOfHex(hex: string): bigint {
  return BigInt('0x' + sha256Hex(Buffer.from(hex, 'hex')));
}

export const SRP_K = hashOfHex(padHex(SRP_N) + padHex(SRP_G));

/** OpenSSL's modular exponentiation for N (a DH object with N as its prime: base^private mod N), made on first use. */
let groupN: DiffieHellman | undefined;

/** A non-negative integer as DH takes it: big-endian bytes (padHex's leading 00, where it adds one, changes nothing). */
const bytesOf = (value: bigint): Buffer => Buffer.from(padHex(value), 'hex');

/**
 * base^exponent mod modulus. For N and the values SRP uses (1 < base < N - 1, exponent > 0) through OpenSSL, about
 * ten times faster than BigInt square-and-multiply (3 against 28 ms on a 2-core machine; the double does three per
 * SRP sign-in); otherwise, and for any other modulus, square-and-multiply. The unit tests compare both.
 */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  const reduced = ((base % modulus) + modulus) % modulus;
  if (modulus === SRP_N && exponent > 0n && reduced > 1n && reduced < SRP_N - 1n) {
    groupN ??= createDiffieHellman(bytesOf(SRP_N), bytesOf(SRP_G));
    groupN.setPrivateKey(bytesOf(exponent));
    return BigInt('0x' + groupN.computeSecret(bytesOf(reduced)).toString('hex'));
  }
  return squareAndMultiply(reduced, exponent, modulus);
}

/** The textbook loop: base already reduced mod modulus. */
export function squareAndMultiply(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt('0x' + Buffer.from(bytes).toString('hex'));
}

export interface SrpVerifier {
  /** The salt as Cognito sends it in SALT: plain hex of the integer. */
  readonly saltHex: string;
  readonly verifier: bigint;
}

/** v = g^x mod N for one password; `saltBytes` should be 16 random bytes. */
export function makeVerifier(poolName: string, userIdForSrp: string, password: string, saltBytes: Uint8Array): SrpVerifier {
  const salt = bytesToBigInt(saltBytes);
  const inner = sha256Hex(Buffer.from(`${poolName}${userIdForSrp}:${password}`, 'utf8'));
  const x = hashOfHex(padHex(salt) + inner);
  return { saltHex: salt.toString(16), verifier: modPow(SRP_G, x, SRP_N) };
}

/** Parses SRP_A (hex); undefined when it is not hex or A mod N = 0, which SRP-6a must refuse. */
export function parseClientPublic(srpA: string): bigint | undefined {
  if (!/^[0-9a-fA-F]{1,2048}$/.test(srpA)) return undefined;
  const a = BigInt('0x' + srpA);
  return a % SRP_N === 0n ? undefined : a;
}

export interface ServerEphemeral {
  readonly b: bigint;
  readonly B: bigint;
}

/** B = (k*v + g^b) mod N from random bytes; the caller retries with fresh bytes in the unlikely case of undefined. */
export function makeServerEphemeral(verifier: bigint, randomBytes: Uint8Array): ServerEphemeral | undefined {
  const b = bytesToBigInt(randomBytes) % SRP_N;
  if (b === 0n) return undefined;
  const B = (SRP_K * verifier + modPow(SRP_G, b, SRP_N)) % SRP_N;
  return B === 0n ? undefined : { b, B };
}

/** The 16-byte key both sides derive; undefined when u = 0 (the exchange must be abandoned). */
export function sessionKey(A: bigint, ephemeral: ServerEphemeral, verifier: bigint): Buffer | undefined {
  const u = hashOfHex(padHex(A) + padHex(ephemeral.B));
  if (u === 0n) return undefined;
  const S = modPow((A * modPow(verifier, u, SRP_N)) % SRP_N, ephemeral.b, SRP_N);
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex')).update(Buffer.from(padHex(S), 'hex')).digest();
  const okm = createHmac('sha256', prk)
    .update(Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]))
    .digest();
  return okm.subarray(0, 16);
}

export function passwordClaimSignature(
  key: Uint8Array,
  poolName: string,
  userIdForSrp: string,
  secretBlock: Uint8Array,
  timestamp: string,
): string {
  return createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(poolName, 'utf8'), Buffer.from(userIdForSrp, 'utf8'), Buffer.from(secretBlock), Buffer.from(timestamp, 'utf8')]))
    .digest('base64');
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** The TIMESTAMP text for an instant as AWS's clients write it: `Tue Nov 3 04:05:06 UTC 2026` (day not zero-padded). */
export function formatSrpTimestamp(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return (
    `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`
  );
}

export interface ParsedSrpTimestamp {
  readonly ms: number;
  /** What AWS signs against: the parsed instant written back in the canonical format. */
  readonly canonical: string;
}

/**
 * Parses TIMESTAMP leniently, like Java's `EEE MMM d HH:mm:ss z yyyy` (the pattern AWS names in its error),
 * and returns the canonical text. What parses but is not canonical ("Sep 05", a wrong weekday) is a wrong
 * proof on AWS (NotAuthorizedException, measured in ministack#1758); what does not parse is a format error.
 */
export function parseSrpTimestamp(text: string): ParsedSrpTimestamp | undefined {
  const m = /^([A-Za-z]{3}) ([A-Za-z]{3}) (\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2}) (UTC|GMT) (\d{4})$/.exec(text);
  if (m === null) return undefined;
  const weekday = WEEKDAYS.findIndex((w) => w.toLowerCase() === m[1]!.toLowerCase());
  const month = MONTHS.findIndex((w) => w.toLowerCase() === m[2]!.toLowerCase());
  const [day, hour, minute, second, year] = [m[3], m[4], m[5], m[6], m[8]].map((s) => Number(s)) as [number, number, number, number, number];
  if (weekday < 0 || month < 0 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(year, month, day, hour, minute, second);
  if (new Date(ms).getUTCDate() !== day) return undefined;
  return { ms, canonical: formatSrpTimestamp(ms) };
}
