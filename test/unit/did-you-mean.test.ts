import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../src/core/did-you-mean';

const NAMES = ['cognito_username', 'cognito_password', 'cognito_user_pool_id', 'cognito_client_id'];

describe('didYouMean', () => {
  it('suggests the nearest name within two edits, case-insensitively', () => {
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
