import { describe, expect, it } from 'vitest';
import { configuredIdentities, nameTag, referencedTokens, tagFromLocation } from '../../src/core/identities';
import { SETTING_SPECS } from '../../src/core/setting-specs';

describe('referencedTokens', () => {
  it('finds token variables with identity and type', () => {
    expect(referencedTokens('{"bearer":[{"value":"{{cognito_access_token@admin}}"}]}\n{{cognito_token}} {{ cognito_id_token@reader }}')).toEqual([
      { identity: 'admin', tokenType: 'access', source: 'the reference {{cognito_access_token@admin}}' },
      { identity: '', tokenType: undefined, source: 'the reference {{cognito_token}}' },
      { identity: 'reader', tokenType: 'id', source: 'the reference {{ cognito_id_token@reader }}' },
    ]);
  });
  it('ignores other variables and lists each need once', () => {
    expect(referencedTokens('{{cognito_username}} {{cognito_tokens}} {{my_token}}')).toEqual([]);
    expect(referencedTokens('{{cognito_token@a}} {{cognito_token@a}}')).toHaveLength(1);
  });
});

describe('name tags', () => {
  it('reads trailing tags only', () => {
    expect(nameTag('Create pet @admin')).toEqual({ identity: 'admin', tokenType: undefined });
    expect(nameTag('@reader:access')).toEqual({ identity: 'reader', tokenType: 'access' });
    expect(nameTag('Me @default:id')).toEqual({ identity: '', tokenType: 'id' });
    expect(nameTag('Public @none')).toBe('none');
    expect(nameTag('Public @NONE')).toBe('none');
    expect(nameTag('mail me@example.com please')).toBeUndefined();
    expect(nameTag('user@admin')).toBeUndefined();
    expect(nameTag('Plain request')).toBeUndefined();
  });
  it('the request beats its folders, the innermost folder beats outer ones, the collection name is ignored', () => {
    expect(tagFromLocation(['Coll @x', 'Outer @admin', 'Inner @reader', 'req'])).toMatchObject({ identity: 'reader', source: 'the folder "Inner @reader"' });
    expect(tagFromLocation(['Coll', 'Outer @admin', 'Inner', 'req @reader:access'])).toMatchObject({ identity: 'reader', tokenType: 'access', source: 'the request name' });
    expect(tagFromLocation(['Coll @x', 'req'])).toBeUndefined();
    expect(tagFromLocation(['Coll', 'Public @none', 'req'])).toBe('none');
    expect(tagFromLocation([])).toBeUndefined();
  });
});

describe('configuredIdentities', () => {
  it('lists identities from suffixed variables', () => {
    expect(configuredIdentities(['cognito_username', 'cognito_username@reader', 'cognito_password@admin', 'cognito_region@x', 'other@y'])).toEqual(['admin', 'reader']);
  });

  it('an identity is configured by its user, password, flow or app client: the table rows marked namesIdentity', () => {
    const naming = Object.values(SETTING_SPECS).filter((spec) => spec.namesIdentity === true).map((spec) => spec.variable).sort();
    expect(naming).toEqual(['cognito_auth_flow', 'cognito_client_id', 'cognito_password', 'cognito_username']);
    for (const spec of Object.values(SETTING_SPECS)) {
      expect(configuredIdentities([spec.variable + '@x']), spec.variable).toEqual(spec.namesIdentity === true ? ['x'] : []);
    }
  });
});
