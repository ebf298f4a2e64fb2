// SHA-256, SHA-1 and their HMACs from the sandbox's own crypto-js, in place of core/sha256.ts and core/sha1.ts in the script.
//
// newman 6.2.2's sandbox (4.7.1), the Postman CLI and the app all answer `require('crypto-js')`. The build swaps this
// module in for the two pure-TypeScript ones (src/tools/build.ts, sandboxCrypto), with the same exports and the
// same bytes out, so the script carries no hash code of its own; Node and the unit tests keep the TypeScript ones.

import { utf8Encode } from '../core/bytes';

export type BytesLike = Uint8Array | string;

interface WordArray {
  words: number[];
  sigBytes: number;
}

interface CryptoJs {
  lib: { WordArray: { create(words: number[], sigBytes: number): WordArray } };
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

/** Bytes as crypto-js's big-endian 32-bit words. */
const toWords = (input: BytesLike): WordArray => {
  const bytes = typeof input === 'string' ? utf8Encode(input) : input;
  const words: number[] = [];
  for (let i = 0; i < bytes.length; i++) words[i >>> 2] = (words[i >>> 2] ?? 0) | (bytes[i]! << (24 - (i % 4) * 8));
  return cryptoJs().lib.WordArray.create(words, bytes.length);
};

const toBytes = (value: WordArray): Uint8Array => {
  const out = new Uint8Array(value.sigBytes);
  for (let i = 0; i < out.length; i++) out[i] = (value.words[i >>> 2]! >>> (24 - (i % 4) * 8)) & 0xff;
  return out;
};

export const sha256 = (input: BytesLike): Uint8Array => toBytes(cryptoJs().SHA256(toWords(input)));

export const sha1 = (input: BytesLike): Uint8Array => {
  return toBytes(cryptoJs().SHA1(toWords(input)));
};

export const hmacSha256 = (key: BytesLike, message: BytesLike): Uint8Array => toBytes(cryptoJs().HmacSHA256(toWords(message), toWords(key)));

export const hmacSha1 = (key: BytesLike, message: BytesLike): Uint8Array => toBytes(cryptoJs().HmacSHA1(toWords(message), toWords(key)));
