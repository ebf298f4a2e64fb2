// For the tests of the double: judge issued tokens by their decoded claims, with code the double itself does not use.

import { expect } from 'vitest';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The payload of a JWT, decoded here (signatures are checked with aws-jwt-verify where that is the point). */
export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** An ID token for `username` through `clientId`, judged by its claims rather than by being present. */
export function expectIdToken(jwt: string | undefined, clientId: string, username: string): void {
  const claims = claimsOf(jwt ?? '');
  expect(claims).toMatchObject({ token_use: 'id', aud: clientId, 'cognito:username': username });
  expect(claims['sub']).toMatch(UUID);
}

/** An access token for `username` through `clientId`, judged by its claims. */
export function expectAccessToken(jwt: string | undefined, clientId: string, username: string): void {
  const claims = claimsOf(jwt ?? '');
  expect(claims).toMatchObject({ token_use: 'access', client_id: clientId, username });
  expect(claims['sub']).toMatch(UUID);
}

/** A refresh token as Cognito issues it: an opaque five-part JWE, different from the one it replaces. */
export function expectNewRefreshToken(token: string | undefined, previous: string): void {
  expect(token?.split('.')).toHaveLength(5);
  expect(token).not.toBe(previous);
}
