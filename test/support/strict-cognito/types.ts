// The options and the handle of the strict Cognito double, in one place so tests can read what it accepts.

import type { Jwks } from './jwt-issuer';
import type { StrictPoolDescription } from './pool-description';

export type StrictUserStatus = 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'UNCONFIRMED' | 'RESET_REQUIRED';

/** Challenges the double can be told to issue after a correct password (it cannot complete them: no SMS, e-mail or Lambda). */
export type ForcedChallenge = 'SMS_MFA' | 'EMAIL_OTP' | 'MFA_SETUP' | 'SELECT_MFA_TYPE' | 'CUSTOM_CHALLENGE';

export interface StrictCognitoClient {
  clientId: string;
  /** When set, every InitiateAuth and challenge answer must carry SECRET_HASH, and /oauth2/token accepts this client. */
  clientSecret?: string;
  /**
   * A second active secret (AddUserPoolClientSecret, for rotating the secret): a SECRET_HASH or ClientSecret made
   * with either secret is accepted. Needs clientSecret.
   */
  secondClientSecret?: string;
  /**
   * How a missing SECRET_HASH is worded: 'SECRET_HASH' (default) "Client <id> is configured with secret but
   * SECRET_HASH was not received", or 'secret' "Client <id> is configured for secret but secret was not received".
   * Both are seen in public reports of real AWS answers. GetTokensFromRefreshToken always uses 'secret'.
   */
  missingSecretWording?: 'SECRET_HASH' | 'secret';
  /**
   * Refresh token rotation (RefreshTokenRotation Feature ENABLED): refreshing goes through GetTokensFromRefreshToken,
   * which returns a new refresh token each time; REFRESH_TOKEN_AUTH is refused. The rotated-out token stays valid for
   * retryGracePeriodSeconds (0 to 60, default 0), then presenting it gives RefreshTokenReuseException.
   * As AWS asks, such a client's allowedFlows may not include ALLOW_REFRESH_TOKEN_AUTH.
   */
  refreshTokenRotation?: { retryGracePeriodSeconds?: number };
  /**
   * ExplicitAuthFlows of the app client: ALLOW_USER_PASSWORD_AUTH, ALLOW_USER_SRP_AUTH,
   * ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH, ALLOW_CUSTOM_AUTH, ALLOW_USER_AUTH, or the legacy
   * USER_PASSWORD_AUTH / ADMIN_NO_SRP_AUTH / CUSTOM_AUTH_FLOW_ONLY. Default: every ALLOW_ flow (a rotating client's
   * default leaves ALLOW_REFRESH_TOKEN_AUTH out).
   * As in AWS, a list must contain ALLOW_REFRESH_TOKEN_AUTH (when it uses ALLOW_ values), unless the client rotates
   * refresh tokens, where it must not.
   */
  allowedFlows?: string[];
  /** OAuth scopes the client may get from the client_credentials grant; without it the grant is refused. */
  scopes?: string[];
}

export interface StrictCognitoUser {
  username: string;
  password: string;
  /** Default CONFIRMED. FORCE_CHANGE_PASSWORD answers the password step with NEW_PASSWORD_REQUIRED. */
  status?: StrictUserStatus;
  /** Base32 TOTP secret; when set, sign-in asks for SOFTWARE_TOKEN_MFA after the password. */
  totpSecret?: string;
  /** Forces this challenge after the password (and after NEW_PASSWORD_REQUIRED). */
  challenge?: ForcedChallenge;
  /** Attribute names NEW_PASSWORD_REQUIRED lists as `userAttributes.<name>` and insists on. */
  requiredAttributes?: string[];
  /** Put into `cognito:groups` of both tokens when non-empty. */
  groups?: string[];
  /** Standard or custom attributes (e.g. email), shown in NEW_PASSWORD_REQUIRED and copied into the ID token. */
  attributes?: Record<string, string>;
  /** The user's `sub`; default a random UUID. */
  sub?: string;
  /**
   * First factors USER_AUTH may offer this user (AvailableChallenges of SELECT_CHALLENGE), default
   * ['PASSWORD', 'PASSWORD_SRP']. A passwordless user has e.g. ['EMAIL_OTP'] or ['WEB_AUTHN'], which the double
   * offers but cannot complete.
   */
  firstFactors?: FirstFactor[];
  /** false: AdminDisableUser was called; every sign-in is refused ("User is disabled."). Default true. */
  enabled?: boolean;
}

export type FirstFactor = 'PASSWORD' | 'PASSWORD_SRP' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';

export interface StrictCognitoCredential {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface StrictCognitoOptions {
  /** Default 'us-east-1'. The issuer and the SigV4 scope use it. */
  region?: string;
  /** Default 'us-east-1_Strict1234'. The part after "_" is the SRP pool name. */
  poolId?: string;
  clients: StrictCognitoClient[];
  users: StrictCognitoUser[];
  /** IAM credentials accepted on Admin* operations (SigV4, service cognito-idp). */
  credentials?: StrictCognitoCredential[];
  /** ID token lifetime in seconds; default 3600. */
  idTokenSeconds?: number;
  /** Access token lifetime in seconds (also ExpiresIn); default 3600. */
  accessTokenSeconds?: number;
  /** Refresh token lifetime in seconds; default 30 days. */
  refreshTokenSeconds?: number;
  /** How long a challenge Session stays valid, in seconds; default 180 (AWS's AuthSessionValidity default). */
  sessionSeconds?: number;
  /** The double's clock in epoch ms; default Date.now. Tokens, sessions, TOTP, SRP TIMESTAMP and SigV4 dates follow it. */
  nowMs?: () => number;
  /** What DescribeUserPool, DescribeUserPoolClient and DescribeRiskConfiguration report beyond the above (pool-description.ts). */
  description?: StrictPoolDescription;
}

/** One request as the double saw it: never a secret, never a token. */
export interface StrictCognitoCall {
  /** The X-Amz-Target operation (e.g. 'InitiateAuth'), or 'oauth2/token', 'jwks', or 'METHOD /path' for anything else. */
  op: string;
  authFlow?: string;
  challengeName?: string;
  status: number;
  /** `__type` of a JSON error, or `error` of an OAuth error. */
  errorType?: string;
}

export interface StrictCognito {
  /** `http://127.0.0.1:<port>`: the Cognito JSON API (POST /) and the JWKS route. */
  readonly endpoint: string;
  /** Base of the OAuth endpoints: POST `${oauthUrl}/oauth2/token`. */
  readonly oauthUrl: string;
  readonly poolId: string;
  readonly region: string;
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>`, the `iss` of every token. */
  readonly issuer: string;
  /** Also served at `/<poolId>/.well-known/jwks.json`. */
  readonly jwks: Jwks;
  /** Every request in arrival order. */
  readonly calls: readonly StrictCognitoCall[];
  /** How many calls had this op (and this AuthFlow); all calls without arguments. */
  count(op?: string, authFlow?: string): number;
  /** Changes a user's password (a new SRP salt and verifier); the status is left alone. */
  setPassword(username: string, password: string): void;
  /** Revokes every refresh token issued to the user, as AdminUserGlobalSignOut would. */
  revokeRefreshTokens(username: string): void;
  stop(): Promise<void>;
}
