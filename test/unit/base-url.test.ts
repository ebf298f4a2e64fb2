// The Portman run's base URL check: absolute http(s) URLs pass, relative servers stop the run with the --base-url to pass.

import { describe, expect, it } from 'vitest';
import { checkBaseUrl, collectionBaseUrl } from '../../src/cli/base-url';

describe('checkBaseUrl', () => {
  it.each(['https://api.example.com', 'http://127.0.0.1:3000/v1', 'HTTPS://API.example.com/v3/', '{{host}}/v3'])('accepts %s', (value) => {
    expect(() => checkBaseUrl(value, '--base-url')).not.toThrow();
  });

  it('a relative server: names where it came from and the --base-url to pass', () => {
    expect(() => checkBaseUrl('/v3', 'the OpenAPI document\'s first server')).toThrow(
      'pm-cognito portman: the API\'s base URL is "/v3" (the OpenAPI document\'s first server), which is not an absolute http(s) URL: pass --base-url https://<host>/v3');
  });

  it.each([['api.example.com/v1', 'baseUrl in the environment'], ['ftp://example.com', '--base-url'], ['https:///v3', '--base-url'], ['', '--base-url']] as const)('refuses %j from %s', (value, source) => {
    expect(() => checkBaseUrl(value, source)).toThrow('pm-cognito portman: the API\'s base URL is "' + value + '" (' + source + '), which is not an absolute http(s) URL: pass --base-url https://<host>/<base path>');
  });

  it('no server at all', () => {
    expect(() => checkBaseUrl(undefined, 'the OpenAPI document\'s first server')).toThrow('the OpenAPI document has no server and no base URL is set: pass --base-url');
  });
});

describe('collectionBaseUrl', () => {
  it('reads the baseUrl collection variable Portman sets', () => {
    expect(collectionBaseUrl({ variable: [{ key: 'other', value: 'x' }, { key: 'baseUrl', value: '/v3' }] })).toBe('/v3');
    expect(collectionBaseUrl({ variable: [{ key: 'baseUrl', value: '' }] })).toBeUndefined();
    expect(collectionBaseUrl({})).toBeUndefined();
  });
});
