// authenticate: the cache's decision carried out against a fake host: no call for a valid entry, one sign-in otherwise, nothing secret logged.

import { describe, expect, it } from 'vitest';
import { authenticate } from '../../src/core/authenticate';
import { chosen } from '../../src/postman/token-outputs';
import { cacheKey, cacheVariable, parseCache, serialiseCache } from '../../src/core/cache-entry';
import { readSettings } from '../../src/core/settings';
import { fakeHost, fault, json } from './fake-host';
import { fakeJwt } from './jwt';

const NOW = 1_800_000_000_000;
const S = NOW / 1000;
const vars: Record<string, string> = { cognito_endpoint: 'http://127.0.0.1:9229/', cognito_client_id: 'client1', cognito_username: 'alice', cognito_password: 'pw-Secret1!', cognito_debug: 'true' };
const settings = readSettings((n) => vars[n]);
const ID = fakeJwt({ aud: 'client1', 'cognito:username': 'alice', iat: S, exp: S + 3600 });
const ACCESS = fakeJwt({ client_id: 'client1', username: 'alice', iat: S, exp: S + 3600 });
const ANSWER = { AuthenticationResult: { IdToken: ID, AccessToken: ACCESS, RefreshToken: 'refresh-1', ExpiresIn: 3600 } };
const variable = cacheVariable(cacheKey(settings));

describe('authenticate', () => {
  it('signs in when nothing is cached, and stores an entry that the next call uses without any call', async () => {
    const fake = fakeHost(() => json(200, ANSWER), NOW);
    const first = await authenticate(fake.host, settings);
    expect(first.source).toBe('sign-in');
    expect(parseCache(fake.store.get(variable), settings)).toMatchObject({ accessToken: ACCESS, refreshToken: 'refresh-1', obtainedAt: NOW, expiresAt: NOW + 3_600_000 });
    fake.advance(60_000);
    const second = await authenticate(fake.host, settings);
    expect(second.source).toBe('cache');
    expect(fake.requests).toHaveLength(1);
  });

  it('a refusal stores nothing', async () => {
    const fake = fakeHost(() => fault('NotAuthorizedException', 'Incorrect username or password.'), NOW);
    await expect(authenticate(fake.host, settings)).rejects.toMatchObject({ code: 'COGNITO_NOT_AUTHORIZED' });
    expect(fake.store.get(variable)).toBeUndefined();
  });

  it('debug output says what was decided, never a token or the password', async () => {
    const fake = fakeHost(() => json(200, ANSWER), NOW);
    fake.store.set(variable, serialiseCache({ key: cacheKey(settings), idToken: ID, accessToken: ACCESS, refreshToken: 'refresh-1', obtainedAt: NOW - 3_590_000, expiresAt: NOW + 10_000 }));
    await authenticate(fake.host, settings);
    expect(fake.logs.join('\n')).toContain('refreshing: the token expires soon');
    for (const secret of [ID, ACCESS, 'refresh-1', 'pw-Secret1!']) expect(fake.logs.join('\n')).not.toContain(secret);
  });

  it('reports tokens Cognito sent that are not readable JWTs for the identity, naming its endpoint setting; nothing stored', async () => {
    const admin = readSettings((n) => ({ ...vars, 'cognito_username@admin': 'root', 'cognito_password@admin': 'pw-Secret2!' } as Record<string, string>)[n], 'admin');
    const fake = fakeHost(() => json(200, { AuthenticationResult: { IdToken: 'a.b.c', AccessToken: 'a.b.c', RefreshToken: 'r', ExpiresIn: 3600 } }), NOW);
    await expect(authenticate(fake.host, admin)).rejects.toMatchObject({ code: 'TOKEN_INVALID', identity: 'admin', setting: 'cognito_endpoint@admin',
      message: 'The token from Cognito is not a readable JWT: check that cognito_endpoint@admin points at Cognito' });
    expect(fake.store.get(cacheVariable(cacheKey(admin)))).toBeUndefined();
    // The default identity's names the plain variable, as before.
    await expect(authenticate(fakeHost(() => json(200, { AuthenticationResult: { IdToken: 'a.b.c', AccessToken: 'a.b.c', RefreshToken: 'r', ExpiresIn: 3600 } }), NOW).host, settings))
      .rejects.toMatchObject({ identity: '', message: 'The token from Cognito is not a readable JWT: check that cognito_endpoint points at Cognito' });
  });

  it('chooses the ID or the access token by cognito_token_type (the one rule the script and the doctor use)', () => {
    const tokens = { idToken: ID, accessToken: ACCESS };
    expect(chosen({ ...tokens, tokenType: settings.tokenType })).toBe(ID);
    expect(chosen({ ...tokens, tokenType: 'access' })).toBe(ACCESS);
    expect(chosen({ idToken: undefined, accessToken: ACCESS, tokenType: 'id' })).toBe(ACCESS);
  });
});
