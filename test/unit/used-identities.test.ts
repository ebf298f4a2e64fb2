// identitiesUsedBy: which identities a run signs in up front, by the script's own routing (issue 20, S4).

import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { identitiesUsedBy } from '../../src/node/used-identities';
import { readV3Suite, type LoadedCollection } from '../../src/node/collections';

const ROOT = join(__dirname, '..', '..');

function v21(items: unknown[]): LoadedCollection {
  const collection = { info: { name: 'c' }, item: items };
  return { name: 'c', path: 'c.json', format: 'v2.1', collection };
}
const used = (suite: LoadedCollection) => [...identitiesUsedBy(suite)].sort();
const request = (auth?: unknown) => ({ url: '{{baseUrl}}/me', method: 'GET', ...(auth === undefined ? {} : { auth }) });

describe('identitiesUsedBy', () => {
  it('tags of requests and folders, @none, No Auth and references', () => {
    expect(used(v21([{ name: 'a @admin', request: request() }]))).toEqual(['admin']);
    expect(used(v21([{ name: 'area @reader', item: [{ name: 'a', request: request() }, { name: 'b @default', request: request() }] }]))).toEqual(['', 'reader']);
    expect(used(v21([{ name: 'a @none', request: request() }, { name: 'b', request: request({ type: 'noauth' }) }]))).toEqual([]);
    expect(used(v21([{ name: 'ref', request: request({ type: 'bearer', bearer: [{ key: 'token', value: '{{cognito_access_token@ops}}' }] }) }]))).toEqual(['ops']);
    expect(used(v21([{ name: 'iam', request: request({ type: 'awsv4', awsv4: [{ key: 'accessKey', value: '{{cognito_iam_access_key_id@visitor}}' }] }) }]))).toEqual(['visitor']);
    // The collection's scripts (pm-cognito's own among them) do not count; its auth does.
    expect(used({ ...v21([{ name: 'a @admin', request: request() }]), collection: { info: { name: 'c' }, event: [{ listen: 'prerequest', script: { exec: ['// {{cognito_token}}'] } }], item: [{ name: 'a @admin', request: request() }] } })).toEqual(['admin']);
    // A request with its own auth of another kind gets no token.
    expect(used(v21([{ name: 'basic', request: request({ type: 'basic' }) }]))).toEqual([]);
  });

  it('a v3 collection: the roles example', () => {
    const suite = readV3Suite(join(ROOT, 'collections', 'v3', 'roles'));
    // Every request is tagged or No Auth: the default identity is not signed in.
    expect([...identitiesUsedBy(suite)].sort()).toEqual(['admin', 'reader']);
  });
});
