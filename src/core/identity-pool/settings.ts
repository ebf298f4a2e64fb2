// Reads the identity-pool settings of one identity (pool, endpoint, guest or signed-in) and names every problem at once.

import { SettingsError } from '../errors';
import { withIdentity } from '../identity-name';
import { identityPoolRegion, IDENTITY_POOL_SETTING_SPECS, type IdentityPoolContext, type IdentityPoolSettingKey, type IdentityPoolValues } from './setting-specs';
import type { SettingContext } from '../setting-specs';
import { assertEveryKey, checkIdentityName, readTable, SETTING_SPECS, tableVariables, variableName, type SettingKey, type Settings, type SettingSpec, type VariableLookup } from '../settings';

export type { IdentityPoolSettingKey } from './setting-specs';

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
  /** cognito_allow_endpoint of the user-pool table. */
  allowEndpoint: string | undefined;
  refreshMarginSeconds: number;
  timeoutMs: number;
  debug: boolean;
}

export function identityPoolVariable(key: IdentityPoolSettingKey, identity: string): string {
  return withIdentity(IDENTITY_POOL_SETTING_SPECS[key].variable, identity);
}

/**
 * Reads and checks the identity-pool settings of one identity: the table in identity-pool/setting-specs.ts through
 * settings.ts's loop. `user` is the identity's checked user-pool settings (undefined for a guest): the margin, time
 * limit and debug settings come from them, and the user pool must be one an identity pool can name. Throws one
 * SETTINGS_INVALID error listing every problem.
 *
 * Not rows of the user-pool table: these are read only for requests that name cognito_iam_* variables, and before
 * the user settings (a guest has none), so a token request never meets their problems.
 */
export function readIdentityPoolSettings(lookup: VariableLookup, identity: string, user: Settings | undefined): IdentityPoolSettings {
  checkIdentityName(identity);
  const variables = tableVariables<IdentityPoolSettingKey>(IDENTITY_POOL_SETTING_SPECS, lookup, identity);
  const values: Partial<IdentityPoolValues> = {};
  const ctx: IdentityPoolContext = { values, has: (key) => (variables.raw(key) ?? '').trim() !== '', name: variables.name };
  const problems = readTable(IDENTITY_POOL_SETTING_SPECS, variables, ctx);

  if (user !== undefined) {
    const userPool = identity ? variableName('userPoolId', identity) + ' (or ' + variableName('userPoolId', '') + ')' : variableName('userPoolId', '');
    const flow = variableName('authFlow', identity);
    if (user.authFlow === 'CLIENT_CREDENTIALS') {
      problems.push(flow + ' is CLIENT_CREDENTIALS, which gives no ID token for the identity pool: use a user sign-in flow, or set ' + identityPoolVariable('guest', identity) + ' to true for guest credentials');
    } else if (user.userPoolId === undefined || user.region === undefined) {
      problems.push(userPool + ' is not set: the identity pool names the user pool by its id; set it (e.g. us-east-1_AbCdEf123)');
    }
  }

  if (problems.length > 0) throw new SettingsError({ identity, problems, subject: 'identity-pool settings' });
  assertEveryKey<IdentityPoolValues>(IDENTITY_POOL_SETTING_SPECS, values);
  const general = user ?? readGeneral(lookup, identity);
  return {
    identity,
    identityPoolId: values.identityPoolId!,
    region: identityPoolRegion(values.identityPoolId),
    endpoint: values.identityEndpoint,
    guest: values.guest,
    allowEndpoint: general.allowEndpoint,
    refreshMarginSeconds: general.refreshMarginSeconds,
    timeoutMs: general.timeoutMs,
    debug: general.debug,
  };
}

type GeneralKey = 'refreshMarginSeconds' | 'timeoutMs' | 'debug' | 'allowEndpoint';

/**
 * A guest has no user settings to take the margin, time limit and debug flag from: read those three rows of the
 * user-pool table here, keeping the default where a value is unreadable (a signed-in identity's readSettings reports those).
 */
function readGeneral(lookup: VariableLookup, identity: string): Pick<Settings, GeneralKey> {
  const rows: Record<GeneralKey, SettingSpec> = { refreshMarginSeconds: SETTING_SPECS.refreshMarginSeconds, timeoutMs: SETTING_SPECS.timeoutMs, debug: SETTING_SPECS.debug, allowEndpoint: SETTING_SPECS.allowEndpoint };
  const variables = tableVariables<SettingKey>(SETTING_SPECS, lookup, identity);
  const values: Partial<Settings> = { identity };
  // None of the three rows looks at the flow; the context is the one readSettings gives with nothing set.
  const ctx: SettingContext = { flow: 'USER_PASSWORD_AUTH', challenge: 'PASSWORD', values, has: (key) => (variables.raw(key) ?? '').trim() !== '', name: variables.name };
  readTable(rows, variables, ctx);
  assertEveryKey<Pick<Settings, GeneralKey>>(rows, values);
  return values;
}

/** The Logins key that names a user pool to an identity pool. */
export function userPoolProvider(user: Settings): string {
  return 'cognito-idp.' + (user.region ?? '') + '.amazonaws.com/' + (user.userPoolId ?? '');
}
