// SHA-256 and HMAC-SHA256 in plain TypeScript, so the same code runs in both Postman sandboxes and Node.

import { concatBytes, utf8Encode } from './bytes';

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

export type BytesLike = Uint8Array | string;

function toBytes(input: BytesLike): Uint8Array {
  return typeof input === 'string' ? utf8Encode(input) : input;
}

/** Pads a message the Merkle–Damgård way shared by SHA-1 and SHA-256. */
export function padMessage(message: Uint8Array): Uint8Array {
  const bitLength = message.length * 8;
  const total = Math.ceil((message.length + 9) / 64) * 64;
  const padded = new Uint8Array(total);
  padded.set(message);
  padded[message.length] = 0x80;
  const high = Math.floor(bitLength / 0x100000000);
  const low = bitLength >>> 0;
  padded[total - 8] = high >>> 24;
  padded[total - 7] = (high >>> 16) & 0xff;
  padded[total - 6] = (high >>> 8) & 0xff;
  padded[total - 5] = high & 0xff;
  padded[total - 4] = low >>> 24;
  padded[total - 3] = (low >>> 16) & 0xff;
  padded[total - 2] = (low >>> 8) & 0xff;
  padded[total - 1] = low & 0xff;
  return padded;
}

/** The 16 big-endian 32-bit words of the 64-byte block at `offset` into w[0..15] (SHA-1 and SHA-256 alike). */
export function loadBlock(data: Uint8Array, offset: number, w: Uint32Array): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    w[i] = (data[j]! << 24) | (data[j + 1]! << 16) | (data[j + 2]! << 8) | data[j + 3]!;
  }
}

export function sha256(input: BytesLike): Uint8Array {
  const data = padMessage(toBytes(input));
  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Uint32Array(64);
  for (let offset = 0; offset < data.length; offset += 64) {
    loadBlock(data, offset, w);
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15]!;
      const y = w[i - 2]!;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0;
    }
    let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!, f = h[5]!, g = h[6]!, k = h[7]!;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (k + S1 + ch + K[i]! + w[i]!) >>> 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) >>> 0;
      k = g; g = f; f = e; e = (d + t1) >>> 0; d = c; c = b; b = a; a = (t1 + t2) >>> 0;
    }
    h[0] = (h[0]! + a) >>> 0; h[1] = (h[1]! + b) >>> 0; h[2] = (h[2]! + c) >>> 0; h[3] = (h[3]! + d) >>> 0;
    h[4] = (h[4]! + e) >>> 0; h[5] = (h[5]! + f) >>> 0; h[6] = (h[6]! + g) >>> 0; h[7] = (h[7]! + k) >>> 0;
  }
  return wordsToBytes(h);
}

export function wordsToBytes(words: Uint32Array): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  for (let i = 0; i < words.length; i++) {
    const v = words[i]!;
    out[i * 4] = v >>> 24;
    out[i * 4 + 1] = (v >>> 16) & 0xff;
    out[i * 4 + 2] = (v >>> 8) & 0xff;
    out[i * 4 + 3] = v & 0xff;
  }
  return out;
}

/** HMAC (RFC 2104) over any hash with a 64-byte block (SHA-1, SHA-256). */
export function hmac(hash: (data: Uint8Array) => Uint8Array, key: BytesLike, message: BytesLike): Uint8Array {
  let k = toBytes(key);
  if (k.length > 64) k = hash(k);
  const msg = toBytes(message);
  const inner = new Uint8Array(64 + msg.length);
  const outerPad = new Uint8Array(64);
  for (let i = 0; i < 64; i++) {
    const byte = i < k.length ? k[i]! : 0;
    inner[i] = byte ^ 0x36;
    outerPad[i] = byte ^ 0x5c;
  }
  inner.set(msg, 64);
  return hash(concatBytes(outerPad, hash(inner)));
}

export function hmacSha256(key: BytesLike, message: BytesLike): Uint8Array {
  return hmac(sha256, key, message);
}
