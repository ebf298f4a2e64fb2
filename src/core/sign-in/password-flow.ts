// USER_PASSWORD_AUTH: the password goes to Cognito over TLS in InitiateAuth (the default flow); signed, the same request is ADMIN_USER_PASSWORD_AUTH.

import type { CallOptions } from '../cognito-client';
import { withSecretHash } from '../secret-hash';
import type { Settings } from '../settings';
import type { Host } from '../transport';
import type { AuthResult } from './auth-result';
import { startSignIn } from './challenges';

export const userPasswordAuth = (host: Host, settings: Settings, password: string): Promise<AuthResult> => passwordSignIn(host, settings, password, {});

/** The password flows' one request: to InitiateAuth, or with a signer to AdminInitiateAuth, which also names the pool. */
export const passwordSignIn = (host: Host, settings: Settings, password: string, signer: CallOptions): Promise<AuthResult> => {
  const admin = signer.sign !== undefined;
  return startSignIn(host, settings, {
    AuthFlow: admin ? 'ADMIN_USER_PASSWORD_AUTH' : 'USER_PASSWORD_AUTH',
    ...(admin ? { UserPoolId: settings.userPoolId } : {}),
    ClientId: settings.clientId,
    AuthParameters: withSecretHash(settings, { USERNAME: settings.username, PASSWORD: password }, settings.username),
  }, { password, signer });
};
