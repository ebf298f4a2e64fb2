// The cognito_* names the local tools write come from the settings tables: none is written by hand, and a name not in the tables fails here.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IDENTITY_POOL_SETTING_SPECS } from '../../src/core/identity-pool/setting-specs';
import { baseOf, knownVariables } from '../../src/core/known-variables';
import { SETTING_SPECS } from '../../src/core/setting-specs';
import { localVariables } from '../../src/local/local-environment';
import type { PoolInfo } from '../../src/local/pool-setup';
import { settingEntry, settingName } from '../../src/local/setting-names';

const ROOT = join(__dirname, '..', '..');

/** `cognito_*` names written in a source text (quoted, or as a bare object key; comments skipped), as `file:line name`. */
function handWrittenNames(file: string, text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, '').replace(/^\s*\/?\*.*$/, '');
    for (const match of code.matchAll(/['"`](cognito_[A-Za-z0-9_@]*)|(?<![\w.'"`])(cognito_\w+)\s*:/g)) found.push(file + ':' + (i + 1) + ' ' + (match[1] ?? match[2]));
  });
  return found;
}

const notInTables = (names: readonly string[]): string[] => names.filter((name) => !knownVariables().includes(baseOf(name)));

function sources(dir: string): Array<[string, string]> {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => [relative(ROOT, join(dir, name)), readFileSync(join(dir, name), 'utf8')]);
}

const pool: PoolInfo = {
  poolId: 'us-east-1_Abc123456', region: 'us-east-1',
  clients: [{ name: 'backend', clientId: 'backendid', clientSecret: 'the-client-secret' }],
  users: [{ username: 'alice', password: 'Alice-Pass-1', sub: 's1', groups: [], temporaryPassword: false }],
};

describe('setting names of the local tools', () => {
  it('names a setting by its table row, with the identity suffix, and types it secret as the table does', () => {
    expect(settingName('endpoint')).toBe('cognito_endpoint');
    expect(settingName('identityPoolId')).toBe('cognito_identity_pool_id');
    expect(settingName('password', 'reader')).toBe('cognito_password@reader');
    expect(settingEntry('clientSecret', 's')).toEqual({ key: 'cognito_client_secret', value: 's', secret: true });
    expect(settingEntry('identityEndpoint', 'u')).toEqual({ key: 'cognito_identity_endpoint', value: 'u', secret: false });
    expect(settingEntry('username', 'bob', 'reader')).toEqual({ key: 'cognito_username@reader', value: 'bob', secret: false });
  });

  it('can tell the two tables\' rows apart by key (settingName looks a key up in one, then the other)', () => {
    expect(Object.keys(SETTING_SPECS).filter((key) => key in IDENTITY_POOL_SETTING_SPECS)).toEqual([]);
  });

  it('writes into the local environment only names of the tables', () => {
    const variables = localVariables({ name: 'n', pool: 'p', client: 'backend', user: 'alice', identities: { reader: 'alice' }, variables: {} }, {
      cognitoEndpoint: 'http://127.0.0.1:1', pool, clientName: 'backend', identityPool: { url: 'http://127.0.0.1:3', identityPoolId: 'us-east-1:abc' },
    });
    const names = variables.map((v) => v.key);
    expect(names.length).toBe(10);
    expect(notInTables(names)).toEqual([]);
  });

  it('refuses a name that is not in the tables (the check above can fail)', () => {
    expect(notInTables(['cognito_endpoint', 'cognito_password@reader', 'cognito_client_idd', 'cognito_usrname@reader'])).toEqual(['cognito_client_idd', 'cognito_usrname@reader']);
  });

  it('has no cognito_* name written by hand in src/local or src/demo: they come from the tables', () => {
    const files = [...sources(join(ROOT, 'src', 'local')), ...sources(join(ROOT, 'src', 'demo'))];
    expect(files.length).toBeGreaterThan(10);
    expect(files.flatMap(([file, text]) => handWrittenNames(file, text))).toEqual([]);
  });

  it('finds a quoted name and a bare object key, but not one in a comment', () => {
    const text = ['// cognito_in_a_comment: fine', "const a = { 'cognito_endpoint': 1, cognito_user_pool_id: 2, x: a.cognito_b };", 'const b = `cognito_password@reader`;', ' * cognito_block: fine'].join('\n');
    expect(handWrittenNames('x.ts', text)).toEqual(['x.ts:2 cognito_endpoint', 'x.ts:2 cognito_user_pool_id', 'x.ts:3 cognito_password@reader']);
  });
});
