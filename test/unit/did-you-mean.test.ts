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
