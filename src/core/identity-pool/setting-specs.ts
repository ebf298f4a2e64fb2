// The identity-pool settings in one typed table, read by settings.ts's one loop (readTable) and documented in the README.

import { isHttpUrl, quote, type SettingSpec, type TableValues } from '../setting-specs';

export type IdentityPoolSettingKey = keyof typeof IDENTITY_POOL_TABLE;

/** What the table's values are once read, derived from its rows (identity-pool/settings.ts adds the rest). */
export type IdentityPoolValues = TableValues<typeof IDENTITY_POOL_TABLE>;

export interface IdentityPoolContext {
  /** As TableContext's (written out: an interface cannot extend a generic instance of the table it types). */
  values: Partial<IdentityPoolValues>;
  has(key: IdentityPoolSettingKey): boolean;
  name(key: IdentityPoolSettingKey): string;
}

/** `<region>:<uuid>`; the first group is the identity pool's region. */
export const IDENTITY_POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d{1,2}):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * In check order: the guest switch first (it decides whether user settings are read at all), then the pool and its
 * endpoint. The README's table lists them after the user-pool settings. cognito_refresh_margin_seconds,
 * cognito_timeout_ms and cognito_debug apply to identity-pool calls too.
 */
const IDENTITY_POOL_TABLE = {
  guest: {
    variable: 'cognito_identity_guest', kind: 'boolean', perIdentity: true, defaultValue: 'false',
  },
  identityPoolId: {
    variable: 'cognito_identity_pool_id', kind: 'text',
    check: (value) => IDENTITY_POOL_ID.test(value) ? undefined : 'is ' + quote(value) + ', which is not an identity pool ID: copy it from the Cognito console (it looks like us-east-1:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d)',
    neededBecause: () => 'the request names cognito_iam_* variables, which come from an identity pool; set it to the identity pool ID (Cognito console: Identity pools, e.g. us-east-1:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d)',
  },
  identityEndpoint: {
    variable: 'cognito_identity_endpoint', kind: 'url',
    check: (value) => isHttpUrl(value) ? undefined : 'is ' + quote(value) + ', which is not an http(s) URL: set it like http://127.0.0.1:9230/ or leave it empty to use the identity pool\'s region',
    convert: (value) => value.endsWith('/') ? value : value + '/',
    // Declares its return type: the table's type is derived from the table itself.
    derive: (ctx): string => 'https://cognito-identity.' + identityPoolRegion(ctx.values.identityPoolId) + '.amazonaws.com/',
  },
} as const satisfies Record<string, SettingSpec<IdentityPoolContext>>;

/** The table as its readers see it: every row a SettingSpec. */
export const IDENTITY_POOL_SETTING_SPECS: Readonly<Record<IdentityPoolSettingKey, SettingSpec<IdentityPoolContext>>> = IDENTITY_POOL_TABLE;

/** The region an identity pool id names ('' when it names none). */
export function identityPoolRegion(identityPoolId: string | undefined): string {
  return identityPoolId === undefined ? '' : IDENTITY_POOL_ID.exec(identityPoolId)?.[1] ?? '';
}
