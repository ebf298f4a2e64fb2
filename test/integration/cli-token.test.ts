// `pm-cognito token` output is accepted by the demo API in every form; `pm-cognito secret-hash` matches node:crypto and never takes the secret from argv.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { startTestStack, type LocalStack } from '../support/local-stack';
import { assertBuilt, JWT, pm, removeTempDirs, tempDir, writeEnvironment } from './cli-harness';
import { pmInProcess } from '../support/in-process-cli';

const PASSWORD = 'Token-pass-1!x';
const ADMIN_PASSWORD = 'Token-admin-2!y';
let stack: LocalStack;
let envFile: string;

async function me(headers: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(stack.api.url + '/me', { headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function token(args: string[], env: Record<string, string> = { COGNITO_PASSWORD: PASSWORD }) {
  return pmInProcess(['token', '-e', envFile, ...args], { env });
}

beforeAll(async () => {
  await assertBuilt();
  stack = await startTestStack({
    users: [
      { username: 'alice', password: PASSWORD },
      { username: 'root', password: ADMIN_PASSWORD, groups: ['admins'] },
    ],
  });
  envFile = writeEnvironment({ ...stack.connection, cognito_username: 'alice' }, tempDir());
}, 120_000);

afterAll(async () => {
  removeTempDirs();
  await stack?.stop();
});

describe('pm-cognito token', () => {
  it('prints the ID token by default, which the demo API accepts', async () => {
    stack.proxy.reset();
    const result = await token([]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(await me({ Authorization: result.stdout.trim() })).toEqual({ status: 200, body: expect.objectContaining({ username: 'alice', tokenUse: 'id' }) as unknown });
    expect(stack.proxy.signIns()).toBe(1);
  }, 60_000);

  it('--type access prints the access token', async () => {
    const result = await token(['--type', 'access']);
    expect(result.code).toBe(0);
    expect((await me({ Authorization: result.stdout.trim() })).body).toMatchObject({ username: 'alice', tokenUse: 'access' });
  }, 60_000);

  it('--header prints a ready header line with the configured name and scheme', async () => {
    const result = await token(['--header', '--env-var', 'cognito_header_scheme=Bearer']);
    expect(result.code).toBe(0);
    const line = result.stdout.trim();
    expect(line).toMatch(/^Authorization: Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    const colon = line.indexOf(':');
    expect((await me({ [line.slice(0, colon)]: line.slice(colon + 1).trim() })).status).toBe(200);
    const raw = await token(['--header']);
    expect(raw.stdout).toMatch(/^Authorization: [\w-]+\.[\w-]+\.[\w-]+\n$/);
    const named = await token(['--header', '--env-var', 'cognito_header_name=X-Id-Token']);
    expect(named.stdout).toMatch(/^X-Id-Token: /);
  }, 60_000);

  it('--json prints the AuthenticationResult as aws cognito-idp initiate-auth does', async () => {
    const result = await token(['--json']);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as { ChallengeParameters: unknown; AuthenticationResult: Record<string, unknown> };
    expect(parsed.ChallengeParameters).toEqual({});
    const auth = parsed.AuthenticationResult;
    expect(Object.keys(auth).sort()).toEqual(['AccessToken', 'ExpiresIn', 'IdToken', 'RefreshToken', 'TokenType']);
    expect(auth['TokenType']).toBe('Bearer');
    // cognito-local's tokens live 24 h; its answer has no ExpiresIn, so the JWTs' own lifetime is used.
    expect(auth['ExpiresIn']).toBe(86400);
    expect(typeof auth['RefreshToken']).toBe('string');
    expect((await me({ Authorization: String(auth['IdToken']) })).body).toMatchObject({ tokenUse: 'id' });
    expect((await me({ Authorization: String(auth['AccessToken']) })).body).toMatchObject({ tokenUse: 'access' });
  }, 60_000);

  it('--identity uses the cognito_*@<name> settings', async () => {
    const result = await token(['--identity', 'admin'], { COGNITO_PASSWORD: PASSWORD, COGNITO_USERNAME__ADMIN: 'root', COGNITO_PASSWORD__ADMIN: ADMIN_PASSWORD });
    expect(result.code).toBe(0);
    expect((await me({ Authorization: result.stdout.trim() })).body).toMatchObject({ username: 'root', groups: ['admins'] });
  }, 60_000);

  it('a failed sign-in exits 1 with the reason, and prints no token', async () => {
    const wrong = await token([], { COGNITO_PASSWORD: 'Wrong-pass-3!z' });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toMatch(/Cognito refused the sign-in of user "alice": check cognito_username, cognito_password/);
    expect(wrong.stderr).not.toContain('Wrong-pass-3!z');
    const unset = await token([], {});
    expect(unset.code).toBe(1);
    expect(unset.stderr).toMatch(/cognito_password is not set/);
  }, 60_000);

  it('bad usage exits 2', async () => {
    for (const [args, message] of [
      [['--json', '--header'], /--json and --header cannot be combined/],
      [['--type', 'session'], /--type is "session": use id, access or refresh/],
      [['--json', '--type', 'id'], /--json prints every token/],
      [['extra'], /unexpected argument "extra"/],
    ] as Array<[string[], RegExp]>) {
      const result = await token(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).not.toMatch(JWT);
    }
  }, 60_000);
});

describe('pm-cognito secret-hash', () => {
  // Standard input is read by the real process (a pipe, its first line, CRLF, an empty one); the rest runs in-process.
  const expected = (secret: string) => createHmac('sha256', secret).update('alice' + 'client123').digest('base64');

  it('reads the secret from COGNITO_CLIENT_SECRET', async () => {
    const result = await pmInProcess(['secret-hash', 'alice', 'client123'], { env: { COGNITO_CLIENT_SECRET: 'env-secret-value' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(expected('env-secret-value') + '\n');
  });

  it('reads the secret from the first line of standard input', async () => {
    const result = await pm(['secret-hash', 'alice', 'client123'], { input: 'stdin-secret-value\nsecond line\n' });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(expected('stdin-secret-value') + '\n');
    const crlf = await pm(['secret-hash', 'alice', 'client123'], { input: 'stdin-secret-value\r\n' });
    expect(crlf.stdout).toBe(expected('stdin-secret-value') + '\n');
  });

  it('says what to do when there is no secret, and refuses one on the command line without echoing it', async () => {
    const none = await pm(['secret-hash', 'alice', 'client123']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no client secret: set COGNITO_CLIENT_SECRET or pipe the secret on standard input/);
    const inArgv = await pmInProcess(['secret-hash', 'alice', 'client123', 'argv-secret-value']);
    expect(inArgv.code).toBe(2);
    expect(inArgv.stderr).toMatch(/never as an argument/);
    expect(inArgv.stdout + inArgv.stderr).not.toContain('argv-secret-value');
    const short = await pmInProcess(['secret-hash', 'alice']);
    expect(short.code).toBe(2);
  });
});
