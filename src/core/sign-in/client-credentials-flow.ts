// CLIENT_CREDENTIALS: OAuth 2.0 client credentials at the user pool domain's /oauth2/token (machine-to-machine, no user).

import { base64Encode, utf8Encode } from '../bytes';
import { DEFAULT_RETRY, withRetries } from '../cognito-client';
import { BadResponseError } from '../errors';
import { CredentialsRefused, RetryableRefusal } from '../refusals';
import { isRecord, safeJsonParse } from '../safe-json';
import { TOKEN_URL_EXAMPLE } from '../setting-specs';
import { variableName, type SettingKey, type Settings } from '../settings';
import type { Host } from '../transport';
import type { AuthResult } from './auth-result';

const formEncode = (value: string): string => encodeURIComponent(value).replace(/%20/g, '+');

export const clientCredentials = (host: Host, settings: Settings): Promise<AuthResult> => {
  const url = settings.oauthTokenUrl ?? '';
  let body = 'grant_type=client_credentials';
  if (settings.scopes !== undefined) body += '&scope=' + formEncode(settings.scopes);
  const basic = base64Encode(utf8Encode(settings.clientId + ':' + (settings.clientSecret ?? '')));
  const v = (key: SettingKey) => variableName(key, settings.identity);
  return withRetries(host, DEFAULT_RETRY, settings, 'client_credentials', async () => {
    const { status, body: text } = await host.transport({
      url,
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: 'Basic ' + basic },
      body,
    }, settings.timeoutMs);
    const parsed = safeJsonParse(text);
    const answer = isRecord(parsed) ? parsed : {};
    const token = answer['access_token'];
    if (status === 200 && typeof token === 'string' && token.split('.').length === 3) {
      const expiresIn = answer['expires_in'];
      return { idToken: undefined, accessToken: token, refreshToken: undefined, expiresIn: typeof expiresIn === 'number' ? expiresIn : undefined };
    }
    // 429 is throttling; a 5xx is the endpoint failing, not a refusal: both are worth another try, neither is permanent.
    const retryable = status === 429 || status >= 500;
    const facts = { identity: settings.identity, retryable };
    const error = answer['error'];
    if (typeof error === 'string') {
      const advice = error === 'invalid_client' ? 'check ' + v('clientId') + ' and ' + v('clientSecret') + ', and that the app client has the client credentials grant'
        : error === 'invalid_scope' ? 'set ' + v('scopes') + ' to scopes of a resource server that the app client may request'
        : error === 'unauthorized_client' ? 'enable the client credentials grant on the app client'
        : error === 'unsupported_grant_type' ? 'check ' + v('oauthTokenUrl') + ' is the user pool domain\'s /oauth2/token'
        : 'check the app client\'s OAuth settings';
      const refusal = 'the token endpoint refused client credentials for app client ' + settings.clientId + ' (' + error + '): ' + advice;
      throw retryable ? new RetryableRefusal(status === 429 ? 'COGNITO_THROTTLED' : 'COGNITO_UNREACHABLE', refusal, facts) : new CredentialsRefused(refusal, facts);
    }
    const answered = 'the token endpoint answered HTTP ' + status;
    throw retryable ? new BadResponseError('COGNITO_UNREACHABLE', answered + ' repeatedly: check ' + v('oauthTokenUrl') + ' or run again later', facts)
      : new BadResponseError('COGNITO_BAD_RESPONSE', answered + ' without a token: check ' + v('oauthTokenUrl') + ' is ' + TOKEN_URL_EXAMPLE);
  });
};
