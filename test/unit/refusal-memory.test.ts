// The refused-sign-in memory's name: the same for the same settings (script and CLI agree), new for any changed secret, never the secret itself.

import { describe, expect, it } from 'vitest';
import { refusalMemoryName } from '../../src/core/refusal-memory';
import { readSettings } from '../../src/core/settings';

const BASE: Record<string, string> = {
  cognito_region: 'eu-west-1',
  cognito_client_id: '1example23456789',
  cognito_username: 'alice',
  cognito_password: 'Wrong-pass-1!',
};

const name = (overrides: Record<string, string> = {}, identity = '') => refusalMemoryName(readSettings((n) => ({ ...BASE, ...overrides })[n], identity));

describe('refusalMemoryName', () => {
  it('is stable for the same settings and shaped as a variable name', () => {
    expect(name()).toBe(name());
    expect(name()).toMatch(/^pm_cognito_refused_[0-9a-f]{32}$/);
  });

  it('changes with the password, the client secret, the user and the client', () => {
    const names = [name(), name({ cognito_password: 'Right-pass-1!' }), name({ cognito_client_secret: 's3cr3t' }), name({ cognito_username: 'bob' }), name({ cognito_client_id: '2example23456789' })];
    expect(new Set(names).size).toBe(names.length);
  });

  it('does not change with what does not decide the sign-in (token type, header)', () => {
    expect(name({ cognito_token_type: 'access', cognito_header_scheme: 'Bearer' })).toBe(name());
  });

  it('holds no secret', () => {
    expect(name()).not.toContain('Wrong');
    expect(name({ cognito_password: 'pm_cognito_refused_' })).not.toBe('pm_cognito_refused_');
  });
});
