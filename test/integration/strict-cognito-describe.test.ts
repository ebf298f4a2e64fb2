// Proves the strict double's read-only operations (DescribeUserPool, DescribeUserPoolClient, AdminGetUser,
// DescribeRiskConfiguration) and the identity-pool double's DescribeIdentityPool / GetIdentityPoolRoles with AWS's SDK v3.

import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  DescribeRiskConfigurationCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityClient, DescribeIdentityPoolCommand, GetIdentityPoolRolesCommand } from '@aws-sdk/client-cognito-identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStrictCognito, type StrictCognito } from '../support/strict-cognito';
import { startIdentityPoolDouble } from '../../src/local/identity-pool-double';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const KEY = { accessKeyId: 'AKIDDESCRIBE00000001', secretAccessKey: 'describe-secret-access-key' };
const PW = 'Alice-Passw0rd!';
let double: StrictCognito;

beforeAll(async () => {
  double = await startStrictCognito({
    credentials: [KEY],
    accessTokenSeconds: 900,
    clients: [
      { clientId: 'plain' },
      { clientId: 'secret', clientSecret: 'the_client_secret_0123456789', allowedFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
      { clientId: 'rotating', refreshTokenRotation: { retryGracePeriodSeconds: 5 } },
      { clientId: 'machine', clientSecret: 'machine_secret_0123456789', scopes: ['api/read'] },
    ],
    users: [
      { username: 'alice', password: PW, attributes: { email: 'alice@example.com' }, totpSecret: 'JBSWY3DPEHPK3PXP' },
      { username: 'new', password: PW, status: 'FORCE_CHANGE_PASSWORD' },
      { username: 'off', password: PW, enabled: false },
    ],
    description: { aliasAttributes: ['email'], requiredAttributes: ['email'], advancedSecurityMode: 'ENFORCED', skippedIpRanges: ['203.0.113.0/24'], riskClientIds: ['secret'], domain: 'strict-demo', allowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] },
  });
});
afterAll(async () => {
  await double?.stop();
});

const sdk = (credentials = KEY) => new CognitoIdentityProviderClient({ region: double.region, endpoint: double.endpoint, credentials, maxAttempts: 1 });

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).name + ': ' + (error as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('strict double: read-only operations through the AWS SDK v3', () => {
  it('DescribeUserPool gives the sign-in policy, MFA, aliases, required attributes, threat protection and domain', async () => {
    const { UserPool } = await sdk().send(new DescribeUserPoolCommand({ UserPoolId: double.poolId }));
    expect(UserPool?.Id).toBe(double.poolId);
    expect(UserPool?.Policies?.SignInPolicy?.AllowedFirstAuthFactors).toEqual(['PASSWORD', 'EMAIL_OTP']);
    expect(UserPool?.MfaConfiguration).toBe('OPTIONAL');
    expect(UserPool?.AliasAttributes).toEqual(['email']);
    expect(UserPool?.SchemaAttributes?.filter((a) => a.Required).map((a) => a.Name)).toEqual(['sub', 'email']);
    expect(UserPool?.UserPoolAddOns?.AdvancedSecurityMode).toBe('ENFORCED');
    expect(UserPool?.Domain).toBe('strict-demo');
    expect(UserPool?.CreationDate).toBeInstanceOf(Date);
  });

  it('DescribeUserPoolClient gives the secret, flows, rotation, validity and OAuth settings', async () => {
    const { UserPoolClient: secret } = await sdk().send(new DescribeUserPoolClientCommand({ UserPoolId: double.poolId, ClientId: 'secret' }));
    expect(secret?.ClientSecret).toBe('the_client_secret_0123456789');
    expect(secret?.ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    expect(secret?.RefreshTokenRotation?.Feature).toBe('DISABLED');
    expect(secret?.AccessTokenValidity).toBe(900);
    expect(secret?.TokenValidityUnits?.AccessToken).toBe('seconds');
    const { UserPoolClient: rotating } = await sdk().send(new DescribeUserPoolClientCommand({ UserPoolId: double.poolId, ClientId: 'rotating' }));
    expect(rotating?.RefreshTokenRotation).toEqual({ Feature: 'ENABLED', RetryGracePeriodSeconds: 5 });
    expect(rotating?.ExplicitAuthFlows).not.toContain('ALLOW_REFRESH_TOKEN_AUTH');
    expect(rotating?.ClientSecret).toBeUndefined();
    const { UserPoolClient: machine } = await sdk().send(new DescribeUserPoolClientCommand({ UserPoolId: double.poolId, ClientId: 'machine' }));
    expect(machine?.AllowedOAuthFlows).toEqual(['client_credentials']);
    expect(machine?.AllowedOAuthScopes).toEqual(['api/read']);
    expect(machine?.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(await refusal(sdk().send(new DescribeUserPoolClientCommand({ UserPoolId: double.poolId, ClientId: 'nope' })))).toBe('ResourceNotFoundException: User pool client nope does not exist.');
  });

  it('AdminGetUser gives status, enabled, attributes and MFA, also by alias; a disabled user cannot sign in', async () => {
    const alice = await sdk().send(new AdminGetUserCommand({ UserPoolId: double.poolId, Username: 'alice@example.com' }));
    expect(alice.Username).toBe('alice');
    expect(alice.UserStatus).toBe('CONFIRMED');
    expect(alice.Enabled).toBe(true);
    expect(alice.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(alice.UserAttributes?.find((a) => a.Name === 'email')?.Value).toBe('alice@example.com');
    expect((await sdk().send(new AdminGetUserCommand({ UserPoolId: double.poolId, Username: 'new' }))).UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    expect((await sdk().send(new AdminGetUserCommand({ UserPoolId: double.poolId, Username: 'off' }))).Enabled).toBe(false);
    expect(await refusal(sdk().send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'plain', AuthParameters: { USERNAME: 'off', PASSWORD: PW } })))).toBe('NotAuthorizedException: User is disabled.');
    expect(await refusal(sdk().send(new AdminGetUserCommand({ UserPoolId: double.poolId, Username: 'ghost' })))).toBe('UserNotFoundException: User does not exist.');
  });

  it('DescribeRiskConfiguration gives the IP exceptions', async () => {
    const { RiskConfiguration } = await sdk().send(new DescribeRiskConfigurationCommand({ UserPoolId: double.poolId, ClientId: 'plain' }));
    expect(RiskConfiguration?.RiskExceptionConfiguration?.SkippedIPRangeList).toEqual(['203.0.113.0/24']);
    expect(RiskConfiguration?.ClientId).toBeUndefined();
    const own = await sdk().send(new DescribeRiskConfigurationCommand({ UserPoolId: double.poolId, ClientId: 'secret' }));
    expect(own.RiskConfiguration?.ClientId).toBe('secret');
    expect(RiskConfiguration?.AccountTakeoverRiskConfiguration?.Actions?.HighAction?.EventAction).toBe('BLOCK');
  });

  it('refuses unsigned or wrongly signed reads and unknown pools as AWS does', async () => {
    const wrong = await refusal(sdk({ accessKeyId: 'AKIDUNKNOWN000000000', secretAccessKey: 'x' }).send(new DescribeUserPoolCommand({ UserPoolId: double.poolId })));
    expect(wrong).toMatch(/^UnrecognizedClientException: /);
    expect(await refusal(sdk().send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_Other' })))).toBe('ResourceNotFoundException: User pool us-east-1_Other does not exist.');
  });
});

describe('identity-pool double: DescribeIdentityPool and GetIdentityPoolRoles through the AWS SDK v3', () => {
  it('lists the providers, guest access and roles', async () => {
    const ip = await startIdentityPoolDouble({ readCredentials: [KEY], providers: [{ providerName: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_X', clientIds: ['a', 'b'], jwks: { keys: [] } }], allowUnauthenticated: false, roles: { authenticated: 'arn:aws:iam::123456789012:role/auth' } });
    try {
      const client = new CognitoIdentityClient({ region: ip.region, endpoint: ip.url, credentials: KEY, maxAttempts: 1 });
      const described = await client.send(new DescribeIdentityPoolCommand({ IdentityPoolId: ip.identityPoolId }));
      expect(described.AllowUnauthenticatedIdentities).toBe(false);
      expect(described.CognitoIdentityProviders?.map((p) => p.ProviderName + '/' + p.ClientId)).toEqual(['cognito-idp.us-east-1.amazonaws.com/us-east-1_X/a', 'cognito-idp.us-east-1.amazonaws.com/us-east-1_X/b']);
      const roles = await client.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: ip.identityPoolId }));
      expect(roles.Roles).toEqual({ authenticated: 'arn:aws:iam::123456789012:role/auth' });
      const missing = await refusal(client.send(new DescribeIdentityPoolCommand({ IdentityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000999' })));
      expect(missing).toMatch(/^ResourceNotFoundException: /);
      const stranger = new CognitoIdentityClient({ region: ip.region, endpoint: ip.url, credentials: { accessKeyId: 'AKIDUNKNOWN000000000', secretAccessKey: 'x' }, maxAttempts: 1 });
      expect(await refusal(stranger.send(new DescribeIdentityPoolCommand({ IdentityPoolId: ip.identityPoolId })))).toMatch(/^UnrecognizedClientException: /);
      const unsigned = await fetch(ip.url + '/', { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityService.GetIdentityPoolRoles' }, body: JSON.stringify({ IdentityPoolId: ip.identityPoolId }) });
      expect(unsigned.status).toBe(403);
      expect(((await unsigned.json()) as { __type: string }).__type).toBe('MissingAuthenticationTokenException');
    } finally {
      await ip.stop();
    }
  });
});
