// Documents the identity-pool settings (README table, checked by a test); the script itself only needs their names.

import { IDENTITY_POOL_VARIABLES, type IdentityPoolSettingKey } from './identity-pool-settings';
import type { SettingSpec } from './settings';

/**
 * In the order the README's table lists them, after the user-pool settings. cognito_refresh_margin_seconds,
 * cognito_timeout_ms and cognito_debug apply to identity-pool calls too.
 */
export const IDENTITY_POOL_SETTING_SPECS: Record<IdentityPoolSettingKey, SettingSpec> = {
  identityPoolId: { variable: IDENTITY_POOL_VARIABLES.identityPoolId, kind: 'text', description: 'Identity pool ID, e.g. us-east-1:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d. Needed only by requests that name the cognito_iam_* variables.' },
  identityEndpoint: { variable: IDENTITY_POOL_VARIABLES.identityEndpoint, kind: 'url', description: 'Cognito Identity endpoint URL instead of https://cognito-identity.<region>.amazonaws.com/ (a local double, VPC endpoints).' },
  guest: { variable: IDENTITY_POOL_VARIABLES.guest, kind: 'boolean', perIdentity: true, defaultValue: 'false', description: 'true gives this identity guest (unauthenticated) credentials: no user, no sign-in. false: the user\'s ID token is the login.' },
};
