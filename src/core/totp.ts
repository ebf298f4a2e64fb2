// RFC 6238 TOTP codes for Cognito's SOFTWARE_TOKEN_MFA challenge, from the base32 secret an authenticator app is given.

import { SettingsError } from './errors';
import { BASE32_ALPHABET, base32Problem, cleanBase32 } from './base32';
import { hmacSha1 } from './sha1';

export { base32Problem } from './base32';

/**
 * Decodes an RFC 4648 base32 secret as authenticator apps show it: letters in either case,
 * spaces (any whitespace) anywhere, trailing '=' padding optional. Bits left over after the
 * last whole byte are dropped, as authenticator apps do. readSettings has already refused a secret
 * with a base32Problem; the error here is for direct callers, and names the setting, never the secret.
 */
export const base32Decode = (secret: string, setting = 'cognito_totp_secret'): Uint8Array => {
  const problem = base32Problem(secret);
  if (problem !== undefined) throw new SettingsError({ setting, text: setting + ' ' + problem });
  const clean = cleanBase32(secret);
  const out = new Uint8Array(Math.floor((clean.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (let i = 0; i < clean.length; i++) {
    buffer = ((buffer << 5) | BASE32_ALPHABET.indexOf(clean.charAt(i))) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >>> bits) & 0xff;
    }
  }
  return out;
};

export interface TotpOptions {
  /** Number of digits in the code: 6 (Cognito's, the default) to 8. */
  digits?: number;
  /** Length of one time step in seconds; default 30 (Cognito's). */
  stepSeconds?: number;
}

/** The TOTP code (HMAC-SHA1, RFC 6238) valid at unixTimeMs, zero-padded to `digits`. */
export const totp = (secret: Uint8Array, unixTimeMs: number, options: TotpOptions = {}): string => {
  const digits = options.digits ?? 6;
  const stepSeconds = options.stepSeconds ?? 30;
  // Programming errors, in one check: digits 6 to 8, a whole positive step, a time from 1970 on.
  if (!(Number.isInteger(digits) && digits >= 6 && digits <= 8 && Number.isInteger(stepSeconds) && stepSeconds > 0 && unixTimeMs >= 0 && unixTimeMs < Infinity)) {
    throw new RangeError('totp: digits ' + digits + ' (6-8), stepSeconds ' + stepSeconds + ' (> 0) or unixTimeMs ' + unixTimeMs + ' (>= 0)');
  }
  const counter = Math.floor(Math.floor(unixTimeMs / 1000) / stepSeconds);
  // The counter as 8 bytes, big-endian (RFC 4226); by division, since bit operators stop at 32 bits.
  const message = new Uint8Array(8);
  for (let i = 7, rest = counter; i >= 0; i--, rest = Math.floor(rest / 256)) message[i] = rest % 256;
  const mac = hmacSha1(secret, message);
  const offset = mac[19]! & 0x0f;
  const binary =
    ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  const code = String(binary % Math.pow(10, digits));
  return '00000000'.slice(0, digits - code.length) + code;
};
