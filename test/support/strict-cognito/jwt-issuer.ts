// Signs Cognito-shaped RS256 JWTs with the process's key under a kid of its own, and publishes the matching JWKS.

import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

export interface Jwk {
  readonly alg: 'RS256';
  readonly e: string;
  readonly kid: string;
  readonly kty: 'RSA';
  readonly n: string;
  readonly use: 'sig';
}

export interface Jwks {
  readonly keys: readonly Jwk[];
}

export interface JwtIssuer {
  readonly jwks: Jwks;
  readonly kid: string;
  sign(claims: Readonly<Record<string, unknown>>): string;
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/**
 * One RSA key pair per process, made when the first double starts: a 2048-bit key costs a median of 145 ms of CPU
 * (56 to 531 ms), and a test run starts about 40 doubles. Each issuer still has a kid of its own, and every verifier
 * here (aws-jwt-verify, the demo API, the identity-pool double) picks the key by kid: a token from one double is
 * refused by another's JWKS.
 */
let processKeys: { privateKey: KeyObject; publicKey: KeyObject } | undefined;

export function createJwtIssuer(): JwtIssuer {
  processKeys ??= generateKeyPairSync('rsa', { modulusLength: 2048 });
  const { privateKey, publicKey } = processKeys;
  // Cognito's kids are base64 of a hash; any opaque value that matches the JWKS serves.
  const kid = randomBytes(32).toString('base64');
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  const jwks: Jwks = { keys: [{ alg: 'RS256', e: jwk.e, kid, kty: 'RSA', n: jwk.n, use: 'sig' }] };
  return {
    jwks,
    kid,
    sign: (claims) => signJwt(privateKey, kid, claims),
  };
}

function signJwt(privateKey: KeyObject, kid: string, claims: Readonly<Record<string, unknown>>): string {
  const header = b64url(JSON.stringify({ kid, alg: 'RS256' }));
  const payload = b64url(JSON.stringify(claims));
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), privateKey);
  return `${header}.${payload}.${b64url(signature)}`;
}

/**
 * An opaque refresh token shaped like Cognito's (a five-part JWE with RSA-OAEP / A256GCM in its header);
 * the double only ever looks it up, never decrypts it.
 */
export function opaqueRefreshToken(): string {
  const header = b64url(JSON.stringify({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' }));
  return [header, b64url(randomBytes(256)), b64url(randomBytes(12)), b64url(randomBytes(600)), b64url(randomBytes(16))].join('.');
}
