import { describe, expect, it } from 'vitest';
import { settingLookup } from '../../src/node/pre-authenticate';

describe('settingLookup (the CLI resolves {{references}} as Postman does)', () => {
  const lookup = settingLookup({ cognito_password: '{{vault}}', vault: '{{inner}}', inner: 'pw-1!X', cognito_username: 'pre-{{who}}', who: 'alice', cognito_client_id: '{{missing}}', loop: '{{loop}}' });
  it('resolves nested references', () => {
    expect(lookup('cognito_password')).toBe('pw-1!X');
    expect(lookup('cognito_username')).toBe('pre-alice');
  });
  it('leaves unknown and self references as they are, for readSettings to report', () => {
    expect(lookup('cognito_client_id')).toBe('{{missing}}');
    expect(lookup('loop')).toBe('{{loop}}');
    expect(lookup('absent')).toBeUndefined();
  });
});
