// The bad-input catalogue of docs/bad-inputs.md: every case through the built script in real newman, one stack, one run per case.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSettings } from '../../src/core/settings';
import { cacheKey, cacheVariable, serialiseCache, type CachedTokens } from '../../src/core/cache-entry';
import { startTestStack, type LocalStack } from '../support/local-stack';
import { runSuite } from '../../src/node/newman-runner';
import { collection, item, ROOT } from '../support/collection';
import { fakeJwt } from '../unit/jwt';

const SIGN_IN_TEST = 'pm-cognito: sign in to Cognito';
const DOC = join(ROOT, 'docs', 'bad-inputs.md');

const ALICE_PW = 'Alice-pass-1!x';
const BOB_PW = 'Bob-pass-2!y';
const PLUS_USER = 'qa+1@example.com';
const UNICODE_USER = 'zoë-ünïcødé';
const UNICODE_PW = 'Zoë-pässwörd-1!✓';
const SPACE_USER = 'ann lee';
const LONG_USER = 'long-' + 'x'.repeat(123);
const OTHER_PW = 'Other-pass-3!z';
const PADDING_ERROR = 'starts or ends with whitespace, which Cognito does not allow: remove it';

let stack: LocalStack;
type RealTokens = { IdToken: string; AccessToken: string; RefreshToken: string };
/** Tokens cognito-local issued in beforeAll, for doctored cache entries. */
let real: { alice: RealTokens; aliceOtherClient: RealTokens; bob: RealTokens };

type Env = Record<string, string | undefined>;

type Expectation =
  /**
   * The script refuses with exactly this message (a function for messages that name the stack's ports);
   * `calls` Cognito calls on the wire (default 0); nothing sent. The doc's outcome must contain `fragment`.
   */
  | { error: string | (() => string); fragment: string; calls?: number; newmanErrors?: number }
  /** The request is sent with a token of the right user and client. */
  | { works: true; signIns: number; refreshes?: number; user?: string; client?: 'demo' | 'other'; tokenUse?: 'id' | 'access' }
  /** The request is sent with what the cache held and the API answers this status. */
  | { sentAndApiSays: number; calls: number };

interface Case {
  id: string;
  /** Changes to the base environment (alice, the demo client, the proxy endpoint): a value replaces, undefined removes. */
  env?: Env | (() => Env);
  /** Collection variables set before the run, e.g. a doctored cache entry. */
  cache?: () => Record<string, string>;
  /** Name of the one request; a trailing `@name` picks an identity. */
  request?: string;
  expect: Expectation;
}

const settingsError = (...problems: string[]) => 'pm-cognito settings need attention (' + problems.length + '): ' + problems.join('; ') + '.';
const NOT_SET = {
  clientId: 'cognito_client_id is not set: set it to the app client id from the Cognito console (App integration > App clients)',
  username: 'cognito_username is not set: set it to the test user\'s username',
  password: 'cognito_password is not set: set it to the test user\'s password (as a secret variable)',
};
const notUrl = (name: string, value: string) => name + ' is "' + value + '", which is not an http(s) URL: set it like http://127.0.0.1:9229/ or leave it empty to use the region';
const refused = (user: string, cognitoSaid: string) => 'pm-cognito: Cognito refused the sign-in of user "' + user + '": check cognito_username, cognito_password and that cognito_client_id is a client of the user\'s pool (Cognito said ' + cognitoSaid + ')';

function baseEnv(): Record<string, string> {
  return { ...stack.connection, cognito_username: 'alice', cognito_password: ALICE_PW };
}
const endpoint = () => stack.connection['cognito_endpoint']!;
const clientId = (name: 'demo' | 'other') => stack.pool.clients.find((c) => c.name === name)!.clientId;
const hostPort = () => endpoint().replace(/^http:\/\//, '').replace(/\/$/, '');

/** The collection variable that caches alice's tokens for the base environment, as the script names it. */
function aliceCacheVariable(): string {
  const env = baseEnv();
  return cacheVariable(cacheKey(readSettings((name) => env[name])));
}
function aliceKey(): string {
  const env = baseEnv();
  return cacheKey(readSettings((name) => env[name]));
}

function entry(tokens: { IdToken: string; AccessToken: string; RefreshToken?: string | undefined }, overrides: Partial<CachedTokens> = {}): CachedTokens {
  const now = Date.now();
  return { key: aliceKey(), idToken: tokens.IdToken, accessToken: tokens.AccessToken, refreshToken: tokens.RefreshToken, obtainedAt: now, expiresAt: now + 3_600_000, ...overrides };
}
const cacheOf = (text: string) => () => ({ [aliceCacheVariable()]: text });

/** Unsigned tokens with alice's claims for the demo client: what a hand-edited entry could hold. */
function aliceClaimsTokens(iatS: number, expS: number) {
  const client = clientId('demo');
  return {
    IdToken: fakeJwt({ aud: client, 'cognito:username': 'alice', token_use: 'id', iat: iatS, exp: expS }),
    AccessToken: fakeJwt({ client_id: client, username: 'alice', token_use: 'access', iat: iatS, exp: expS }),
  };
}
function withClaim(token: string, name: string, value: unknown): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
  claims[name] = value;
  return header + '.' + Buffer.from(JSON.stringify(claims)).toString('base64url') + '.' + signature;
}
const nowS = () => Math.floor(Date.now() / 1000);

const CASES: Case[] = [
  // --- the app client id
  { id: 'client-id-missing', env: { cognito_client_id: undefined }, expect: { error: settingsError(NOT_SET.clientId), fragment: 'cognito_client_id is not set' } },
  { id: 'client-id-blank', env: { cognito_client_id: '' }, expect: { error: settingsError(NOT_SET.clientId), fragment: 'cognito_client_id is not set' } },
  { id: 'client-id-whitespace', env: { cognito_client_id: ' \t ' }, expect: { error: settingsError(NOT_SET.clientId), fragment: 'cognito_client_id is not set' } },
  { id: 'client-id-padded', env: () => ({ cognito_client_id: '  ' + clientId('demo') + '\t' }), expect: { works: true, signIns: 1, client: 'demo' } },
  { id: 'client-id-malformed', env: { cognito_client_id: 'my client!' }, expect: { error: settingsError('cognito_client_id is "my client!", which is not an app client id: copy it from the Cognito console'), fragment: 'which is not an app client id' } },
  { id: 'client-id-10kb', env: { cognito_client_id: 'a'.repeat(10_240) }, expect: { error: settingsError('cognito_client_id is "' + 'a'.repeat(61) + '...", which is not an app client id: copy it from the Cognito console'), fragment: 'which is not an app client id' } },
  { id: 'client-id-unknown', env: { cognito_client_id: 'abcdefghijklmnopqrstuvwxyz' }, expect: { error: () => 'pm-cognito: Cognito does not know the app client abcdefghijklmnopqrstuvwxyz in user pool ' + stack.connection.cognito_user_pool_id + ': check cognito_client_id, that it is a client of cognito_user_pool_id, and that cognito_region / cognito_endpoint is where the pool lives (Cognito said ResourceNotFoundException: App Client abcdefghijklmnopqrstuvwxyz not found)', fragment: 'Cognito does not know the app client abcdefghijklmnopqrstuvwxyz', calls: 1 } },
  { id: 'client-id-unresolved-ref', env: { cognito_client_id: '{{client_id}}' }, expect: { error: settingsError('cognito_client_id refers to {{client_id}}, which is not set: set client_id or put the value in cognito_client_id directly'), fragment: 'cognito_client_id refers to {{client_id}}, which is not set' } },

  // --- the username
  { id: 'username-missing', env: { cognito_username: undefined }, expect: { error: settingsError(NOT_SET.username), fragment: 'cognito_username is not set' } },
  { id: 'username-blank', env: { cognito_username: '' }, expect: { error: settingsError(NOT_SET.username), fragment: 'cognito_username is not set' } },
  { id: 'username-padded', env: { cognito_username: '  alice \t' }, expect: { works: true, signIns: 1, user: 'alice' } },
  { id: 'username-plus', env: { cognito_username: PLUS_USER, cognito_password: OTHER_PW }, expect: { works: true, signIns: 1, user: PLUS_USER } },
  { id: 'username-unicode', env: { cognito_username: UNICODE_USER, cognito_password: UNICODE_PW }, expect: { works: true, signIns: 1, user: UNICODE_USER } },
  { id: 'username-inner-space', env: { cognito_username: SPACE_USER, cognito_password: OTHER_PW }, expect: { works: true, signIns: 1, user: SPACE_USER } },
  { id: 'username-128-chars', env: { cognito_username: LONG_USER, cognito_password: OTHER_PW }, expect: { works: true, signIns: 1, user: LONG_USER } },
  { id: 'username-200-chars', env: { cognito_username: 'u'.repeat(200) }, expect: { error: settingsError('cognito_username is longer than 128 characters, which Cognito does not allow: check the value'), fragment: 'cognito_username is longer than 128 characters' } },
  { id: 'username-other-case', env: { cognito_username: 'ALICE' }, expect: { error: refused('ALICE', 'NotAuthorizedException: User not authorized'), fragment: 'Cognito refused the sign-in of user "ALICE"', calls: 1 } },
  { id: 'username-unknown', env: { cognito_username: 'nobody' }, expect: { error: refused('nobody', 'NotAuthorizedException: User not authorized'), fragment: 'Cognito refused the sign-in of user "nobody"', calls: 1 } },

  // --- the password (a secret: never trimmed, never echoed)
  { id: 'password-missing', env: { cognito_password: undefined }, expect: { error: settingsError(NOT_SET.password), fragment: 'cognito_password is not set' } },
  { id: 'password-blank', env: { cognito_password: '' }, expect: { error: settingsError(NOT_SET.password), fragment: 'cognito_password is not set' } },
  { id: 'password-whitespace', env: { cognito_password: '   ' }, expect: { error: settingsError(NOT_SET.password), fragment: 'cognito_password is not set' } },
  { id: 'password-padded', env: { cognito_password: ' ' + ALICE_PW + ' ' }, expect: { error: settingsError('cognito_password ' + PADDING_ERROR), fragment: 'cognito_password starts or ends with whitespace' } },
  { id: 'password-10kb', env: { cognito_password: 'P@ss-' + 'w'.repeat(10_235) }, expect: { error: settingsError('cognito_password is longer than 256 characters, which Cognito does not allow: check the value'), fragment: 'cognito_password is longer than 256 characters' } },
  { id: 'password-wrong', env: { cognito_password: 'Wrong-pass-9!z' }, expect: { error: refused('alice', 'InvalidPasswordException: Invalid password'), fragment: 'check cognito_username, cognito_password', calls: 1 } },
  { id: 'password-unresolved-ref', env: { cognito_password: '{{vault_password}}' }, expect: { error: settingsError('cognito_password refers to {{vault_password}}, which is not set: set vault_password or put the value in cognito_password directly'), fragment: 'cognito_password refers to {{vault_password}}, which is not set' } },
  // Known defect (docs/bad-inputs.md, D1): the reference is set, yet pm.variables.get does not resolve nested references.
  { id: 'password-resolvable-ref', env: { cognito_password: '{{vault_password}}', vault_password: ALICE_PW }, expect: { works: true, signIns: 1, user: 'alice' } },
  { id: 'identity-password-padded', request: 'me @admin', env: { 'cognito_username@admin': 'alice', 'cognito_password@admin': ALICE_PW + '\n' }, expect: { error: 'pm-cognito settings for identity "admin" need attention (1): cognito_password@admin ' + PADDING_ERROR + '.', fragment: 'cognito_password@admin starts or ends with whitespace' } },

  // --- other secrets
  { id: 'client-secret-padded', env: { cognito_client_secret: ' s3cret ' }, expect: { error: settingsError('cognito_client_secret ' + PADDING_ERROR), fragment: 'cognito_client_secret starts or ends with whitespace' } },
  { id: 'aws-secret-key-padded', env: { cognito_auth_flow: 'ADMIN_USER_PASSWORD_AUTH', cognito_aws_access_key_id: 'AKIDEXAMPLE', cognito_aws_secret_access_key: 'wJalrXUtnFEMI/K7MDENG ' }, expect: { error: settingsError('cognito_aws_secret_access_key ' + PADDING_ERROR), fragment: 'cognito_aws_secret_access_key starts or ends with whitespace' } },
  { id: 'new-password-padded', env: { cognito_new_password: ' New-pass-1!x ' }, expect: { error: settingsError('cognito_new_password ' + PADDING_ERROR), fragment: 'cognito_new_password starts or ends with whitespace' } },
  { id: 'totp-secret-padded', env: { cognito_totp_secret: ' JBSWY3DPEHPK3PXP ' }, expect: { error: settingsError('cognito_totp_secret ' + PADDING_ERROR), fragment: 'cognito_totp_secret starts or ends with whitespace' } },

  // --- where Cognito is: endpoint, region, pool id
  { id: 'endpoint-padded', env: () => ({ cognito_endpoint: '  ' + endpoint() + '  ' }), expect: { works: true, signIns: 1 } },
  { id: 'endpoint-no-trailing-slash', env: () => ({ cognito_endpoint: endpoint().replace(/\/$/, '') }), expect: { works: true, signIns: 1 } },
  { id: 'endpoint-no-scheme', env: () => ({ cognito_endpoint: hostPort() }), expect: { error: () => settingsError(notUrl('cognito_endpoint', hostPort())), fragment: 'which is not an http(s) URL' } },
  { id: 'endpoint-ftp', env: { cognito_endpoint: 'ftp://127.0.0.1/' }, expect: { error: settingsError(notUrl('cognito_endpoint', 'ftp://127.0.0.1/')), fragment: 'which is not an http(s) URL' } },
  { id: 'endpoint-with-query', env: { cognito_endpoint: 'http://127.0.0.1:9229/?region=us-east-1' }, expect: { error: settingsError(notUrl('cognito_endpoint', 'http://127.0.0.1:9229/?region=us-east-1')), fragment: 'which is not an http(s) URL' } },
  // The user-info of a refused URL is masked in the message.
  { id: 'endpoint-with-credentials', env: { cognito_endpoint: 'http://admin:hunter2@127.0.0.1:9229/' }, expect: { error: settingsError(notUrl('cognito_endpoint', 'http://***@127.0.0.1:9229/')), fragment: 'is "http://***@127.0.0.1:9229/", which is not an http(s) URL' } },
  { id: 'endpoint-port-out-of-range', env: { cognito_endpoint: 'http://127.0.0.1:99999/' }, expect: { error: settingsError(notUrl('cognito_endpoint', 'http://127.0.0.1:99999/')), fragment: 'which is not an http(s) URL' } },
  { id: 'endpoint-another-service', env: () => ({ cognito_endpoint: stack.api.url + '/' }), expect: { error: () => 'pm-cognito: InitiateAuth got HTTP 404 with an answer of an unknown shape from ' + stack.api.url + '/, which is not Cognito\'s answer: check cognito_endpoint / cognito_region', fragment: 'got HTTP 404 with an answer of an unknown shape' } },
  { id: 'endpoint-region-pool-all-missing', env: { cognito_endpoint: undefined, cognito_user_pool_id: undefined }, expect: { error: settingsError('cognito_region is not set: set the AWS region of the user pool (e.g. eu-west-1), or cognito_user_pool_id, or cognito_endpoint'), fragment: 'cognito_region is not set' } },
  { id: 'region-malformed', env: { cognito_region: 'eu_west_1' }, expect: { error: settingsError('cognito_region is "eu_west_1", which is not an AWS region: set it like eu-west-1'), fragment: 'which is not an AWS region' } },
  { id: 'region-uppercase', env: { cognito_region: 'US-EAST-1' }, expect: { error: settingsError('cognito_region is "US-EAST-1", which is not an AWS region: set it like eu-west-1'), fragment: 'which is not an AWS region' } },
  { id: 'region-disagrees-with-pool', env: { cognito_region: 'eu-west-1' }, expect: { error: settingsError('cognito_region is eu-west-1 but cognito_user_pool_id belongs to us-east-1: make them agree (or leave cognito_region empty)'), fragment: 'belongs to us-east-1: make them agree' } },
  { id: 'region-padded', env: { cognito_region: ' us-east-1 ' }, expect: { works: true, signIns: 1 } },
  { id: 'pool-id-malformed', env: { cognito_user_pool_id: 'not a pool' }, expect: { error: settingsError('cognito_user_pool_id is "not a pool", which is not a user pool id: copy it from the Cognito console (it looks like eu-west-1_AbCdEf123)'), fragment: 'which is not a user pool id' } },
  { id: 'pool-id-padded', env: () => ({ cognito_user_pool_id: ' ' + stack.pool.poolId + ' ' }), expect: { works: true, signIns: 1 } },
  { id: 'srp-without-pool-id', env: { cognito_auth_flow: 'USER_SRP_AUTH', cognito_user_pool_id: undefined }, expect: { error: settingsError('cognito_user_pool_id is not set: USER_SRP_AUTH needs the user pool id (e.g. eu-west-1_AbCdEf123)'), fragment: 'USER_SRP_AUTH needs the user pool id' } },

  // --- flow and token choices
  { id: 'flow-unknown', env: { cognito_auth_flow: 'PASSWORD' }, expect: { error: settingsError('cognito_auth_flow is "PASSWORD", which is not one of USER_PASSWORD_AUTH, USER_SRP_AUTH, ADMIN_USER_PASSWORD_AUTH, CLIENT_CREDENTIALS, USER_AUTH, ADMIN_USER_AUTH: set one of those'), fragment: 'cognito_auth_flow is "PASSWORD", which is not one of' } },
  { id: 'flow-lowercase-dashes', env: { cognito_auth_flow: ' user-password-auth ' }, expect: { works: true, signIns: 1 } },
  { id: 'admin-flow-without-keys', env: { cognito_auth_flow: 'ADMIN_USER_PASSWORD_AUTH' }, expect: { error: settingsError('cognito_aws_access_key_id is not set: ADMIN_USER_PASSWORD_AUTH signs with AWS credentials that may call cognito-idp:AdminInitiateAuth', 'cognito_aws_secret_access_key is not set: ADMIN_USER_PASSWORD_AUTH needs the secret access key of those credentials'), fragment: 'cognito_aws_access_key_id is not set' } },
  { id: 'preferred-challenge-unknown', env: { cognito_auth_flow: 'USER_AUTH', cognito_preferred_challenge: 'EMAIL_OTP' }, expect: { error: settingsError('cognito_preferred_challenge is "EMAIL_OTP", which is not one of PASSWORD, PASSWORD_SRP: set one of those'), fragment: 'cognito_preferred_challenge is "EMAIL_OTP", which is not one of PASSWORD, PASSWORD_SRP' } },
  { id: 'client-credentials-without-url-or-secret', env: { cognito_auth_flow: 'CLIENT_CREDENTIALS' }, expect: { error: settingsError('cognito_oauth_token_url is not set: set the user pool domain\'s token endpoint, e.g. https://<domain>.auth.<region>.amazoncognito.com/oauth2/token', 'cognito_client_secret is not set: CLIENT_CREDENTIALS needs the app client\'s secret'), fragment: 'cognito_oauth_token_url is not set' } },
  { id: 'token-url-malformed', env: { cognito_auth_flow: 'CLIENT_CREDENTIALS', cognito_client_secret: 's3cret', cognito_oauth_token_url: 'auth.example.com/oauth2/token' }, expect: { error: settingsError('cognito_oauth_token_url is "auth.example.com/oauth2/token", which is not an http(s) URL: set the full token endpoint URL'), fragment: 'cognito_oauth_token_url is "auth.example.com/oauth2/token", which is not an http(s) URL' } },
  { id: 'token-type-unknown', env: { cognito_token_type: 'refresh' }, expect: { error: settingsError('cognito_token_type is "refresh", which is not one of id, access: set one of those'), fragment: 'cognito_token_type is "refresh", which is not one of id, access' } },
  { id: 'token-type-spelled-out', env: { cognito_token_type: ' Access_Token ' }, expect: { works: true, signIns: 1, tokenUse: 'access' } },

  // --- numbers, names and switches
  { id: 'timeout-not-a-number', env: { cognito_timeout_ms: '10s' }, expect: { error: settingsError('cognito_timeout_ms is "10s": set a whole number from 100 to 300000'), fragment: 'cognito_timeout_ms is "10s"' } },
  { id: 'timeout-too-small', env: { cognito_timeout_ms: '50' }, expect: { error: settingsError('cognito_timeout_ms is "50": set a whole number from 100 to 300000'), fragment: 'cognito_timeout_ms is "50"' } },
  { id: 'refresh-margin-negative', env: { cognito_refresh_margin_seconds: '-5' }, expect: { error: settingsError('cognito_refresh_margin_seconds is "-5": set a whole number from 0 to 86400'), fragment: 'cognito_refresh_margin_seconds is "-5"' } },
  { id: 'header-name-with-space', env: { cognito_header_name: 'X Auth' }, expect: { error: settingsError('cognito_header_name is "X Auth", which is not a valid header name: use letters, digits and -'), fragment: 'which is not a valid header name' } },
  { id: 'debug-not-boolean', env: { cognito_debug: 'maybe' }, expect: { error: settingsError('cognito_debug is "maybe": set true or false'), fragment: 'cognito_debug is "maybe"' } },
  { id: 'user-attributes-not-json', env: { cognito_user_attributes: '{email: qa@example.com}' }, expect: { error: settingsError('cognito_user_attributes is not a JSON object of strings: set it like {"email":"qa@example.com"}'), fragment: 'cognito_user_attributes is not a JSON object of strings' } },
  { id: 'several-problems-at-once', env: { cognito_client_id: undefined, cognito_password: ' x ', cognito_auth_flow: 'PASSWORD', cognito_timeout_ms: 'fast' }, expect: { error: settingsError('cognito_auth_flow is "PASSWORD", which is not one of USER_PASSWORD_AUTH, USER_SRP_AUTH, ADMIN_USER_PASSWORD_AUTH, CLIENT_CREDENTIALS, USER_AUTH, ADMIN_USER_AUTH: set one of those', NOT_SET.clientId, 'cognito_password ' + PADDING_ERROR, 'cognito_timeout_ms is "fast": set a whole number from 100 to 300000'), fragment: 'need attention (4)' } },

  // --- the token cache (collection variable pm_cognito_cache_<hash>)
  { id: 'cache-valid-control', cache: () => ({ [aliceCacheVariable()]: serialiseCache(entry(real.alice)) }), expect: { works: true, signIns: 0, user: 'alice' } },
  { id: 'cache-token-of-another-client', cache: () => ({ [aliceCacheVariable()]: serialiseCache(entry(real.aliceOtherClient)) }), expect: { works: true, signIns: 1, user: 'alice', client: 'demo' } },
  { id: 'cache-token-of-another-user', cache: () => ({ [aliceCacheVariable()]: serialiseCache(entry(real.bob)) }), expect: { works: true, signIns: 1, user: 'alice' } },
  { id: 'cache-entry-of-another-identity', cache: () => {
    const bobEnv: Record<string, string> = { ...baseEnv(), cognito_username: 'bob' };
    return { [aliceCacheVariable()]: serialiseCache(entry(real.bob, { key: cacheKey(readSettings((n) => bobEnv[n])) })) };
  }, expect: { works: true, signIns: 1, user: 'alice' } },
  { id: 'cache-not-json', cache: cacheOf('{"v":1,"key":'), expect: { works: true, signIns: 1, user: 'alice' } },
  { id: 'cache-empty-object', cache: cacheOf('{}'), expect: { works: true, signIns: 1, user: 'alice' } },
  { id: 'cache-other-version', cache: () => ({ [aliceCacheVariable()]: JSON.stringify({ ...JSON.parse(serialiseCache(entry(real.alice))), v: 2 }) }), expect: { works: true, signIns: 1, user: 'alice' } },
  { id: 'cache-expiry-not-a-number', cache: () => ({ [aliceCacheVariable()]: JSON.stringify({ ...JSON.parse(serialiseCache(entry(real.alice))), expiresAt: 'tomorrow' }) }), expect: { works: true, signIns: 1, user: 'alice' } },
  { id: 'cache-token-claim-edited', cache: () => ({ [aliceCacheVariable()]: serialiseCache(entry({ ...real.alice, AccessToken: withClaim(real.alice.AccessToken, 'client_id', clientId('other')) })) }), expect: { works: true, signIns: 1, user: 'alice' } },
  { id: 'cache-lifetime-over-24h', cache: () => ({ [aliceCacheVariable()]: serialiseCache(entry(real.alice, { expiresAt: Date.now() + 48 * 3_600_000 })) }), expect: { works: true, signIns: 1, user: 'alice' } },
  { id: 'cache-jwt-exp-in-past', cache: () => ({ [aliceCacheVariable()]: serialiseCache(entry({ ...aliceClaimsTokens(nowS() - 7200, nowS() - 3600), RefreshToken: real.alice.RefreshToken }, { obtainedAt: Date.now() - 600_000, expiresAt: Date.now() + 3_000_000 })) }), expect: { works: true, signIns: 0, refreshes: 2, user: 'alice' } },
  { id: 'cache-jwt-exp-in-past-no-refresh-token', cache: () => ({ [aliceCacheVariable()]: serialiseCache(entry(aliceClaimsTokens(nowS() - 7200, nowS() - 3600), { obtainedAt: Date.now() - 600_000, expiresAt: Date.now() + 3_000_000 })) }), expect: { works: true, signIns: 1, user: 'alice' } },
  { id: 'cache-jwt-exp-far-future', cache: () => ({ [aliceCacheVariable()]: serialiseCache(entry({ ...aliceClaimsTokens(nowS(), nowS() + 10 * 86400), RefreshToken: real.alice.RefreshToken })) }), expect: { works: true, signIns: 1, user: 'alice' } },
  { id: 'cache-obtained-in-the-future', cache: () => ({ [aliceCacheVariable()]: serialiseCache(entry(real.alice, { obtainedAt: Date.now() + 3_600_000, expiresAt: Date.now() + 7_200_000 })) }), expect: { works: true, signIns: 0, refreshes: 2, user: 'alice' } },
  // The script reads claims but cannot check signatures (no JWKS in the sandbox): a forged entry is sent, and the API refuses it.
  { id: 'cache-forged-signature', cache: () => ({ [aliceCacheVariable()]: serialiseCache(entry(aliceClaimsTokens(nowS(), nowS() + 3600))) }), expect: { sentAndApiSays: 401, calls: 0 } },
];

function expectedCalls(e: Expectation): number {
  if ('error' in e) return e.calls ?? 0;
  if ('works' in e) return e.signIns + (e.refreshes ?? 0);
  return e.calls;
}

interface DocRow { id: string; result: string; calls: number; outcome: string }

function docRows(): DocRow[] {
  const rows: DocRow[] = [];
  for (const line of readFileSync(DOC, 'utf8').split('\n')) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    const id = /^`([a-z0-9-]+)`$/.exec(cells[1] ?? '');
    if (cells.length !== 6 || !id) continue;
    rows.push({ id: id[1]!, result: cells[3]!, calls: Number(cells[4]), outcome: cells[5]! });
  }
  return rows;
}

async function directSignIn(username: string, password: string, client: string) {
  const response = await fetch(stack.cognito.endpoint + '/', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client, AuthParameters: { USERNAME: username, PASSWORD: password } }),
  });
  const body = (await response.json()) as { AuthenticationResult: { IdToken: string; AccessToken: string; RefreshToken: string } };
  return body.AuthenticationResult;
}

beforeAll(async () => {
  stack = await startTestStack({
    clients: [{ name: 'demo' }, { name: 'other' }],
    users: [
      { username: 'alice', password: ALICE_PW },
      { username: 'bob', password: BOB_PW },
      { username: PLUS_USER, password: OTHER_PW },
      { username: UNICODE_USER, password: UNICODE_PW },
      { username: SPACE_USER, password: OTHER_PW },
      { username: LONG_USER, password: OTHER_PW },
    ],
  });
  real = {
    alice: await directSignIn('alice', ALICE_PW, clientId('demo')),
    aliceOtherClient: await directSignIn('alice', ALICE_PW, clientId('other')),
    bob: await directSignIn('bob', BOB_PW, clientId('demo')),
  };
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe('docs/bad-inputs.md', () => {
  it('lists every case of this file and no other, with the same result, the same number of Cognito calls, and the message it asserts', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
    const rows = docRows();
    expect(rows.map((r) => r.id)).toEqual(CASES.map((c) => c.id));
    for (const c of CASES) {
      const row = rows.find((r) => r.id === c.id)!;
      const result = 'error' in c.expect ? 'error' : 'works' in c.expect ? 'works' : 'sent';
      expect({ id: c.id, result: row.result, calls: row.calls }).toEqual({ id: c.id, result, calls: expectedCalls(c.expect) });
      if ('error' in c.expect) {
        // The doc quotes a fragment of the message the case asserts: both must hold it (a check of the catalogue, not of the script).
        const message = typeof c.expect.error === 'function' ? c.expect.error() : c.expect.error;
        expect({ id: c.id, inMessage: message.includes(c.expect.fragment) }).toEqual({ id: c.id, inMessage: true });
        expect(row.outcome, c.id).toContain(c.expect.fragment);
      }
    }
  });
});

describe('bad input through the built script in newman', () => {
  for (const c of CASES) {
    it(c.id, async () => {
      stack.proxy.reset();
      const environment: Record<string, string> = baseEnv();
      const changes = typeof c.env === 'function' ? c.env() : c.env ?? {};
      for (const [name, value] of Object.entries(changes)) {
        if (value === undefined) delete environment[name];
        else environment[name] = value;
      }
      const run = {
        collection: collection(c.id, [item({ name: c.request ?? 'me', path: '/me' })]),
        environment,
        silent: true,
        ...(c.cache ? { collectionVariables: c.cache() } : {}),
      };
      const result = await runSuite(run);
      const failures = result.summary.run.failures;
      const signInFailures = failures.filter((f) => f.error.test === SIGN_IN_TEST).map((f) => f.error.message);
      const newmanErrors = failures.filter((f) => f.error.test !== SIGN_IN_TEST);
      const apiCalls = [...new Set(result.summary.run.executions)].filter((e) => String(e.request?.url).startsWith(stack.api.url + '/me'));
      expect(stack.proxy.calls).toHaveLength(expectedCalls(c.expect));
      const e = c.expect;

      if ('error' in e) {
        const message = typeof e.error === 'function' ? e.error() : e.error;
        expect(signInFailures).toEqual([message]);
        expect(newmanErrors).toHaveLength(e.newmanErrors ?? 0);
        expect(apiCalls).toHaveLength(0);
        // Secrets are never echoed, however they were mistyped.
        for (const name of ['cognito_password', 'cognito_client_secret', 'cognito_aws_secret_access_key', 'cognito_password@admin']) {
          const secret = environment[name]?.trim();
          if (secret && secret.length > 3 && !/^\{\{[^{}]+\}\}$/.test(secret)) expect(message).not.toContain(secret);
        }
        return;
      }

      expect(signInFailures).toEqual([]);
      expect(newmanErrors).toEqual([]);
      expect(apiCalls).toHaveLength(1);
      const response = apiCalls[0]!.response!;
      if ('sentAndApiSays' in e) {
        expect(response.code).toBe(e.sentAndApiSays);
        return;
      }
      expect(response.code).toBe(200);
      // newman keeps the body as a Buffer in `stream` (not in pm-cognito's slice of its types).
      const body = (response as { stream?: Buffer }).stream;
      const me = JSON.parse(String(body)) as { username: string; tokenUse: string; clientId: string };
      expect(me).toMatchObject({ username: e.user ?? 'alice', tokenUse: e.tokenUse ?? 'id', clientId: clientId(e.client ?? 'demo') });
      expect(stack.proxy.signIns()).toBe(e.signIns);
      expect(stack.proxy.refreshes()).toBe(e.refreshes ?? 0);
    }, 60_000);
  }
});
