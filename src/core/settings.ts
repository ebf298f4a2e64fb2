// Reads pm-cognito's settings from variables, checks all of them at once, and names every problem.

import { SettingsError } from './errors';

/** Looks a variable up the way Postman resolves it (environment, collection, globals...). */
export type VariableLookup = (name: string) => unknown;

export const AUTH_FLOWS = [
  'USER_PASSWORD_AUTH',
  'USER_SRP_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'CLIENT_CREDENTIALS',
  // Choice-based sign-in (ALLOW_USER_AUTH); ADMIN_USER_AUTH is pm-cognito's name for USER_AUTH sent to AdminInitiateAuth.
  'USER_AUTH',
  'ADMIN_USER_AUTH',
] as const;
export type AuthFlow = (typeof AUTH_FLOWS)[number];

/**
 * First factors of USER_AUTH that a script can complete. PASSWORD is the default: one call instead of two, and no
 * dependence on the sandbox's randomness (newman 6.2.2 has only Math.random for SRP's secret exponent), while the
 * password crosses TLS exactly as in the default USER_PASSWORD_AUTH flow. PASSWORD_SRP keeps the password on this
 * machine (it also needs cognito_user_pool_id).
 */
export const PREFERRED_CHALLENGES = ['PASSWORD', 'PASSWORD_SRP'] as const;
export type PreferredChallenge = (typeof PREFERRED_CHALLENGES)[number];

export const TOKEN_TYPES = ['id', 'access'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

export interface Settings {
  /** '' for the default identity, else the identity's name (variables suffixed `@<name>`). */
  identity: string;
  /** Cognito's JSON API endpoint, always ending in '/'. */
  endpoint: string;
  region: string | undefined;
  userPoolId: string | undefined;
  clientId: string;
  clientSecret: string | undefined;
  authFlow: AuthFlow;
  /** USER_AUTH's PREFERRED_CHALLENGE, and the answer to SELECT_CHALLENGE when Cognito offers it. */
  preferredChallenge: PreferredChallenge;
  username: string;
  password: string;
  newPassword: string | undefined;
  totpSecret: string | undefined;
  /** Attributes to send with a new password when NEW_PASSWORD_REQUIRED lists required ones. */
  userAttributes: Record<string, string>;
  awsAccessKeyId: string | undefined;
  awsSecretAccessKey: string | undefined;
  awsSessionToken: string | undefined;
  /** Full URL of the user pool domain's token endpoint, for CLIENT_CREDENTIALS. */
  oauthTokenUrl: string | undefined;
  scopes: string | undefined;
  tokenType: TokenType;
  headerName: string;
  /** '' sends the raw token, as API Gateway Cognito authorizers and AppSync expect. */
  headerScheme: string;
  refreshMarginSeconds: number;
  timeoutMs: number;
  debug: boolean;
}

export type SettingKey = Exclude<keyof Settings, 'identity'>;

export interface SettingSpec {
  /** Variable name of the default identity; an identity `x` reads `<variable>@x`. */
  variable: string;
  /** Per-identity settings never fall back to the default identity's value. */
  perIdentity?: boolean;
  secret?: boolean;
  description: string;
  defaultValue?: string;
}

/** Every setting, in the order the README's table lists them. */
export const SETTING_SPECS: Record<SettingKey, SettingSpec> = {
  region: { variable: 'cognito_region', description: 'AWS region of the user pool, e.g. eu-west-1. Optional when cognito_user_pool_id or cognito_endpoint is set.' },
  endpoint: { variable: 'cognito_endpoint', description: 'Cognito endpoint URL instead of https://cognito-idp.<region>.amazonaws.com/ (cognito-local, VPC endpoints).' },
  userPoolId: { variable: 'cognito_user_pool_id', description: 'User pool id, e.g. eu-west-1_AbCdEf123. Needed for USER_SRP_AUTH, the admin flows and PASSWORD_SRP.' },
  clientId: { variable: 'cognito_client_id', description: 'App client id.' },
  clientSecret: { variable: 'cognito_client_secret', secret: true, description: 'App client secret, only if the app client has one (SECRET_HASH is then added).' },
  authFlow: { variable: 'cognito_auth_flow', defaultValue: 'USER_PASSWORD_AUTH', description: 'Sign-in flow: ' + AUTH_FLOWS.join(', ') + '.' },
  preferredChallenge: { variable: 'cognito_preferred_challenge', defaultValue: 'PASSWORD', description: 'First factor for USER_AUTH and ADMIN_USER_AUTH: PASSWORD or PASSWORD_SRP.' },
  username: { variable: 'cognito_username', perIdentity: true, description: 'Username (or email/phone alias) of the test user.' },
  password: { variable: 'cognito_password', perIdentity: true, secret: true, description: 'Password of the test user.' },
  newPassword: { variable: 'cognito_new_password', perIdentity: true, secret: true, description: 'Permanent password to set when Cognito asks for a new one (NEW_PASSWORD_REQUIRED).' },
  totpSecret: { variable: 'cognito_totp_secret', perIdentity: true, secret: true, description: 'Base32 TOTP secret of the user, to answer SOFTWARE_TOKEN_MFA.' },
  userAttributes: { variable: 'cognito_user_attributes', perIdentity: true, description: 'JSON object of user attributes Cognito may require with a new password, e.g. {"email":"qa@example.com"}.' },
  awsAccessKeyId: { variable: 'cognito_aws_access_key_id', description: 'AWS access key id for ADMIN_USER_PASSWORD_AUTH and ADMIN_USER_AUTH.' },
  awsSecretAccessKey: { variable: 'cognito_aws_secret_access_key', secret: true, description: 'AWS secret access key for ADMIN_USER_PASSWORD_AUTH and ADMIN_USER_AUTH.' },
  awsSessionToken: { variable: 'cognito_aws_session_token', secret: true, description: 'AWS session token, for temporary credentials.' },
  oauthTokenUrl: { variable: 'cognito_oauth_token_url', description: 'Token endpoint of the user pool domain for CLIENT_CREDENTIALS, e.g. https://<domain>.auth.<region>.amazoncognito.com/oauth2/token.' },
  scopes: { variable: 'cognito_scopes', description: 'Space-separated OAuth scopes for CLIENT_CREDENTIALS (optional).' },
  tokenType: { variable: 'cognito_token_type', defaultValue: 'id', description: 'Token to send: id or access.' },
  headerName: { variable: 'cognito_header_name', defaultValue: 'Authorization', description: 'Header that carries the token.' },
  headerScheme: { variable: 'cognito_header_scheme', defaultValue: '', description: 'Text before the token, e.g. Bearer. Empty sends the raw token.' },
  refreshMarginSeconds: { variable: 'cognito_refresh_margin_seconds', defaultValue: '60', description: 'Refresh this many seconds before the token expires (at most half its lifetime).' },
  timeoutMs: { variable: 'cognito_timeout_ms', defaultValue: '10000', description: 'Time limit for each call to Cognito, in milliseconds.' },
  debug: { variable: 'cognito_debug', defaultValue: 'false', description: 'true prints what pm-cognito decides (never secrets or tokens).' },
};

/** The variable that holds a setting for an identity ('' is the default identity). */
export function variableName(key: SettingKey, identity: string): string {
  const base = SETTING_SPECS[key].variable;
  return identity ? base + '@' + identity : base;
}

export const IDENTITY_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d{1,2})_[0-9A-Za-z]+$/;
const LOCAL_POOL_ID = /^[\w-]+_[0-9A-Za-z]+$/;
const CLIENT_ID = /^[\w+]{1,128}$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HTTP_URL_SHAPE = /^https?:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?(\/[^\s?#]*)?$/;

/** An http(s) URL without user-info, query or fragment, with a port from 1 to 65535 if any. */
function isHttpUrl(value: string): boolean {
  const match = HTTP_URL_SHAPE.exec(value);
  if (!match) return false;
  const port = match[2];
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
}

interface Reader {
  problems: string[];
  /** The trimmed value, or undefined when unset, empty or only whitespace. */
  text(key: SettingKey): string | undefined;
  /** Like text(), but a secret keeps its exact value and surrounding whitespace is a problem. */
  secret(key: SettingKey): string | undefined;
  name(key: SettingKey): string;
}

function makeReader(lookup: VariableLookup, identity: string): Reader {
  const problems: string[] = [];
  const nameUsed = (key: SettingKey): string => {
    const own = variableName(key, identity);
    if (!identity || SETTING_SPECS[key].perIdentity === true) return own;
    return isBlank(lookup(own)) ? SETTING_SPECS[key].variable : own;
  };
  const raw = (key: SettingKey): string | undefined => {
    const name = nameUsed(key);
    const value = lookup(name);
    if (value === undefined || value === null) return undefined;
    const text = typeof value === 'string' ? value : String(value);
    const unresolved = /^\s*\{\{([^{}]+)\}\}\s*$/.exec(text);
    if (unresolved) {
      problems.push(name + ' refers to {{' + unresolved[1] + '}}, which is not set: set ' + unresolved[1] + ' or put the value in ' + name + ' directly');
      return undefined;
    }
    return text;
  };
  return {
    problems,
    name: nameUsed,
    text(key) {
      const value = raw(key);
      if (value === undefined || value.trim() === '') return undefined;
      return value.trim();
    },
    secret(key) {
      const value = raw(key);
      if (value === undefined || value === '') return undefined;
      if (value.trim() === '') return undefined;
      if (value !== value.trim()) {
        problems.push(nameUsed(key) + ' starts or ends with whitespace: remove it (Cognito does not allow that; it is usually a copy-and-paste slip)');
        return undefined;
      }
      return value;
    },
  };
}

/** Quotes a refused value for a message: user-info of URLs masked, at most 64 characters. */
export function quote(value: string): string {
  const masked = value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1***@');
  return '"' + (masked.length > 64 ? masked.slice(0, 61) + '...' : masked) + '"';
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || String(value).trim() === '';
}

function required(reader: Reader, key: SettingKey, why: string): string | undefined {
  const value = SETTING_SPECS[key].secret === true ? reader.secret(key) : reader.text(key);
  if (value === undefined && !reader.problems.some((p) => p.startsWith(reader.name(key) + ' '))) {
    reader.problems.push(reader.name(key) + ' is not set: ' + why);
  }
  return value;
}

function oneOf<T extends string>(reader: Reader, key: SettingKey, allowed: readonly T[], normalise: (v: string) => string): T {
  const value = reader.text(key) ?? SETTING_SPECS[key].defaultValue ?? '';
  const wanted = normalise(value);
  const found = allowed.find((a) => a === wanted);
  if (found === undefined) {
    reader.problems.push(reader.name(key) + ' is ' + quote(value) + ', which is not one of ' + allowed.join(', ') + ': set one of those');
    return allowed[0]!;
  }
  return found;
}

function integer(reader: Reader, key: SettingKey, min: number, max: number): number {
  const value = reader.text(key) ?? SETTING_SPECS[key].defaultValue ?? '0';
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    reader.problems.push(reader.name(key) + ' is ' + quote(value) + ': set a whole number from ' + min + ' to ' + max);
    return Number(SETTING_SPECS[key].defaultValue ?? min);
  }
  return Number(value);
}

function normaliseFlow(value: string): string {
  return value.trim().toUpperCase().replace(/[\s-]+/g, '_');
}

/**
 * Reads and checks the settings of one identity. Throws one SETTINGS_INVALID error that lists
 * every missing or invalid variable, never their secret values.
 */
export function readSettings(lookup: VariableLookup, identity = ''): Settings {
  if (identity && !IDENTITY_NAME.test(identity)) {
    throw new SettingsError({ text: 'the identity name "' + identity + '" is not valid: use letters, digits, "_", "-" or "." (at most 64 characters)' });
  }
  const r = makeReader(lookup, identity);
  const authFlow = oneOf(r, 'authFlow', AUTH_FLOWS, normaliseFlow);
  const usesUser = authFlow !== 'CLIENT_CREDENTIALS';

  const userPoolId = r.text('userPoolId');
  let poolRegion: string | undefined;
  if (userPoolId !== undefined) {
    const match = POOL_ID.exec(userPoolId);
    if (match) poolRegion = match[1];
    else if (!LOCAL_POOL_ID.test(userPoolId)) {
      r.problems.push(r.name('userPoolId') + ' is ' + quote(userPoolId) + ', which is not a user pool id: copy it from the Cognito console (it looks like eu-west-1_AbCdEf123)');
    }
  }

  let region = r.text('region');
  if (region !== undefined && !REGION.test(region)) {
    r.problems.push(r.name('region') + ' is ' + quote(region) + ', which is not an AWS region: set it like eu-west-1');
    region = undefined;
  } else if (region !== undefined && poolRegion !== undefined && region !== poolRegion) {
    r.problems.push(r.name('region') + ' is ' + region + ' but ' + r.name('userPoolId') + ' belongs to ' + poolRegion + ': make them agree (or leave ' + r.name('region') + ' empty)');
  }
  region = region ?? poolRegion;

  let endpoint = r.text('endpoint');
  if (endpoint !== undefined) {
    if (!isHttpUrl(endpoint)) {
      r.problems.push(r.name('endpoint') + ' is ' + quote(endpoint) + ', which is not an http(s) URL: set it like http://127.0.0.1:9229/ or leave it empty to use the region');
      endpoint = undefined;
    } else if (!endpoint.endsWith('/')) {
      endpoint += '/';
    }
  } else if (region !== undefined) {
    endpoint = 'https://cognito-idp.' + region + '.amazonaws.com/';
  } else if (authFlow !== 'CLIENT_CREDENTIALS' && !r.problems.some((p) => p.startsWith(r.name('region')))) {
    r.problems.push(r.name('region') + ' is not set: set the AWS region of the user pool (e.g. eu-west-1), or ' + r.name('userPoolId') + ', or ' + r.name('endpoint'));
  }

  const clientId = required(r, 'clientId', 'set it to the app client id from the Cognito console (App integration > App clients)');
  if (clientId !== undefined && !CLIENT_ID.test(clientId)) {
    r.problems.push(r.name('clientId') + ' is ' + quote(clientId) + ', which is not an app client id: copy it from the Cognito console');
  }
  const clientSecret = r.secret('clientSecret');

  let username = '';
  let password = '';
  if (usesUser) {
    username = required(r, 'username', 'set it to the test user\'s username') ?? '';
    if (username.length > 128) r.problems.push(r.name('username') + ' is longer than 128 characters, which Cognito does not allow: check the value');
    password = required(r, 'password', 'set it to the test user\'s password (as a secret variable)') ?? '';
    if (password.length > 256) r.problems.push(r.name('password') + ' is longer than 256 characters, which Cognito does not allow: check the value');
  }
  if (authFlow === 'USER_SRP_AUTH' && userPoolId === undefined) {
    required(r, 'userPoolId', 'USER_SRP_AUTH needs the user pool id (e.g. eu-west-1_AbCdEf123)');
  }
  const userAuth = authFlow === 'USER_AUTH' || authFlow === 'ADMIN_USER_AUTH';
  const preferredChallenge = oneOf(r, 'preferredChallenge', PREFERRED_CHALLENGES, (v) => v.trim().toUpperCase().replace(/[\s-]+/g, '_'));
  if (userAuth && preferredChallenge === 'PASSWORD_SRP' && userPoolId === undefined) {
    required(r, 'userPoolId', authFlow + ' with PASSWORD_SRP needs the user pool id (e.g. eu-west-1_AbCdEf123)');
  }
  let awsAccessKeyId: string | undefined;
  let awsSecretAccessKey: string | undefined;
  if (authFlow === 'ADMIN_USER_PASSWORD_AUTH' || authFlow === 'ADMIN_USER_AUTH') {
    if (userPoolId === undefined && !r.problems.some((p) => p.startsWith(r.name('userPoolId')))) required(r, 'userPoolId', authFlow + ' needs the user pool id');
    awsAccessKeyId = required(r, 'awsAccessKeyId', authFlow + ' signs its call with AWS credentials allowed to call cognito-idp:AdminInitiateAuth');
    awsSecretAccessKey = required(r, 'awsSecretAccessKey', authFlow + ' needs the secret access key of those credentials');
    if (region === undefined && !r.problems.some((p) => p.startsWith(r.name('region')))) {
      r.problems.push(r.name('region') + ' is not set: ' + authFlow + ' signs for a region; set it or ' + r.name('userPoolId'));
    }
  }
  let oauthTokenUrl: string | undefined;
  if (authFlow === 'CLIENT_CREDENTIALS') {
    oauthTokenUrl = required(r, 'oauthTokenUrl', 'CLIENT_CREDENTIALS posts to the user pool domain\'s token endpoint, e.g. https://<domain>.auth.<region>.amazoncognito.com/oauth2/token');
    if (oauthTokenUrl !== undefined && !isHttpUrl(oauthTokenUrl)) {
      r.problems.push(r.name('oauthTokenUrl') + ' is ' + quote(oauthTokenUrl) + ', which is not an http(s) URL: set the full token endpoint URL');
    }
    if (clientSecret === undefined && !r.problems.some((p) => p.startsWith(r.name('clientSecret')))) {
      r.problems.push(r.name('clientSecret') + ' is not set: CLIENT_CREDENTIALS needs the app client\'s secret');
    }
  }

  const tokenType = oneOf(r, 'tokenType', TOKEN_TYPES, (v) => v.trim().toLowerCase().replace(/_?token$/, ''));
  const headerName = r.text('headerName') ?? 'Authorization';
  if (!HEADER_NAME.test(headerName)) {
    r.problems.push(r.name('headerName') + ' is ' + quote(headerName) + ', which is not a valid header name: use letters, digits and -');
  }
  const headerScheme = r.text('headerScheme') ?? '';
  if (/[\r\n]/.test(headerScheme) || headerScheme.length > 64) {
    r.problems.push(r.name('headerScheme') + ' must be one short word such as Bearer, or empty');
  }
  const refreshMarginSeconds = integer(r, 'refreshMarginSeconds', 0, 86400);
  const timeoutMs = integer(r, 'timeoutMs', 100, 300000);
  const debugText = (r.text('debug') ?? 'false').toLowerCase();
  if (!['true', 'false', '1', '0', 'yes', 'no'].includes(debugText)) {
    r.problems.push(r.name('debug') + ' is ' + quote(debugText) + ': set true or false');
  }

  const userAttributes: Record<string, string> = {};
  const attributesText = r.text('userAttributes');
  if (attributesText !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(attributesText);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string')) {
      r.problems.push(r.name('userAttributes') + ' is not a JSON object of strings: set it like {"email":"qa@example.com"}');
    } else {
      for (const [k, v] of Object.entries(parsed as Record<string, string>)) if (k !== '__proto__') userAttributes[k] = v;
    }
  }

  // Read before the check below, so padding in these secrets is reported too.
  const newPassword = r.secret('newPassword');
  const totpSecret = r.secret('totpSecret');
  const awsSessionToken = r.secret('awsSessionToken');

  if (r.problems.length > 0) {
    throw new SettingsError({ identity, problems: r.problems });
  }

  return {
    identity,
    endpoint: endpoint ?? '',
    region,
    userPoolId,
    clientId: clientId ?? '',
    clientSecret,
    authFlow,
    preferredChallenge,
    username,
    password,
    newPassword,
    totpSecret,
    userAttributes,
    awsAccessKeyId,
    awsSecretAccessKey,
    awsSessionToken,
    oauthTokenUrl,
    scopes: r.text('scopes'),
    tokenType,
    headerName,
    headerScheme,
    refreshMarginSeconds,
    timeoutMs,
    debug: ['true', '1', 'yes'].includes(debugText),
  };
}
