// Runs one Cognito sign-in flow to the end, challenges included, and returns the tokens.

import { base64Encode, utf8Encode } from './bytes';
import { badResponse, callCognito, withRetries, DEFAULT_RETRY, type CallOptions } from './cognito-client';
import { BadResponseError, ChallengeError, CognitoRefusal, PmCognitoError, SettingsError } from './errors';
import { isRecord, safeJsonParse } from './safe-json';
import { secretHash } from './secret-hash';
import type { Settings } from './settings';
import { variableName } from './settings';
import { signRequest } from './sigv4';
import { cognitoTimestamp, passwordClaimSignature, srpLargeA, srpSmallA } from './srp';
import { tokenLifetimeMs, type CachedTokens } from './token-cache';
import { base32Decode, totp } from './totp';
import type { Host, HttpRequest } from './transport';

export interface AuthResult {
  idToken: string | undefined;
  accessToken: string;
  refreshToken: string | undefined;
  expiresIn: number | undefined;
}

/** Bytes of randomness for SRP's secret exponent `a`, as AWS's own clients use. */
const SRP_RANDOM_BYTES = 128;
/** A sign-in that keeps asking for more than this many challenges is refused. */
const MAX_CHALLENGES = 5;

/** Parses Cognito's AuthenticationResult, refusing any shape that is not one. */
export function parseAuthenticationResult(value: unknown, settings: Settings, operation: string, needRefresh: boolean): AuthResult {
  if (!isRecord(value)) throw badResponse(settings, operation, 200, 'no AuthenticationResult');
  const { IdToken, AccessToken, RefreshToken, ExpiresIn } = value;
  const ok = typeof IdToken === 'string' && IdToken.split('.').length === 3
    && typeof AccessToken === 'string' && AccessToken.split('.').length === 3
    && (RefreshToken === undefined || typeof RefreshToken === 'string')
    && (!needRefresh || typeof RefreshToken === 'string')
    && (ExpiresIn === undefined || typeof ExpiresIn === 'number');
  if (!ok) {
    throw new BadResponseError('COGNITO_BAD_RESPONSE', operation + ' returned an AuthenticationResult without the expected tokens: check ' + variableName('endpoint', settings.identity) + ' points at Cognito');
  }
  return {
    idToken: IdToken as string,
    accessToken: AccessToken as string,
    refreshToken: RefreshToken as string | undefined,
    expiresIn: ExpiresIn as number | undefined,
  };
}

export function toCachedTokens(result: AuthResult, key: string, receivedAt: number, previousRefresh?: string): CachedTokens {
  const tokens = result.idToken !== undefined ? [result.idToken, result.accessToken] : [result.accessToken];
  const lifetime = tokenLifetimeMs(result.expiresIn, tokens);
  return {
    key,
    idToken: result.idToken,
    accessToken: result.accessToken,
    // A rotating client's refresh answer carries a new refresh token (the old one is spent); others keep the old one.
    refreshToken: result.refreshToken ?? previousRefresh,
    obtainedAt: receivedAt,
    expiresAt: receivedAt + lifetime,
  };
}

export function withSecretHash(settings: Settings, params: Record<string, string>, username: string): Record<string, string> {
  if (settings.clientSecret !== undefined) params['SECRET_HASH'] = secretHash(username, settings.clientId, settings.clientSecret);
  return params;
}

/** SigV4 for the Admin* operations, from the AWS credentials in the settings. */
function adminSigner(host: Host, settings: Settings): CallOptions {
  const sign = (request: HttpRequest): HttpRequest => {
    const added = signRequest({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: request.body,
      region: settings.region ?? '',
      service: 'cognito-idp',
      accessKeyId: settings.awsAccessKeyId ?? '',
      secretAccessKey: settings.awsSecretAccessKey ?? '',
      sessionToken: settings.awsSessionToken,
      nowMs: host.now(),
    });
    return { ...request, headers: { ...request.headers, ...added } };
  };
  return { sign };
}

/** Signs in from scratch with the configured flow. */
export async function signIn(host: Host, settings: Settings): Promise<AuthResult> {
  if (settings.authFlow === 'CLIENT_CREDENTIALS') return clientCredentials(host, settings);
  try {
    return await signInWithPassword(host, settings, settings.password);
  } catch (error) {
    // After NEW_PASSWORD_REQUIRED was answered once, the temporary password no longer works: the
    // configured new password is now the user's password.
    const retry = settings.newPassword !== undefined && settings.newPassword !== settings.password
      && error instanceof PmCognitoError && error.code === 'COGNITO_NOT_AUTHORIZED';
    if (!retry) throw error;
    return signInWithPassword(host, settings, settings.newPassword!);
  }
}

async function signInWithPassword(host: Host, settings: Settings, password: string): Promise<AuthResult> {
  switch (settings.authFlow) {
    case 'USER_PASSWORD_AUTH': {
      const response = await callCognito(host, settings, 'InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: settings.clientId,
        AuthParameters: withSecretHash(settings, { USERNAME: settings.username, PASSWORD: password }, settings.username),
      });
      return answerChallenges(host, settings, response, 'InitiateAuth', {}, password);
    }
    case 'ADMIN_USER_PASSWORD_AUTH': {
      const signer = adminSigner(host, settings);
      const response = await callCognito(host, settings, 'AdminInitiateAuth', {
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        UserPoolId: settings.userPoolId,
        ClientId: settings.clientId,
        AuthParameters: withSecretHash(settings, { USERNAME: settings.username, PASSWORD: password }, settings.username),
      }, signer);
      return answerChallenges(host, settings, response, 'AdminInitiateAuth', signer, password);
    }
    case 'USER_SRP_AUTH': {
      const { a, A } = newSrp(host);
      const response = await callCognito(host, settings, 'InitiateAuth', {
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: settings.clientId,
        AuthParameters: withSecretHash(settings, { USERNAME: settings.username, SRP_A: A.toString(16) }, settings.username),
      });
      return answerChallenges(host, settings, response, 'InitiateAuth', {}, password, { a, A });
    }
    case 'USER_AUTH':
    case 'ADMIN_USER_AUTH': {
      // Choice-based sign-in: ask for the preferred first factor at once; Cognito answers with it, or with SELECT_CHALLENGE.
      const admin = settings.authFlow === 'ADMIN_USER_AUTH';
      const signer = admin ? adminSigner(host, settings) : {};
      const params: Record<string, string> = { USERNAME: settings.username, PREFERRED_CHALLENGE: settings.preferredChallenge };
      let srp: SrpState | undefined;
      if (settings.preferredChallenge === 'PASSWORD_SRP') {
        srp = newSrp(host);
        params['SRP_A'] = srp.A.toString(16);
      } else {
        params['PASSWORD'] = password;
      }
      const request: Record<string, unknown> = { AuthFlow: 'USER_AUTH', ClientId: settings.clientId, AuthParameters: withSecretHash(settings, params, settings.username) };
      if (admin) request['UserPoolId'] = settings.userPoolId;
      const operation = admin ? 'AdminInitiateAuth' : 'InitiateAuth';
      const response = await callCognito(host, settings, operation, request, signer);
      return answerChallenges(host, settings, response, operation, signer, password, srp);
    }
    default:
      throw new SettingsError({ identity: settings.identity, setting: variableName('authFlow', settings.identity), text: variableName('authFlow', settings.identity) + ' ' + settings.authFlow + ' cannot sign in with a password' });
  }
}

interface SrpState {
  a: bigint;
  A: bigint;
}

function newSrp(host: Host): SrpState {
  const a = srpSmallA(host.randomBytes(SRP_RANDOM_BYTES));
  return { a, A: srpLargeA(a) };
}

function stringParams(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isRecord(value)) for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

const WHY_NOT: Record<string, string> = {
  SMS_MFA: 'the code goes to a phone by SMS, which a script cannot read. Use TOTP (software token) MFA for the test user, or set its MFA preference to none',
  EMAIL_OTP: 'the code goes to an email inbox, which a script cannot read. Give the test user a password (and TOTP if it needs MFA), or turn email codes off for it',
  SMS_OTP: 'the code goes to a phone by SMS, which a script cannot read. Give the test user a password and allow PASSWORD in the pool\'s sign-in options',
  WEB_AUTHN: 'a passkey needs an authenticator (a person touching a device). Give the test user a password and allow PASSWORD in the pool\'s sign-in options',
  MFA_SETUP: 'the pool requires MFA and the test user has none set up. Set up TOTP for the user once (associate-software-token, verify-software-token) and put its secret in cognito_totp_secret',
  SELECT_MFA_TYPE: 'the test user has several MFA methods and Cognito asks which to use. Make TOTP the preferred one (admin-set-user-mfa-preference --software-token-mfa-settings Enabled=true,PreferredMfa=true)',
  CUSTOM_CHALLENGE: 'the pool\'s custom auth Lambda asks a question only your app knows how to answer. Use a test user or app client without custom auth',
  DEVICE_SRP_AUTH: 'Cognito wants to authenticate a remembered device. Turn device tracking off for the test user or the pool',
  DEVICE_PASSWORD_VERIFIER: 'Cognito wants to authenticate a remembered device. Turn device tracking off for the test user or the pool',
  ADMIN_NO_SRP_AUTH: 'this challenge belongs to another flow',
};

/** Follows challenges until Cognito returns tokens. */
async function answerChallenges(
  host: Host,
  settings: Settings,
  first: Record<string, unknown>,
  firstOperation: string,
  signer: CallOptions,
  password: string,
  firstSrp?: SrpState,
): Promise<AuthResult> {
  let srp = firstSrp;
  const admin = signer.sign !== undefined;
  const respondOperation = admin ? 'AdminRespondToAuthChallenge' : 'RespondToAuthChallenge';
  const v = (key: Parameters<typeof variableName>[0]) => variableName(key, settings.identity);
  let response = first;
  let operation = firstOperation;
  for (let step = 0; step <= MAX_CHALLENGES; step++) {
    if (response['AuthenticationResult'] !== undefined) {
      return parseAuthenticationResult(response['AuthenticationResult'], settings, operation, true);
    }
    const challenge = typeof response['ChallengeName'] === 'string' ? response['ChallengeName'] : undefined;
    if (challenge === undefined) throw badResponse(settings, operation, 200, 'neither tokens nor a challenge');
    const params = stringParams(response['ChallengeParameters']);
    // Cognito's own username for the user (the sign-in name may be an alias); hashes use it.
    const username = params['USER_ID_FOR_SRP'] ?? params['USERNAME'] ?? settings.username;
    const answers: Record<string, string> = { USERNAME: username };

    switch (challenge) {
      case 'SELECT_CHALLENGE': {
        // USER_AUTH without (or without an available) preferred challenge: Cognito lists the user's first factors.
        const offered = Array.isArray(response['AvailableChallenges']) ? response['AvailableChallenges'].filter((c): c is string => typeof c === 'string') : [];
        const other = settings.preferredChallenge === 'PASSWORD' ? 'PASSWORD_SRP' : 'PASSWORD';
        const choice = [settings.preferredChallenge, other].find((c) => offered.includes(c));
        if (choice === undefined) {
          const reasons = offered.map((c) => c + ': ' + (WHY_NOT[c] ?? 'pm-cognito cannot answer it'));
          throw new ChallengeError('COGNITO_CHALLENGE_UNSUPPORTED', 'user "' + settings.username + '" can only sign in with ' + (offered.length > 0 ? offered.join(', ') : 'no first factor Cognito named') + ', which cannot be automated (' + reasons.join('; ') + '). Give the test user a password and allow PASSWORD in the pool\'s sign-in options, then ' + v('authFlow') + ' USER_AUTH works; or use another flow.');
        }
        answers['ANSWER'] = choice;
        if (choice === 'PASSWORD') {
          answers['PASSWORD'] = password;
        } else {
          if (settings.userPoolId === undefined) {
            throw new SettingsError({ identity: settings.identity, setting: v('userPoolId'), text: 'Cognito offers user "' + settings.username + '" only PASSWORD_SRP, which needs the user pool id: set ' + v('userPoolId') });
          }
          srp = newSrp(host);
          answers['SRP_A'] = srp.A.toString(16);
        }
        break;
      }
      case 'PASSWORD_VERIFIER': {
        if (srp === undefined || settings.userPoolId === undefined) throw badResponse(settings, operation, 200, 'an unexpected PASSWORD_VERIFIER challenge');
        const { SALT, SRP_B, SECRET_BLOCK } = params;
        if (SALT === undefined || SRP_B === undefined || SECRET_BLOCK === undefined) throw badResponse(settings, operation, 200, 'an incomplete PASSWORD_VERIFIER challenge');
        const timestamp = cognitoTimestamp(host.now());
        answers['PASSWORD_CLAIM_SECRET_BLOCK'] = SECRET_BLOCK;
        answers['TIMESTAMP'] = timestamp;
        answers['PASSWORD_CLAIM_SIGNATURE'] = passwordClaimSignature({
          poolName: settings.userPoolId.slice(settings.userPoolId.indexOf('_') + 1),
          userIdForSrp: username,
          password,
          a: srp.a,
          A: srp.A,
          srpB: SRP_B,
          salt: SALT,
          secretBlock: SECRET_BLOCK,
          timestamp,
        });
        break;
      }
      case 'NEW_PASSWORD_REQUIRED': {
        if (settings.newPassword === undefined) {
          throw new ChallengeError('COGNITO_CHALLENGE_NEEDS_SETTING', 'user "' + settings.username + '" still has a temporary password and Cognito asks for a new one (NEW_PASSWORD_REQUIRED): set ' + v('newPassword') + ' to the permanent password to give it (then pm-cognito signs in with it from now on), or set a permanent password with `aws cognito-idp admin-set-user-password --permanent`');
        }
        answers['NEW_PASSWORD'] = settings.newPassword;
        const required = safeJsonParse(params['requiredAttributes'] ?? '[]');
        const missing: string[] = [];
        for (const entry of Array.isArray(required) ? required : []) {
          if (typeof entry !== 'string') continue;
          const name = entry.replace(/^userAttributes\./, '');
          const value = settings.userAttributes[name];
          if (value === undefined) missing.push(name);
          else answers['userAttributes.' + name] = value;
        }
        if (missing.length > 0) {
          throw new ChallengeError('COGNITO_CHALLENGE_NEEDS_SETTING', 'Cognito needs the attribute(s) ' + missing.join(', ') + ' of user "' + settings.username + '" with the new password: add them to ' + v('userAttributes') + ', e.g. {"' + missing[0] + '":"..."}');
        }
        break;
      }
      case 'SOFTWARE_TOKEN_MFA': {
        if (settings.totpSecret === undefined) {
          throw new ChallengeError('COGNITO_CHALLENGE_NEEDS_SETTING', 'user "' + settings.username + '" has TOTP MFA and Cognito asks for a code (SOFTWARE_TOKEN_MFA): set ' + v('totpSecret') + ' to the user\'s base32 TOTP secret (the one given to the authenticator app)');
        }
        answers['SOFTWARE_TOKEN_MFA_CODE'] = totp(base32Decode(settings.totpSecret), host.now());
        break;
      }
      default: {
        const why = WHY_NOT[challenge] ?? 'pm-cognito does not know this challenge. Use a test user and app client that sign in with a password, optionally with TOTP MFA';
        throw new ChallengeError('COGNITO_CHALLENGE_UNSUPPORTED', 'Cognito asked user "' + settings.username + '" for ' + challenge + ', which cannot be automated: ' + why + '.');
      }
    }

    withSecretHash(settings, answers, username);
    const request: Record<string, unknown> = {
      ChallengeName: challenge,
      ClientId: settings.clientId,
      ChallengeResponses: answers,
    };
    if (admin) request['UserPoolId'] = settings.userPoolId;
    if (typeof response['Session'] === 'string') request['Session'] = response['Session'];
    operation = respondOperation;
    response = await callCognito(host, settings, respondOperation, request, { ...signer, retry: { ...DEFAULT_RETRY, attempts: 1 } });
  }
  throw new ChallengeError('COGNITO_CHALLENGE_UNSUPPORTED', 'Cognito kept asking user "' + settings.username + '" for more challenges: check the user\'s MFA and the pool\'s custom auth');
}

function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

/** OAuth 2.0 client credentials at the user pool domain's /oauth2/token (machine-to-machine). */
async function clientCredentials(host: Host, settings: Settings): Promise<AuthResult> {
  const url = settings.oauthTokenUrl ?? '';
  let body = 'grant_type=client_credentials';
  if (settings.scopes !== undefined) body += '&scope=' + formEncode(settings.scopes);
  const basic = base64Encode(utf8Encode(settings.clientId + ':' + (settings.clientSecret ?? '')));
  const v = (key: Parameters<typeof variableName>[0]) => variableName(key, settings.identity);
  return withRetries(host, DEFAULT_RETRY, settings, 'client_credentials', async () => {
    const response = await host.transport({
      url,
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: 'Basic ' + basic },
      body,
    }, settings.timeoutMs);
    const parsed = safeJsonParse(response.body);
    if (response.status === 200 && isRecord(parsed) && typeof parsed['access_token'] === 'string' && parsed['access_token'].split('.').length === 3) {
      const expiresIn = typeof parsed['expires_in'] === 'number' ? parsed['expires_in'] : undefined;
      return { idToken: undefined, accessToken: parsed['access_token'], refreshToken: undefined, expiresIn };
    }
    if (isRecord(parsed) && typeof parsed['error'] === 'string') {
      const error = parsed['error'];
      const advice = error === 'invalid_client' ? 'check ' + v('clientId') + ' and ' + v('clientSecret') + ', and that the app client has the client credentials grant'
        : error === 'invalid_scope' ? 'set ' + v('scopes') + ' to scopes of a resource server that the app client may request'
        : error === 'unauthorized_client' ? 'enable the client credentials grant on the app client'
        : error === 'unsupported_grant_type' ? 'check ' + v('oauthTokenUrl') + ' is the user pool domain\'s /oauth2/token'
        : 'check the app client\'s OAuth settings';
      // 429 is throttling; a 5xx is the endpoint failing, not a refusal: both are worth another try, neither is permanent.
      const code = response.status === 429 ? 'COGNITO_THROTTLED' : response.status >= 500 ? 'COGNITO_UNREACHABLE' : 'COGNITO_NOT_AUTHORIZED';
      throw new CognitoRefusal(code, 'the token endpoint refused client credentials for app client ' + settings.clientId + ' (' + error + '): ' + advice, { identity: settings.identity, retryable: code !== 'COGNITO_NOT_AUTHORIZED' });
    }
    if (response.status >= 500 || response.status === 429) {
      throw new BadResponseError('COGNITO_UNREACHABLE', 'the token endpoint answered HTTP ' + response.status + ' repeatedly: check ' + v('oauthTokenUrl') + ' or run again later', { identity: settings.identity, retryable: true });
    }
    throw new BadResponseError('COGNITO_BAD_RESPONSE', 'the token endpoint answered HTTP ' + response.status + ' without a token: check ' + v('oauthTokenUrl') + ' is https://<domain>.auth.<region>.amazoncognito.com/oauth2/token');
  });
}
