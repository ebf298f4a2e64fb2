// The identity pool's rules without HTTP: GetId (enhanced flow, guests and user-pool logins) and GetCredentialsForIdentity.

import { randomBytes, randomUUID } from 'node:crypto';
import { checkIdToken, LoginRefused } from './id-token-check';
import type { IdentityPoolDoubleOptions, IdentityProviderOptions, IssuedCredentials } from './types';

/** An error answer as Cognito Identity sends it (HTTP status, `__type`, `message`). */
export class IdentityServiceError extends Error {
  constructor(readonly status: number, readonly type: string, message: string) {
    super(message);
  }
}

const notAuthorized = (message: string) => new IdentityServiceError(400, 'NotAuthorizedException', message);
const invalidParameter = (message: string) => new IdentityServiceError(400, 'InvalidParameterException', message);

interface Identity {
  id: string;
  /** `<providerName>|<sub>` for a user, undefined for a guest. */
  login: string | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export class IdentityPool {
  readonly id: string;
  readonly region: string;
  private readonly providers: IdentityProviderOptions[];
  private readonly identities = new Map<string, Identity>();
  private readonly byLogin = new Map<string, Identity>();
  private readonly issued = new Map<string, IssuedCredentials>();

  constructor(private options: IdentityPoolDoubleOptions, private readonly nowMs: () => number) {
    this.id = options.identityPoolId ?? 'us-east-1:00000000-0000-4000-8000-000000000013';
    const match = /^([a-z]{2}(?:-[a-z]+)+-\d{1,2}):[0-9a-f-]+$/.exec(this.id);
    if (!match) throw new Error('identity-pool-double: identityPoolId "' + this.id + '" is not <region>:<uuid>');
    this.region = match[1]!;
    this.providers = options.providers ?? [];
  }

  configure(changes: Pick<IdentityPoolDoubleOptions, 'allowUnauthenticated' | 'roleTrust' | 'credentialsSeconds' | 'roles'>): void {
    this.options = { ...this.options, ...changes };
  }

  /** The pool's configuration as it is now, for DescribeIdentityPool and GetIdentityPoolRoles (describe.ts). */
  current(): Readonly<IdentityPoolDoubleOptions> {
    return this.options;
  }

  credentials(accessKeyId: string): IssuedCredentials | undefined {
    return this.issued.get(accessKeyId);
  }

  getId(body: Record<string, unknown>): Record<string, unknown> {
    this.checkPool(body['IdentityPoolId']);
    const login = this.login(body['Logins']);
    if (login === undefined) {
      if (this.options.allowUnauthenticated === false) throw notAuthorized('Unauthenticated access is not supported for this identity pool.');
      // AWS gives a guest a new identity on every GetId; apps keep the id they got.
      return { IdentityId: this.newIdentity(undefined).id };
    }
    return { IdentityId: (this.byLogin.get(login) ?? this.newIdentity(login)).id };
  }

  getCredentialsForIdentity(body: Record<string, unknown>): Record<string, unknown> {
    // The input shape was checked against AWS's model before this runs: IdentityId is a well-formed string.
    const identityId = String(body['IdentityId']);
    if (body['CustomRoleArn'] !== undefined) throw invalidParameter('CustomRoleArn is not supported by this identity pool double.');
    const identity = this.identities.get(identityId);
    if (identity === undefined) throw new IdentityServiceError(400, 'ResourceNotFoundException', 'Identity \'' + identityId + '\' not found.');
    const login = this.login(body['Logins']);
    if (identity.login !== undefined && login === undefined) throw notAuthorized('Access to Identity \'' + identityId + '\' is forbidden.');
    if (login !== identity.login) throw notAuthorized('Logins don\'t match. Please include at least one valid login for this identity or identity pool.');
    const authenticated = identity.login !== undefined;
    const trust = this.options.roleTrust ?? {};
    if ((authenticated ? trust.authenticated : trust.unauthenticated) === false) {
      throw new IdentityServiceError(400, 'InvalidIdentityPoolConfigurationException', 'Invalid identity pool configuration. Check assigned IAM roles for this pool.');
    }
    const expiresAt = Math.floor(this.nowMs() / 1000) * 1000 + (this.options.credentialsSeconds ?? 3600) * 1000;
    let accessKeyId = 'ASIA';
    for (const byte of randomBytes(16)) accessKeyId += UPPER_DIGITS[byte % 32];
    const issued: IssuedCredentials = {
      accessKeyId,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
      identityId,
      authenticated,
      expiresAt,
    };
    this.issued.set(accessKeyId, issued);
    return {
      IdentityId: identityId,
      Credentials: { AccessKeyId: accessKeyId, SecretKey: issued.secretAccessKey, SessionToken: issued.sessionToken, Expiration: expiresAt / 1000 },
    };
  }

  private checkPool(value: unknown): void {
    if (value !== this.id) throw new IdentityServiceError(400, 'ResourceNotFoundException', 'IdentityPool \'' + String(value) + '\' not found.');
  }

  /** `<providerName>|<sub>` for a valid Logins map, undefined for none; refuses unknown providers and bad tokens. */
  private login(value: unknown): string | undefined {
    if (value === undefined || (isRecord(value) && Object.keys(value).length === 0)) return undefined;
    if (!isRecord(value)) throw invalidParameter('Logins must be a map of provider name to token.');
    const entries = Object.entries(value);
    if (entries.length > 1) throw invalidParameter('This identity pool double takes one login at a time.');
    const [providerName, token] = entries[0]!;
    const provider = this.providers.find((p) => p.providerName === providerName);
    if (provider === undefined) throw notAuthorized('Token is not from a supported provider of this identity pool.');
    if (typeof token !== 'string') throw invalidParameter('Logins values must be tokens.');
    try {
      return providerName + '|' + checkIdToken(token, provider, this.nowMs()).sub;
    } catch (error) {
      if (error instanceof LoginRefused) throw notAuthorized(error.message);
      throw error;
    }
  }

  private newIdentity(login: string | undefined): Identity {
    const identity = { id: this.region + ':' + randomUUID(), login };
    this.identities.set(identity.id, identity);
    if (login !== undefined) this.byLogin.set(login, identity);
    return identity;
  }
}
