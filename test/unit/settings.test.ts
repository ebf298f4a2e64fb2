import { describe, expect, it } from 'vitest';
import { PmCognitoError } from '../../src/core/errors';
import { readSettings } from '../../src/core/settings';

const base = {
  cognito_region: 'eu-west-1',
  cognito_client_id: '1example23456789',
  cognito_username: 'alice',
  cognito_password: 'Sup3r-secret!',
};

function read(vars: Record<string, unknown>, identity = '') {
  return readSettings((name) => vars[name], identity);
}

function errorOf(fn: () => unknown): PmCognitoError {
  try {
    fn();
  } catch (error) {
    if (error instanceof PmCognitoError) return error;
    throw error;
  }
  throw new Error('expected a PmCognitoError');
}

describe('readSettings', () => {
  it('builds the regional endpoint and defaults', () => {
    const s = read(base);
    expect(s.endpoint).toBe('https://cognito-idp.eu-west-1.amazonaws.com/');
    expect(s.authFlow).toBe('USER_PASSWORD_AUTH');
    expect(s.tokenType).toBe('id');
    expect(s.headerName).toBe('Authorization');
    expect(s.headerScheme).toBe('');
    expect(s.refreshMarginSeconds).toBe(60);
    expect(s.clientSecret).toBeUndefined();
  });

  it('takes the region from the pool id and an explicit endpoint over the region', () => {
    const s = read({ ...base, cognito_region: '', cognito_user_pool_id: 'us-east-2_AbCdEf123', cognito_endpoint: 'http://127.0.0.1:9229' });
    expect(s.region).toBe('us-east-2');
    expect(s.endpoint).toBe('http://127.0.0.1:9229/');
  });

  it('names every missing variable in one error, and no value', () => {
    const error = errorOf(() => read({ cognito_region: 'eu-west-1', cognito_username: 'alice' }));
    expect(error.code).toBe('SETTINGS_INVALID');
    expect(error.message).toContain('cognito_client_id is not set');
    expect(error.message).toContain('cognito_password is not set');
    expect(error.message).toContain('(2)');
  });

  it('reports a missing region, endpoint and pool id together with other problems', () => {
    const error = errorOf(() => read({ ...base, cognito_region: undefined, cognito_token_type: 'refresh' }));
    expect(error.message).toContain('cognito_region is not set');
    expect(error.message).toContain('cognito_token_type is "refresh"');
  });

  it('rejects a malformed region, endpoint, pool id, client id and flow with their names', () => {
    const error = errorOf(() => read({ ...base, cognito_region: 'Europe', cognito_endpoint: 'ftp://x', cognito_user_pool_id: 'pool!', cognito_client_id: 'a b', cognito_auth_flow: 'MAGIC' }));
    for (const name of ['cognito_region', 'cognito_endpoint', 'cognito_user_pool_id', 'cognito_client_id', 'cognito_auth_flow']) {
      expect(error.message).toContain(name + ' is "');
    }
  });

  it('disagreeing region and pool id is an error', () => {
    const error = errorOf(() => read({ ...base, cognito_user_pool_id: 'us-east-1_AbC' }));
    expect(error.message).toContain('cognito_region is eu-west-1 but cognito_user_pool_id belongs to us-east-1');
  });

  it('a secret pasted into a setting that quotes its value (the region, the client id) is not printed, before any call', () => {
    // A value no other test has used: redaction remembers every secret this process has seen.
    const secret = 'Pasted-Secret-' + Date.now();
    const region = errorOf(() => read({ ...base, cognito_password: secret, cognito_region: secret }));
    expect(region.message).toContain('cognito_region is "[secret]", which is not an AWS region');
    expect(region.message).not.toContain(secret);
    const other = 'Client-Secret-' + Date.now();
    const clientId = errorOf(() => read({ ...base, cognito_client_secret: other, cognito_client_id: other + '!' }));
    expect(clientId.message).toContain('cognito_client_id is "[secret]!", which is not an app client id');
  });

  it('trims identifiers but refuses padded secrets without printing them', () => {
    const s = read({ ...base, cognito_client_id: '  1example23456789 ', cognito_username: ' alice ' });
    expect(s.clientId).toBe('1example23456789');
    expect(s.username).toBe('alice');
    const error = errorOf(() => read({ ...base, cognito_password: ' Sup3r-secret! ' }));
    expect(error.message).toContain('cognito_password starts or ends with whitespace');
    expect(error.message).not.toContain('Sup3r');
  });

  it('treats blank and whitespace-only as not set', () => {
    const error = errorOf(() => read({ ...base, cognito_client_id: '   ', cognito_password: '' }));
    expect(error.message).toContain('cognito_client_id is not set');
    expect(error.message).toContain('cognito_password is not set');
  });

  it('says when a variable refers to an unset one', () => {
    const error = errorOf(() => read({ ...base, cognito_password: '{{vault_password}}' }));
    expect(error.message).toContain('cognito_password refers to {{vault_password}}, which is not set');
  });

  it('accepts flow and token type spelled loosely', () => {
    const s = read({ ...base, cognito_auth_flow: 'user-password-auth', cognito_token_type: 'Access_Token' });
    expect(s.authFlow).toBe('USER_PASSWORD_AUTH');
    expect(s.tokenType).toBe('access');
  });

  it('rejects a bad margin, header name and scheme', () => {
    const error = errorOf(() => read({ ...base, cognito_refresh_margin_seconds: '-5', cognito_header_name: 'Auth header', cognito_header_scheme: 'a\nb' }));
    expect(error.message).toContain('cognito_refresh_margin_seconds is "-5"');
    expect(error.message).toContain('cognito_header_name is "Auth header"');
    expect(error.message).toContain('cognito_header_scheme must be');
  });

  it('reads a named identity from suffixed variables, sharing the connection settings', () => {
    const s = read({ ...base, 'cognito_username@admin': 'root', 'cognito_password@admin': 'Adm1n-pass!' }, 'admin');
    expect(s.identity).toBe('admin');
    expect(s.username).toBe('root');
    expect(s.password).toBe('Adm1n-pass!');
    expect(s.clientId).toBe(base.cognito_client_id);
  });

  it('never falls back to the default identity for username and password', () => {
    const error = errorOf(() => read(base, 'reader'));
    expect(error.message).toContain('for identity "reader"');
    expect(error.message).toContain('cognito_username@reader is not set');
    expect(error.message).toContain('cognito_password@reader is not set');
  });

  it('rejects a bad identity name', () => {
    expect(errorOf(() => read(base, 'no spaces')).code).toBe('SETTINGS_INVALID');
  });

  it('keeps unicode, plus signs and spaces inside usernames', () => {
    expect(read({ ...base, cognito_username: 'zoë+test@example.com' }).username).toBe('zoë+test@example.com');
    expect(read({ ...base, cognito_username: 'two words' }).username).toBe('two words');
  });

  it('requires the pool id and AWS credentials for admin sign-in', () => {
    const error = errorOf(() => read({ ...base, cognito_auth_flow: 'ADMIN_USER_PASSWORD_AUTH' }));
    expect(error.message).toContain('cognito_user_pool_id is not set');
    expect(error.message).toContain('cognito_aws_access_key_id is not set');
    expect(error.message).toContain('cognito_aws_secret_access_key is not set');
  });

  it('USER_AUTH defaults to PASSWORD; PASSWORD_SRP needs the pool id; the admin variant needs AWS credentials', () => {
    expect(read({ ...base, cognito_auth_flow: 'user-auth' })).toMatchObject({ authFlow: 'USER_AUTH', preferredChallenge: 'PASSWORD' });
    expect(read({ ...base, cognito_auth_flow: 'USER_AUTH', cognito_preferred_challenge: 'password srp', cognito_user_pool_id: 'eu-west-1_AbC123' }).preferredChallenge).toBe('PASSWORD_SRP');
    expect(errorOf(() => read({ ...base, cognito_auth_flow: 'USER_AUTH', cognito_preferred_challenge: 'PASSWORD_SRP' })).message)
      .toContain('cognito_user_pool_id is not set: USER_AUTH with PASSWORD_SRP needs the user pool id');
    expect(errorOf(() => read({ ...base, cognito_auth_flow: 'USER_AUTH', cognito_preferred_challenge: 'EMAIL_OTP' })).message)
      .toContain('cognito_preferred_challenge is "EMAIL_OTP", which is not one of PASSWORD, PASSWORD_SRP: set one of those');
    const admin = errorOf(() => read({ ...base, cognito_auth_flow: 'ADMIN_USER_AUTH' }));
    expect(admin.message).toContain('cognito_user_pool_id is not set: ADMIN_USER_AUTH needs the user pool id');
    expect(admin.message).toContain('cognito_aws_access_key_id is not set: ADMIN_USER_AUTH signs with AWS credentials');
    expect(admin.message).toContain('cognito_aws_secret_access_key is not set');
  });

  it('refuses a malformed TOTP secret before any call, naming the identity\'s variable and not the secret', () => {
    const error = errorOf(() => read({ ...base, 'cognito_username@admin': 'root', 'cognito_password@admin': 'Adm1n-pass!', 'cognito_totp_secret@admin': 'JBSWY3DP-EHPK3PXP' }, 'admin'));
    expect(error.message).toBe('pm-cognito settings for identity "admin" need attention (1): cognito_totp_secret@admin is not valid base32: character 9 (not counting spaces) is not A-Z or 2-7: copy the key again.');
    expect(error.message).not.toContain('JBSWY3');
    expect(read({ ...base, cognito_totp_secret: 'jbsw y3dp ehpk 3pxp' }).totpSecret).toBe('jbsw y3dp ehpk 3pxp');
  });

  it('reports each setting at most once, even when a check and a need both apply', () => {
    const error = errorOf(() => read({ ...base, cognito_auth_flow: 'USER_SRP_AUTH', cognito_user_pool_id: '{{pool}}' }));
    expect(error.message).toBe('pm-cognito settings need attention (1): cognito_user_pool_id refers to {{pool}}, which is not set: set pool or put the value in cognito_user_pool_id directly.');
  });

  it('lists problems in table order, every one in a single error', () => {
    const error = errorOf(() => read({ cognito_auth_flow: 'CLIENT_CREDENTIALS', cognito_client_id: 'c', cognito_timeout_ms: '5', cognito_debug: 'Maybe' }));
    expect(error.message).toBe('pm-cognito settings need attention (4): '
      + 'cognito_oauth_token_url is not set: set the user pool domain\'s token endpoint, e.g. https://<domain>.auth.<region>.amazoncognito.com/oauth2/token; '
      + 'cognito_client_secret is not set: CLIENT_CREDENTIALS needs the app client\'s secret; '
      + 'cognito_timeout_ms is "5": set a whole number from 100 to 300000; '
      + 'cognito_debug is "maybe": set true or false.');
  });
});
