// SHA-256, SHA-1 and their HMACs from the sandbox's own crypto-js, in place of core/sha256.ts and core/sha1.ts in the script.
//
// newman 6.2.2's sandbox (4.7.1), the Postman CLI and the app all answer `require('crypto-js')`. The build swaps this
// module in for the two pure-TypeScript ones (src/tools/build.ts, sandboxCrypto), with the same exports and the
// same bytes out, so the script carries no hash code of its own; Node and the unit tests keep the TypeScript ones.

import { hexDecode, hexEncode, utf8Encode } from '../core/bytes';

export type BytesLike = Uint8Array | string;

/** crypto-js's bytes (big-endian 32-bit words and a length), read and written here only through hex. */
type WordArray = object;

interface CryptoJs {
  enc: { Hex: { parse(hex: string): WordArray; stringify(value: WordArray): string } };
  SHA256(message: WordArray): WordArray;
  SHA1(message: WordArray): WordArray;
  HmacSHA256(message: WordArray, key: WordArray): WordArray;
  HmacSHA1(message: WordArray, key: WordArray): WordArray;
}

/**
 * The sandbox's `require('crypto-js')`, written by the build at the script's top level, outside the bundle: a
 * bundler rewrites every `require` inside it into a loader shim of its own.
 */
declare function pmCognitoCryptoJs(): CryptoJs;

/** That function's text, for the build and for tests that run this module in a sandbox. */
export const CRYPTO_JS_LOADER = "function pmCognitoCryptoJs() {\n  return require('crypto-js');\n}";

let loaded: CryptoJs | undefined;

const cryptoJs = (): CryptoJs => (loaded ??= pmCognitoCryptoJs());

/** Bytes to crypto-js's words and back, through hex (crypto-js's own enc.Hex): less code than packing words here. */
const toWords = (input: BytesLike): WordArray => cryptoJs().enc.Hex.parse(hexEncode(typeof input === 'string' ? utf8Encode(input) : input));

const toBytes = (value: WordArray): Uint8Array => hexDecode(cryptoJs().enc.Hex.stringify(value));

export const sha256 = (input: BytesLike): Uint8Array => toBytes(cryptoJs().SHA256(toWords(input)));

export const sha1 = (input: BytesLike): Uint8Array => toBytes(cryptoJs().SHA1(toWords(input)));

export const hmacSha256 = (key: BytesLike, message: BytesLike): Uint8Array => toBytes(cryptoJs().HmacSHA256(toWords(message), toWords(key)));

export const hmacSha1 = (key: BytesLike, message: BytesLike): Uint8Array => toBytes(cryptoJs().HmacSHA1(toWords(message), toWords(key)));
