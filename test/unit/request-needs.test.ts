// Routing of src/postman (request-needs.ts, used by the fast path and the full code) with a fake `pm`: which identity, token type and header.

import { afterEach, describe, expect, it } from 'vitest';
import { NOAUTH_REQUESTS_VARIABLE } from '../../src/core/identities';
import { requestNeeds } from '../../src/postman/request-needs';
import { fakeWorld, type FakeRequest } from './fake-pm';

function route(spec: FakeRequest, environment: Record<string, string> = {}) {
  const world = fakeWorld({ clientId: 'c', users: {} });
  for (const [k, v] of Object.entries(environment)) world.environment.set(k, v);
  (globalThis as { pm?: unknown }).pm = world.request(spec).pm;
  const routed = requestNeeds();
  return routed === undefined ? 'none' : { setHeader: routed.setHeader, needs: routed.needs.map((n) => [n.identity, n.tokenType ?? '']) };
}

afterEach(() => {
  delete (globalThis as { pm?: unknown }).pm;
});

describe('requestNeeds', () => {
  it.each<[string, FakeRequest, ReturnType<typeof route>]>([
    ['no tag: the default identity, in the header', { name: 'List pets' }, { setHeader: true, needs: [['', '']] }],
    ['a request tag', { name: 'Create pet @admin' }, { setHeader: true, needs: [['admin', '']] }],
    ['a tag with a token type', { name: 'Read @reader:access' }, { setHeader: true, needs: [['reader', 'access']] }],
    ['@default', { name: 'Me @default:id' }, { setHeader: true, needs: [['', 'id']] }],
    ['the innermost folder tag', { name: 'x', folders: ['Outer @a', 'Inner @b'] }, { setHeader: true, needs: [['b', '']] }],
    ['the request tag beats the folder', { name: 'x @c', folders: ['Inner @b'] }, { setHeader: true, needs: [['c', '']] }],
    ['@none on a folder', { name: 'x', folders: ['Public @none'] }, 'none'],
    ['a tag on the collection name is no item choice', { name: 'x' }, { setHeader: true, needs: [['', '']] }],
    ['No Auth', { name: 'x @admin', auth: { type: 'noauth' } }, 'none'],
    ['own basic auth', { name: 'x', auth: { type: 'basic' } }, 'none'],
    ['bearer naming a token variable: fill it, no header', { name: 'x', auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{cognito_token@admin}}' }] } }, { setHeader: false, needs: [['admin', '']] }],
    ['references in a header, the URL and the body, de-duplicated', {
      name: 'x @ignored', headers: [{ key: 'X-A', value: '{{cognito_access_token}}' }, { key: 'X-Off', value: '{{cognito_token@off}}', disabled: true }],
      url: '{{baseUrl}}/?t={{cognito_id_token@r}}', body: '{"t":"{{ cognito_access_token }}"}',
    }, { setHeader: false, needs: [['', 'access'], ['r', 'id']] }],
  ])('%s', (_label, spec, expected) => {
    expect(route(spec)).toEqual(expected);
  });

  it('the runner\'s list of No Auth places (v3 collections) sends no token there only', () => {
    const environment = { [NOAUTH_REQUESTS_VARIABLE]: JSON.stringify([['Public', 'health']]) };
    expect(route({ name: 'health', folders: ['Public'] }, environment)).toBe('none');
    expect(route({ name: 'health', folders: ['Private'] }, environment)).toEqual({ setHeader: true, needs: [['', '']] });
    expect(route({ name: 'health', folders: ['Public'] }, { [NOAUTH_REQUESTS_VARIABLE]: 'not json' })).toEqual({ setHeader: true, needs: [['', '']] });
  });
});
