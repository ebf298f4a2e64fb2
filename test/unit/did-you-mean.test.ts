// didYouMean: the case-insensitive match first, then the nearest name within a small edit, else nothing.

import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../src/core/did-you-mean';

const SETTINGS = ['cognito_client_id', 'cognito_client_secret', 'cognito_password', 'cognito_username', 'cognito_token_type'];

describe('didYouMean', () => {
  it('finds swapped, missing, extra and changed letters', () => {
    expect(didYouMean('cognito_clinet_id', SETTINGS)).toBe('cognito_client_id');
    expect(didYouMean('cognito_pasword', SETTINGS)).toBe('cognito_password');
    expect(didYouMean('cognito_usernamee', SETTINGS)).toBe('cognito_username');
    expect(didYouMean('cognito_client_secert', SETTINGS)).toBe('cognito_client_secret');
    expect(didYouMean('acess', ['id', 'access'])).toBe('access');
    expect(didYouMean('ID', ['id', 'access'])).toBe('id');
  });

  it('prefers a match in all but case, even over a nearer one', () => {
    expect(didYouMean('Admin', ['admins', 'admin'])).toBe('admin');
  });

  it('gives nothing for an exact name, a distant one or an empty list', () => {
    expect(didYouMean('cognito_password', SETTINGS)).toBeUndefined();
    expect(didYouMean('cognito_region_name', SETTINGS)).toBeUndefined();
    expect(didYouMean('idx', ['access'])).toBeUndefined();
    expect(didYouMean('x', [])).toBeUndefined();
  });
});

// The doctor's cases (pm-cognito doctor uses the same function for near-miss setting names).
describe('didYouMean for setting names', () => {
  const NAMES = ['cognito_username', 'cognito_password', 'cognito_user_pool_id', 'cognito_client_id'];

  it('suggests the nearest setting, case-insensitively', () => {
    expect(didYouMean('cognito_usrname', NAMES)).toBe('cognito_username');
    expect(didYouMean('cognito_pasword', NAMES)).toBe('cognito_password');
    expect(didYouMean('COGNITO_CLIENT_ID', NAMES)).toBe('cognito_client_id');
    expect(didYouMean('cognito_clinet_id', NAMES)).toBe('cognito_client_id');
  });

  it('suggests nothing for an exact name or a far one', () => {
    expect(didYouMean('cognito_username', NAMES)).toBeUndefined();
    expect(didYouMean('cognito_pool', NAMES)).toBeUndefined();
    expect(didYouMean('baseUrl', NAMES)).toBeUndefined();
  });
});
