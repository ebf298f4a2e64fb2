// CLIENT_CREDENTIALS against a scripted token endpoint: the request, and each kind of answer as a typed error (table-driven).

import { describe, expect, it } from 'vitest';
import { PmCognitoError } from '../../../src/core/errors';
import { clientCredentials } from '../../../src/core/sign-in/client-credentials-flow';
import type { HttpResponse } from '../../../src/core/transport';
import { fakeHost, json } from '../fake-host';
import { refusalOf } from '../../support/refusal';
import { fakeJwt } from '../jwt';
import { settingsFor } from './settings-for';

const M2M = { cognito_auth_flow: 'CLIENT_CREDENTIALS', cognito_client_secret: 'm2m-secret', cognito_oauth_token_url: 'https://auth.example.com/oauth2/token', cognito_scopes: 'api/read api/write' };
const html = (status: number): HttpResponse => ({ status, body: '<html>gateway</html>' });

describe('clientCredentials', () => {
  it('posts the grant with Basic client authentication and form-encoded scopes; returns the access token only', async () => {
    const token = fakeJwt({ client_id: 'client1' });
    const fake = fakeHost(() => json(200, { access_token: token, expires_in: 3600, token_type: 'Bearer' }));
    const result = await clientCredentials(fake.host, settingsFor(M2M, ''));
    expect(result).toEqual({ idToken: undefined, accessToken: token, refreshToken: undefined, expiresIn: 3600 });
    expect(fake.requests).toEqual([{
      url: 'https://auth.example.com/oauth2/token',
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: 'Basic ' + Buffer.from('client1:m2m-secret').toString('base64') },
      body: 'grant_type=client_credentials&scope=api%2Fread+api%2Fwrite',
    }]);
  });

  // [answer, code, retryable, permanent, calls (4 = retried to the limit), part of the message]
  const ANSWERS: Array<[string, HttpResponse, string, boolean, boolean, number, string]> = [
    ['invalid_client', json(400, { error: 'invalid_client' }), 'COGNITO_NOT_AUTHORIZED', false, true, 1, 'check cognito_client_id and cognito_client_secret'],
    ['invalid_scope', json(400, { error: 'invalid_scope' }), 'COGNITO_NOT_AUTHORIZED', false, true, 1, 'set cognito_scopes to scopes of a resource server'],
    ['unauthorized_client', json(400, { error: 'unauthorized_client' }), 'COGNITO_NOT_AUTHORIZED', false, true, 1, 'enable the client credentials grant'],
    ['throttled (429 with an error)', json(429, { error: 'slow_down' }), 'COGNITO_THROTTLED', true, false, 4, '(slow_down)'],
    ['a 5xx with an error is the endpoint failing, not throttling', json(503, { error: 'server_error' }), 'COGNITO_UNREACHABLE', true, false, 4, '(server_error)'],
    ['a gateway page with 502', html(502), 'COGNITO_UNREACHABLE', true, false, 4, 'answered HTTP 502 repeatedly'],
    ['a page with 404', html(404), 'COGNITO_BAD_RESPONSE', false, false, 1, 'answered HTTP 404 without a token'],
    ['200 without a JWT', json(200, { access_token: 'opaque' }), 'COGNITO_BAD_RESPONSE', false, false, 1, 'answered HTTP 200 without a token'],
  ];
  for (const [what, answer, code, retryable, permanent, calls, text] of ANSWERS) {
    it(what + ': ' + code, async () => {
      const fake = fakeHost(() => answer);
      const error = await refusalOf(clientCredentials(fake.host, settingsFor(M2M)), PmCognitoError);
      expect(error).toMatchObject({ code, retryable, permanent });
      expect(error.message).toContain(text);
      expect(fake.requests).toHaveLength(calls);
    });
  }

  it('names the identity\'s own variables', async () => {
    const fake = fakeHost(() => json(400, { error: 'invalid_client' }));
    const vars = Object.fromEntries(Object.entries(M2M).map(([k, v]) => [k + '@robot', v]));
    const error = await refusalOf(clientCredentials(fake.host, settingsFor(vars, 'robot')), PmCognitoError);
    expect(error).toMatchObject({ identity: 'robot' });
    expect(error.message).toContain('check cognito_client_id@robot and cognito_client_secret@robot');
  });
});
