// What each setting means, for people: the "What it is" cell of docs/settings.md, row by row (test/unit/readme.test.ts); kept out of the tables so the script in the sandbox does not carry it.

import type { SettingKey } from './setting-specs';
import type { IdentityPoolSettingKey } from './identity-pool/setting-specs';

export const SETTING_DESCRIPTIONS: Record<SettingKey, string> = {
  authFlow: '`USER_PASSWORD_AUTH`, `USER_SRP_AUTH`, `ADMIN_USER_PASSWORD_AUTH`, `USER_AUTH`, `ADMIN_USER_AUTH` or `CLIENT_CREDENTIALS`.',
  userPoolId: 'User pool id, e.g. `eu-west-1_AbCdEf123`. Needed for `USER_SRP_AUTH`, the admin flows and `PASSWORD_SRP`.',
  region: 'AWS region of the user pool, e.g. `eu-west-1`. Optional when `cognito_user_pool_id` or `cognito_endpoint` is set.',
  endpoint: 'Cognito endpoint URL instead of the regional one (cognito-local, VPC endpoints).',
  allowEndpoint: 'Host names (comma-separated) that `cognito_endpoint` and `cognito_identity_endpoint` may name besides AWS Cognito hosts and loopback, also over http: a private test double or proxy ([limits.md](limits.md#endpoints)).',
  clientId: 'App client id.',
  username: 'Username (or email/phone alias) of the test user.',
  password: 'Password of the test user. Secret.',
  preferredChallenge: 'First factor for `USER_AUTH` / `ADMIN_USER_AUTH`: `PASSWORD` (one call) or `PASSWORD_SRP` (the password never leaves the machine; needs `cognito_user_pool_id`). Also the answer when Cognito offers `SELECT_CHALLENGE`.',
  awsAccessKeyId: 'AWS access key id for `ADMIN_USER_PASSWORD_AUTH` and `ADMIN_USER_AUTH`.',
  awsSecretAccessKey: 'AWS secret access key for `ADMIN_USER_PASSWORD_AUTH` and `ADMIN_USER_AUTH`. Secret.',
  oauthTokenUrl: 'Token endpoint for `CLIENT_CREDENTIALS`: `https://<domain>.auth.<region>.amazoncognito.com/oauth2/token`.',
  clientSecret: 'App client secret, only if the app client has one; `SECRET_HASH` is then added to every call (GetTokensFromRefreshToken gets the secret itself). Either of a client\'s two active secrets works. Secret.',
  tokenType: 'Token to send: `id` (API Gateway Cognito authorizers, AppSync) or `access` (where OAuth scopes are checked).',
  headerName: 'Header that carries the token.',
  headerScheme: 'Text before the token, e.g. `Bearer`. Empty sends the raw token, as API Gateway and AppSync expect.',
  refreshMarginSeconds: 'Refresh this long before the token expires (at most half the token\'s lifetime).',
  timeoutMs: 'Time limit for each call to Cognito.',
  debug: '`true` prints what the script decides (cache, refresh, sign-in, which identity); never secrets or tokens.',
  userAttributes: 'JSON object of attributes Cognito requires with the new password, e.g. `{"email":"qa@example.com"}`.',
  newPassword: 'Permanent password to set when Cognito answers `NEW_PASSWORD_REQUIRED` (a user created with a temporary password). Secret.',
  totpSecret: 'Base32 TOTP secret of the user, to answer `SOFTWARE_TOKEN_MFA`. Secret.',
  awsSessionToken: 'AWS session token, for temporary credentials. Secret.',
  scopes: 'Space-separated OAuth scopes for `CLIENT_CREDENTIALS`.',
};

export const IDENTITY_POOL_SETTING_DESCRIPTIONS: Record<IdentityPoolSettingKey, string> = {
  guest: 'Per identity (`cognito_identity_guest@visitor`). `true`: guest (unauthenticated) credentials, with no user and no sign-in. `false`: the user\'s ID token is the identity pool login.',
  identityPoolId: 'Identity pool ID, e.g. `us-east-1:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d`, for [AWS credentials from an identity pool](identity-pools.md). Read only by requests that name a `cognito_iam_*` variable.',
  identityEndpoint: 'Cognito Identity endpoint instead of the one of the pool ID\'s region (a local double, VPC endpoints).',
};
