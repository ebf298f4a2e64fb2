import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { secretHash } from '../../src/core/secret-hash';

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
