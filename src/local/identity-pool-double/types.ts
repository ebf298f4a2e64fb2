// The options and answers of the identity-pool double: what a test configures and what it can inspect afterwards.

import type { webcrypto } from 'node:crypto';

type JsonWebKey = webcrypto.JsonWebKey;

/** A user pool that the identity pool trusts, as the console's "Authentication providers" lists it. */
export interface IdentityProviderOptions {
  /** `cognito-idp.<region>.amazonaws.com/<userPoolId>`: the key of the Logins map and the ID token's issuer without `https://`. */
  providerName: string;
  /** App clients whose ID tokens are accepted (the token's `aud`). */
  clientIds: string[];
  /** The user pool's public keys (its `/.well-known/jwks.json`). */
  jwks: { keys: readonly JsonWebKey[] };
}

export interface IdentityPoolDoubleOptions {
  /** `<region>:<uuid>`. Default `us-east-1:00000000-0000-4000-8000-000000000013`. */
  identityPoolId?: string;
  providers?: IdentityProviderOptions[];
  /** Whether guests (GetId without Logins) get identities. Default true. */
  allowUnauthenticated?: boolean;
  /**
   * Whether the role for each kind of identity trusts cognito-identity.amazonaws.com for this pool. When false,
   * GetCredentialsForIdentity answers InvalidIdentityPoolConfigurationException as AWS does. Default true for both.
   */
  roleTrust?: { authenticated?: boolean; unauthenticated?: boolean };
  /** Lifetime of issued credentials in seconds. Default 3600, as the enhanced flow gives. */
  credentialsSeconds?: number;
  /** IdentityPoolName in DescribeIdentityPool. Default 'identity-pool-double'. */
  name?: string;
  /** Role ARNs GetIdentityPoolRoles reports; default one role of each kind. A kind set to undefined has no role. */
  roles?: { authenticated?: string | undefined; unauthenticated?: string | undefined };
  /** IAM keys accepted on DescribeIdentityPool and GetIdentityPoolRoles (SigV4); default: any signed request. */
  readCredentials?: readonly ReadCredential[];
  /** Clock in ms since the epoch. Default Date.now. */
  nowMs?: () => number;
  /** Port on 127.0.0.1. Default 0: any free port. */
  port?: number;
}

/** An IAM key the double's read operations accept. */
export interface ReadCredential {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** One call as the double saw it. */
export interface IdentityPoolCall {
  /** `GetId`, `GetCredentialsForIdentity`, or the unknown operation's name. */
  operation: string;
  /** Whether the request carried a non-empty Logins map. */
  withLogins: boolean;
  status: number;
  /** The `__type` of the error answer, if any. */
  errorType?: string;
}

/** Credentials the double issued, for a server that verifies SigV4 signatures made with them. */
export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  identityId: string;
  authenticated: boolean;
  /** ms since the epoch. */
  expiresAt: number;
}

export interface IdentityPoolDouble {
  /** Base URL for cognito_identity_endpoint (and the AWS SDK's `endpoint`), e.g. `http://127.0.0.1:41237`. */
  readonly url: string;
  readonly identityPoolId: string;
  readonly region: string;
  /** Every call since the start or the last reset. */
  readonly calls: IdentityPoolCall[];
  count(operation: string): number;
  /** The credentials issued with this access key id; undefined for keys the double never issued. */
  credentials(accessKeyId: string): IssuedCredentials | undefined;
  /** Changes the pool's behaviour from now on, as an administrator would in the console. */
  configure(changes: Pick<IdentityPoolDoubleOptions, 'allowUnauthenticated' | 'roleTrust' | 'credentialsSeconds' | 'roles'>): void;
  reset(): void;
  stop(): Promise<void>;
}
