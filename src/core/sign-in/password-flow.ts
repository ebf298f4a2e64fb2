// USER_PASSWORD_AUTH: the password goes to Cognito over TLS in InitiateAuth (the default flow).

import { withSecretHash } from '../secret-hash';
import type { Settings } from '../settings';
import type { Host } from '../transport';
import type { AuthResult } from './auth-result';
import { startSignIn } from './challenges';

export function userPasswordAuth(host: Host, settings: Settings, password: string): Promise<AuthResult> {
  return startSignIn(host, settings, {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: settings.clientId,
    AuthParameters: withSecretHash(settings, { USERNAME: settings.username, PASSWORD: password }, settings.username),
  }, { password, signer: {} });
}
