// Proves the strict double's USER_AUTH and refresh token rotation with Amplify JS v6 itself, offline: Amplify signs in
// with USER_AUTH (PASSWORD_SRP and PASSWORD) and refreshes with GetTokensFromRefreshToken against the double.

import { Amplify } from 'aws-amplify';
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStrictCognito, type StrictCognito } from '../support/strict-cognito';

const PW = 'Amplify-Passw0rd!';
let double: StrictCognito;

beforeAll(async () => {
  double = await startStrictCognito({
    poolId: 'us-east-1_Amplify1',
    // Grace period 0: a refresh that presented a rotated-out token would fail with RefreshTokenReuseException.
    clients: [{ clientId: 'amplifyclient', refreshTokenRotation: { retryGracePeriodSeconds: 0 } }],
    users: [{ username: 'alice', password: PW }],
  });
  Amplify.configure({ Auth: { Cognito: { userPoolId: double.poolId, userPoolClientId: 'amplifyclient', userPoolEndpoint: double.endpoint + '/' } } });
}, 60_000);

afterAll(async () => {
  await double?.stop();
});

describe('Amplify JS v6 against the strict double', () => {
  for (const preferredChallenge of ['PASSWORD_SRP', 'PASSWORD'] as const) {
    it('signs in with USER_AUTH ' + preferredChallenge + ' and refreshes twice on a rotating client', async () => {
      const before = double.calls.length;
      const result = await signIn({ username: 'alice', password: PW, options: { authFlowType: 'USER_AUTH', preferredChallenge } });
      expect(result.nextStep.signInStep).toBe('DONE');
      const first = await fetchAuthSession();
      const second = await fetchAuthSession({ forceRefresh: true });
      const third = await fetchAuthSession({ forceRefresh: true });
      expect(second.tokens?.accessToken.toString()).not.toBe(first.tokens?.accessToken.toString());
      expect(third.tokens?.accessToken.toString()).not.toBe(second.tokens?.accessToken.toString());
      const calls = double.calls.slice(before).map((c) => c.op + ':' + (c.authFlow ?? c.challengeName ?? '') + ':' + (c.errorType ?? c.status));
      const signInCalls = preferredChallenge === 'PASSWORD_SRP'
        ? ['InitiateAuth:USER_AUTH:200', 'RespondToAuthChallenge:PASSWORD_VERIFIER:200']
        : ['InitiateAuth:USER_AUTH:200'];
      expect(calls).toEqual([...signInCalls, 'GetTokensFromRefreshToken::200', 'GetTokensFromRefreshToken::200']);
      // signOut calls RevokeToken, which the double does not simulate; Amplify signs out locally anyway.
      await signOut();
    }, 60_000);
  }
});
