// What a request the fast path serves carries into the sandbox, for the benches that execute installed scripts in postman-sandbox alone.

import { readSettings } from '../src/core/settings';
import { cacheKey, cacheVariable, serialiseCache } from '../src/core/cache-entry';
import { upFrontNote } from '../src/node/run-fast-path';
import { fakeJwt } from '../test/unit/jwt';

const ENV: Readonly<Record<string, string>> = { cognito_endpoint: 'http://127.0.0.1:9/', cognito_region: 'us-east-1', cognito_user_pool_id: 'us-east-1_Bench1', cognito_client_id: 'benchclient', cognito_username: 'alice', cognito_password: 'Bench-pass-1!x', bench_token: 'x' };

const values = (record: Readonly<Record<string, string>>) => Object.entries(record).map(([key, value]) => ({ key, value }));

/**
 * An execute() context whose request the fast path serves: the settings in the environment and, with `carried`, the
 * token cache (unsigned test JWTs of a Cognito token's size), the note `pm-cognito run` computes up front and the
 * token outputs in collection variables. Without `carried`: what a minimal script gets (the environment alone).
 */
export function servedContext(): (carried: boolean) => object {
  const key = cacheKey(readSettings((name) => ENV[name]));
  const now = Math.floor(Date.now() / 1000);
  const common = { sub: 'a'.repeat(36), iss: 'http://127.0.0.1:9/us-east-1_Bench1', exp: now + 3600, iat: now, auth_time: now, 'cognito:username': 'alice', jti: 'j'.repeat(36), origin_jti: 'o'.repeat(36), event_id: 'e'.repeat(36) };
  const id = fakeJwt({ ...common, aud: 'benchclient', token_use: 'id', email: 'alice@example.com' });
  const access = fakeJwt({ ...common, client_id: 'benchclient', token_use: 'access', scope: 'aws.cognito.signin.user.admin', username: 'alice' });
  const cache = { [cacheVariable(key)]: serialiseCache({ key, idToken: id, accessToken: access, refreshToken: 'r'.repeat(1700), obtainedAt: Date.now(), expiresAt: Date.now() + 3_600_000 }) };
  const collectionVariables = { values: values({ ...cache, ...upFrontNote({ ...ENV }, cache), cognito_token: id, cognito_id_token: id, cognito_access_token: access }) };
  const environment = { values: values(ENV) };
  return (carried) => ({ request: { url: 'http://127.0.0.1/r', header: [] }, environment, ...(carried ? { collectionVariables } : {}) });
}
