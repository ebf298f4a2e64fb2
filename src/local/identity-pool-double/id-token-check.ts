// Checks a Logins ID token as Cognito Identity does: RS256 signature by a trusted pool's key, issuer, audience, use and expiry.

import { createPublicKey, verify, type webcrypto } from 'node:crypto';

type JsonWebKey = webcrypto.JsonWebKey;

export interface TokenClaims {
  sub: string;
  iss: string;
  aud: string;
}

/** Why a token is refused, in Cognito Identity's words (the SDKs and consoles show these). */
export class LoginRefused extends Error {}

function decodePart(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkIdToken(
  token: string,
  provider: { providerName: string; clientIds: string[]; jwks: { keys: readonly JsonWebKey[] } },
  nowMs: number,
): TokenClaims {
  const parts = token.split('.');
  const header = parts.length === 3 ? decodePart(parts[0]!) : undefined;
  const payload = parts.length === 3 ? decodePart(parts[1]!) : undefined;
  if (!isRecord(header) || !isRecord(payload)) throw new LoginRefused('Invalid login token. Not a valid OpenId Connect identity token.');
  if (header['alg'] !== 'RS256') throw new LoginRefused('Invalid login token. Not a valid OpenId Connect identity token.');
  const jwk = provider.jwks.keys.find((key) => (key as { kid?: unknown }).kid === header['kid']);
  if (jwk === undefined) throw new LoginRefused('Invalid login token. Couldn\'t verify signed token.');
  const signed = verify('RSA-SHA256', Buffer.from(parts[0] + '.' + parts[1]), createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(parts[2]!, 'base64url'));
  if (!signed) throw new LoginRefused('Invalid login token. Couldn\'t verify signed token.');
  if (payload['iss'] !== 'https://' + provider.providerName) throw new LoginRefused('Invalid login token. Issuer doesn\'t match providerName');
  // Access tokens carry client_id, not aud: Cognito Identity takes ID tokens only.
  if (payload['token_use'] !== 'id' || typeof payload['aud'] !== 'string' || !provider.clientIds.includes(payload['aud'])) {
    throw new LoginRefused('Invalid login token. Incorrect token audience.');
  }
  const exp = payload['exp'];
  if (typeof exp !== 'number' || exp * 1000 <= nowMs) throw new LoginRefused('Invalid login token. Token expired: ' + String(exp) + ' >= ' + Math.floor(nowMs / 1000));
  if (typeof payload['sub'] !== 'string') throw new LoginRefused('Invalid login token. Not a valid OpenId Connect identity token.');
  return { sub: payload['sub'], iss: payload['iss'], aud: payload['aud'] };
}
