// ADMIN_USER_PASSWORD_AUTH: AdminInitiateAuth signed with AWS credentials (SigV4), for clients that allow only server-side sign-in.

import type { Settings } from '../settings';
import type { Host } from '../transport';
import { adminSigner } from './admin-signer';
import type { AuthResult } from './auth-result';
import { passwordSignIn } from './password-flow';

export const adminUserPasswordAuth = (host: Host, settings: Settings, password: string): Promise<AuthResult> => passwordSignIn(host, settings, password, adminSigner(host, settings));
