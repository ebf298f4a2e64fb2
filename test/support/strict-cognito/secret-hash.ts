// SECRET_HASH as Cognito defines it, and a constant-time string comparison for every secret the double checks.

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Base64(HMAC-SHA256(key = client secret, message = username + clientId)). */
export function secretHash(clientSecret: string, username: string, clientId: string): string {
  return createHmac('sha256', clientSecret).update(username + clientId, 'utf8').digest('base64');
}

/** Compares two strings without leaking where they differ (both are hashed first, so lengths may differ). */
export function safeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db) && a === b;
}
