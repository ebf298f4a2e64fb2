// localVariables / describeVariables: the environment `pm-cognito local` writes names the right pool, client and users, types secrets as secret, and prints them masked.

import { linkSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeVariables, localVariables, writePostmanEnvironment } from '../../src/local/local-environment';
import type { PoolInfo } from '../../src/local/pool-setup';

const pool: PoolInfo = {
  poolId: 'us-east-1_Abc123456', region: 'us-east-1',
  clients: [{ name: 'web', clientId: 'webid' }, { name: 'backend', clientId: 'backendid', clientSecret: 'the-client-secret' }],
  users: [
    { username: 'alice', password: 'Alice-Pass-1', sub: 's1', groups: [], temporaryPassword: false },
    { username: 'bob', password: 'Bob-Pass-2', sub: 's2', groups: [], temporaryPassword: false },
  ],
};
const environment = { name: 'n', pool: 'p', client: 'backend', user: 'alice', identities: { reader: 'bob' }, variables: { baseUrl: 'http://127.0.0.1:3000', tenant: 't1' } };

describe('localVariables', () => {
  it('lists your variables, then the endpoint, pool, client (with its secret) and each identity, secrets typed secret', () => {
    const variables = localVariables(environment, { cognitoEndpoint: 'http://127.0.0.1:9229', pool, clientName: 'backend' });
    expect(variables).toEqual([
      { key: 'baseUrl', value: 'http://127.0.0.1:3000', secret: false },
      { key: 'tenant', value: 't1', secret: false },
      { key: 'cognito_endpoint', value: 'http://127.0.0.1:9229/', secret: false },
      { key: 'cognito_user_pool_id', value: 'us-east-1_Abc123456', secret: false },
      { key: 'cognito_client_id', value: 'backendid', secret: false },
      { key: 'cognito_client_secret', value: 'the-client-secret', secret: true },
      { key: 'cognito_username', value: 'alice', secret: false },
      { key: 'cognito_password', value: 'Alice-Pass-1', secret: true },
      { key: 'cognito_username@reader', value: 'bob', secret: false },
      { key: 'cognito_password@reader', value: 'Bob-Pass-2', secret: true },
    ]);
  });

  it('puts the demo API first as baseUrl, and the identity pool last; no secret for a client without one', () => {
    const variables = localVariables({ ...environment, client: 'web' }, {
      cognitoEndpoint: 'http://127.0.0.1:1', pool, clientName: 'web', apiUrl: 'http://127.0.0.1:2', identityPool: { url: 'http://127.0.0.1:3', identityPoolId: 'us-east-1:abc' },
    });
    expect(variables.map((v) => v.key)).toEqual(['baseUrl', 'tenant', 'cognito_endpoint', 'cognito_user_pool_id', 'cognito_client_id', 'cognito_username', 'cognito_password',
      'cognito_username@reader', 'cognito_password@reader', 'cognito_identity_pool_id', 'cognito_identity_endpoint']);
    expect(variables[0]).toEqual({ key: 'baseUrl', value: 'http://127.0.0.1:2', secret: false });
    expect(variables[variables.length - 1]).toEqual({ key: 'cognito_identity_endpoint', value: 'http://127.0.0.1:3/', secret: false });
  });

  it('prints every value but the secrets', () => {
    const text = describeVariables(localVariables(environment, { cognitoEndpoint: 'http://127.0.0.1:9229', pool, clientName: 'backend' }));
    expect(text).toContain('cognito_client_id       = backendid');
    expect(text).toContain('cognito_password@reader = ******** (in the environment file)');
    for (const secret of ['the-client-secret', 'Alice-Pass-1', 'Bob-Pass-2']) expect(text).not.toContain(secret);
  });
});

describe('writePostmanEnvironment', () => {
  it('replaces an existing file instead of writing secrets into it (a hard link to it keeps the old text), mode 0600', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm-cognito-env-'));
    try {
      const file = join(dir, 'local.postman_environment.json');
      writeFileSync(file, 'old\n', { mode: 0o644 });
      linkSync(file, join(dir, 'shared-copy.json'));
      writePostmanEnvironment(file, 'n', localVariables(environment, { cognitoEndpoint: 'http://127.0.0.1:9229', pool, clientName: 'backend' }));
      expect(readFileSync(file, 'utf8')).toContain('Alice-Pass-1');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(dir, 'shared-copy.json'), 'utf8')).toBe('old\n');
      expect(readdirSync(dir).sort()).toEqual(['local.postman_environment.json', 'shared-copy.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('variables of the config whose names look secret', () => {
  it('are typed secret and printed masked (password, secret, token, key); others are printed', () => {
    const variables = localVariables({ ...environment, variables: { baseUrl: 'http://127.0.0.1:3000', apiKey: 'k-123', DB_PASSWORD: 'p-456', authToken: 't-789', clientSecret: 's-000' } },
      { cognitoEndpoint: 'http://127.0.0.1:9229', pool, clientName: 'backend' });
    expect(variables.filter((v) => v.secret).map((v) => v.key).slice(0, 4)).toEqual(['apiKey', 'DB_PASSWORD', 'authToken', 'clientSecret']);
    const text = describeVariables(variables);
    expect(text).toContain('http://127.0.0.1:3000');
    for (const hidden of ['k-123', 'p-456', 't-789', 's-000']) expect(text).not.toContain(hidden);
  });
});
