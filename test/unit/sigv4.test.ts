// Known-answer tests for SigV4: our headers must equal those of AWS's own signer (@smithy/signature-v4).

import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { PmCognitoError } from '../../src/core/errors';
import { parseHttpUrl, signRequest, type SignRequestInput } from '../../src/core/sigv4';

const NOW = Date.UTC(2026, 10, 3, 4, 5, 6, 789);
const BODY = JSON.stringify({
  AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
  ClientId: '1example23456789',
  UserPoolId: 'us-east-1_AbCdEf123',
  AuthParameters: { USERNAME: 'jürgen', PASSWORD: 'not-a-real-password' },
});
const CREDENTIALS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

function baseInput(overrides: Partial<SignRequestInput> = {}): SignRequestInput {
  return {
    method: 'POST',
    url: 'https://cognito-idp.us-east-1.amazonaws.com/',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': 'AWSCognitoIdentityProviderService.AdminInitiateAuth',
    },
    body: BODY,
    region: 'us-east-1',
    service: 'cognito-idp',
    ...CREDENTIALS,
    nowMs: NOW,
    ...overrides,
  };
}

/** What AWS's signer produces for the same request, as a map of lowercase header names. */
async function smithyHeaders(
  input: SignRequestInput,
  request: { hostname: string; path: string; query?: Record<string, string>; host?: string },
): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    service: input.service,
    region: input.region,
    sha256: Sha256,
    credentials: {
      accessKeyId: input.accessKeyId,
      secretAccessKey: input.secretAccessKey,
      ...(input.sessionToken === undefined ? {} : { sessionToken: input.sessionToken }),
    },
  });
  const signed = await signer.sign(
    {
      method: input.method,
      protocol: 'https:',
      hostname: request.hostname,
      path: request.path,
      query: request.query ?? {},
      headers: { ...input.headers, host: request.host ?? request.hostname },
      body: input.body,
    },
    { signingDate: new Date(input.nowMs) },
  );
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) out[name.toLowerCase()] = String(value);
  return out;
}

function lowercase(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}

const COGNITO = { hostname: 'cognito-idp.us-east-1.amazonaws.com', path: '/' };

describe('signRequest', () => {
  it('matches @smithy/signature-v4 without a session token', async () => {
    const input = baseInput();
    const ours = signRequest(input);
    const theirs = await smithyHeaders(input, COGNITO);
    expect(Object.keys(ours).sort()).toEqual(['Authorization', 'X-Amz-Content-Sha256', 'X-Amz-Date']);
    expect(ours['X-Amz-Date']).toBe('20261103T040506Z');
    expect(ours['X-Amz-Date']).toBe(theirs['x-amz-date']);
    expect(ours['X-Amz-Content-Sha256']).toBe(theirs['x-amz-content-sha256']);
    expect(ours['Authorization']).toBe(theirs['authorization']);
    expect(ours['Authorization']).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/20261103\/us-east-1\/cognito-idp\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}$/,
    );
  });

  it('matches @smithy/signature-v4 with a session token', async () => {
    const input = baseInput({ sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE//token+with/odd=chars' });
    const ours = signRequest(input);
    const theirs = await smithyHeaders(input, COGNITO);
    expect(ours['X-Amz-Security-Token']).toBe(input.sessionToken);
    expect(lowercase(ours)).toEqual({
      'x-amz-date': theirs['x-amz-date'],
      'x-amz-content-sha256': theirs['x-amz-content-sha256'],
      'x-amz-security-token': theirs['x-amz-security-token'],
      authorization: theirs['authorization'],
    });
    expect(ours['Authorization']).toContain('x-amz-date;x-amz-security-token;x-amz-target');
  });

  it('matches for other regions, a non-default port, a deeper path, a query and untidy header values', async () => {
    const input = baseInput({
      url: 'https://Example.COM:8443/a/./b/../c%20d/?b=2&a=1&a=0&e=%20x',
      region: 'eu-west-2',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': '  AWSCognitoIdentityProviderService.AdminInitiateAuth  ',
        'X-Custom': 'a   b\t\tc',
        'User-Agent': 'newman/6.2.2',
      },
      nowMs: Date.UTC(2025, 0, 9, 23, 59, 59),
    });
    const ours = signRequest(input);
    const theirs = await smithyHeaders(input, {
      hostname: 'example.com',
      host: 'example.com:8443',
      path: '/a/./b/../c%20d/',
      query: { a: ['1', '0'] as unknown as string, b: '2', e: ' x' },
    });
    expect(ours['Authorization']).toBe(theirs['authorization']);
    expect(ours['Authorization']).not.toContain('user-agent');
  });

  it('signs a Uint8Array body like the same string', () => {
    const asBytes = signRequest(baseInput({ body: new TextEncoder().encode(BODY) }));
    expect(asBytes).toEqual(signRequest(baseInput()));
  });

  it('changes the signature when the body, time, key or target changes', () => {
    const reference = signRequest(baseInput())['Authorization'];
    const variants = [
      baseInput({ body: BODY.replace('jürgen', 'jurgen') }),
      baseInput({ nowMs: NOW + 1000 }),
      baseInput({ secretAccessKey: CREDENTIALS.secretAccessKey + 'x' }),
      baseInput({ headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'Other' } }),
      baseInput({ sessionToken: 'token' }),
    ];
    const signatures = variants.map((input) => signRequest(input)['Authorization']);
    for (const signature of signatures) expect(signature).not.toBe(reference);
    expect(new Set(signatures).size).toBe(signatures.length);
    // milliseconds do not matter: the date has whole seconds
    expect(signRequest(baseInput({ nowMs: NOW + 100 }))['Authorization']).toBe(reference);
  });

  it('ignores Authorization and X-Amz-Date headers already on the request', () => {
    const input = baseInput();
    const withStale = baseInput({
      headers: { ...input.headers, Authorization: 'Bearer old', 'X-Amz-Date': '20000101T000000Z' },
    });
    expect(signRequest(withStale)).toEqual(signRequest(input));
  });
});

describe('parseHttpUrl', () => {
  it('splits scheme, host, path and query', () => {
    expect(parseHttpUrl('https://cognito-idp.us-east-1.amazonaws.com/')).toEqual({
      scheme: 'https', host: 'cognito-idp.us-east-1.amazonaws.com', path: '/', query: '',
    });
    expect(parseHttpUrl('http://127.0.0.1:9229')).toEqual({ scheme: 'http', host: '127.0.0.1:9229', path: '/', query: '' });
    expect(parseHttpUrl('HTTPS://Host.example:443/x/y?z=1#frag')).toEqual({
      scheme: 'https', host: 'host.example', path: '/x/y', query: 'z=1',
    });
    expect(parseHttpUrl('http://[::1]:80/p')).toEqual({ scheme: 'http', host: '[::1]', path: '/p', query: '' });
  });

  it.each([
    'cognito-idp.us-east-1.amazonaws.com',
    'ftp://example.com/',
    'https://user:pass@example.com/',
    'https:///path',
    'https://exa mple.com/',
    'https://example.com:port/',
  ])('refuses %s', (url) => {
    let caught: unknown;
    try {
      parseHttpUrl(url);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PmCognitoError);
    expect((caught as PmCognitoError).code).toBe('SETTINGS_INVALID');
    expect((caught as PmCognitoError).message).toContain('is not an http(s) URL');
  });
});
