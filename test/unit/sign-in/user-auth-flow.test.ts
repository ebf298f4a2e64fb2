// USER_AUTH in the core, against a scripted transport: what is sent for each preferred challenge, how SELECT_CHALLENGE
// is answered, and the "cannot be automated" refusal for users without a password factor.

import { describe, expect, it } from 'vitest';
import { PmCognitoError } from '../../../src/core/errors';
import { readSettings } from '../../../src/core/settings';
import { signIn } from '../../../src/core/sign-in/sign-in';
import type { HttpRequest } from '../../../src/core/transport';
import { fakeHost, json } from '../fake-host';
import { fakeJwt } from '../jwt';
import { refusalOf } from '../../support/refusal';

const base: Record<string, string> = {
  cognito_region: 'eu-west-1',
  cognito_user_pool_id: 'eu-west-1_Pool1',
  cognito_client_id: 'client1',
  cognito_username: 'alice',
  cognito_password: 'pw-Secret1!',
  cognito_auth_flow: 'USER_AUTH',
};
const settingsWith = (extra: Record<string, string> = {}) => readSettings((n) => ({ ...base, ...extra } as Record<string, string>)[n]);
const tokens = { AuthenticationResult: { IdToken: fakeJwt({ aud: 'client1' }), AccessToken: fakeJwt({ client_id: 'client1' }), RefreshToken: 'r', ExpiresIn: 3600 } };
const body = (r: HttpRequest) => JSON.parse(r.body) as Record<string, Record<string, string> & { [k: string]: unknown }>;
const target = (r: HttpRequest) => r.headers['X-Amz-Target']!.split('.')[1];

const refusal = (promise: Promise<unknown>) => refusalOf(promise, PmCognitoError);

describe('USER_AUTH', () => {
  it('PASSWORD (the default): one InitiateAuth with PREFERRED_CHALLENGE and the password, plus SECRET_HASH with a secret', async () => {
    const fake = fakeHost(() => json(200, tokens));
    await signIn(fake.host, settingsWith({ cognito_client_secret: 'the-secret' }));
    expect(fake.requests.map(target)).toEqual(['InitiateAuth']);
    const sent = body(fake.requests[0]!);
    expect(sent['AuthFlow']).toBe('USER_AUTH');
    expect(Object.keys(sent['AuthParameters']!).sort()).toEqual(['PASSWORD', 'PREFERRED_CHALLENGE', 'SECRET_HASH', 'USERNAME']);
    expect(sent['AuthParameters']!['PREFERRED_CHALLENGE']).toBe('PASSWORD');
  });

  it('PASSWORD_SRP: SRP_A instead of the password, then PASSWORD_VERIFIER', async () => {
    const fake = fakeHost((_r, i) => i === 0
      ? json(200, { ChallengeName: 'PASSWORD_VERIFIER', Session: 's1', ChallengeParameters: { SALT: 'ab', SRP_B: '1234abcd', SECRET_BLOCK: 'c2VjcmV0', USER_ID_FOR_SRP: 'alice', USERNAME: 'alice' } })
      : json(200, tokens));
    await signIn(fake.host, settingsWith({ cognito_preferred_challenge: 'PASSWORD_SRP' }));
    const first = body(fake.requests[0]!)['AuthParameters']!;
    expect(first['PREFERRED_CHALLENGE']).toBe('PASSWORD_SRP');
    expect(first['SRP_A']).toMatch(/^[0-9a-f]+$/);
    expect(first['PASSWORD']).toBeUndefined();
    const second = body(fake.requests[1]!);
    expect(second['ChallengeName']).toBe('PASSWORD_VERIFIER');
    expect(second['Session']).toBe('s1');
    expect(Object.keys(second['ChallengeResponses']!).sort()).toEqual(['PASSWORD_CLAIM_SECRET_BLOCK', 'PASSWORD_CLAIM_SIGNATURE', 'TIMESTAMP', 'USERNAME']);
  });

  it('SELECT_CHALLENGE is answered with the preferred challenge when offered, else the other password factor', async () => {
    const select = (available: string[]) => json(200, { ChallengeName: 'SELECT_CHALLENGE', Session: 'sel', ChallengeParameters: {}, AvailableChallenges: available });
    const offered = fakeHost((_r, i) => (i === 0 ? select(['EMAIL_OTP', 'PASSWORD', 'PASSWORD_SRP']) : json(200, tokens)));
    await signIn(offered.host, settingsWith());
    expect(body(offered.requests[1]!)['ChallengeResponses']).toEqual({ USERNAME: 'alice', ANSWER: 'PASSWORD', PASSWORD: 'pw-Secret1!' });
    expect(body(offered.requests[1]!)['Session']).toBe('sel');

    const srpOnly = fakeHost((_r, i) => (i === 0 ? select(['PASSWORD_SRP'])
      : i === 1 ? json(200, { ChallengeName: 'PASSWORD_VERIFIER', Session: 's2', ChallengeParameters: { SALT: 'ab', SRP_B: '1234abcd', SECRET_BLOCK: 'c2VjcmV0', USER_ID_FOR_SRP: 'alice' } })
      : json(200, tokens)));
    await signIn(srpOnly.host, settingsWith());
    const answer = body(srpOnly.requests[1]!)['ChallengeResponses']!;
    expect(answer['ANSWER']).toBe('PASSWORD_SRP');
    expect(answer['SRP_A']).toMatch(/^[0-9a-f]+$/);
    expect(srpOnly.requests.map((r) => String(body(r)['ChallengeName'] ?? ''))).toEqual(['', 'SELECT_CHALLENGE', 'PASSWORD_VERIFIER']);
  });

  it('a user with only EMAIL_OTP, SMS_OTP or WEB_AUTHN: "cannot be automated", saying what to change, after one call', async () => {
    const fake = fakeHost(() => json(200, { ChallengeName: 'SELECT_CHALLENGE', Session: 'sel', AvailableChallenges: ['WEB_AUTHN', 'SMS_OTP', 'EMAIL_OTP'] }));
    const error = await refusal(signIn(fake.host, settingsWith()));
    expect(error.code).toBe('COGNITO_CHALLENGE_UNSUPPORTED');
    expect(error.message).toContain('user "alice" can only sign in with WEB_AUTHN, SMS_OTP, EMAIL_OTP, which cannot be automated');
    expect(error.message).toContain('a passkey needs a person at a device');
    expect(error.message).toContain('Give the user a password and allow PASSWORD in the pool\'s sign-in options');
    expect(fake.requests).toHaveLength(1);
  });

  it('the admin variant signs AdminInitiateAuth and answers with AdminRespondToAuthChallenge', async () => {
    const fake = fakeHost((_r, i) => (i === 0 ? json(200, { ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 'm', ChallengeParameters: {} }) : json(200, tokens)));
    await signIn(fake.host, settingsWith({ cognito_auth_flow: 'ADMIN_USER_AUTH', cognito_aws_access_key_id: 'AKIDEXAMPLE', cognito_aws_secret_access_key: 'aws-secret', cognito_totp_secret: 'JBSWY3DPEHPK3PXP' }));
    expect(fake.requests.map(target)).toEqual(['AdminInitiateAuth', 'AdminRespondToAuthChallenge']);
    expect(fake.requests[0]!.headers['Authorization']).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//);
    expect(body(fake.requests[0]!)['UserPoolId']).toBe('eu-west-1_Pool1');
    expect(body(fake.requests[1]!)['ChallengeResponses']!['SOFTWARE_TOKEN_MFA_CODE']).toMatch(/^\d{6}$/);
  });
});
