// Unsigned test JWTs with chosen claims, for unit tests of claim reading and cache checks.

export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return part({ alg: 'RS256', kid: 'test' }) + '.' + part(claims) + '.' + Buffer.from('signature').toString('base64url');
}
