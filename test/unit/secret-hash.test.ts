import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { secretHash, withSecretHash } from '../../src/core/secret-hash';
import { readSettings } from '../../src/core/settings';

describe('secretHash', () => {
  it('matches the documented formula Base64(HMAC-SHA256(secret, username + clientId))', () => {
    const cases: Array<[string, string, string]> = [
      ['alice', '1example23456789', 'c2VjcmV0'],
      ['zoë+test@example.com', '7abcd', 'x'.repeat(100)],
      ['', 'client', 'secret'],
      ['user with spaces', 'c'.repeat(128), 'k'.repeat(64)],
    ];
    for (const [username, clientId, secret] of cases) {
      const expected = createHmac('sha256', secret).update(username + clientId, 'utf8').digest('base64');
      expect(secretHash(username, clientId, secret)).toBe(expected);
    }
  });

  it('matches a fixed vector', () => {
    // Computed independently with Python: base64(hmac.new(b'abc', b'aliceclient1', hashlib.sha256).digest())
    expect(secretHash('alice', 'client1', 'abc')).toBe('BBITLCAvfVAUzjvFc977LpPx3GZWMHR/erBztcE9l4M=');
  });
});

describe('withSecretHash', () => {
  it('adds SECRET_HASH over the given username only when the client has a secret', () => {
    const vars: Record<string, string> = { cognito_region: 'eu-west-1', cognito_client_id: 'client1', cognito_username: 'alias@example.com', cognito_password: 'p' };
    expect(withSecretHash(readSettings((n) => vars[n]), { USERNAME: 'x' }, 'sub-1')).toEqual({ USERNAME: 'x' });
    const withSecret = readSettings((n) => ({ ...vars, cognito_client_secret: 's3cret' } as Record<string, string>)[n]);
    expect(withSecretHash(withSecret, { USERNAME: 'x' }, 'sub-1')).toEqual({ USERNAME: 'x', SECRET_HASH: secretHash('sub-1', 'client1', 's3cret') });
  });
});
