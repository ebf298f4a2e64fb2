// Claims read without verification: numbers and strings only where they are of that type; anything unreadable is TOKEN_INVALID.

import { describe, expect, it } from 'vitest';
import { decodeJwtClaims, numericClaim, stringClaim } from '../../src/core/jwt-claims';
import { fakeJwt } from './jwt';

describe('jwt-claims', () => {
  it('reads the payload', () => {
    const claims = decodeJwtClaims(fakeJwt({ exp: 10, sub: 'u', 'cognito:username': 'zoë' }));
    expect([numericClaim(claims, 'exp'), stringClaim(claims, 'sub'), stringClaim(claims, 'cognito:username')]).toEqual([10, 'u', 'zoë']);
    expect([numericClaim(claims, 'sub'), stringClaim(claims, 'exp'), numericClaim(claims, 'absent')]).toEqual([undefined, undefined, undefined]);
  });
  it.each([[''], ['a.b'], ['a.!!!.c'], ['a.' + Buffer.from('"text"').toString('base64url') + '.c'], ['a.' + Buffer.from('[1]').toString('base64url') + '.c']])('refuses %j with TOKEN_INVALID naming what it was', (token) => {
    expect(() => decodeJwtClaims(token, 'ID token')).toThrow(expect.objectContaining({ code: 'TOKEN_INVALID', message: expect.stringContaining('The ID token from Cognito') }));
  });
});
