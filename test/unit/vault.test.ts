// Postman Vault: `{{vault:name}}` settings read with pm.vault.get in the app's sandbox, and one clear refusal where there is no vault.

import { afterEach, describe, expect, it } from 'vitest';
import { runFullCode } from '../../src/postman/full-code';
import { fakeWorld, type FakeWorld, type Outcome } from './fake-pm';

function world(settings: Record<string, string>, vault?: Record<string, string>): FakeWorld {
  const w = fakeWorld({ clientId: 'client1', users: { alice: { password: 'Alice-pass-1!' }, bob: { password: 'Bob-pass-2!' } } });
  for (const [k, v] of Object.entries({ cognito_endpoint: 'http://127.0.0.1:9/', cognito_client_id: 'client1', cognito_username: 'alice', ...settings })) w.environment.set(k, v);
  if (vault !== undefined) w.vault = new Map(Object.entries(vault));
  return w;
}

async function send(w: FakeWorld, name: string): Promise<Outcome> {
  const { pm, outcome } = w.request({ name });
  (globalThis as { pm?: unknown }).pm = pm;
  await runFullCode();
  return outcome;
}

afterEach(() => {
  delete (globalThis as { pm?: unknown }).pm;
});

describe('Postman Vault', () => {
  it('in the app (pm.vault), a {{vault:name}} password is read from the vault and the request gets its token', async () => {
    const w = world({ cognito_password: '{{vault:qa-password}}' }, { 'qa-password': 'Alice-pass-1!' });
    const outcome = await send(w, 'me');
    expect(outcome.failures).toEqual([]);
    expect(outcome.cognitoCalls).toEqual(['InitiateAuth']);
    expect(outcome.headers.find((h) => h.key === 'Authorization')?.value).toMatch(/^eyJ/);
  });

  it('in the app, a named identity\'s vault password and a vault value reached through another variable', async () => {
    const w = world({ 'cognito_username@admin': 'bob', 'cognito_password@admin': '{{admin_pw}}', admin_pw: '{{vault:admin}}' }, { admin: 'Bob-pass-2!' });
    const outcome = await send(w, 'me @admin');
    expect(outcome.failures).toEqual([]);
    expect(outcome.cognitoCalls).toEqual(['InitiateAuth']);
  });

  it('in the app, a secret the vault does not hold is named, and nothing is sent', async () => {
    const w = world({ cognito_password: '{{vault:qa-password}}' }, {});
    const outcome = await send(w, 'me');
    expect(outcome.cognitoCalls).toEqual([]);
    expect(outcome.skipped).toBe(true);
    expect(outcome.failures).toEqual(['pm-cognito: sign in to Cognito: pm-cognito settings need attention (1): cognito_password is {{vault:qa-password}}, which is not in your Postman Vault: add it, turn on "Enable support in scripts" and allow this collection.']);
  });

  it('a vault that refuses (the Postman CLI: "Vault access denied") gets the way round outside the app', async () => {
    const w = world({ cognito_password: '{{vault:qa-password}}' }, {});
    const { pm, outcome } = w.request({ name: 'me' });
    (pm as { vault: { get(name: string): Promise<unknown> } }).vault = { get: () => Promise.reject(new Error('Vault access denied')) };
    (globalThis as { pm?: unknown }).pm = pm;
    await runFullCode();
    expect(outcome.cognitoCalls).toEqual([]);
    expect(outcome.failures[0]).toContain('cognito_password is {{vault:qa-password}}, a Postman Vault secret, and the vault refused it (Vault access denied): in the Postman app, allow this collection to use vault secrets in scripts; outside the app: pass the value as COGNITO_PASSWORD=<value>');
  });

  it('without pm.vault (newman, the Postman CLI), one failed assertion says how to pass the value, naming the variables', async () => {
    const plain = await send(world({ cognito_password: '{{vault:qa-password}}' }), 'me');
    expect(plain.cognitoCalls).toEqual([]);
    expect(plain.skipped).toBe(true);
    expect(plain.failures).toHaveLength(1);
    expect(plain.failures[0]).toContain('cognito_password is {{vault:qa-password}}, a Postman Vault secret, which only the Postman app can read');
    expect(plain.failures[0]).toContain('pass the value as COGNITO_PASSWORD=<value> to pm-cognito run, or --env-var "cognito_password=<value>" to newman or postman collection run');
    expect(plain.failures[0]).not.toContain('which is not set');
    const named = await send(world({ 'cognito_username@admin': 'bob', 'cognito_password@admin': '{{vault:admin}}' }), 'me @admin');
    expect(named.failures[0]).toContain('COGNITO_PASSWORD__ADMIN=<value> to pm-cognito run, or --env-var "cognito_password@admin=<value>"');
  });
});
