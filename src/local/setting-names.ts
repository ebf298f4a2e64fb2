// The cognito_* variables the local tools hand out, named and typed (secret or not) by the settings tables, so a renamed setting cannot drift here.

import { IDENTITY_POOL_SETTING_SPECS, type IdentityPoolSettingKey } from '../core/identity-pool/setting-specs';
import { withIdentity } from '../core/identity-name';
import { isSecret, SETTING_SPECS, type SettingKey, type SettingSpec } from '../core/setting-specs';

/** A row of the user-pool table or of the identity-pool table (their keys do not overlap). */
export type TableSettingKey = SettingKey | IdentityPoolSettingKey;

/** Its row; `never` as the context: only the name and kind are read here, no check runs. */
function specOf(key: TableSettingKey): SettingSpec<never> {
  return key in SETTING_SPECS ? SETTING_SPECS[key as SettingKey] : IDENTITY_POOL_SETTING_SPECS[key as IdentityPoolSettingKey];
}

/** The variable that holds a setting for an identity ('' is the default identity): `cognito_password@reader`. */
export function settingName(key: TableSettingKey, identity = ''): string {
  return withIdentity(specOf(key).variable, identity);
}

/** A setting's variable with its value, typed secret when the table says its kind is secret. */
export function settingEntry(key: TableSettingKey, value: string, identity = ''): { key: string; value: string; secret: boolean } {
  return { key: settingName(key, identity), value, secret: isSecret(specOf(key)) };
}
