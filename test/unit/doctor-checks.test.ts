// The doctor's pure checks over facts shaped like AWS's answers: the cases the local stand-ins cannot show.

import type { ExplicitAuthFlowsType } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { readSettings, type Settings } from '../../src/core/settings';
import { checkClientCredentials } from '../../src/node/doctor/client-credentials-checks';
import { explainAwsError } from '../../src/node/doctor/aws-errors';
import { checkAuthFlow, checkLifetimes, checkRotation } from '../../src/node/doctor/client-checks';
import { have, missing, type IdentityFacts } from '../../src/node/doctor/facts';
import { inRange } from '../../src/node/doctor/ip-range';
import { redact } from '../../src/node/doctor/render';
import { nearMissVariables } from '../../src/node/doctor/settings-checks';
import { checkThreatProtection } from '../../src/node/doctor/threat-checks';
import { checkUsername } from '../../src/node/doctor/user-checks';

function settings(vars: Record<string, string>): Settings {
  const all: Record<string, string> = { cognito_user_pool_id: 'eu-west-1_Pool1', cognito_client_id: 'client1', cognito_username: 'qa@example.com', cognito_password: 'pw', ...vars };
  return readSettings((name) => all[name]);
}

function facts(s: Settings, parts: Partial<IdentityFacts>): IdentityFacts {
  const none = missing<never>('not in this test');
  return { identity: '', settings: s, pool: none, client: none, user: none, risk: none, identityPoolSettings: undefined, identityPool: none, runnerIp: undefined, ...parts };
}

const withFlows = (flows: string[]) => have({ ExplicitAuthFlows: flows as ExplicitAuthFlowsType[] });

describe('doctor checks', () => {
  it('an email sign-in name: says which username the refresh SECRET_HASH uses', () => {
    const s = settings({ cognito_client_secret: 'x' });
    const [finding] = checkUsername(facts(s, { user: have({ Username: '7d1e-uuid', UserStatus: 'CONFIRMED', Enabled: true }), pool: have({ UsernameAttributes: ['email'] }) }));
    expect(finding).toEqual({ status: 'ok', check: 'username', message: 'cognito_username is an email sign-in name; Cognito\'s username is 7d1e-uuid; the client has a secret, so the sign-in\'s SECRET_HASH uses qa@example.com and the refresh\'s uses 7d1e-uuid (pm-cognito takes it from the token)' });
  });

  it('lifetimes in AWS\'s default units (hours) and the margin', () => {
    const s = settings({ cognito_refresh_margin_seconds: '2000' });
    const [finding] = checkLifetimes(facts(s, { client: have({ AccessTokenValidity: 1, IdTokenValidity: 1 }) }));
    expect(finding?.status).toBe('warn');
    expect(finding?.fix).toBe('set cognito_refresh_margin_seconds to at most 1800, or lengthen the tokens (AccessTokenValidity / IdTokenValidity)');
    expect(checkLifetimes(facts(s, { client: have({ AccessTokenValidity: 2, IdTokenValidity: 2, TokenValidityUnits: { AccessToken: 'hours', IdToken: 'hours' } }) }))[0]?.status).toBe('ok');
  });

  it('a client without ExplicitAuthFlows has AWS\'s defaults: SRP yes, USER_PASSWORD_AUTH no', () => {
    expect(checkAuthFlow(facts(settings({ cognito_auth_flow: 'USER_SRP_AUTH' }), { client: have({}) }))[0]?.status).toBe('ok');
    expect(checkAuthFlow(facts(settings({}), { client: have({}) }))[0]?.status).toBe('fail');
  });

  it('the OAuth domain: the pool\'s prefix domain passes, another one gets the right URL', () => {
    const base = { cognito_auth_flow: 'CLIENT_CREDENTIALS', cognito_client_secret: 's', cognito_scopes: 'api/read' };
    const client = have({ AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials' as const], AllowedOAuthScopes: ['api/read'] });
    const pool = have({ Domain: 'my-app' });
    const good = checkClientCredentials(facts(settings({ ...base, cognito_oauth_token_url: 'https://my-app.auth.eu-west-1.amazoncognito.com/oauth2/token' }), { client, pool }));
    expect(good.map((f) => f.status)).toEqual(['ok', 'ok', 'ok']);
    const wrong = checkClientCredentials(facts(settings({ ...base, cognito_oauth_token_url: 'https://other.auth.eu-west-1.amazoncognito.com/oauth2/token' }), { client, pool }));
    expect(wrong[2]).toMatchObject({ status: 'fail', check: 'OAuth domain', fix: 'set cognito_oauth_token_url to https://my-app.auth.eu-west-1.amazoncognito.com/oauth2/token' });
  });

  it('legacy ExplicitAuthFlows allow SRP and refresh implicitly; the fix names ALLOW_ values only (AWS refuses a mix)', () => {
    const legacy = withFlows(['ADMIN_NO_SRP_AUTH']);
    expect(checkAuthFlow(facts(settings({ cognito_auth_flow: 'USER_SRP_AUTH' }), { client: legacy }))[0]?.status).toBe('ok');
    expect(checkAuthFlow(facts(settings({ cognito_auth_flow: 'ADMIN_USER_PASSWORD_AUTH', cognito_aws_access_key_id: 'AKIDX', cognito_aws_secret_access_key: 'k' }), { client: legacy }))[0]?.status).toBe('ok');
    const [refused] = checkAuthFlow(facts(settings({}), { client: legacy }));
    expect(refused?.status).toBe('fail');
    expect(refused?.fix).toContain('--explicit-auth-flows ALLOW_ADMIN_USER_PASSWORD_AUTH ALLOW_USER_SRP_AUTH ALLOW_REFRESH_TOKEN_AUTH ALLOW_USER_PASSWORD_AUTH (');
    expect(refused?.fix).not.toMatch(/ ADMIN_NO_SRP_AUTH/);
  });

  it('refresh token rotation off: an empty or legacy ExplicitAuthFlows still allows REFRESH_TOKEN_AUTH', () => {
    for (const flows of [[], ['USER_PASSWORD_AUTH']]) {
      expect(checkRotation(facts(settings({}), { client: withFlows(flows) }))[0]?.message).toContain('GetTokensFromRefreshToken or REFRESH_TOKEN_AUTH');
    }
    expect(checkRotation(facts(settings({}), { client: withFlows(['ALLOW_USER_PASSWORD_AUTH']) }))[0]?.message).not.toContain('REFRESH_TOKEN_AUTH');
  });

  it('the OAuth domain: a prefix domain in another region than the pool\'s is not the pool\'s', () => {
    const base = { cognito_auth_flow: 'CLIENT_CREDENTIALS', cognito_client_secret: 's', cognito_oauth_token_url: 'https://my-app.auth.us-east-1.amazoncognito.com/oauth2/token' };
    const client = have({ AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials' as const], AllowedOAuthScopes: ['api/read'] });
    const found = checkClientCredentials(facts(settings(base), { client, pool: have({ Domain: 'my-app' }) }));
    expect(found[2]).toMatchObject({ status: 'fail', check: 'OAuth domain', fix: 'set cognito_oauth_token_url to https://my-app.auth.eu-west-1.amazoncognito.com/oauth2/token' });
  });

  it('threat protection: a pool whose add-on is not enabled (UserPoolAddOnNotEnabledException) is off', () => {
    const [found] = checkThreatProtection(facts(settings({}), { pool: have({ UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } }), risk: have({ addOnOff: true }) }));
    expect(found).toMatchObject({ status: 'ok' });
    expect(found?.message).toMatch(/^off/);
  });

  it('AWS errors: only AWS\'s own messages are shown; of any other error its name', () => {
    const local = Object.assign(new Error('connect to https://example.com/?X-Amz-Signature=abcdef0123 failed'), { name: 'SomeClientError' });
    expect(explainAwsError(local, 'cognito-idp:DescribeUserPool').why).toBe('cognito-idp:DescribeUserPool failed (SomeClientError)');
    const service = Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException', $fault: 'client', $metadata: {} });
    expect(explainAwsError(service, 'cognito-idp:DescribeUserPool').why).toBe('cognito-idp:DescribeUserPool failed (TooManyRequestsException: Rate exceeded)');
    expect(explainAwsError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }), 'x')).toMatchObject({ unreachable: true, why: 'x could not reach the endpoint (ECONNREFUSED)' });
  });

  it('redaction: a secret value is replaced in text and in JSON (escaped)', () => {
    expect(redact('a p"w\\x b', ['p"w\\x'])).toBe('a *** b');
    expect(redact(JSON.stringify({ m: 'p"w\\x' }), ['p"w\\x'])).toBe('{"m":"***"}');
  });

  it('near-miss variable names keep their identity suffix; unrelated names are left alone', () => {
    const found = nearMissVariables(['cognito_usernam@admin', 'cognito_username', 'baseUrl', 'cognito_something_else']);
    expect(found).toEqual([{ status: 'warn', check: 'variable names', message: 'cognito_usernam@admin is not a pm-cognito setting and is ignored; did you mean cognito_username@admin?', fix: 'rename cognito_usernam@admin to cognito_username@admin' }]);
  });

  it('IPv4 ranges', () => {
    expect(inRange('203.0.113.7', '203.0.113.0/24')).toBe(true);
    expect(inRange('203.0.114.7', '203.0.113.0/24')).toBe(false);
    expect(inRange('10.1.2.3', '10.1.2.3')).toBe(true);
    expect(inRange('10.1.2.3', '0.0.0.0/0')).toBe(true);
    expect(inRange('10.1.2.3', '2001:db8::/32')).toBe(false);
  });
});
