// The strict double's user pool: its state, and the operations it answers (each in its own file, by operation family).

import { randomBytes } from 'node:crypto';
import { awsErrors } from './aws-errors';
import { initiateAuth } from './initiate-auth';
import {
  toClientRecord,
  toUserRecord,
  type CallFacts,
  type ClientRecord,
  type JsonObject,
  type PendingChallenge,
  type PendingSrp,
  type RefreshRecord,
  type UserPoolSettings,
  type UserRecord,
} from './records';
import { getTokensFromRefreshToken } from './refresh';
import { isObject, requiredString } from './request-fields';
import { respondToAuthChallenge } from './respond-to-challenge';
import { makeVerifier } from './srp-server';
import type { StrictCognitoOptions } from './types';

export type { CallFacts, UserPoolSettings } from './records';

export class StrictUserPool {
  readonly users = new Map<string, UserRecord>();
  readonly clients = new Map<string, ClientRecord>();
  readonly sessions = new Map<string, PendingChallenge>();
  readonly srpExchanges = new Map<string, PendingSrp>();
  readonly refreshTokens = new Map<string, RefreshRecord>();
  readonly poolName: string;
  readonly idTokenSeconds: number;
  readonly accessTokenSeconds: number;
  readonly refreshTokenSeconds: number;
  readonly sessionMs: number;

  constructor(
    readonly settings: UserPoolSettings,
    options: StrictCognitoOptions,
  ) {
    this.poolName = settings.poolId.slice(settings.poolId.indexOf('_') + 1);
    this.idTokenSeconds = options.idTokenSeconds ?? 3600;
    this.accessTokenSeconds = options.accessTokenSeconds ?? 3600;
    this.refreshTokenSeconds = options.refreshTokenSeconds ?? 30 * 24 * 3600;
    this.sessionMs = (options.sessionSeconds ?? 180) * 1000;
    for (const client of options.clients) this.clients.set(client.clientId, toClientRecord(client));
    for (const user of options.users) this.users.set(user.username, toUserRecord(user, this.poolName));
  }

  /** The app client, for the OAuth endpoint. */
  client(clientId: string): ClientRecord | undefined {
    return this.clients.get(clientId);
  }

  /** A user as it is now, for AdminGetUser (read-only: describing changes nothing). */
  user(username: string): Readonly<UserRecord> | undefined {
    return this.users.get(username);
  }

  setPassword(username: string, password: string): void {
    const user = this.users.get(username);
    if (user === undefined) throw new Error(`strict-cognito setPassword: no user "${username}"`);
    this.changePassword(user, password);
  }

  revokeRefreshTokens(username: string): void {
    for (const record of this.refreshTokens.values()) if (record.username === username) record.revoked = true;
  }

  /** Facts about a request body worth recording, read without trusting its shape. */
  static facts(body: unknown): CallFacts {
    const facts: CallFacts = {};
    if (isObject(body)) {
      if (typeof body['AuthFlow'] === 'string') facts.authFlow = body['AuthFlow'];
      if (typeof body['ChallengeName'] === 'string') facts.challengeName = body['ChallengeName'];
    }
    return facts;
  }

  initiateAuth(body: unknown, admin: boolean): JsonObject {
    return initiateAuth(this, body, admin);
  }

  getTokensFromRefreshToken(body: unknown): JsonObject {
    return getTokensFromRefreshToken(this, body);
  }

  respondToAuthChallenge(body: unknown, admin: boolean): JsonObject {
    return respondToAuthChallenge(this, body, admin);
  }

  /** The admin operations name the pool: another pool's id is not found. */
  checkPool(input: JsonObject): void {
    const poolId = requiredString(input, 'UserPoolId', 'userPoolId');
    if (poolId !== this.settings.poolId) throw awsErrors.poolNotFound(poolId);
  }

  changePassword(user: UserRecord, password: string): void {
    user.password = password;
    user.srp = makeVerifier(this.poolName, user.username, password, randomBytes(16));
  }
}
