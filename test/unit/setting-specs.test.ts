// The settings table, row by row: what each flow requires (from an empty identity), and the shape of every entry.

import { describe, expect, expectTypeOf, it } from 'vitest';
import { PmCognitoError } from '../../src/core/errors';
import { assertEveryKey, AUTH_FLOWS, isSecret, readSettings, SETTING_SPECS, type AuthFlow, type Settings, type TokenType } from '../../src/core/settings';
import { SETTING_DESCRIPTIONS } from '../../src/core/setting-descriptions';
import type { SettingKey } from '../../src/core/setting-specs';

/** The variables each flow reports as not set when only the flow, a region and an endpoint are given. */
const REQUIRED: Record<(typeof AUTH_FLOWS)[number], string[]> = {
  USER_PASSWORD_AUTH: ['cognito_client_id', 'cognito_username', 'cognito_password'],
  USER_SRP_AUTH: ['cognito_user_pool_id', 'cognito_client_id', 'cognito_username', 'cognito_password'],
  ADMIN_USER_PASSWORD_AUTH: ['cognito_user_pool_id', 'cognito_client_id', 'cognito_username', 'cognito_password', 'cognito_aws_access_key_id', 'cognito_aws_secret_access_key'],
  USER_AUTH: ['cognito_client_id', 'cognito_username', 'cognito_password'],
  ADMIN_USER_AUTH: ['cognito_user_pool_id', 'cognito_client_id', 'cognito_username', 'cognito_password', 'cognito_aws_access_key_id', 'cognito_aws_secret_access_key'],
  CLIENT_CREDENTIALS: ['cognito_client_id', 'cognito_oauth_token_url', 'cognito_client_secret'],
};

function notSet(vars: Record<string, string>): string[] {
  try {
    readSettings((name) => vars[name]);
  } catch (error) {
    if (!(error instanceof PmCognitoError)) throw error;
    return [...error.message.matchAll(/(cognito_[a-z_]+) is not set/g)].map((m) => m[1]!);
  }
  return [];
}

describe('the settings table', () => {
  for (const flow of AUTH_FLOWS) {
    it(flow + ' requires ' + REQUIRED[flow].join(', '), () => {
      expect(notSet({ cognito_auth_flow: flow, cognito_region: 'eu-west-1' })).toEqual(REQUIRED[flow]);
    });
  }

  it('every entry: a cognito_ variable, a kind, a description; enums list their values; defaults pass their own check', () => {
    for (const [key, spec] of Object.entries(SETTING_SPECS)) {
      expect({ key, variable: /^cognito_[a-z_]+$/.test(spec.variable), description: SETTING_DESCRIPTIONS[key as SettingKey].length > 10 }).toEqual({ key, variable: true, description: true });
      if (spec.kind === 'enum') expect(spec.allowed?.length, key).toBeGreaterThan(1);
      if (spec.kind === 'integer') expect(spec.min! <= spec.max!, key).toBe(true);
    }
    // Every default is a valid value: reading nothing but the required settings raises no problem.
    expect(() => readSettings((name) => ({ cognito_region: 'eu-west-1', cognito_client_id: 'c', cognito_username: 'u', cognito_password: 'p' } as Record<string, string>)[name])).not.toThrow();
  });

  it("each variable is cognito_ and its key in snake case; keys are letters only (setting-specs.ts's variableOf relies on it)", () => {
    for (const [key, spec] of Object.entries(SETTING_SPECS)) {
      expect(key).toMatch(/^[a-z][A-Za-z]*$/);
      expect(spec.variable).toBe('cognito_' + key.replace(/[A-Z]/g, (upper) => '_' + upper.toLowerCase()));
    }
    expect(SETTING_SPECS.userPoolId.variable).toBe('cognito_user_pool_id');
    expect(SETTING_SPECS.awsSessionToken.variable).toBe('cognito_aws_session_token');
  });

  it('secret kinds are exactly the variables never to print', () => {
    expect(Object.values(SETTING_SPECS).filter(isSecret).map((s) => s.variable).sort()).toEqual([
      'cognito_aws_secret_access_key', 'cognito_aws_session_token', 'cognito_client_secret', 'cognito_new_password', 'cognito_password', 'cognito_totp_secret',
    ]);
  });
});

describe('the Settings type, derived from the table', () => {
  it('gives each row the type of its kind, allowed values, convert or derive (checked by tsc -p .)', () => {
    expectTypeOf<Settings['authFlow']>().toEqualTypeOf<AuthFlow>();
    expectTypeOf<Settings['tokenType']>().toEqualTypeOf<TokenType>();
    expectTypeOf<Settings['timeoutMs']>().toEqualTypeOf<number>();
    expectTypeOf<Settings['debug']>().toEqualTypeOf<boolean>();
    expectTypeOf<Settings['userAttributes']>().toEqualTypeOf<Record<string, string>>();
    // Unset without a default or a derived value: undefined is allowed; derived or defaulted: never undefined.
    expectTypeOf<Settings['region']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Settings['totpSecret']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Settings['endpoint']>().toEqualTypeOf<string>();
    expectTypeOf<Settings['username']>().toEqualTypeOf<string>();
    expectTypeOf<Settings['headerScheme']>().toEqualTypeOf<string>();
    expectTypeOf<keyof Settings>().toEqualTypeOf<keyof typeof SETTING_SPECS | 'identity' | 'shared'>();
  });

  it('readSettings returns every row\'s key, and the one assertion refuses values missing one', () => {
    const settings = readSettings((name) => ({ cognito_region: 'eu-west-1', cognito_client_id: 'c', cognito_username: 'u', cognito_password: 'p' } as Record<string, string>)[name]);
    expect(Object.keys(SETTING_SPECS).filter((key) => !Object.prototype.hasOwnProperty.call(settings, key))).toEqual([]);
    const { timeoutMs: _dropped, ...partial } = settings;
    expect(() => assertEveryKey<Settings>(SETTING_SPECS, partial)).toThrow(/readTable left timeoutMs unset/);
    expect(() => assertEveryKey<Settings>(SETTING_SPECS, { ...settings })).not.toThrow();
  });
});
