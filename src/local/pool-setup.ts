// Creates a user pool with an AWS-shaped id (us-east-1_XXXXXXXXX), app clients, users and groups in a running cognito-local.

import { readLimited } from '../node/read-limited';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  SetUserPoolMfaConfigCommand,
  type TimeUnitsType,
} from '@aws-sdk/client-cognito-identity-provider';
import { quietNodeVersionWarning, sendWithin } from '../node/aws-sdk';
import type { LocalCognito } from './cognito-local';
import { newPoolId } from './pool-id';

export interface ClientOptions {
  name: string;
  /** Whether the client gets a secret (then every call needs SECRET_HASH on AWS; cognito-local does not check it). Default false. */
  generateSecret?: boolean;
  /** ID token lifetime in seconds. Default: cognito-local's 24 h (AWS: 1 h). */
  idTokenValiditySeconds?: number;
  /** Access token lifetime in seconds. Default: cognito-local's 24 h (AWS: 1 h). */
  accessTokenValiditySeconds?: number;
  /** Refresh token lifetime in minutes. Default: cognito-local's 7 days (AWS: 30 days). */
  refreshTokenValidityMinutes?: number;
}

export interface UserOptions {
  username: string;
  password: string;
  /** Leave the user in FORCE_CHANGE_PASSWORD, so the first sign-in answers NEW_PASSWORD_REQUIRED. Default false. */
  temporaryPassword?: boolean;
  /** Groups to create (once per pool) and add the user to; they appear as `cognito:groups` in both tokens. */
  groups?: string[];
  /** Extra user attributes, e.g. `{ email: 'a@example.com' }` or `{ 'custom:tier': 'gold' }`. */
  attributes?: Record<string, string>;
}

export interface PoolOptions {
  /** Default: one client named 'demo' without a secret and with default token lifetimes. */
  clients?: ClientOptions[];
  /** Default: no users. */
  users?: UserOptions[];
  /** Groups to create besides those the users are in. Default: none. */
  groups?: string[];
  /** Pool MFA setting; OPTIONAL or ON also enables software-token (TOTP) MFA. Default 'OFF'. */
  mfa?: 'OFF' | 'OPTIONAL' | 'ON';
}

export interface PoolClientInfo {
  name: string;
  clientId: string;
  /** Present only for clients created with generateSecret. */
  clientSecret?: string;
}

export interface PoolUserInfo {
  username: string;
  password: string;
  /** The user's `sub` attribute as cognito-local generated it. */
  sub: string;
  groups: string[];
  temporaryPassword: boolean;
}

export interface PoolInfo {
  poolId: string;
  region: 'us-east-1';
  clients: PoolClientInfo[];
  users: PoolUserInfo[];
}

/** A pool's signing keys as a JWKS endpoint serves them (RFC 7517). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [field: string]: JsonValue };
export type Jwks = {
  keys: Array<{ kty: string; [field: string]: JsonValue }>;
};

/** Each call to cognito-local, headers and body, must be done within this: a hung or dripping emulator fails the start. */
export const SDK_CALL_TIMEOUT_MS = 10_000;
/** Larger than any JWKS cognito-local serves (one RSA key). */
const MAX_JWKS_BYTES = 64 * 1024;

function validate(options: PoolOptions): void {
  const problems: string[] = [];
  const positiveInteger = (value: number | undefined): boolean =>
    value === undefined || (Number.isInteger(value) && value > 0);
  const clientNames = new Set<string>();
  for (const client of options.clients ?? []) {
    if (client.name === '') problems.push('a client has an empty name');
    if (clientNames.has(client.name)) problems.push('client name "' + client.name + '" is used twice');
    clientNames.add(client.name);
    for (const key of ['idTokenValiditySeconds', 'accessTokenValiditySeconds', 'refreshTokenValidityMinutes'] as const) {
      if (!positiveInteger(client[key])) problems.push('client "' + client.name + '": ' + key + ' must be a positive integer');
    }
  }
  const usernames = new Set<string>();
  for (const user of options.users ?? []) {
    if (user.username === '') problems.push('a user has an empty username');
    if (usernames.has(user.username)) problems.push('username "' + user.username + '" is used twice');
    usernames.add(user.username);
    if (user.password === '') problems.push('user "' + user.username + '" has an empty password');
  }
  if (options.mfa !== undefined && !['OFF', 'OPTIONAL', 'ON'].includes(options.mfa)) {
    problems.push('mfa must be OFF, OPTIONAL or ON');
  }
  if (problems.length > 0) throw new Error('setUpPool: invalid options: ' + problems.join('; ') + '.');
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error('cognito-local returned no ' + what);
  return value;
}

type Send = CognitoIdentityProviderClient['send'];

/** An SDK client for cognito-local whose every call ends within callTimeoutMs, headers and body. */
function localClient(cognito: LocalCognito, callTimeoutMs: number): { send: Send; destroy(): void } {
  quietNodeVersionWarning();
  const client = new CognitoIdentityProviderClient({
    endpoint: cognito.endpoint,
    region: cognito.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    // A failure of the local emulator is a bug to see, not a blip to retry.
    maxAttempts: 1,
    requestHandler: { connectionTimeout: callTimeoutMs, requestTimeout: callTimeoutMs, throwOnRequestTimeout: true },
  });
  // requestTimeout ends once the headers are in; sendWithin also bounds a body that drips.
  const send: Send = ((command: Parameters<Send>[0]) => sendWithin(client, command, callTimeoutMs)) as Send;
  return { send, destroy: () => client.destroy() };
}

async function createClients(send: Send, poolId: string, specs: ClientOptions[]): Promise<PoolClientInfo[]> {
  const clients: PoolClientInfo[] = [];
  for (const spec of specs) {
    const units: { IdToken?: TimeUnitsType; AccessToken?: TimeUnitsType; RefreshToken?: TimeUnitsType } = {};
    if (spec.idTokenValiditySeconds !== undefined) units.IdToken = 'seconds';
    if (spec.accessTokenValiditySeconds !== undefined) units.AccessToken = 'seconds';
    if (spec.refreshTokenValidityMinutes !== undefined) units.RefreshToken = 'minutes';
    const created = await send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: spec.name,
        GenerateSecret: spec.generateSecret === true,
        IdTokenValidity: spec.idTokenValiditySeconds,
        AccessTokenValidity: spec.accessTokenValiditySeconds,
        RefreshTokenValidity: spec.refreshTokenValidityMinutes,
        TokenValidityUnits: units,
        // cognito-local ignores these; they say what a real pool needs for the flows this project uses.
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    const poolClient = required(created.UserPoolClient, 'UserPoolClient from CreateUserPoolClient');
    const info: PoolClientInfo = { name: spec.name, clientId: required(poolClient.ClientId, 'ClientId') };
    if (poolClient.ClientSecret !== undefined) info.clientSecret = poolClient.ClientSecret;
    clients.push(info);
  }
  return clients;
}

/** Each user with its password made permanent (unless temporaryPassword) and added to its groups, which exist by now. */
async function createUsers(send: Send, poolId: string, specs: UserOptions[]): Promise<PoolUserInfo[]> {
  const users: PoolUserInfo[] = [];
  for (const spec of specs) {
    const created = await send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: spec.username,
        TemporaryPassword: spec.password,
        MessageAction: 'SUPPRESS',
        UserAttributes: Object.entries(spec.attributes ?? {}).map(([Name, Value]) => ({ Name, Value })),
      }),
    );
    const temporaryPassword = spec.temporaryPassword === true;
    if (!temporaryPassword) {
      await send(
        new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: spec.username, Password: spec.password, Permanent: true }),
      );
    }
    for (const group of spec.groups ?? []) {
      await send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: spec.username, GroupName: group }));
    }
    const sub = created.User?.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value;
    users.push({
      username: spec.username,
      password: spec.password,
      sub: required(sub, 'sub attribute from AdminCreateUser for ' + spec.username),
      groups: [...(spec.groups ?? [])],
      temporaryPassword,
    });
  }
  return users;
}

/**
 * An empty pool with an AWS-shaped id. cognito-local's own CreateUserPool only makes `local_XXXXXXXX` ids, whose
 * tokens have an issuer that aws-jwt-verify and AWS-shaped code reject; it reads pool files only when it starts.
 * So: claim one written before it started (LocalCognito.claimPool), or write one and restart it (see LocalCognito.restart).
 */
async function emptyPool(cognito: LocalCognito): Promise<string> {
  const claimed = await cognito.claimPool?.();
  if (claimed !== undefined) return claimed;
  const poolId = newPoolId(cognito.region);
  // `{}` is enough: cognito-local fills in Users and Options (defaults from config.json plus this Id) when it loads the file.
  await writeFile(join(cognito.dataDir, '.cognito', 'db', poolId + '.json'), '{}\n', { flag: 'wx' });
  await cognito.restart();
  return poolId;
}

/**
 * Creates the pool and everything in it. Every option is applied through the API after the pool exists
 * (none is written into the pool file), so a claimed pre-made pool gets the same pool as a fresh one.
 */
export async function setUpPool(cognito: LocalCognito, options: PoolOptions = {}, callTimeoutMs = SDK_CALL_TIMEOUT_MS): Promise<PoolInfo> {
  validate(options);
  const poolId = await emptyPool(cognito);

  const { send, destroy } = localClient(cognito, callTimeoutMs);
  try {
    if (options.mfa !== undefined && options.mfa !== 'OFF') {
      // Not UpdateUserPool: it replaces every option it is not given (password policy and more) with undefined.
      await send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: poolId,
          MfaConfiguration: options.mfa,
          SoftwareTokenMfaConfiguration: { Enabled: true },
        }),
      );
    }
    const clients = await createClients(send, poolId, options.clients ?? [{ name: 'demo' }]);
    const groups = new Set([...(options.groups ?? []), ...(options.users ?? []).flatMap((user) => user.groups ?? [])]);
    for (const group of groups) {
      await send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: group }));
    }
    const users = await createUsers(send, poolId, options.users ?? []);
    return { poolId, region: cognito.region, clients, users };
  } finally {
    destroy();
  }
}

function isJwks(value: unknown): value is Jwks {
  if (typeof value !== 'object' || value === null || !Array.isArray((value as { keys?: unknown }).keys)) return false;
  return (value as { keys: unknown[] }).keys.every((key) => typeof key === 'object' && key !== null && typeof (key as { kty?: unknown }).kty === 'string');
}

/** The pool's signing keys as cognito-local serves them (over http), within 5 s and 64 KB. */
export async function fetchJwks(endpoint: string, poolId: string, timeoutMs = 5_000): Promise<Jwks> {
  const url = endpoint.replace(/\/+$/, '') + '/' + encodeURIComponent(poolId) + '/.well-known/jwks.json';
  const signal = AbortSignal.timeout(timeoutMs);
  const response = await fetch(url, { signal });
  const text = await readLimited(response, MAX_JWKS_BYTES, () => new Error('GET ' + url + ' answered more than ' + MAX_JWKS_BYTES / 1024 + ' KB: expected the pool\'s JWKS'));
  if (!response.ok) throw new Error('GET ' + url + ' answered HTTP ' + response.status + ': expected the pool\'s JWKS');
  let parsed: unknown;
  try {
    // No prototype is touched: the parsed object is only read as below.
    parsed = JSON.parse(text);
  } catch {
    throw new Error('GET ' + url + ' did not return JSON: expected the pool\'s JWKS');
  }
  if (!isJwks(parsed)) throw new Error('GET ' + url + ' returned JSON without a keys array of keys with kty: expected the pool\'s JWKS');
  return parsed;
}
