// Known answers for the sandbox's crypto-js hashes and the script that checks them, shared by the newman test and the Postman CLI's demo run.

import { createHash, createHmac } from 'node:crypto';
import { join } from 'node:path';
import { CRYPTO_JS_LOADER } from '../../src/postman/crypto-js-hash';
import { sandboxBundle } from '../../src/tools/sandbox-bundle';
import { ROOT } from './collection';
import type { Vector } from './sandbox-crypto-entry';

const hex = (bytes: Buffer | Uint8Array) => Buffer.from(bytes).toString('hex');
const ALL_BYTES = hex(Uint8Array.from({ length: 256 }, (_, i) => i));
const node = (algorithm: string, message: string | Buffer, key?: string | Buffer) => (key === undefined ? createHash(algorithm).update(message) : createHmac(algorithm, key).update(message)).digest('hex');

/** FIPS 180-4, RFC 4231, RFC 2202 and RFC 6238 answers, plus node:crypto's for lengths around the block size, UTF-8 and every byte value. */
export const VECTORS: Vector[] = [
  { name: 'SHA-256 ""', fn: 'sha256', message: '', expected: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
  { name: 'SHA-256 "abc"', fn: 'sha256', message: 'abc', expected: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' },
  { name: 'SHA-256 448 bits', fn: 'sha256', message: 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', expected: '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1' },
  ...[1, 55, 56, 63, 64, 65, 119, 1000].map((n): Vector => ({ name: 'SHA-256 ' + n + ' x ë', fn: 'sha256', message: 'ë'.repeat(n), expected: node('sha256', 'ë'.repeat(n)) })),
  { name: 'SHA-256 bytes 0-255', fn: 'sha256', message: ALL_BYTES, hex: true, expected: node('sha256', Buffer.from(ALL_BYTES, 'hex')) },
  { name: 'SHA-1 "abc"', fn: 'sha1', message: 'abc', expected: 'a9993e364706816aba3e25717850c26c9cd0d89d' },
  { name: 'SHA-1 ""', fn: 'sha1', message: '', expected: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' },
  { name: 'SHA-1 bytes 0-255', fn: 'sha1', message: ALL_BYTES, hex: true, expected: node('sha1', Buffer.from(ALL_BYTES, 'hex')) },
  { name: 'HMAC-SHA256 RFC 4231 case 2', fn: 'hmacSha256', key: 'Jefe', message: 'what do ya want for nothing?', expected: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843' },
  { name: 'HMAC-SHA256 key longer than a block', fn: 'hmacSha256', key: 'k'.repeat(200), message: 'message', expected: node('sha256', 'message', 'k'.repeat(200)) },
  { name: 'HMAC-SHA256 binary key and message', fn: 'hmacSha256', key: ALL_BYTES.slice(0, 64), message: ALL_BYTES, hex: true, expected: node('sha256', Buffer.from(ALL_BYTES, 'hex'), Buffer.from(ALL_BYTES.slice(0, 64), 'hex')) },
  { name: 'HMAC-SHA1 RFC 2202 case 2', fn: 'hmacSha1', key: 'Jefe', message: 'what do ya want for nothing?', expected: 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79' },
  { name: 'HMAC-SHA1 UTF-8 key and message', fn: 'hmacSha1', key: 'clé 🔑', message: 'message ✓', expected: node('sha1', 'message ✓', 'clé 🔑') },
  { name: 'TOTP RFC 6238 at 59 s', fn: 'totp', key: '12345678901234567890', message: '59', expected: '94287082' },
  { name: 'TOTP RFC 6238 at 1111111109 s', fn: 'totp', key: '12345678901234567890', message: '1111111109', expected: '07081804' },
  { name: 'SECRET_HASH', fn: 'secretHash', key: 'secret-é', message: 'alice', expected: createHmac('sha256', 'secret-é').update('aliceclient').digest('base64') },
];

/** sandbox-crypto-entry.ts built as the script is (core's hashes swapped for crypto-js), with VECTORS prepended: one pm.test per vector. */
export async function vectorScript(): Promise<string> {
  const { text } = await sandboxBundle(join(ROOT, 'test', 'support', 'sandbox-crypto-entry.ts'));
  return 'var VECTORS = ' + JSON.stringify(VECTORS) + ';\n' + text + CRYPTO_JS_LOADER + '\n';
}
