// parseLocalConfig: the example parses to what `pm-cognito local` starts, and every bad field is named, all at once.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLocalConfig } from '../../src/local/local-config';
import { PmCognitoError } from '../../src/core/errors';

const ROOT = join(__dirname, '..', '..');

/** The message a refused config gets (an INPUT_INVALID error). */
function refusal(text: string): string {
  try {
    parseLocalConfig(text, 'config file x.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(PmCognitoError);
    expect((error as PmCognitoError).code).toBe('INPUT_INVALID');
    return (error as Error).message;
  }
  throw new Error('expected the config to be refused');
}

/** Every problem a refused config is told, in order, after checking the heading counts them. */
function problems(text: string): string[] {
  const [heading, ...lines] = refusal(text).split('\n');
  expect(heading).toBe('pm-cognito local: config file x.yaml needs attention (' + lines.length + '):');
  return lines.map((line) => line.replace(/^ {2}/, ''));
}

const MINIMAL = 'pools:\n  - name: p\n    clients:\n      - name: web\n';

describe('parseLocalConfig', () => {
  it('reads examples/local-cognito.yaml: clients with and without a secret, users, groups, identity pool, environment', () => {
    const config = parseLocalConfig(readFileSync(join(ROOT, 'examples', 'local-cognito.yaml'), 'utf8'), 'example');
    expect(config.port).toBeUndefined();
    expect(config.pools).toHaveLength(1);
    const pool = config.pools[0]!;
    expect(pool.clients).toEqual([{ name: 'web', generateSecret: false }, { name: 'backend', generateSecret: true }]);
    expect(pool.groups).toEqual(['admins', 'readers']);
    expect(pool.users.map((u) => [u.username, u.groups, u.temporaryPassword])).toEqual([['alice', ['admins'], false], ['bob', ['readers'], false]]);
    expect(pool.users[0]!.attributes).toEqual({ email: 'alice@example.com' });
    expect(config.identityPool).toEqual({ allowGuests: true });
    expect(config.environment).toEqual({
      name: 'pm-cognito local', pool: 'pets', client: 'web', user: 'alice',
      identities: { admin: 'alice', reader: 'bob' }, variables: { baseUrl: 'http://127.0.0.1:3000' },
    });
  });

  it('accepts JSON and fills defaults: first pool, first client, first user, no identity pool, free port', () => {
    const config = parseLocalConfig(JSON.stringify({ port: 0, pools: [{ name: 'p', clients: [{ name: 'c', secret: true, idTokenValiditySeconds: 300 }], users: [{ username: 'u', password: 'Passw0rd-x' }] }] }), 'j');
    expect(config.port).toBeUndefined();
    expect(config.identityPool).toBeUndefined();
    expect(config.pools[0]!.clients[0]).toEqual({ name: 'c', generateSecret: true, idTokenValiditySeconds: 300 });
    expect(config.environment).toEqual({ name: 'pm-cognito local', pool: 'p', client: 'c', user: 'u', identities: {}, variables: {} });
  });

  it('takes a pool without users (no cognito_username in the environment)', () => {
    expect(parseLocalConfig(MINIMAL, 'm').environment.user).toBeUndefined();
  });

  it('names each bad field, and all of them in one message', () => {
    expect(problems([
      'port: 70000',
      'pools:',
      '  - name: "bad name"',
      '    mfa: SOMETIMES',
      '    clients:',
      '      - name: web',
      '        secret: "yes"',
      '        idTokenValiditySeconds: 5',
      '      - name: web',
      '    users:',
      '      - username: alice',
      '        password: short',
      '      - username: alice',
      '        password: Long-enough-1',
      '        colour: blue',
    ].join('\n'))).toEqual([
      'port must be a whole number from 0 to 65535 (a TCP port on 127.0.0.1; 0 or none: a free one)',
      'pools[0].name must be letters, digits, _ or - (at most 64)',
      'pools[0].mfa must be OFF, OPTIONAL or ON',
      'pools[0].clients[0].secret must be true or false',
      'pools[0].clients[0].idTokenValiditySeconds must be a whole number from 60 to 86400 (seconds)',
      'pools[0].clients[1].name "web" is used twice: give each a different one',
      'pools[0].users[0].password must be a password of 8 to 256 characters, not starting or ending with a space (a local test value, kept in this file)',
      'pools[0].users[1].colour is not a known field: the fields here are username, password, groups, attributes, temporaryPassword',
      'pools[0].users[1].username "alice" is used twice: give each a different one',
    ]);
  });

  it.each([
    ['pools', 'port: 9229\n', ['pools is missing: add at least one user pool (see examples/local-cognito.yaml)']],
    ['clients', 'pools:\n  - name: p\n', ['pools[0].clients is missing: add at least one app client, e.g. - name: web']],
    ['a username and a password', MINIMAL + '    users:\n      - groups: [a]\n', [
      'pools[0].users[0].username is missing: a username of 1 to 128 characters without spaces',
      'pools[0].users[0].password is missing: a password of 8 to 256 characters, not starting or ending with a space (a local test value, kept in this file)',
    ]],
  ])('refuses missing %s, saying what to add', (_what, text, expected) => {
    expect(problems(text)).toEqual(expected);
  });

  it('checks the environment section against the pools', () => {
    expect(problems(MINIMAL + [
      '    users:',
      '      - { username: alice, password: Long-enough-1 }',
      'environment:',
      '  client: mobile',
      '  user: carol',
      '  identities: { admin: dave, "bad name": alice }',
      '  variables: { baseUrl: "http://127.0.0.1:3000", cognito_client_id: x }',
      '  colour: blue',
    ].join('\n'))).toEqual([
      'environment.colour is not a known field: the fields here are file, name, pool, client, user, identities, variables',
      'environment.client "mobile" names no client of pool p: use one of web',
      'environment.user "carol" is no user of pool p: add it under users or use one of alice',
      'environment.identities.bad name is not a valid name: an identity name (letters, digits, _ . -), as in a tag @admin',
      'environment.identities.admin "dave" is no user of pool p: add it under users or use one of alice',
      'environment.variables.cognito_client_id is written by pm-cognito local itself: leave cognito_* variables out of this list',
    ]);
    expect(problems(MINIMAL + 'environment: { pool: other }\n')).toEqual(['environment.pool "other" names no pool: use one of p']);
  });

  it('refuses text that is not YAML, a top level that is not a mapping, and duplicate keys', () => {
    expect(refusal('pools: [\n')).toMatch(/^pm-cognito local: config file x.yaml is not valid YAML or JSON: /);
    expect(refusal('- a\n- b\n')).toBe('pm-cognito local: config file x.yaml must be a mapping with pools: (see examples/local-cognito.yaml)');
    expect(refusal(MINIMAL + 'port: 1\nport: 2\n')).toMatch(/is not valid YAML or JSON: .*unique/i);
  });

  it('reads identityPool: true and allowGuests: false', () => {
    expect(parseLocalConfig(MINIMAL + 'identityPool: true\n', 'x').identityPool).toEqual({ allowGuests: true });
    expect(parseLocalConfig(MINIMAL + 'identityPool: { allowGuests: false }\n', 'x').identityPool).toEqual({ allowGuests: false });
    expect(problems(MINIMAL + 'identityPool: { guests: true }\n')).toEqual(['identityPool.guests is not a known field: the fields here are allowGuests']);
  });
});
