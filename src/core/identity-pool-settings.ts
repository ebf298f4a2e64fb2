// Reads the identity-pool settings of one identity (pool, endpoint, guest or signed-in) and names every problem at once.

import { SettingsError } from './errors';
import { IDENTITY_NAME, withIdentity } from './identity-name';
import { quote, variableName, type Settings, type VariableLookup } from './settings';

export interface IdentityPoolSettings {
  /** '' for the default identity. */
  identity: string;
  /** `<region>:<uuid>` */
  identityPoolId: string;
  /** The identity pool's region, from its id. */
  region: string;
  /** Cognito Identity's JSON API endpoint, ending in '/'. */
  endpoint: string;
  /** An unauthenticated (guest) identity: no user, no sign-in, no Logins. */
  guest: boolean;
  refreshMarginSeconds: number;
  timeoutMs: number;
  debug: boolean;
}

export type IdentityPoolSettingKey = 'identityPoolId' | 'identityEndpoint' | 'guest';

/** Variable names of the default identity (documented in identity-pool-setting-specs.ts, kept out of the script). */
export const IDENTITY_POOL_VARIABLES: Record<IdentityPoolSettingKey, string> = {
  identityPoolId: 'cognito_identity_pool_id',
  identityEndpoint: 'cognito_identity_endpoint',
  guest: 'cognito_identity_guest',
};

/** cognito_identity_guest is the identity's own: it never falls back to the default identity's value. */
const PER_IDENTITY: readonly IdentityPoolSettingKey[] = ['guest'];

export function identityPoolVariable(key: IdentityPoolSettingKey, identity: string): string {
  return withIdentity(IDENTITY_POOL_VARIABLES[key], identity);
}

const IDENTITY_POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d{1,2}):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HTTP_URL = /^https?:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?(\/[^\s?#]*)?$/;
const GENERAL_DEFAULTS = { refreshMarginSeconds: 60, timeoutMs: 10000, debug: false };

/**
 * Reads and checks the identity-pool settings of one identity. `user` is the identity's checked user-pool settings
 * (undefined for a guest): the margin, time limit and debug settings come from them, and the user pool must be
 * one an identity pool can name. Throws one SETTINGS_INVALID error listing every problem.
 */
export function readIdentityPoolSettings(lookup: VariableLookup, identity: string, user: Settings | undefined): IdentityPoolSettings {
  if (identity && !IDENTITY_NAME.test(identity)) {
    throw new SettingsError({ text: 'the identity name "' + identity + '" is not valid: use letters, digits, "_", "-" or "." (at most 64 characters)' });
  }
  const problems: string[] = [];
  /** An identity's own value first, then (for shared settings) the default identity's. */
  const read = (key: IdentityPoolSettingKey): { name: string; value: string | undefined } => {
    const own = identityPoolVariable(key, identity);
    const names = identity && !PER_IDENTITY.includes(key) ? [own, IDENTITY_POOL_VARIABLES[key]] : [own];
    for (const name of names) {
      const raw = lookup(name);
      const text = raw === undefined || raw === null ? '' : String(raw).trim();
      if (/^\{\{[^{}]+\}\}$/.test(text)) {
        problems.push(name + ' refers to ' + text + ', which is not set: set that variable or put the value in ' + name + ' directly');
        return { name, value: undefined };
      }
      if (text !== '') return { name, value: text };
    }
    return { name: own, value: undefined };
  };

  const guestSetting = read('guest');
  const guestText = (guestSetting.value ?? 'false').toLowerCase();
  if (!['true', 'false', '1', '0', 'yes', 'no'].includes(guestText)) problems.push(guestSetting.name + ' is ' + quote(guestText) + ': set true or false');
  const guest = ['true', '1', 'yes'].includes(guestText);

  const pool = read('identityPoolId');
  const match = pool.value === undefined ? null : IDENTITY_POOL_ID.exec(pool.value);
  if (pool.value === undefined) {
    if (!problems.some((p) => p.startsWith(pool.name + ' '))) {
      problems.push(pool.name + ' is not set: the request names cognito_iam_* variables, which come from an identity pool; set it to the identity pool ID (Cognito console: Identity pools, e.g. us-east-1:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d)');
    }
  } else if (match === null) {
    problems.push(pool.name + ' is ' + quote(pool.value) + ', which is not an identity pool ID: copy it from the Cognito console (it looks like us-east-1:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d)');
  }
  const region = match?.[1] ?? '';

  const endpointSetting = read('identityEndpoint');
  let endpoint = endpointSetting.value;
  if (endpoint !== undefined && !HTTP_URL.test(endpoint)) {
    problems.push(endpointSetting.name + ' is ' + quote(endpoint) + ', which is not an http(s) URL: set it like http://127.0.0.1:9230/ or leave it empty to use the identity pool\'s region');
  }
  if (endpoint === undefined) endpoint = 'https://cognito-identity.' + region + '.amazonaws.com/';
  else if (!endpoint.endsWith('/')) endpoint += '/';

  if (user !== undefined) {
    const userPool = identity ? variableName('userPoolId', identity) + ' (or ' + variableName('userPoolId', '') + ')' : variableName('userPoolId', '');
    const flow = variableName('authFlow', identity);
    if (user.authFlow === 'CLIENT_CREDENTIALS') {
      problems.push(flow + ' is CLIENT_CREDENTIALS, which gives no ID token, and an identity pool takes a user\'s ID token: use a user sign-in flow, or set ' + identityPoolVariable('guest', identity) + ' to true for guest credentials');
    } else if (user.userPoolId === undefined || user.region === undefined) {
      problems.push(userPool + ' is not set: the identity pool names its user pool as cognito-idp.<region>.amazonaws.com/<user pool id>; set it to the user pool id (e.g. us-east-1_AbCdEf123)');
    }
  }

  if (problems.length > 0) throw new SettingsError({ identity, problems, subject: 'identity-pool settings' });
  const general = user ?? readGeneral(lookup, identity);
  return {
    identity,
    identityPoolId: pool.value!,
    region,
    endpoint,
    guest,
    refreshMarginSeconds: general.refreshMarginSeconds,
    timeoutMs: general.timeoutMs,
    debug: general.debug,
  };
}

/**
 * A guest has no user settings to take the margin, time limit and debug flag from: read them here, keeping the
 * default where a value is unreadable (a signed-in identity's readSettings reports those).
 */
function readGeneral(lookup: VariableLookup, identity: string): typeof GENERAL_DEFAULTS {
  const text = (name: string): string | undefined => {
    for (const candidate of identity ? [name + '@' + identity, name] : [name]) {
      const value = lookup(candidate);
      if (value !== undefined && value !== null && String(value).trim() !== '') return String(value).trim();
    }
    return undefined;
  };
  const whole = (name: string, min: number, max: number, fallback: number): number => {
    const value = text(name);
    return value !== undefined && /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max ? Number(value) : fallback;
  };
  return {
    refreshMarginSeconds: whole('cognito_refresh_margin_seconds', 0, 86400, GENERAL_DEFAULTS.refreshMarginSeconds),
    timeoutMs: whole('cognito_timeout_ms', 100, 300000, GENERAL_DEFAULTS.timeoutMs),
    debug: ['true', '1', 'yes'].includes((text('cognito_debug') ?? '').toLowerCase()),
  };
}

/** The Logins key that names a user pool to an identity pool. */
export function userPoolProvider(user: Settings): string {
  return 'cognito-idp.' + (user.region ?? '') + '.amazonaws.com/' + (user.userPoolId ?? '');
}
