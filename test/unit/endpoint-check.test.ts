// Which endpoints may receive the password: AWS Cognito over https, loopback, and hosts the user names.

import { describe, expect, it } from 'vitest';
import { checkEndpoint } from '../../src/core/endpoint-check';

const refused = (endpoint: string, allow?: string) => checkEndpoint(endpoint, allow, 'cognito_endpoint', '')?.message;

describe('checkEndpoint', () => {
  it.each([
    'https://cognito-idp.eu-west-1.amazonaws.com/',
    'https://cognito-idp-fips.us-east-1.amazonaws.com/',
    'https://cognito-idp.cn-north-1.amazonaws.com.cn/',
    'https://cognito-idp.us-east-1.api.aws/',
    'https://cognito-identity.eu-central-1.amazonaws.com/',
    'https://vpce-0abc-123.cognito-idp.eu-west-1.vpce.amazonaws.com/',
    'http://127.0.0.1:9229/',
    'http://localhost:9229/',
    'http://[::1]:9229/',
  ])('allows %s', (endpoint) => {
    expect(refused(endpoint)).toBeUndefined();
  });

  it('refuses plain http to another machine, naming the setting and cognito_allow_endpoint', () => {
    expect(refused('http://cognito-idp.eu-west-1.amazonaws.com/')).toBe('pm-cognito: cognito_endpoint is http://cognito-idp.eu-west-1.amazonaws.com/: plain http to another machine would send the password in clear text. Use https, or if cognito-idp.eu-west-1.amazonaws.com is yours, name it in cognito_allow_endpoint');
  });

  it.each(['https://cognito-idp.eu-west-1.amazonaws.com.evil.example/', 'https://evil.example/cognito-idp.eu-west-1.amazonaws.com/', 'https://10.0.0.5/'])('refuses %s, which is not AWS Cognito', (endpoint) => {
    expect(refused(endpoint)).toMatch(/which is neither AWS Cognito nor this machine and would get the password: leave it empty to use the region, or if .* is yours, name it in cognito_allow_endpoint$/);
  });

  it('allows a host named in cognito_allow_endpoint (case-insensitive, a list), over http too', () => {
    expect(refused('http://Double.Test.Internal:8080/', 'other.example, double.test.internal')).toBeUndefined();
    expect(refused('https://10.0.0.5/', '10.0.0.5')).toBeUndefined();
    expect(refused('https://10.0.0.6/', '10.0.0.5')).toBeDefined();
  });

  it('names the identity\'s own variable and carries the setting', () => {
    const error = checkEndpoint('https://x.example/', undefined, 'cognito_identity_endpoint@admin', 'admin');
    expect(error?.code).toBe('SETTINGS_INVALID');
    expect(error?.setting).toBe('cognito_identity_endpoint@admin');
    expect(error?.message).toMatch(/^pm-cognito: cognito_identity_endpoint@admin is https:\/\/x\.example\//);
  });
});
