// Signs in from scratch with the configured flow: picks the flow's file, and retries once with the new password after NEW_PASSWORD_REQUIRED.

import { CredentialsRefused } from '../refusals';
import type { AuthFlow, Settings } from '../settings';
import type { Host } from '../transport';
import { adminUserPasswordAuth } from './admin-flow';
import type { AuthResult } from './auth-result';
import { clientCredentials } from './client-credentials-flow';
import { userPasswordAuth } from './password-flow';
import { userSrpAuth } from './srp-flow';
import { userAuth } from './user-auth-flow';

type Flow = (host: Host, settings: Settings, password: string) => Promise<AuthResult>;

/** Each flow's file; USER_AUTH and ADMIN_USER_AUTH share one (they differ only in the operation and its signature). */
const FLOWS: Record<AuthFlow, Flow> = {
  USER_PASSWORD_AUTH: userPasswordAuth,
  USER_SRP_AUTH: userSrpAuth,
  ADMIN_USER_PASSWORD_AUTH: adminUserPasswordAuth,
  USER_AUTH: userAuth,
  ADMIN_USER_AUTH: userAuth,
  CLIENT_CREDENTIALS: clientCredentials,
};

export const signIn = async (host: Host, settings: Settings): Promise<AuthResult> => {
  const flow = FLOWS[settings.authFlow];
  try {
    return await flow(host, settings, settings.password);
  } catch (error) {
    // After NEW_PASSWORD_REQUIRED was answered once, the temporary password no longer works: the
    // configured new password is now the user's password. Only a refused password is worth it (not a blocked user).
    const retry = settings.newPassword !== undefined && settings.newPassword !== settings.password
      && error instanceof CredentialsRefused;
    if (!retry) throw error;
    return flow(host, settings, settings.newPassword!);
  }
};
