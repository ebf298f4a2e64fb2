// The one identity-name rule, as every place that reads a name applies it.

import { describe, expect, it } from 'vitest';
import { IDENTITY_NAME, withIdentity } from '../../src/core/identity-name';
import { configuredIdentities, nameTag, referencedTokens } from '../../src/core/identities';
import { variablesFromProcessEnv } from '../../src/node/run-variables';

const MAX = 'a'.repeat(64);
const TOO_LONG = 'a'.repeat(65);

describe('identity names', () => {
  it.each([['admin', true], ['qa.reader-2_x', true], [MAX, true], [TOO_LONG, false], ['-lead', false], ['a b', false], ['', false]])('%j valid: %s', (name, ok) => {
    expect(IDENTITY_NAME.test(name)).toBe(ok);
  });
  it('every reader applies the same 64-character cap', () => {
    expect(referencedTokens('{{cognito_token@' + MAX + '}} {{cognito_token@' + TOO_LONG + '}}').map((n) => n.identity)).toEqual([MAX]);
    expect(nameTag('me @' + MAX)).toMatchObject({ identity: MAX });
    expect(nameTag('me @' + TOO_LONG)).toBeUndefined();
    expect(configuredIdentities(['cognito_username@' + MAX, 'cognito_username@' + TOO_LONG])).toEqual([MAX]);
    expect(Object.keys(variablesFromProcessEnv({ ['COGNITO_PASSWORD__' + MAX.toUpperCase()]: 'x', ['COGNITO_PASSWORD__' + TOO_LONG.toUpperCase()]: 'y' }))).toEqual(['cognito_password@' + MAX]);
  });
  it('names an identity\'s variable', () => {
    expect([withIdentity('cognito_password', ''), withIdentity('cognito_password', 'admin')]).toEqual(['cognito_password', 'cognito_password@admin']);
  });
});
