// Byte helpers that need neither TextEncoder, Buffer nor atob: the old Postman sandbox has none of them.

/**
 * UTF-8 through the URI functions every sandbox has: encodeURIComponent writes a character's UTF-8 bytes as %XX, and
 * unescape makes each %XX one character of that code. A lone surrogate (which encodeURIComponent refuses) becomes
 * U+FFFD first, as Buffer and TextEncoder make it.
 */
export const utf8Encode = (text: string): Uint8Array => Uint8Array.from(unescape(encodeURIComponent(text.replace(/\p{Cs}/gu, '\ufffd'))), (char) => char.charCodeAt(0));

/** The reverse (escape, then decodeURIComponent); bytes that are not UTF-8 read as Latin-1, one character a byte, rather than throw. */
export const utf8Decode = (bytes: Uint8Array): string => {
  // fromCharCode takes the bytes as arguments, a slice at a time (the sandbox runs this cold, once per request: no callback per byte).
  let latin1 = '';
  for (let i = 0; i < bytes.length; i += 8192) latin1 += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]);
  try {
    return decodeURIComponent(escape(latin1));
  } catch {
    return latin1;
  }
};

/** The standard alphabet (64), then the URL-safe alphabet's - and _ (for 62 and 63), which only decoding reads. */
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_';

export const base64Encode = (bytes: Uint8Array): string => {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    // Bytes past the end read as 0; their characters become '=' below.
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const padding = (3 - (bytes.length % 3)) % 3;
  return out.slice(0, out.length - padding) + '='.repeat(padding);
};

/** Each base64 character's value by character code, the URL-safe alphabet's - (62) and _ (63) included; -1 for any other. */
const B64_VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < 66; i++) B64_VALUES[B64.charCodeAt(i)] = i < 64 ? i : i - 2;

/**
 * Decodes standard or URL-safe base64, padded or not. Returns undefined for anything else. One pass over character
 * codes into a buffer of the final size: the fast path decodes two tokens' claims on every request, cold.
 */
export const base64Decode = (text: string): Uint8Array | undefined => {
  let end = text.length;
  while (text[end - 1] === '=') end--;
  if (end % 4 === 1) return undefined;
  const out = new Uint8Array((end * 3) >> 2);
  for (let i = 0, buffer = 0, bits = 0, n = 0; i < end; i++) {
    // undefined past the table (a character above 127), -1 in it for a character outside both alphabets.
    const value = B64_VALUES[text.charCodeAt(i)]!;
    if (!(value >= 0)) return undefined;
    buffer = (buffer << 6) | value;
    // Each 8 bits gathered make a byte; only its low 8 are stored (what buffer shifted out of its 32 is never needed).
    if ((bits += 6) >= 8) out[n++] = buffer >> (bits -= 8);
  }
  return out;
};

export const hexEncode = (bytes: Uint8Array): string => {
  let out = '';
  for (const b of bytes) out += (b < 16 ? '0' : '') + b.toString(16);
  return out;
};

export const hexDecode = (hex: string): Uint8Array => {
  const clean = hex.length % 2 === 1 ? '0' + hex : hex;
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.substr(i * 2, 2), 16);
  return out;
};

export const concatBytes = (...parts: Uint8Array[]): Uint8Array => {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
};
