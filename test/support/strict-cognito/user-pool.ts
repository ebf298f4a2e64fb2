// The decisions of the strict double: who may sign in, with what proof, through which challenges, and which tokens come out.

import { randomBytes, randomUUID } from 'node:crypto';
import { AwsServiceError, awsErrors } from './aws-errors';
import { opaqueRefreshToken, type JwtIssuer } from './jwt-issuer';
import { passwordPolicyViolation } from './password-policy';
import { safeEqual, secretHash } from './secret-hash';
import {
  makeServerEphemeral,
  makeVerifier,
  parseClientPublic,
  parseSrpTimestamp,
  passwordClaimSignature,
  sessionKey,
  type ServerEphemeral,
  type SrpVerifier,
} from './srp-server';
import { base32Decode, totpMatches } from './totp';
import type { FirstFactor, ForcedChallenge, StrictCognitoClient, StrictCognitoOptions, StrictCognitoUser, StrictUserStatus } from './types';

type JsonObject = Record<string, unknown>;

const AUTH_FLOWS = [
  'USER_SRP_AUTH',
  'REFRESH_TOKEN_AUTH',
  'REFRESH_TOKEN',
  'CUSTOM_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'USER_AUTH',
] as const;

const CHALLENGE_NAMES = [
  'SMS_MFA',
  'EMAIL_OTP',
  'SOFTWARE_TOKEN_MFA',
  'SELECT_MFA_TYPE',
  'MFA_SETUP',
  'PASSWORD_VERIFIER',
  'CUSTOM_CHALLENGE',
  'SELECT_CHALLENGE',
  'DEVICE_SRP_AUTH',
  'DEVICE_PASSWORD_VERIFIER',
  'ADMIN_NO_SRP_AUTH',
  'NEW_PASSWORD_REQUIRED',
  'SMS_OTP',
  'PASSWORD',
  'WEB_AUTHN',
  'PASSWORD_SRP',
] as const;

const ALL_EXPLICIT_FLOWS = [
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_USER_AUTH',
];
const LEGACY_EXPLICIT_FLOWS = ['USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH_FLOW_ONLY'];

interface UserRecord {
  readonly username: string;
  readonly sub: string;
  password: string;
  status: StrictUserStatus;
  srp: SrpVerifier;
  readonly totpKey: Buffer | undefined;
  readonly challenge: ForcedChallenge | undefined;
  readonly requiredAttributes: readonly string[];
  readonly groups: readonly string[];
  readonly attributes: Record<string, string>;
  /** What USER_AUTH may offer this user. */
  readonly firstFactors: readonly FirstFactor[];
  readonly enabled: boolean;
}

interface ClientRecord {
  readonly clientId: string;
  /** The first active secret (what /oauth2/token compares), undefined for a client without one. */
  readonly clientSecret: string | undefined;
  /** Every active secret: one or two (AddUserPoolClientSecret); empty for a client without one. */
  readonly secrets: readonly string[];
  readonly missingSecretWording: 'SECRET_HASH' | 'secret';
  readonly flows: ReadonlySet<string>;
  readonly scopes: readonly string[] | undefined;
  /** Grace period in ms when the client rotates refresh tokens; undefined when it does not. */
  readonly rotationGraceMs: number | undefined;
}

interface PendingChallenge {
  readonly challengeName: string;
  readonly username: string;
  readonly clientId: string;
  readonly expiresAt: number;
  /** Attribute names NEW_PASSWORD_REQUIRED still needs. */
  readonly requiredAttributes: readonly string[];
}

interface PendingSrp {
  readonly username: string;
  readonly clientId: string;
  readonly A: bigint;
  readonly ephemeral: ServerEphemeral;
  readonly verifier: bigint;
  readonly secretBlock: Buffer;
  readonly expiresAt: number;
}

interface RefreshRecord {
  readonly clientId: string;
  readonly username: string;
  readonly originJti: string;
  readonly eventId: string;
  readonly authTime: number;
  readonly expiresAt: number;
  revoked: boolean;
  /** When rotation replaced this token (GetTokensFromRefreshToken on a rotating client); undefined while current. */
  rotatedAt?: number;
}

export interface UserPoolSettings {
  readonly region: string;
  readonly poolId: string;
  readonly issuer: string;
  readonly issuerKeys: JwtIssuer;
  readonly nowMs: () => number;
}

/** What the HTTP layer needs to record for a call. */
export interface CallFacts {
  authFlow?: string;
  challengeName?: string;
}

export class StrictUserPool {
  private readonly users = new Map<string, UserRecord>();
  private readonly clients = new Map<string, ClientRecord>();
  private readonly sessions = new Map<string, PendingChallenge>();
  private readonly srpExchanges = new Map<string, PendingSrp>();
  private readonly refreshTokens = new Map<string, RefreshRecord>();
  private readonly poolName: string;
  private readonly idTokenSeconds: number;
  private readonly accessTokenSeconds: number;
  private readonly refreshTokenSeconds: number;
  private readonly sessionMs: number;

  constructor(
    private readonly settings: UserPoolSettings,
    options: StrictCognitoOptions,
  ) {
    this.poolName = settings.poolId.slice(settings.poolId.indexOf('_') + 1);
    this.idTokenSeconds = options.idTokenSeconds ?? 3600;
    this.accessTokenSeconds = options.accessTokenSeconds ?? 3600;
    this.refreshTokenSeconds = options.refreshTokenSeconds ?? 30 * 24 * 3600;
    this.sessionMs = (options.sessionSeconds ?? 180) * 1000;
    for (const client of options.clients) this.clients.set(client.clientId, toClientRecord(client));
    for (const user of options.users) this.users.set(user.username, this.toUserRecord(user));
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

  // ---- InitiateAuth / AdminInitiateAuth -----------------------------------------------------------

  initiateAuth(body: unknown, admin: boolean): JsonObject {
    const input = asObject(body);
    if (admin) this.checkPool(input);
    const clientId = requiredString(input, 'ClientId', 'clientId');
    const authFlow = requiredString(input, 'AuthFlow', 'authFlow');
    if (!(AUTH_FLOWS as readonly string[]).includes(authFlow)) throw awsErrors.notInEnum('authFlow', authFlow, AUTH_FLOWS);
    const params = stringMap(input, 'AuthParameters');
    const client = this.clients.get(clientId);
    if (client === undefined) throw awsErrors.clientNotFound(clientId);

    switch (authFlow) {
      case 'USER_PASSWORD_AUTH':
        if (admin) throw awsErrors.initiateAuthMethodNotSupported();
        if (!allows(client, 'ALLOW_USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH')) throw awsErrors.userPasswordFlowDisabled();
        return this.passwordSignIn(client, params);
      case 'ADMIN_USER_PASSWORD_AUTH':
      case 'ADMIN_NO_SRP_AUTH':
        if (!admin) throw awsErrors.initiateAuthMethodNotSupported();
        if (!allows(client, 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH')) throw awsErrors.adminFlowDisabled();
        return this.passwordSignIn(client, params);
      case 'USER_SRP_AUTH':
        if (!allows(client, 'ALLOW_USER_SRP_AUTH')) throw awsErrors.srpFlowDisabled();
        return this.startSrp(client, params);
      case 'REFRESH_TOKEN_AUTH':
      case 'REFRESH_TOKEN':
        // AWS: "Refresh token rotation isn't compatible with the authentication flow REFRESH_TOKEN_AUTH" (developer guide).
        if (client.rotationGraceMs !== undefined) throw awsErrors.refreshFlowDisabled();
        return this.refresh(client, params);
      case 'USER_AUTH':
        if (!allows(client, 'ALLOW_USER_AUTH')) throw awsErrors.userAuthFlowDisabled();
        return this.startUserAuth(client, params);
      default:
        // CUSTOM_AUTH is a real AWS flow that needs Lambda triggers: not simulated.
        throw new AwsServiceError('InvalidParameterException', `The strict Cognito double does not simulate ${authFlow}`);
    }
  }

  private passwordSignIn(client: ClientRecord, params: Record<string, string>): JsonObject {
    const username = requiredParam(params, 'USERNAME');
    const password = requiredParam(params, 'PASSWORD');
    checkSecretHash(client, username, params['SECRET_HASH']);
    const user = this.signInUser(username);
    if (!safeEqual(password, user.password)) throw awsErrors.incorrectPassword();
    return this.continueSignIn(user, client, 'password');
  }

  /** The user for a sign-in attempt, refused when their state forbids signing in at all. */
  private signInUser(username: string): UserRecord {
    const user = this.users.get(username);
    if (user === undefined) throw awsErrors.userNotFound();
    if (!user.enabled) throw awsErrors.userDisabled();
    // As ministack#1758 does after measuring AWS: an unconfirmed user is refused before the password is looked at.
    if (user.status === 'UNCONFIRMED') throw awsErrors.userNotConfirmed();
    if (user.status === 'RESET_REQUIRED') throw awsErrors.passwordResetRequired();
    return user;
  }

  private startSrp(client: ClientRecord, params: Record<string, string>): JsonObject {
    const username = requiredParam(params, 'USERNAME');
    const srpA = requiredParam(params, 'SRP_A');
    checkSecretHash(client, username, params['SECRET_HASH']);
    return this.srpChallenge(client, this.signInUser(username), srpA);
  }

  /** PASSWORD_VERIFIER for an SRP_A: the server's B, the salt and the SECRET_BLOCK that carries the exchange. */
  private srpChallenge(client: ClientRecord, user: UserRecord, srpA: string): JsonObject {
    const A = parseClientPublic(srpA);
    if (A === undefined) throw awsErrors.badSrpA();
    let ephemeral: ServerEphemeral | undefined;
    while (ephemeral === undefined) ephemeral = makeServerEphemeral(user.srp.verifier, randomBytes(128));
    const secretBlock = randomBytes(768);
    const block = secretBlock.toString('base64');
    this.srpExchanges.set(block, {
      username: user.username,
      clientId: client.clientId,
      A,
      ephemeral,
      verifier: user.srp.verifier,
      secretBlock,
      expiresAt: this.settings.nowMs() + this.sessionMs,
    });
    // AWS answers USER_SRP_AUTH without a Session (measured, ministack#1758): SECRET_BLOCK carries the state.
    return {
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeParameters: {
        SALT: user.srp.saltHex,
        SECRET_BLOCK: block,
        SRP_B: ephemeral.B.toString(16),
        USERNAME: user.username,
        USER_ID_FOR_SRP: user.username,
      },
    };
  }

  /**
   * USER_AUTH (choice-based sign-in): PREFERRED_CHALLENGE PASSWORD (with PASSWORD) or PASSWORD_SRP (with SRP_A) when
   * the user has it; otherwise SELECT_CHALLENGE listing the user's first factors in AvailableChallenges (assumed:
   * a preferred challenge the user lacks is answered like no preference).
   */
  private startUserAuth(client: ClientRecord, params: Record<string, string>): JsonObject {
    const username = requiredParam(params, 'USERNAME');
    checkSecretHash(client, username, params['SECRET_HASH']);
    const user = this.signInUser(username);
    const preferred = params['PREFERRED_CHALLENGE'];
    if (preferred !== undefined && !(CHALLENGE_NAMES as readonly string[]).includes(preferred)) {
      throw awsErrors.notInEnum('preferredChallenge', preferred, CHALLENGE_NAMES);
    }
    if (preferred === 'PASSWORD' && user.firstFactors.includes('PASSWORD')) {
      if (!safeEqual(requiredParam(params, 'PASSWORD'), user.password)) throw awsErrors.incorrectPassword();
      return this.continueSignIn(user, client, 'password');
    }
    if (preferred === 'PASSWORD_SRP' && user.firstFactors.includes('PASSWORD_SRP')) {
      return this.srpChallenge(client, user, requiredParam(params, 'SRP_A'));
    }
    const session = this.newSession(user, client, 'SELECT_CHALLENGE');
    return { ChallengeName: 'SELECT_CHALLENGE', Session: session, ChallengeParameters: {}, AvailableChallenges: [...user.firstFactors] };
  }

  private refresh(client: ClientRecord, params: Record<string, string>): JsonObject {
    const token = requiredParam(params, 'REFRESH_TOKEN');
    const record = this.refreshTokens.get(token);
    if (record === undefined || record.clientId !== client.clientId) {
      // The hash cannot be checked without knowing the user; a missing one is still reported first.
      if (client.secrets.length > 0 && params['SECRET_HASH'] === undefined) throw missingSecret(client);
      throw awsErrors.invalidRefreshToken();
    }
    checkSecretHash(client, record.username, params['SECRET_HASH']);
    const user = this.usableRefresh(record);
    return { AuthenticationResult: this.tokens(user, client, record), ChallengeParameters: {} };
  }

  /** The user a refresh token may still refresh, refused when it was revoked or has expired. */
  private usableRefresh(record: RefreshRecord): UserRecord {
    if (record.revoked) throw awsErrors.revokedRefreshToken();
    if (this.settings.nowMs() >= record.expiresAt) throw awsErrors.expiredRefreshToken();
    const user = this.users.get(record.username);
    if (user === undefined) throw awsErrors.invalidRefreshToken();
    return user;
  }

  // ---- GetTokensFromRefreshToken ------------------------------------------------------------------

  /**
   * Refresh with the raw ClientSecret (not a SECRET_HASH). Works on every client; a rotating client also returns a
   * new refresh token, and the one presented is rotated out: valid for the grace period, then RefreshTokenReuseException.
   * The new token expires when the one it replaces would have (KensioSoftware/yulin#842; oidc-client-ts#2039 reports
   * the same of Cognito's hosted refresh grant). DeviceKey and ClientMetadata are accepted and not used.
   */
  getTokensFromRefreshToken(body: unknown): JsonObject {
    const input = asObject(body);
    const clientId = requiredString(input, 'ClientId', 'clientId');
    const token = requiredString(input, 'RefreshToken', 'refreshToken');
    const clientSecret = optionalString(input, 'ClientSecret');
    optionalString(input, 'DeviceKey');
    const client = this.clients.get(clientId);
    if (client === undefined) throw awsErrors.clientNotFound(clientId);
    // The secret is checked before the token is looked at (as stackd's Cognito emulator does); a public client ignores one.
    if (client.secrets.length > 0) {
      if (clientSecret === undefined || clientSecret === '') throw awsErrors.missingSecretForSecret(client.clientId);
      if (!client.secrets.some((secret) => safeEqual(clientSecret, secret))) throw awsErrors.badSecretHash(client.clientId);
    }
    const record = this.refreshTokens.get(token);
    if (record === undefined || record.clientId !== client.clientId) throw awsErrors.invalidRefreshToken();
    const user = this.usableRefresh(record);
    if (client.rotationGraceMs === undefined) return { AuthenticationResult: this.tokens(user, client, record) };
    const now = this.settings.nowMs();
    if (record.rotatedAt !== undefined && now >= record.rotatedAt + client.rotationGraceMs) throw awsErrors.refreshTokenReuse();
    record.rotatedAt ??= now;
    const result = this.tokens(user, client, record);
    const successor = opaqueRefreshToken();
    this.refreshTokens.set(successor, { ...record, rotatedAt: undefined, revoked: false });
    result['RefreshToken'] = successor;
    return { AuthenticationResult: result };
  }

  // ---- RespondToAuthChallenge / AdminRespondToAuthChallenge ---------------------------------------

  respondToAuthChallenge(body: unknown, admin: boolean): JsonObject {
    const input = asObject(body);
    if (admin) this.checkPool(input);
    const clientId = requiredString(input, 'ClientId', 'clientId');
    const challengeName = requiredString(input, 'ChallengeName', 'challengeName');
    if (!(CHALLENGE_NAMES as readonly string[]).includes(challengeName)) {
      throw awsErrors.notInEnum('challengeName', challengeName, CHALLENGE_NAMES);
    }
    const answers = stringMap(input, 'ChallengeResponses');
    const sessionValue = optionalString(input, 'Session');
    const client = this.clients.get(clientId);
    if (client === undefined) throw awsErrors.clientNotFound(clientId);

    if (challengeName === 'PASSWORD_VERIFIER') return this.verifySrp(client, answers);

    const pending = this.pendingChallenge(sessionValue, client, challengeName);
    const username = requiredParam(answers, 'USERNAME');
    if (username !== pending.username) throw awsErrors.invalidSession();
    checkSecretHash(client, username, answers['SECRET_HASH']);
    const user = this.users.get(pending.username);
    if (user === undefined) throw awsErrors.invalidSession();

    switch (challengeName) {
      case 'NEW_PASSWORD_REQUIRED': {
        const newPassword = requiredParam(answers, 'NEW_PASSWORD');
        const violation = passwordPolicyViolation(newPassword);
        if (violation !== undefined) throw awsErrors.passwordPolicy(violation);
        for (const name of pending.requiredAttributes) {
          const value = answers[`userAttributes.${name}`];
          if (value === undefined || value === '') throw awsErrors.missingAttribute(name);
        }
        this.sessions.delete(sessionValue!);
        for (const [key, value] of Object.entries(answers)) {
          if (key.startsWith('userAttributes.')) user.attributes[key.slice('userAttributes.'.length)] = value;
        }
        this.changePassword(user, newPassword);
        user.status = 'CONFIRMED';
        return this.continueSignIn(user, client, 'new-password');
      }
      case 'SOFTWARE_TOKEN_MFA': {
        const code = requiredParam(answers, 'SOFTWARE_TOKEN_MFA_CODE');
        // Assumed: a wrong code uses the session up, as a wrong custom-challenge answer does (amplify-js#5834).
        this.sessions.delete(sessionValue!);
        if (user.totpKey === undefined || !totpMatches(user.totpKey, code, this.settings.nowMs())) throw awsErrors.codeMismatch();
        return this.continueSignIn(user, client, 'mfa');
      }
      case 'SELECT_MFA_TYPE': {
        const choice = requiredParam(answers, 'ANSWER');
        this.sessions.delete(sessionValue!);
        if (choice === 'SOFTWARE_TOKEN_MFA' && user.totpKey !== undefined) return this.challenge(user, client, 'SOFTWARE_TOKEN_MFA');
        if (choice === 'SMS_MFA') return this.challenge(user, client, 'SMS_MFA');
        throw new AwsServiceError('InvalidParameterException', `MFA type ${choice} is not available for the user`);
      }
      case 'SELECT_CHALLENGE': {
        const choice = requiredParam(answers, 'ANSWER');
        this.sessions.delete(sessionValue!);
        if (!(user.firstFactors as readonly string[]).includes(choice)) {
          // assumed wording: an ANSWER that is not one of AvailableChallenges.
          throw new AwsServiceError('InvalidParameterException', `${choice} is not an available challenge for the user`);
        }
        if (choice === 'PASSWORD') {
          if (!safeEqual(requiredParam(answers, 'PASSWORD'), user.password)) throw awsErrors.incorrectPassword();
          return this.continueSignIn(user, client, 'password');
        }
        if (choice === 'PASSWORD_SRP') return this.srpChallenge(client, user, requiredParam(answers, 'SRP_A'));
        // EMAIL_OTP / SMS_OTP would deliver a code, WEB_AUTHN would send credential request options: issued, never completable here.
        return this.challenge(user, client, choice);
      }
      case 'SMS_MFA':
      case 'SMS_OTP':
      case 'EMAIL_OTP':
        // The double delivers no code, so no answer can be right.
        this.sessions.delete(sessionValue!);
        throw awsErrors.codeMismatch();
      default:
        this.sessions.delete(sessionValue!);
        throw awsErrors.challengeNotSimulated(challengeName);
    }
  }

  private pendingChallenge(sessionValue: string | undefined, client: ClientRecord, challengeName: string): PendingChallenge {
    if (sessionValue === undefined || sessionValue === '') throw awsErrors.invalidSession();
    const pending = this.sessions.get(sessionValue);
    if (pending === undefined || pending.clientId !== client.clientId || pending.challengeName !== challengeName) {
      throw awsErrors.invalidSession();
    }
    if (this.settings.nowMs() >= pending.expiresAt) {
      this.sessions.delete(sessionValue);
      throw awsErrors.expiredSession();
    }
    return pending;
  }

  private verifySrp(client: ClientRecord, answers: Record<string, string>): JsonObject {
    const username = requiredParam(answers, 'USERNAME');
    const block = requiredParam(answers, 'PASSWORD_CLAIM_SECRET_BLOCK');
    const claimSignature = requiredParam(answers, 'PASSWORD_CLAIM_SIGNATURE');
    const timestampText = requiredParam(answers, 'TIMESTAMP');
    checkSecretHash(client, username, answers['SECRET_HASH']);
    const timestamp = parseSrpTimestamp(timestampText);
    if (timestamp === undefined) throw awsErrors.badTimestampFormat();
    const exchange = this.srpExchanges.get(block);
    // Measured on AWS (ministack#1758): a wrong SECRET_BLOCK, signature or TIMESTAMP all read "Incorrect username or password."
    if (exchange === undefined || exchange.clientId !== client.clientId || exchange.username !== username) {
      throw awsErrors.incorrectPassword();
    }
    this.srpExchanges.delete(block);
    const now = this.settings.nowMs();
    if (now >= exchange.expiresAt) throw awsErrors.incorrectPassword();
    // Assumed: a TIMESTAMP more than 5 minutes away from the server clock is refused like a bad proof.
    if (Math.abs(now - timestamp.ms) > 5 * 60 * 1000) throw awsErrors.incorrectPassword();
    // Measured on AWS (ministack#1758): a consistently signed "Sep 05" or wrong weekday still fails, so only
    // the canonical text is accepted, and the signature covers the text as sent.
    if (timestampText !== timestamp.canonical) throw awsErrors.incorrectPassword();
    const key = sessionKey(exchange.A, exchange.ephemeral, exchange.verifier);
    if (key === undefined) throw awsErrors.incorrectPassword();
    const expected = passwordClaimSignature(key, this.poolName, exchange.username, exchange.secretBlock, timestampText);
    if (!safeEqual(claimSignature, expected)) throw awsErrors.incorrectPassword();
    const user = this.users.get(exchange.username);
    if (user === undefined) throw awsErrors.userNotFound();
    return this.continueSignIn(user, client, 'password');
  }

  // ---- Challenges and tokens ----------------------------------------------------------------------

  /** After a proven step: the next challenge the user owes, or tokens. */
  private continueSignIn(user: UserRecord, client: ClientRecord, after: 'password' | 'new-password' | 'mfa'): JsonObject {
    if (after === 'password' && user.status === 'FORCE_CHANGE_PASSWORD') return this.challenge(user, client, 'NEW_PASSWORD_REQUIRED');
    if (after !== 'mfa') {
      if (user.challenge !== undefined) return this.challenge(user, client, user.challenge);
      if (user.totpKey !== undefined) return this.challenge(user, client, 'SOFTWARE_TOKEN_MFA');
    }
    return { AuthenticationResult: this.tokens(user, client, undefined), ChallengeParameters: {} };
  }

  /** A challenge Session, valid for sessionSeconds, for this user, client and challenge. */
  private newSession(user: UserRecord, client: ClientRecord, challengeName: string): string {
    const session = randomBytes(600).toString('base64url');
    const missing = user.requiredAttributes.filter((name) => !(name in user.attributes));
    this.sessions.set(session, {
      challengeName,
      username: user.username,
      clientId: client.clientId,
      expiresAt: this.settings.nowMs() + this.sessionMs,
      requiredAttributes: challengeName === 'NEW_PASSWORD_REQUIRED' ? missing : [],
    });
    return session;
  }

  private challenge(user: UserRecord, client: ClientRecord, challengeName: string): JsonObject {
    const session = this.newSession(user, client, challengeName);
    const missing = user.requiredAttributes.filter((name) => !(name in user.attributes));
    const parameters: Record<string, string> = { USER_ID_FOR_SRP: user.username };
    switch (challengeName) {
      case 'NEW_PASSWORD_REQUIRED':
        parameters['userAttributes'] = JSON.stringify(user.attributes);
        parameters['requiredAttributes'] = JSON.stringify(missing.map((name) => `userAttributes.${name}`));
        break;
      case 'SMS_MFA':
        parameters['CODE_DELIVERY_DELIVERY_MEDIUM'] = 'SMS';
        parameters['CODE_DELIVERY_DESTINATION'] = '+*******0100';
        break;
      case 'EMAIL_OTP':
        parameters['CODE_DELIVERY_DELIVERY_MEDIUM'] = 'EMAIL';
        parameters['CODE_DELIVERY_DESTINATION'] = 'u***@e***';
        break;
      case 'SMS_OTP':
        parameters['CODE_DELIVERY_DELIVERY_MEDIUM'] = 'SMS';
        parameters['CODE_DELIVERY_DESTINATION'] = '+*******0100';
        break;
      case 'WEB_AUTHN':
        parameters['CREDENTIAL_REQUEST_OPTIONS'] = JSON.stringify({ challenge: randomBytes(32).toString('base64url'), timeout: 180000, rpId: 'example.com', userVerification: 'required' });
        break;
      case 'MFA_SETUP':
        parameters['MFAS_CAN_SETUP'] = '["SMS_MFA","SOFTWARE_TOKEN_MFA"]';
        break;
      case 'SELECT_MFA_TYPE':
        parameters['MFAS_CAN_CHOOSE'] = '["SMS_MFA","SOFTWARE_TOKEN_MFA"]';
        break;
      case 'CUSTOM_CHALLENGE':
        parameters['USERNAME'] = user.username;
        break;
      default:
        break;
    }
    return { ChallengeName: challengeName, Session: session, ChallengeParameters: parameters };
  }

  /** ID and access tokens (and a refresh token on a fresh sign-in) with Cognito's claims. */
  private tokens(user: UserRecord, client: ClientRecord, refreshed: RefreshRecord | undefined): JsonObject {
    const nowMs = this.settings.nowMs();
    const now = Math.floor(nowMs / 1000);
    const originJti = refreshed?.originJti ?? randomUUID();
    const eventId = refreshed?.eventId ?? randomUUID();
    const authTime = refreshed?.authTime ?? now;
    const groups = user.groups.length > 0 ? { 'cognito:groups': [...user.groups] } : {};
    const idClaims: Record<string, unknown> = {
      sub: user.sub,
      ...groups,
      ...attributeClaims(user.attributes),
      iss: this.settings.issuer,
      'cognito:username': user.username,
      origin_jti: originJti,
      aud: client.clientId,
      event_id: eventId,
      token_use: 'id',
      auth_time: authTime,
      exp: now + this.idTokenSeconds,
      iat: now,
      jti: randomUUID(),
    };
    const accessClaims: Record<string, unknown> = {
      sub: user.sub,
      ...groups,
      iss: this.settings.issuer,
      client_id: client.clientId,
      origin_jti: originJti,
      event_id: eventId,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      auth_time: authTime,
      exp: now + this.accessTokenSeconds,
      iat: now,
      jti: randomUUID(),
      username: user.username,
    };
    const result: JsonObject = {
      AccessToken: this.settings.issuerKeys.sign(accessClaims),
      ExpiresIn: this.accessTokenSeconds,
      TokenType: 'Bearer',
      IdToken: this.settings.issuerKeys.sign(idClaims),
    };
    if (refreshed === undefined) {
      const refreshToken = opaqueRefreshToken();
      this.refreshTokens.set(refreshToken, {
        clientId: client.clientId,
        username: user.username,
        originJti,
        eventId,
        authTime,
        expiresAt: nowMs + this.refreshTokenSeconds * 1000,
        revoked: false,
      });
      result['RefreshToken'] = refreshToken;
    }
    return result;
  }

  // ---- Helpers ------------------------------------------------------------------------------------

  private checkPool(input: JsonObject): void {
    const poolId = requiredString(input, 'UserPoolId', 'userPoolId');
    if (poolId !== this.settings.poolId) throw awsErrors.poolNotFound(poolId);
  }

  private changePassword(user: UserRecord, password: string): void {
    user.password = password;
    user.srp = makeVerifier(this.poolName, user.username, password, randomBytes(16));
  }

  private toUserRecord(user: StrictCognitoUser): UserRecord {
    if (user.username === '' || user.password === '') throw new Error('strict-cognito: every user needs a username and a password');
    let totpKey: Buffer | undefined;
    if (user.totpSecret !== undefined) {
      totpKey = base32Decode(user.totpSecret);
      if (totpKey === undefined || totpKey.length === 0) {
        throw new Error(`strict-cognito: totpSecret of user "${user.username}" is not base32 (A-Z, 2-7)`);
      }
    }
    return {
      username: user.username,
      sub: user.sub ?? randomUUID(),
      password: user.password,
      status: user.status ?? 'CONFIRMED',
      srp: makeVerifier(this.poolName, user.username, user.password, randomBytes(16)),
      totpKey,
      challenge: user.challenge,
      requiredAttributes: [...(user.requiredAttributes ?? [])],
      groups: [...(user.groups ?? [])],
      attributes: { ...(user.attributes ?? {}) },
      firstFactors: [...(user.firstFactors ?? ['PASSWORD', 'PASSWORD_SRP'])],
      enabled: user.enabled !== false,
    };
  }
}

function toClientRecord(client: StrictCognitoClient): ClientRecord {
  const rotates = client.refreshTokenRotation !== undefined;
  const flows = client.allowedFlows ?? (rotates ? ALL_EXPLICIT_FLOWS.filter((f) => f !== 'ALLOW_REFRESH_TOKEN_AUTH') : ALL_EXPLICIT_FLOWS);
  const unknown = flows.filter((f) => !ALL_EXPLICIT_FLOWS.includes(f) && !LEGACY_EXPLICIT_FLOWS.includes(f));
  if (unknown.length > 0) throw new Error(`strict-cognito: client ${client.clientId} has unknown allowedFlows: ${unknown.join(', ')}`);
  const usesAllow = flows.some((f) => f.startsWith('ALLOW_'));
  if (usesAllow && flows.some((f) => LEGACY_EXPLICIT_FLOWS.includes(f))) {
    throw new Error(`strict-cognito: client ${client.clientId} mixes legacy and ALLOW_ flows, which AWS refuses`);
  }
  if (usesAllow && !rotates && !flows.includes('ALLOW_REFRESH_TOKEN_AUTH')) {
    // AWS refuses such a client at creation (aws-cdk#7625: "REFRESH_TOKEN_AUTH should always be allowed.").
    throw new Error(`strict-cognito: client ${client.clientId}: REFRESH_TOKEN_AUTH should always be allowed.`);
  }
  if (rotates && flows.includes('ALLOW_REFRESH_TOKEN_AUTH')) {
    // AWS's guide: to use rotation "you must disable this authentication flow in your app client" (terraform-provider-aws#47196).
    throw new Error(`strict-cognito: client ${client.clientId} rotates refresh tokens, so ALLOW_REFRESH_TOKEN_AUTH must be off`);
  }
  const grace = client.refreshTokenRotation?.retryGracePeriodSeconds ?? 0;
  if (!Number.isInteger(grace) || grace < 0 || grace > 60) throw new Error(`strict-cognito: client ${client.clientId}: retryGracePeriodSeconds must be 0 to 60`);
  if (client.secondClientSecret !== undefined && client.clientSecret === undefined) {
    throw new Error(`strict-cognito: client ${client.clientId} has a secondClientSecret but no clientSecret`);
  }
  const secrets = [client.clientSecret, client.secondClientSecret].filter((x): x is string => x !== undefined);
  return {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    secrets,
    missingSecretWording: client.missingSecretWording ?? 'SECRET_HASH',
    flows: new Set(flows),
    scopes: client.scopes === undefined ? undefined : [...client.scopes],
    rotationGraceMs: rotates ? grace * 1000 : undefined,
  };
}

function allows(client: ClientRecord, allowFlag: string, legacyFlag?: string): boolean {
  return client.flows.has(allowFlag) || (legacyFlag !== undefined && client.flows.has(legacyFlag));
}

function missingSecret(client: ClientRecord): AwsServiceError {
  return client.missingSecretWording === 'secret' ? awsErrors.missingSecretForSecret(client.clientId) : awsErrors.missingSecretHash(client.clientId);
}

/** SECRET_HASH made with any of the client's active secrets passes (two during a secret rotation). */
function checkSecretHash(client: ClientRecord, username: string, provided: string | undefined): void {
  if (client.secrets.length === 0) {
    if (provided !== undefined) throw awsErrors.unexpectedSecretHash(client.clientId);
    return;
  }
  if (provided === undefined) throw missingSecret(client);
  if (!client.secrets.some((secret) => safeEqual(provided, secretHash(secret, username, client.clientId)))) throw awsErrors.badSecretHash(client.clientId);
}

function attributeClaims(attributes: Readonly<Record<string, string>>): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(attributes)) {
    claims[name] = name.endsWith('_verified') && (value === 'true' || value === 'false') ? value === 'true' : value;
  }
  return claims;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(body: unknown): JsonObject {
  if (!isObject(body)) throw awsErrors.serialization('Start of structure or map expected');
  return body;
}

function optionalString(input: JsonObject, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw awsErrors.serialization(`${key}: expected a string`);
  return value;
}

function requiredString(input: JsonObject, key: string, member: string): string {
  const value = optionalString(input, key);
  if (value === undefined) throw awsErrors.nullMember(member);
  return value;
}

/** An AuthParameters or ChallengeResponses entry that must be present and non-empty. */
function requiredParam(params: Readonly<Record<string, string>>, name: string): string {
  const value = params[name];
  if (value === undefined || value === '') throw awsErrors.missingParameter(name);
  return value;
}

function stringMap(input: JsonObject, key: string): Record<string, string> {
  const value = input[key];
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw awsErrors.serialization(`${key}: expected a map of strings`);
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw awsErrors.serialization(`${key}.${k}: expected a string`);
    out[k] = v;
  }
  return out;
}
