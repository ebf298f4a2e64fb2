// Cognito's challenges after InitiateAuth: one handler per challenge name, and the loop that answers them until tokens come.

import { badResponse, callCognito, DEFAULT_RETRY, type CallOptions } from '../cognito-client';
import { ChallengeError, SettingsError } from '../errors';
import { isRecord, safeJsonParse } from '../safe-json';
import { withSecretHash } from '../secret-hash';
import { variableName, type SettingKey, type Settings } from '../settings';
import { cognitoTimestamp, drawSrpKeys, passwordClaimSignature, type SrpKeys } from '../srp';
import { base32Decode, totp } from '../totp';
import type { Host } from '../transport';
import { parseAuthenticationResult, type AuthResult } from './auth-result';

/** A sign-in in progress: what the first call started with, carried through the challenges. */
export interface SignInState {
  password: string;
  /** SigV4 for the Admin* operations; absent for the public ones. */
  signer: CallOptions;
  /** The SRP key pair of a PASSWORD_VERIFIER still to come. */
  srp?: SrpKeys | undefined;
}

/** What a handler sees of one challenge. */
interface Challenge {
  host: Host;
  settings: Settings;
  state: SignInState;
  response: Record<string, unknown>;
  params: Record<string, string>;
  /** Cognito's own username for the user (the sign-in name may be an alias); hashes use it. */
  username: string;
  operation: string;
  v: (key: SettingKey) => string;
}

/** Fills the answers to one challenge (USERNAME is already there), or throws why it cannot be answered. */
type Handler = (challenge: Challenge, answers: Record<string, string>) => void;

/** A sign-in that keeps asking for more than this many challenges is refused. */
const MAX_CHALLENGES = 5;

const NO_SCRIPT_SMS = 'a script cannot read an SMS code. ';
const DEVICE = 'Cognito wants a remembered device. Turn device tracking off for the user or the pool';
const USE_PASSWORD = 'Give the user a password and allow PASSWORD in the pool\'s sign-in options';

/** Why a challenge cannot be automated, and what to change instead. */
const WHY_NOT: Record<string, (v: (key: SettingKey) => string) => string> = {
  SMS_MFA: () => NO_SCRIPT_SMS + 'Give the user TOTP MFA, or none',
  EMAIL_OTP: () => 'a script cannot read an email code. ' + USE_PASSWORD,
  SMS_OTP: () => NO_SCRIPT_SMS + USE_PASSWORD,
  WEB_AUTHN: () => 'a passkey needs a person at a device. ' + USE_PASSWORD,
  MFA_SETUP: (v) => 'the pool requires MFA and the user has none. Set up TOTP for it once (associate-software-token) and put its secret in ' + v('totpSecret'),
  SELECT_MFA_TYPE: () => 'the user has several MFA methods. Make TOTP preferred (aws cognito-idp admin-set-user-mfa-preference)',
  CUSTOM_CHALLENGE: () => 'the pool\'s custom auth Lambda asks what only your app can answer. Use a user or app client without it',
  DEVICE_SRP_AUTH: () => DEVICE,
  DEVICE_PASSWORD_VERIFIER: () => DEVICE,
  ADMIN_NO_SRP_AUTH: () => 'it belongs to another flow',
};

/** `user "name"`: whose sign-in a challenge stopped. */
const userOf = (settings: Settings) => 'user "' + settings.username + '"';
const cannot = (settings: Settings, text: string) => new ChallengeError('COGNITO_CHALLENGE_UNSUPPORTED', text, { identity: settings.identity });
const needs = (settings: Settings, setting: string, text: string) => new ChallengeError('COGNITO_CHALLENGE_NEEDS_SETTING', text, { identity: settings.identity, setting });

const whyNot = (name: string, v: (key: SettingKey) => string) => WHY_NOT[name]?.(v);

/** USER_AUTH without (or without an available) preferred challenge: Cognito lists the user's first factors. */
const selectChallenge: Handler = ({ host, settings, state, response, v }, answers) => {
  const offered = Array.isArray(response['AvailableChallenges']) ? response['AvailableChallenges'].filter((c): c is string => typeof c === 'string') : [];
  const other = settings.preferredChallenge === 'PASSWORD' ? 'PASSWORD_SRP' : 'PASSWORD';
  const choice = [settings.preferredChallenge, other].find((c) => offered.includes(c));
  if (choice === undefined) {
    const reasons = offered.map((c) => c + ': ' + (whyNot(c, v) ?? 'pm-cognito cannot answer it'));
    throw cannot(settings, userOf(settings) + ' can only sign in with ' + (offered.length > 0 ? offered.join(', ') : 'no first factor Cognito named') + ', which cannot be automated (' + reasons.join('; ') + '). ' + USE_PASSWORD + ', then ' + v('authFlow') + ' USER_AUTH works; or use another flow.');
  }
  answers['ANSWER'] = choice;
  if (choice === 'PASSWORD') {
    answers['PASSWORD'] = state.password;
    return;
  }
  if (settings.userPoolId === undefined) {
    throw new SettingsError({ identity: settings.identity, setting: v('userPoolId'), text: 'Cognito offers ' + userOf(settings) + ' only PASSWORD_SRP, which needs the user pool id: set ' + v('userPoolId') });
  }
  state.srp = drawSrpKeys(host);
  answers['SRP_A'] = state.srp.A.toString(16);
};

/** The second half of SRP: prove the password without sending it. */
const passwordVerifier: Handler = ({ host, settings, state, params, username, operation }, answers) => {
  const srp = state.srp;
  if (srp === undefined || settings.userPoolId === undefined) throw badResponse(settings, operation, 200, 'an unexpected PASSWORD_VERIFIER challenge');
  const { SALT, SRP_B, SECRET_BLOCK } = params;
  if (SALT === undefined || SRP_B === undefined || SECRET_BLOCK === undefined) throw badResponse(settings, operation, 200, 'an incomplete PASSWORD_VERIFIER challenge');
  const timestamp = cognitoTimestamp(host.now());
  answers['PASSWORD_CLAIM_SECRET_BLOCK'] = SECRET_BLOCK;
  answers['TIMESTAMP'] = timestamp;
  answers['PASSWORD_CLAIM_SIGNATURE'] = passwordClaimSignature({
    poolName: settings.userPoolId.slice(settings.userPoolId.indexOf('_') + 1),
    userIdForSrp: username,
    password: state.password,
    a: srp.a,
    A: srp.A,
    srpB: SRP_B,
    salt: SALT,
    secretBlock: SECRET_BLOCK,
    timestamp,
  });
};

/** A user with a temporary password: give it the configured permanent one, with any attributes the pool requires. */
const newPasswordRequired: Handler = ({ settings, params, v }, answers) => {
  if (settings.newPassword === undefined) {
    throw needs(settings, v('newPassword'), userOf(settings) + ' has a temporary password (NEW_PASSWORD_REQUIRED): set ' + v('newPassword') + ' to the permanent one to give it, or give one with aws cognito-idp admin-set-user-password --permanent');
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
    throw needs(settings, v('userAttributes'), 'Cognito needs the attribute(s) ' + missing.join(', ') + ' of ' + userOf(settings) + ' with the new password: add them to ' + v('userAttributes') + ', e.g. {"' + missing[0] + '":"..."}');
  }
};

/** TOTP MFA: the code of the current 30-second step from the configured secret (checked as base32 by readSettings). */
const softwareTokenMfa: Handler = ({ host, settings, v }, answers) => {
  if (settings.totpSecret === undefined) {
    throw needs(settings, v('totpSecret'), userOf(settings) + ' has TOTP MFA (SOFTWARE_TOKEN_MFA): set ' + v('totpSecret') + ' to the base32 secret its authenticator app got');
  }
  answers['SOFTWARE_TOKEN_MFA_CODE'] = totp(base32Decode(settings.totpSecret, v('totpSecret')), host.now());
};

/** The challenges pm-cognito answers; any other name is refused with WHY_NOT's advice. */
const HANDLERS: Record<string, Handler> = {
  SELECT_CHALLENGE: selectChallenge,
  PASSWORD_VERIFIER: passwordVerifier,
  NEW_PASSWORD_REQUIRED: newPasswordRequired,
  SOFTWARE_TOKEN_MFA: softwareTokenMfa,
};

const stringParams = (value: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (isRecord(value)) for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
};

/** Sends the first call of a flow (InitiateAuth, or AdminInitiateAuth when signed) and follows its challenges. */
export const startSignIn = async (host: Host, settings: Settings, request: Record<string, unknown>, state: SignInState): Promise<AuthResult> => {
  const operation = state.signer.sign !== undefined ? 'AdminInitiateAuth' : 'InitiateAuth';
  const response = await callCognito(host, settings, operation, request, state.signer);
  return answerChallenges(host, settings, response, operation, state);
};

/** Follows challenges until Cognito returns tokens. */
const answerChallenges = async (host: Host, settings: Settings, first: Record<string, unknown>, firstOperation: string, state: SignInState): Promise<AuthResult> => {
  const admin = state.signer.sign !== undefined;
  const respondOperation = admin ? 'AdminRespondToAuthChallenge' : 'RespondToAuthChallenge';
  const v = (key: SettingKey) => variableName(key, settings.identity);
  let response = first;
  let operation = firstOperation;
  for (let step = 0; step <= MAX_CHALLENGES; step++) {
    if (response['AuthenticationResult'] !== undefined) {
      return parseAuthenticationResult(response['AuthenticationResult'], settings, operation, true);
    }
    const name = typeof response['ChallengeName'] === 'string' ? response['ChallengeName'] : undefined;
    if (name === undefined) throw badResponse(settings, operation, 200, 'neither tokens nor a challenge');
    const params = stringParams(response['ChallengeParameters']);
    const username = params['USER_ID_FOR_SRP'] ?? params['USERNAME'] ?? settings.username;
    const answers: Record<string, string> = { USERNAME: username };
    const handler = HANDLERS[name];
    if (handler === undefined) {
      const why = whyNot(name, v) ?? 'pm-cognito does not know it. Use a user that signs in with a password (and TOTP MFA, if any)';
      throw cannot(settings, 'Cognito asked ' + userOf(settings) + ' for ' + name + ', which cannot be automated: ' + why + '.');
    }
    handler({ host, settings, state, response, params, username, operation, v }, answers);

    withSecretHash(settings, answers, username);
    const request: Record<string, unknown> = { ChallengeName: name, ClientId: settings.clientId, ChallengeResponses: answers };
    if (admin) request['UserPoolId'] = settings.userPoolId;
    if (typeof response['Session'] === 'string') request['Session'] = response['Session'];
    operation = respondOperation;
    response = await callCognito(host, settings, respondOperation, request, { ...state.signer, retry: { ...DEFAULT_RETRY, attempts: 1 } });
  }
  throw cannot(settings, 'Cognito kept asking ' + userOf(settings) + ' for more challenges: check its MFA and the pool\'s custom auth');
};
