// ADMIN_USER_PASSWORD_AUTH against a scripted transport: AdminInitiateAuth signed with SigV4 at the frozen clock.

import { describe, expect, it } from 'vitest';
import { adminUserPasswordAuth } from '../../../src/core/sign-in/admin-flow';
import type { HttpRequest } from '../../../src/core/transport';
import { fakeHost, json } from '../fake-host';
import { settingsFor, TOKENS } from './settings-for';

const ADMIN = { cognito_auth_flow: 'ADMIN_USER_PASSWORD_AUTH', cognito_aws_access_key_id: 'AKIDEXAMPLE', cognito_aws_secret_access_key: 'aws-secret' };
const body = (r: HttpRequest) => JSON.parse(r.body) as Record<string, unknown>;

describe('adminUserPasswordAuth', () => {
  it('signs AdminInitiateAuth for the pool\'s region and service, at the host\'s clock, with the pool id in the body', async () => {
    const fake = fakeHost(() => json(200, TOKENS));
    const settings = settingsFor(ADMIN);
    await adminUserPasswordAuth(fake.host, settings, settings.password);
    const request = fake.requests[0]!;
    expect(request.headers['X-Amz-Target']).toBe('AWSCognitoIdentityProviderService.AdminInitiateAuth');
    expect(request.headers['X-Amz-Date']).toBe('20270115T080000Z');
    expect(request.headers['Authorization']).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20270115\/eu-west-1\/cognito-idp\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/);
    expect(request.headers['X-Amz-Security-Token']).toBeUndefined();
    expect(body(request)).toEqual({ AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', UserPoolId: 'eu-west-1_Pool1', ClientId: 'client1', AuthParameters: { USERNAME: 'alice', PASSWORD: 'pw-Secret1!' } });
  });

  it('adds the session token of temporary credentials, and signs each challenge answer too', async () => {
    const fake = fakeHost((_r, i) => i === 0 ? json(200, { ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's', ChallengeParameters: {} }) : json(200, TOKENS));
    const settings = settingsFor({ ...ADMIN, cognito_aws_session_token: 'session-token', cognito_totp_secret: 'JBSWY3DPEHPK3PXP' });
    await adminUserPasswordAuth(fake.host, settings, settings.password);
    expect(fake.requests.map((r) => r.headers['X-Amz-Target'])).toEqual(['AWSCognitoIdentityProviderService.AdminInitiateAuth', 'AWSCognitoIdentityProviderService.AdminRespondToAuthChallenge']);
    for (const request of fake.requests) {
      expect(request.headers['X-Amz-Security-Token']).toBe('session-token');
      expect(request.headers['Authorization']).toMatch(/^AWS4-HMAC-SHA256 /);
    }
    expect(body(fake.requests[1]!)['UserPoolId']).toBe('eu-west-1_Pool1');
  });
});
