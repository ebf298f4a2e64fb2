// The challenge handlers, table-driven: what each name is answered with, or why it cannot be, and the loop's limits.

import { describe, expect, it } from 'vitest';
import { startSignIn } from '../../../src/core/sign-in/challenges';
import type { HttpRequest } from '../../../src/core/transport';
import { fakeHost, json } from '../fake-host';
import { settingsFor, TOKENS } from './settings-for';

const body = (r: HttpRequest) => JSON.parse(r.body) as Record<string, Record<string, string>>;
const START = { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'client1', AuthParameters: { USERNAME: 'alice', PASSWORD: 'pw' } };

/** Runs one sign-in whose first answer is `first`; later answers are tokens. */
async function afterChallenge(first: Record<string, unknown>, vars: Record<string, string> = {}, identity = '') {
  const fake = fakeHost((_r, i) => (i === 0 ? json(200, first) : json(200, TOKENS)));
  const outcome = await startSignIn(fake.host, settingsFor(vars, identity), START, { password: 'pw', signer: {} }).catch((e: unknown) => e);
  return { fake, outcome };
}

describe('challenges pm-cognito cannot automate', () => {
  // [challenge, part of the advice]
  const REFUSED: Array<[string, string]> = [
    ['SMS_MFA', 'Give the user TOTP MFA, or none'],
    ['EMAIL_OTP', 'a script cannot read an email code'],
    ['SMS_OTP', 'allow PASSWORD in the pool\'s sign-in options'],
    ['WEB_AUTHN', 'a passkey needs a person at a device'],
    ['MFA_SETUP', 'put its secret in cognito_totp_secret'],
    ['SELECT_MFA_TYPE', 'Make TOTP preferred'],
    ['CUSTOM_CHALLENGE', 'custom auth Lambda'],
    ['DEVICE_SRP_AUTH', 'Turn device tracking off'],
    ['DEVICE_PASSWORD_VERIFIER', 'Turn device tracking off'],
    ['SOMETHING_NEW', 'pm-cognito does not know it'],
  ];
  for (const [name, advice] of REFUSED) {
    it(name + ': refused after one call, permanent, with advice', async () => {
      const { fake, outcome } = await afterChallenge({ ChallengeName: name, ChallengeParameters: {} });
      expect(outcome).toMatchObject({ code: 'COGNITO_CHALLENGE_UNSUPPORTED', permanent: true, retryable: false });
      expect((outcome as Error).message).toContain('Cognito asked user "alice" for ' + name + ', which cannot be automated: ');
      expect((outcome as Error).message).toContain(advice);
      expect(fake.requests).toHaveLength(1);
    });
  }

  it('MFA_SETUP names the identity\'s own TOTP variable', async () => {
    const { outcome } = await afterChallenge({ ChallengeName: 'MFA_SETUP' }, { 'cognito_username@admin': 'root', 'cognito_password@admin': 'pw-1!' }, 'admin');
    expect((outcome as Error).message).toContain('put its secret in cognito_totp_secret@admin');
    expect(outcome).toMatchObject({ identity: 'admin' });
  });
});

describe('challenges that need a setting', () => {
  // [challenge, parameters, settings, setting named, part of the message]
  const NEEDS: Array<[string, Record<string, string>, Record<string, string>, string, string]> = [
    ['NEW_PASSWORD_REQUIRED', {}, {}, 'cognito_new_password', 'has a temporary password (NEW_PASSWORD_REQUIRED): set cognito_new_password'],
    ['NEW_PASSWORD_REQUIRED', { requiredAttributes: '["userAttributes.email","userAttributes.name"]' }, { cognito_new_password: 'New-1!', cognito_user_attributes: '{"name":"QA"}' }, 'cognito_user_attributes', 'needs the attribute(s) email of user "alice"'],
    ['SOFTWARE_TOKEN_MFA', {}, {}, 'cognito_totp_secret', 'has TOTP MFA (SOFTWARE_TOKEN_MFA): set cognito_totp_secret'],
  ];
  for (const [name, params, vars, setting, text] of NEEDS) {
    it(name + ' without ' + setting + ': refused before answering, naming the setting', async () => {
      const { fake, outcome } = await afterChallenge({ ChallengeName: name, ChallengeParameters: params }, vars);
      expect(outcome).toMatchObject({ code: 'COGNITO_CHALLENGE_NEEDS_SETTING', setting, permanent: true });
      expect((outcome as Error).message).toContain(text);
      expect(fake.requests).toHaveLength(1);
    });
  }
});

describe('the challenge loop', () => {
  it('passes the session on and is never retried (a retried answer would reuse a spent session or TOTP code)', async () => {
    const fake = fakeHost(() => json(500, { __type: 'InternalErrorException', message: 'boom' }));
    const first = { ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 'sess', ChallengeParameters: {} };
    let i = 0;
    const host = { ...fake.host, transport: async (r: HttpRequest, t: number) => (i++ === 0 ? json(200, first) : fake.host.transport(r, t)) };
    const outcome = await startSignIn(host, settingsFor({ cognito_totp_secret: 'JBSWY3DPEHPK3PXP' }), START, { password: 'pw', signer: {} }).catch((e: unknown) => e);
    expect(outcome).toMatchObject({ code: 'COGNITO_THROTTLED', retryable: true });
    expect(fake.requests).toHaveLength(1);
    expect(body(fake.requests[0]!)['Session']).toBe('sess');
  });

  it('refuses a sign-in that keeps asking for more challenges', async () => {
    const fake = fakeHost(() => json(200, { ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's', ChallengeParameters: {} }));
    const outcome = await startSignIn(fake.host, settingsFor({ cognito_totp_secret: 'JBSWY3DPEHPK3PXP' }), START, { password: 'pw', signer: {} }).catch((e: unknown) => e);
    expect(outcome).toMatchObject({ code: 'COGNITO_CHALLENGE_UNSUPPORTED' });
    expect((outcome as Error).message).toContain('kept asking user "alice" for more challenges');
    expect(fake.requests).toHaveLength(7);
  });

  it('an answer with neither tokens nor a challenge is a bad response', async () => {
    const { outcome } = await afterChallenge({ Session: 'x' });
    expect(outcome).toMatchObject({ code: 'COGNITO_BAD_RESPONSE', retryable: false });
  });
});
