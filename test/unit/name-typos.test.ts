// Issue 20, S6: names that are almost pm-cognito's get a "did you mean", in the script (one failed assertion) and before a run (warnings).

import { afterEach, describe, expect, it } from 'vitest';
import { runFullCode } from '../../src/postman/full-code';
import { serveFromNote } from '../../src/postman/fast-path';
import { unknownProcessVariableWarnings } from '../../src/core/name-typos';
import { nameTypoWarnings } from '../../src/node/name-typo-warnings';
import type { LoadedCollection } from '../../src/node/collections';
import { fakeWorld, type FakeRequest, type FakeWorld, type Outcome } from './fake-pm';

function world(settings: Record<string, string> = {}): FakeWorld {
  const w = fakeWorld({ clientId: 'client1', users: { alice: { password: 'Alice-pass-1!' }, bob: { password: 'Bob-pass-2!' } } });
  for (const [k, v] of Object.entries({ cognito_endpoint: 'http://127.0.0.1:9/', cognito_client_id: 'client1', cognito_username: 'alice', cognito_password: 'Alice-pass-1!', ...settings })) {
    if (v === '') w.environment.delete(k);
    else w.environment.set(k, v);
  }
  return w;
}

/** One request as the installed script runs it: the fast path, else the full code. */
async function send(w: FakeWorld, request: FakeRequest): Promise<Outcome> {
  const { pm, outcome } = w.request(request);
  (globalThis as { pm?: unknown }).pm = pm;
  if (!serveFromNote()) await runFullCode();
  return outcome;
}

afterEach(() => {
  delete (globalThis as { pm?: unknown }).pm;
});

const BEARER = (token: string) => ({ type: 'bearer', bearer: [{ key: 'token', value: token }] });

describe('in the script: one failed assertion, the request not sent', () => {
  it('{{cognito_acess_token}} in a Bearer auth (sent empty before), also after the fast path has a note', async () => {
    const w = world();
    expect((await send(w, { name: 'first' })).failures).toEqual([]);
    const outcome = await send(w, { name: 'typo', auth: BEARER('{{cognito_acess_token}}') });
    expect(outcome.skipped).toBe(true);
    expect(outcome.failures).toEqual(['pm-cognito: sign in to Cognito: pm-cognito: {{cognito_acess_token}} names no pm-cognito output, so it would be sent empty: did you mean {{cognito_access_token}}?']);
    // A variable the user set under such a name is theirs: no complaint.
    w.environment.set('cognito_custom_claim', 'x');
    expect((await send(w, { name: 'own', headers: [{ key: 'X-Claim', value: '{{cognito_custom_claim}}' }] })).failures).toEqual([]);
  });

  it('a tag with the token type "acess" (the default identity was used silently before)', async () => {
    const outcome = await send(world({ 'cognito_username@admin': 'bob', 'cognito_password@admin': 'Bob-pass-2!' }), { name: 'me @admin:acess' });
    expect(outcome.skipped).toBe(true);
    expect(outcome.cognitoCalls).toEqual([]);
    expect(outcome.failures[0]).toContain('the tag @admin:acess in "me @admin:acess" has the token type "acess", which is not id or access: did you mean access?');
  });

  it('cognito_clinet_id set and cognito_client_id not: the settings error says which was meant', async () => {
    const outcome = await send(world({ cognito_client_id: '', cognito_clinet_id: 'client1' }), { name: 'me' });
    expect(outcome.failures[0]).toContain('cognito_client_id is not set');
    expect(outcome.failures[0]).toContain('cognito_clinet_id is not a pm-cognito setting, so it is not read: did you mean cognito_client_id?');
  });

  it('@Admin with cognito_password@admin: the settings error points at the case', async () => {
    const outcome = await send(world({ 'cognito_username@admin': 'bob', 'cognito_password@admin': 'Bob-pass-2!' }), { name: 'me @Admin' });
    expect(outcome.failures[0]).toContain('cognito_username@Admin is not set');
    expect(outcome.failures[0]).toContain('identity "Admin" has no settings, but "admin" has (identity names are case-sensitive; COGNITO_*__NAME variables give lower-case names): did you mean @admin?');
  });
});

describe('before a run: warnings', () => {
  it('COGNITO_* process variables that map to no setting', () => {
    expect(unknownProcessVariableWarnings({ COGNITO_PASWORD: 'x', COGNITO_PASSWORD: 'y', COGNITO_USERNAME__ADMIN: 'bob', COGNITO_CLIENT_SECERT__ADMIN: 's', COGNITO_ZZZ_QQQ: '1' })).toEqual([
      'COGNITO_CLIENT_SECERT__ADMIN maps to no pm-cognito setting, so it is ignored: did you mean COGNITO_CLIENT_SECRET__ADMIN?',
      'COGNITO_PASWORD maps to no pm-cognito setting, so it is ignored: did you mean COGNITO_PASSWORD?',
      'COGNITO_ZZZ_QQQ maps to no pm-cognito setting, so it is ignored',
    ]);
  });

  it('unknown variables, references to no output, bad token types and near identities in a collection', () => {
    const suite: LoadedCollection = {
      name: 'orders', path: 'orders.postman_collection.json', format: 'v2.1',
      collection: {
        info: { name: 'orders' },
        variable: [{ key: 'cognito_usernme', value: 'alice' }],
        event: [{ listen: 'prerequest', script: { exec: ['// {{cognito_not_an_output}} in a script is not a request text'] } }],
        item: [
          { name: 'list @Admin', request: { url: '{{baseUrl}}/orders', method: 'GET' } },
          { name: 'admin area', item: [{ name: 'one @admin:acess', request: { url: '{{baseUrl}}/orders/1', method: 'GET' } }] },
          { name: 'bearer', request: { url: '{{baseUrl}}/me', method: 'GET', auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{cognito_acess_token@admin}}' }] } } },
        ],
      },
    };
    const warnings = nameTypoWarnings([suite], { cognito_clinet_id: 'c', 'cognito_password@admin': 'x', 'cognito_username@admin': 'bob' }, { COGNITO_PASWORD: 'pw' });
    expect(warnings).toEqual([
      'pm-cognito: warning: COGNITO_PASWORD maps to no pm-cognito setting, so it is ignored: did you mean COGNITO_PASSWORD?',
      'pm-cognito: warning: cognito_clinet_id is not a pm-cognito setting, so it is not read: did you mean cognito_client_id?',
      'pm-cognito: warning: cognito_usernme is not a pm-cognito setting, so it is not read: did you mean cognito_username? (collection orders)',
      'pm-cognito: warning: {{cognito_acess_token@admin}} names no pm-cognito output, so it would be sent empty: did you mean {{cognito_access_token@admin}}? (collection orders)',
      'pm-cognito: warning: the tag @admin:acess in "one @admin:acess" has the token type "acess", which is not id or access: did you mean access? (collection orders)',
      'pm-cognito: warning: identity "Admin" has no settings, but "admin" has (identity names are case-sensitive; COGNITO_*__NAME variables give lower-case names): did you mean @admin? (collection orders)',
    ]);
  });
});
