// USER_PASSWORD_AUTH against a scripted transport: what crosses the wire, and the challenges a password user meets.

import { describe, expect, it } from 'vitest';
import { secretHash } from '../../../src/core/secret-hash';
import { userPasswordAuth } from '../../../src/core/sign-in/password-flow';
import { base32Decode, totp } from '../../../src/core/totp';
import type { HttpRequest } from '../../../src/core/transport';
import { fakeHost, json } from '../fake-host';
import { settingsFor, TOKENS } from './settings-for';

const body = (r: HttpRequest) => JSON.parse(r.body) as Record<string, unknown>;
const target = (r: HttpRequest) => r.headers['X-Amz-Target'];

describe('userPasswordAuth', () => {
  it('one InitiateAuth with the password, the JSON content type, and SECRET_HASH only with a client secret', async () => {
    for (const secret of [undefined, 'the-secret']) {
      const fake = fakeHost(() => json(200, TOKENS));
      const settings = settingsFor(secret === undefined ? {} : { cognito_client_secret: secret });
      const result = await userPasswordAuth(fake.host, settings, settings.password);
      expect(result).toEqual({ idToken: TOKENS.AuthenticationResult.IdToken, accessToken: TOKENS.AuthenticationResult.AccessToken, refreshToken: 'refresh-1', expiresIn: 3600 });
      expect(fake.requests).toHaveLength(1);
      const request = fake.requests[0]!;
      expect(request.url).toBe('https://cognito-idp.eu-west-1.amazonaws.com/');
      expect(request.headers).toEqual({ 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth' });
      const params: Record<string, string> = { USERNAME: 'alice', PASSWORD: 'pw-Secret1!' };
      if (secret !== undefined) params['SECRET_HASH'] = secretHash('alice', 'client1', secret);
      expect(body(request)).toEqual({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'client1', AuthParameters: params });
    }
  });

  it('NEW_PASSWORD_REQUIRED: answers with the new password and the required attributes, in the same session', async () => {
    const fake = fakeHost((_r, i) => i === 0
      ? json(200, { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's-1', ChallengeParameters: { USER_ID_FOR_SRP: 'alice-sub', requiredAttributes: '["userAttributes.email"]' } })
      : json(200, TOKENS));
    const settings = settingsFor({ cognito_new_password: 'New-pass-1!', cognito_user_attributes: '{"email":"qa@example.com","name":"QA"}' });
    await userPasswordAuth(fake.host, settings, settings.password);
    expect(target(fake.requests[1]!)).toBe('AWSCognitoIdentityProviderService.RespondToAuthChallenge');
    expect(body(fake.requests[1]!)).toEqual({
      ChallengeName: 'NEW_PASSWORD_REQUIRED', ClientId: 'client1', Session: 's-1',
      ChallengeResponses: { USERNAME: 'alice-sub', NEW_PASSWORD: 'New-pass-1!', 'userAttributes.email': 'qa@example.com' },
    });
  });

  it('SOFTWARE_TOKEN_MFA: the TOTP code of the frozen clock, SECRET_HASH over Cognito\'s own username', async () => {
    const fake = fakeHost((_r, i) => i === 0
      ? json(200, { ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's-2', ChallengeParameters: { USER_ID_FOR_SRP: 'alice-sub' } })
      : json(200, TOKENS));
    const settings = settingsFor({ cognito_totp_secret: 'JBSWY3DPEHPK3PXP', cognito_client_secret: 'sec' });
    await userPasswordAuth(fake.host, settings, settings.password);
    expect(body(fake.requests[1]!)['ChallengeResponses']).toEqual({
      USERNAME: 'alice-sub',
      SOFTWARE_TOKEN_MFA_CODE: totp(base32Decode('JBSWY3DPEHPK3PXP'), fake.host.now()),
      SECRET_HASH: secretHash('alice-sub', 'client1', 'sec'),
    });
  });
});
