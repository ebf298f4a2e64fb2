// ADMIN_USER_PASSWORD_AUTH: AdminInitiateAuth signed with AWS credentials (SigV4), for clients that allow only server-side sign-in.

import { withSecretHash } from '../secret-hash';
import type { Settings } from '../settings';
import type { Host } from '../transport';
import { adminSigner } from './admin-signer';
import type { AuthResult } from './auth-result';
import { startSignIn } from './challenges';

export function adminUserPasswordAuth(host: Host, settings: Settings, password: string): Promise<AuthResult> {
  return startSignIn(host, settings, {
    AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
    UserPoolId: settings.userPoolId,
    ClientId: settings.clientId,
    AuthParameters: withSecretHash(settings, { USERNAME: settings.username, PASSWORD: password }, settings.username),
  }, { password, signer: adminSigner(host, settings) });
}
