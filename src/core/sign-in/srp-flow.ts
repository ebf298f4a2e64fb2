// USER_SRP_AUTH: the password never leaves this machine; Cognito answers with PASSWORD_VERIFIER (see challenges.ts, srp.ts).

import { withSecretHash } from '../secret-hash';
import type { Settings } from '../settings';
import { drawSrpKeys } from '../srp';
import type { Host } from '../transport';
import type { AuthResult } from './auth-result';
import { startSignIn } from './challenges';

export const userSrpAuth = (host: Host, settings: Settings, password: string): Promise<AuthResult> => {
  const srp = drawSrpKeys(host);
  return startSignIn(host, settings, {
    AuthFlow: 'USER_SRP_AUTH',
    ClientId: settings.clientId,
    AuthParameters: withSecretHash(settings, { USERNAME: settings.username, SRP_A: srp.A.toString(16) }, settings.username),
  }, { password, signer: {}, srp });
};
