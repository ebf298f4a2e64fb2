// Every pm-cognito setting in one typed table: its variable, kind, default, check and which flows need it.

import { withIdentity } from './identity-name';
import { base32Problem } from './base32';

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

/** One setting's value once read: its convert's result, else its kind's; `| undefined` when it may stay unset (no default, no derived value, or one that may be undefined). */
/** A table's values: each row's. */
export type TableValues<T> = { -readonly [K in keyof T]: SpecValue<T[K]> };
type SpecValue<S> = Read<S> | (S extends { defaultValue: string } ? never : S extends { derive(ctx: never): infer D } ? (undefined extends D ? undefined : never) : undefined);
type Read<S> = S extends { convert(value: string): infer R } ? R
  : S extends { kind: 'enum'; allowed: readonly (infer A)[] } ? A
  : S extends { kind: 'integer' } ? number
  : S extends { kind: 'boolean' } ? boolean
  : S extends { kind: 'json' } ? Record<string, string>
  : string;

export type SettingKey = keyof typeof SETTING_TABLE;

/** One identity's settings, derived from the table: adding a row adds its value here. */
export type Settings = TableValues<typeof SETTING_TABLE> & {
  /** '' for the default identity, else the identity's name (variables suffixed `@<name>`). */
  identity: string;
  /**
   * A named identity's shared settings whose variable is the default identity's (read from there, or unset in both
   * places with nothing of the identity's own that they belong to): hints name `cognito_x`, not `cognito_x@name`.
   */
  shared?: readonly SettingKey[];
};

/**
 * How a setting's text is read. text: trimmed; secret: exact, surrounding whitespace refused; base32: a secret
 * that must decode; enum: one of `allowed` after `normalise`; integer: from `min` to `max`; url: http(s) without
 * user-info, query or fragment; json: an object of strings; boolean: true/false/1/0/yes/no.
 */
export type SettingKind = 'text' | 'secret' | 'base32' | 'enum' | 'integer' | 'url' | 'json' | 'boolean';

/** What the checks of a table's setting may look at: the settings read before it, and the names used for this identity. */
export interface TableContext<K extends string, V> {
  /** Values of the settings checked earlier in table order. */
  values: Partial<V>;
  /** Whether a variable holds a value (not unset or blank). */
  has(key: K): boolean;
  name(key: K): string;
}

/** The user-pool table's context: the flow and USER_AUTH's first factor decide what the other settings must be. */
export interface SettingContext {
  /** As TableContext's (written out: an interface cannot extend a generic instance of the table it types). */
  values: Partial<Settings>;
  has(key: SettingKey): boolean;
  name(key: SettingKey): string;
  flow: AuthFlow;
  challenge: PreferredChallenge;
}

/** One setting of a table; `C` is the context its checks see (the user-pool table's by default). */
export interface SettingSpec<C = SettingContext> {
  /** Variable name of the default identity; an identity `x` reads `<variable>@x`. */
  variable: string;
  /** How its text is read; absent: text. */
  kind?: SettingKind;
  defaultValue?: string;
  /** Per-identity settings never fall back to the default identity's value. */
  perIdentity?: boolean;
  /** Whether an `@name` variable of this setting configures the identity `name` (pre-authentication, doctor, name warnings). */
  namesIdentity?: boolean;
  /** The longest value Cognito allows; a longer one is refused (the fast path's fingerprint classes secrets by it). */
  maxLength?: number;
  /** The flows that read it; for the others it stays unset. Absent: every flow. */
  flows?: readonly AuthFlow[];
  /** Why this flow needs it when it is not set; undefined when it may stay unset. */
  neededBecause?(ctx: C): string | undefined;
  allowed?: readonly string[];
  normalise?(value: string): string;
  min?: number;
  max?: number;
  /** A problem with a value that passed its kind's check, phrased to follow the variable's name. */
  check?(value: string, ctx: C): string | undefined;
  /** The value from a checked text, when it is not the text itself. */
  convert?(value: string): unknown;
  /** The value when the variable is unset or refused, from the settings read before it. */
  derive?(ctx: C): unknown;
}

const USER_FLOWS = AUTH_FLOWS.filter((flow) => flow !== 'CLIENT_CREDENTIALS');
const ADMIN_FLOWS: readonly AuthFlow[] = ['ADMIN_USER_PASSWORD_AUTH', 'ADMIN_USER_AUTH'];
const isAdmin = (flow: AuthFlow) => ADMIN_FLOWS.includes(flow);

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
/** A regional user pool id; the first group is its region. */
export const POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d{1,2})_[0-9A-Za-z]+$/;
const LOCAL_POOL_ID = /^[\w-]+_[0-9A-Za-z]+$/;
const CLIENT_ID = /^[\w+]{1,128}$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const POOL_ID_EXAMPLE = ' needs the user pool id (e.g. eu-west-1_AbCdEf123)';
/** What cognito_oauth_token_url looks like (said where it is missing or answers wrongly). */
export const TOKEN_URL_EXAMPLE = 'https://<domain>.auth.<region>.amazoncognito.com/oauth2/token';
/** Unless `ok`, a refused value's problem, phrased to follow the variable's name: `is "x", which is not <what>: <fix>`. */
const isNot = (value: string, ok: boolean, what: string, fix: string): string | undefined => ok ? undefined : 'is ' + quote(value) + ', which is not ' + what + ': ' + fix;

/** An http(s) URL without user-info, query or fragment, with a port from 1 to 65535 if any. */
export function isHttpUrl(value: string): boolean {
  const match = /^https?:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?(\/[^\s?#]*)?$/.exec(value);
  if (!match) return false;
  const port = match[2];
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
}

/** Quotes a refused value for a message: user-info of URLs masked, at most 64 characters. */
export function quote(value: string): string {
  const masked = value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1***@');
  return '"' + (masked.length > 64 ? masked.slice(0, 61) + '...' : masked) + '"';
}

/** The region a regional user pool id names (checked before the region). */
const poolRegion = (ctx: SettingContext): string | undefined => ctx.values.userPoolId !== undefined ? POOL_ID.exec(ctx.values.userPoolId)?.[1] : undefined;
const upperSnake = (value: string) => value.trim().toUpperCase().replace(/[\s-]+/g, '_');

/**
 * Every setting, in the order they are checked (and problems listed). Adding a setting is adding one entry;
 * readSettings needs no change. The README's settings table documents each `variable` (checked by a test); what each
 * means is in setting-descriptions.ts, which the script in the sandbox does not carry.
 */
const SETTING_TABLE = {
  authFlow: { kind: 'enum', allowed: AUTH_FLOWS, normalise: upperSnake, defaultValue: 'USER_PASSWORD_AUTH', namesIdentity: true },
  userPoolId: {
    check: (value) => isNot(value, POOL_ID.test(value) || LOCAL_POOL_ID.test(value), 'a user pool id', 'copy it from the Cognito console (it looks like eu-west-1_AbCdEf123)'),
    neededBecause: ({ flow, challenge }) => flow === 'USER_SRP_AUTH' ? flow + POOL_ID_EXAMPLE
      : isAdmin(flow) ? flow + ' needs the user pool id'
      : flow === 'USER_AUTH' && challenge === 'PASSWORD_SRP' ? flow + ' with PASSWORD_SRP' + POOL_ID_EXAMPLE : undefined,
  },
  region: {
    // Checks that read other settings declare their return type: the table's type is derived from the table itself.
    check: (value, ctx): string | undefined => isNot(value, REGION.test(value), 'an AWS region', 'set it like eu-west-1')
      ?? (poolRegion(ctx) !== undefined && value !== poolRegion(ctx) ? 'is ' + value + ' but ' + ctx.name('userPoolId') + ' belongs to ' + poolRegion(ctx) + ': make them agree (or leave ' + ctx.name('region') + ' empty)'
      : undefined),
    derive: poolRegion,
    neededBecause: (ctx): string | undefined => poolRegion(ctx) !== undefined ? undefined
      : ctx.flow !== 'CLIENT_CREDENTIALS' && !ctx.has('endpoint') ? 'set the AWS region of the user pool (e.g. eu-west-1), or ' + ctx.name('userPoolId') + ', or ' + ctx.name('endpoint')
      : isAdmin(ctx.flow) ? ctx.flow + ' signs for a region; set it or ' + ctx.name('userPoolId') : undefined,
  },
  endpoint: {
    kind: 'url',
    check: (value) => isNot(value, isHttpUrl(value), 'an http(s) URL', 'set it like http://127.0.0.1:9229/ or leave it empty to use the region'),
    convert: (value) => value.endsWith('/') ? value : value + '/',
    derive: (ctx): string => ctx.values.region !== undefined ? 'https://cognito-idp.' + ctx.values.region + '.amazonaws.com/' : '',
  },
  allowEndpoint: {},
  clientId: { namesIdentity: true,
    neededBecause: () => 'set it to the app client id from the Cognito console (App integration > App clients)',
    check: (value) => isNot(value, CLIENT_ID.test(value), 'an app client id', 'copy it from the Cognito console'),
    derive: () => '',
  },
  username: { perIdentity: true, namesIdentity: true, flows: USER_FLOWS, maxLength: 128, derive: () => '',
    neededBecause: () => 'set it to the test user\'s username',
  },
  password: {
    kind: 'secret', perIdentity: true, namesIdentity: true, flows: USER_FLOWS, maxLength: 256, derive: () => '',
    neededBecause: () => 'set it to the test user\'s password (as a secret variable)',
  },
  preferredChallenge: { kind: 'enum', allowed: PREFERRED_CHALLENGES, normalise: upperSnake, defaultValue: 'PASSWORD' },
  awsAccessKeyId: { flows: ADMIN_FLOWS,
    neededBecause: ({ flow }) => flow + ' signs with AWS credentials that may call cognito-idp:AdminInitiateAuth',
  },
  awsSecretAccessKey: {
    kind: 'secret', flows: ADMIN_FLOWS,
    neededBecause: ({ flow }) => flow + ' needs the secret access key of those credentials',
  },
  oauthTokenUrl: {
    kind: 'url', flows: ['CLIENT_CREDENTIALS'],
    check: (value) => isNot(value, isHttpUrl(value), 'an http(s) URL', 'set the full token endpoint URL'),
    neededBecause: () => 'set the user pool domain\'s token endpoint, e.g. ' + TOKEN_URL_EXAMPLE,
  },
  clientSecret: {
    kind: 'secret',
    neededBecause: ({ flow }) => flow === 'CLIENT_CREDENTIALS' ? 'CLIENT_CREDENTIALS needs the app client\'s secret' : undefined,
  },
  tokenType: { kind: 'enum', allowed: TOKEN_TYPES, normalise: (v) => v.trim().toLowerCase().replace(/_?token$/, ''), defaultValue: 'id' },
  headerName: { defaultValue: 'Authorization',
    check: (value) => isNot(value, HEADER_NAME.test(value), 'a valid header name', 'use letters, digits and -'),
  },
  headerScheme: { defaultValue: '',
    check: (value) => /[\r\n]/.test(value) || value.length > 64 ? 'must be one short word such as Bearer, or empty' : undefined,
  },
  refreshMarginSeconds: { kind: 'integer', min: 0, max: 86400, defaultValue: '60' },
  timeoutMs: { kind: 'integer', min: 100, max: 300000, defaultValue: '10000' },
  debug: { kind: 'boolean', defaultValue: 'false' },
  userAttributes: { kind: 'json', perIdentity: true, derive: () => ({}) },
  newPassword: { kind: 'secret', perIdentity: true },
  totpSecret: { kind: 'base32', perIdentity: true, check: base32Problem },
  awsSessionToken: { kind: 'secret' },
  scopes: {},
} as const satisfies Record<string, Omit<SettingSpec, 'variable'>>;

/** A setting's variable: `cognito_` and its key in snake case (clientSecret: cognito_client_secret), as the README's settings table lists them. */
const variableOf = (key: string): string => {
  // A loop, not a replace with '_$&': the script evaluates this table on every request, cold, where the replace cost
  // about 50 us a request in newman's sandbox. Keys are letters only (test/unit/setting-specs.test.ts): below 'a' is upper case.
  let name = 'cognito_';
  for (const c of key) name += c < 'a' ? '_' + c.toLowerCase() : c;
  return name;
};

/** The table as its readers see it: every row a SettingSpec with its variable (SETTING_TABLE's literal types only make `Settings`). */
export const SETTING_SPECS = Object.fromEntries(Object.entries(SETTING_TABLE).map(([key, spec]) => [key, { variable: variableOf(key), ...spec }])) as Readonly<Record<SettingKey, SettingSpec>>;

/** The variable that holds a setting for an identity ('' is the default identity). */
export const variableName = (key: SettingKey, identity: string): string => withIdentity(SETTING_SPECS[key].variable, identity);

/** The variable a hint should name for this identity's setting: the shared one where the value comes from there (issue 20, S5). */
export const settingVariable = (settings: Pick<Settings, 'identity' | 'shared'>, key: SettingKey): string => settings.shared?.includes(key) === true ? SETTING_SPECS[key].variable : variableName(key, settings.identity);

/** Whether a setting's value must never be shown or written (secret and base32 kinds). */
export function isSecret<C>(spec: SettingSpec<C>): boolean {
  return spec.kind === 'secret' || spec.kind === 'base32';
}
