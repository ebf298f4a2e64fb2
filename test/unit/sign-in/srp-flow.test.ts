// USER_SRP_AUTH against a scripted transport: SRP_A from the host's randomness, then PASSWORD_VERIFIER signed with the frozen clock.

import { describe, expect, it } from 'vitest';
import { PmCognitoError } from '../../../src/core/errors';
import { userSrpAuth } from '../../../src/core/sign-in/srp-flow';
import { cognitoTimestamp, passwordClaimSignature, srpKeys, SRP_RANDOM_BYTES } from '../../../src/core/srp';
import type { HttpRequest } from '../../../src/core/transport';
import { fakeHost, json } from '../fake-host';
import { refusalOf } from '../../support/refusal';
import { settingsFor, TOKENS } from './settings-for';

const body = (r: HttpRequest) => JSON.parse(r.body) as Record<string, Record<string, string>>;
const CHALLENGE = { SALT: 'a1b2c3', SRP_B: 'f'.repeat(64), SECRET_BLOCK: 'c2VjcmV0LWJsb2Nr', USER_ID_FOR_SRP: 'alice-sub' };

describe('userSrpAuth', () => {
  it('sends SRP_A and never the password, then answers PASSWORD_VERIFIER with the claim signature', async () => {
    const fake = fakeHost((_r, i) => i === 0 ? json(200, { ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: CHALLENGE }) : json(200, TOKENS));
    const settings = settingsFor({ cognito_auth_flow: 'USER_SRP_AUTH' });
    await userSrpAuth(fake.host, settings, settings.password);
    const keys = srpKeys(new Uint8Array(SRP_RANDOM_BYTES).fill(0xff));
    expect(body(fake.requests[0]!)).toEqual({ AuthFlow: 'USER_SRP_AUTH', ClientId: 'client1', AuthParameters: { USERNAME: 'alice', SRP_A: keys.A.toString(16) } });
    for (const request of fake.requests) expect(request.body).not.toContain('pw-Secret1!');
    const timestamp = cognitoTimestamp(fake.host.now());
    expect(body(fake.requests[1]!)).toEqual({
      ChallengeName: 'PASSWORD_VERIFIER',
      ClientId: 'client1',
      ChallengeResponses: {
        USERNAME: 'alice-sub',
        PASSWORD_CLAIM_SECRET_BLOCK: CHALLENGE.SECRET_BLOCK,
        TIMESTAMP: timestamp,
        PASSWORD_CLAIM_SIGNATURE: passwordClaimSignature({
          poolName: 'Pool1', userIdForSrp: 'alice-sub', password: 'pw-Secret1!', a: keys.a, A: keys.A,
          srpB: CHALLENGE.SRP_B, salt: CHALLENGE.SALT, secretBlock: CHALLENGE.SECRET_BLOCK, timestamp,
        }),
      },
    });
  });

  it.each([
    ['no SALT', { SRP_B: 'ff', SECRET_BLOCK: 'x' }, 'InitiateAuth got HTTP 200 with an answer of an unknown shape'],
    ['no SRP_B', { SALT: 'ab', SECRET_BLOCK: 'x' }, 'InitiateAuth got HTTP 200 with an answer of an unknown shape'],
  ])('an incomplete challenge (%s) is a bad response, not retried', async (_what, params, text) => {
    const fake = fakeHost(() => json(200, { ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: params }));
    const error = await refusalOf(userSrpAuth(fake.host, settingsFor({ cognito_auth_flow: 'USER_SRP_AUTH' }), 'pw'), PmCognitoError);
    expect(error).toMatchObject({ code: 'COGNITO_BAD_RESPONSE', retryable: false, permanent: false });
    expect(error.message).toContain(text);
    expect(fake.requests).toHaveLength(1);
  });
});
