// The identity-pool settings in one typed table, read by settings.ts's one loop (readTable) and documented in the README.

import { isHttpUrl, quote, type SettingSpec, type TableContext } from '../setting-specs';

export type IdentityPoolSettingKey = 'guest' | 'identityPoolId' | 'identityEndpoint';

/** What the table's values are once read (identity-pool/settings.ts adds the rest). */
export interface IdentityPoolValues {
  guest: boolean;
  identityPoolId: string | undefined;
  /** Always ends in '/'; derived from the pool id's region when unset. */
  identityEndpoint: string;
}

export type IdentityPoolContext = TableContext<IdentityPoolSettingKey, IdentityPoolValues>;

/** `<region>:<uuid>`; the first group is the identity pool's region. */
export const IDENTITY_POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d{1,2}):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * In check order: the guest switch first (it decides whether user settings are read at all), then the pool and its
 * endpoint. The README's table lists them after the user-pool settings. cognito_refresh_margin_seconds,
 * cognito_timeout_ms and cognito_debug apply to identity-pool calls too.
 */
export const IDENTITY_POOL_SETTING_SPECS: Record<IdentityPoolSettingKey, SettingSpec<IdentityPoolContext>> = {
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
    derive: ({ values }) => 'https://cognito-identity.' + identityPoolRegion(values.identityPoolId) + '.amazonaws.com/',
  },
};

/** The region an identity pool id names ('' when it names none). */
export function identityPoolRegion(identityPoolId: string | undefined): string {
  return identityPoolId === undefined ? '' : IDENTITY_POOL_ID.exec(identityPoolId)?.[1] ?? '';
}
