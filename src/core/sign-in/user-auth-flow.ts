// USER_AUTH (choice-based sign-in) and ADMIN_USER_AUTH (the same sent to AdminInitiateAuth): the preferred first factor at once.

import { withSecretHash } from '../secret-hash';
import type { Settings } from '../settings';
import { drawSrpKeys, type SrpKeys } from '../srp';
import type { Host } from '../transport';
import { adminSigner } from './admin-signer';
import type { AuthResult } from './auth-result';
import { startSignIn } from './challenges';

/** Cognito answers with the preferred factor, or with SELECT_CHALLENGE when the user does not have it. */
export const userAuth = (host: Host, settings: Settings, password: string): Promise<AuthResult> => {
  const admin = settings.authFlow === 'ADMIN_USER_AUTH';
  const params: Record<string, string> = { USERNAME: settings.username, PREFERRED_CHALLENGE: settings.preferredChallenge };
  let srp: SrpKeys | undefined;
  if (settings.preferredChallenge === 'PASSWORD_SRP') {
    srp = drawSrpKeys(host);
    params['SRP_A'] = srp.A.toString(16);
  } else {
    params['PASSWORD'] = password;
  }
  const request: Record<string, unknown> = { AuthFlow: 'USER_AUTH', ClientId: settings.clientId, AuthParameters: withSecretHash(settings, params, settings.username) };
  if (admin) request['UserPoolId'] = settings.userPoolId;
  return startSignIn(host, settings, request, { password, signer: admin ? adminSigner(host, settings) : {}, srp });
};
