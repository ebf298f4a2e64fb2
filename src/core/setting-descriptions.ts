// What each setting means, for people (the README, help and tests): kept out of the tables so the script in the sandbox does not carry it.

import { AUTH_FLOWS, type SettingKey } from './setting-specs';
import type { IdentityPoolSettingKey } from './identity-pool/setting-specs';

export const SETTING_DESCRIPTIONS: Record<SettingKey, string> = {
  authFlow: 'Sign-in flow: ' + AUTH_FLOWS.join(', ') + '.',
  userPoolId: 'User pool id, e.g. eu-west-1_AbCdEf123. Needed for USER_SRP_AUTH, the admin flows and PASSWORD_SRP.',
  region: 'AWS region of the user pool, e.g. eu-west-1. Optional when cognito_user_pool_id or cognito_endpoint is set.',
  endpoint: 'Cognito endpoint URL instead of https://cognito-idp.<region>.amazonaws.com/ (cognito-local, VPC endpoints).',
  allowEndpoint: 'Host names (comma-separated) that cognito_endpoint and cognito_identity_endpoint may name besides AWS Cognito hosts and loopback, also over plain http: a private test double or proxy. Keep it out of shared environment files.',
  clientId: 'App client id.',
  username: 'Username (or email/phone alias) of the test user.',
  password: 'Password of the test user.',
  preferredChallenge: 'First factor for USER_AUTH and ADMIN_USER_AUTH: PASSWORD or PASSWORD_SRP.',
  awsAccessKeyId: 'AWS access key id for ADMIN_USER_PASSWORD_AUTH and ADMIN_USER_AUTH.',
  awsSecretAccessKey: 'AWS secret access key for ADMIN_USER_PASSWORD_AUTH and ADMIN_USER_AUTH.',
  oauthTokenUrl: 'Token endpoint of the user pool domain for CLIENT_CREDENTIALS, e.g. https://<domain>.auth.<region>.amazoncognito.com/oauth2/token.',
  clientSecret: 'App client secret, only if the app client has one (SECRET_HASH is then added).',
  tokenType: 'Token to send: id or access.',
  headerName: 'Header that carries the token.',
  headerScheme: 'Text before the token, e.g. Bearer. Empty sends the raw token.',
  refreshMarginSeconds: 'Refresh this many seconds before the token expires (at most half its lifetime).',
  timeoutMs: 'Time limit for each call to Cognito, in milliseconds.',
  debug: 'true prints what pm-cognito decides (never secrets or tokens).',
  userAttributes: 'JSON object of user attributes Cognito may require with a new password, e.g. {"email":"qa@example.com"}.',
  newPassword: 'Permanent password to set when Cognito asks for a new one (NEW_PASSWORD_REQUIRED).',
  totpSecret: 'Base32 TOTP secret of the user, to answer SOFTWARE_TOKEN_MFA.',
  awsSessionToken: 'AWS session token, for temporary credentials.',
  scopes: 'Space-separated OAuth scopes for CLIENT_CREDENTIALS (optional).',
};

export const IDENTITY_POOL_SETTING_DESCRIPTIONS: Record<IdentityPoolSettingKey, string> = {
  guest: 'true gives this identity guest (unauthenticated) credentials: no user, no sign-in. false: the user\'s ID token is the login.',
  identityPoolId: 'Identity pool ID, e.g. us-east-1:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d. Needed only by requests that name the cognito_iam_* variables.',
  identityEndpoint: 'Cognito Identity endpoint URL instead of https://cognito-identity.<region>.amazonaws.com/ (a local double, VPC endpoints).',
};
