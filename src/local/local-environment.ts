// The variables `pm-cognito local` hands to newman, `pm-cognito run` and the Postman app: one list, written as a Postman environment and printed masked.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../node/atomic-write';
import type { LocalEnvironmentConfig } from './local-config';
import type { PoolInfo } from './pool-setup';
import { settingEntry } from './setting-names';

export interface LocalVariable {
  key: string;
  value: string;
  /** Written as a Postman `secret` variable and never printed. */
  secret: boolean;
}

export interface LocalEndpoints {
  /** The Cognito endpoint users call (the checking proxy), without a trailing slash. */
  cognitoEndpoint: string;
  /** The pool and client the environment names. */
  pool: PoolInfo;
  clientName: string;
  identityPool?: { url: string; identityPoolId: string };
  /** The demo API's URL when it was started: it becomes baseUrl. */
  apiUrl?: string;
}

/** Names of `environment.variables` whose values are masked when printed and typed secret (apiKey, authToken, DB_PASSWORD...). */
const SECRET_LOOKING = /password|passwd|secret|token|key|credential/i;

/** The environment's variables, in the order a reader expects them. */
export function localVariables(environment: LocalEnvironmentConfig, endpoints: LocalEndpoints): LocalVariable[] {
  const plain = (key: string, value: string): LocalVariable => ({ key, value, secret: false });
  const variables: LocalVariable[] = Object.entries(environment.variables).map(([key, value]) => ({ key, value, secret: SECRET_LOOKING.test(key) }));
  if (endpoints.apiUrl !== undefined) {
    const at = variables.findIndex((v) => v.key === 'baseUrl');
    if (at !== -1) variables.splice(at, 1);
    variables.unshift(plain('baseUrl', endpoints.apiUrl));
  }
  const client = endpoints.pool.clients.find((c) => c.name === endpoints.clientName) ?? endpoints.pool.clients[0]!;
  variables.push(
    settingEntry('endpoint', endpoints.cognitoEndpoint + '/'),
    settingEntry('userPoolId', endpoints.pool.poolId),
    settingEntry('clientId', client.clientId),
  );
  if (client.clientSecret !== undefined) variables.push(settingEntry('clientSecret', client.clientSecret));
  const password = (username: string): string => endpoints.pool.users.find((u) => u.username === username)?.password ?? '';
  const identities: Array<[string, string]> = environment.user === undefined ? [] : [['', environment.user]];
  identities.push(...Object.entries(environment.identities));
  for (const [identity, username] of identities) {
    variables.push(settingEntry('username', username, identity), settingEntry('password', password(username), identity));
  }
  if (endpoints.identityPool !== undefined) {
    variables.push(settingEntry('identityPoolId', endpoints.identityPool.identityPoolId), settingEntry('identityEndpoint', endpoints.identityPool.url + '/'));
  }
  return variables;
}

/** The values as a record, for runners that take variables in memory (the demo). */
export function variableRecord(variables: readonly LocalVariable[]): Record<string, string> {
  return Object.fromEntries(variables.map((v) => [v.key, v.value]));
}

/**
 * Writes a Postman environment export (mode 0600: it holds the config file's local passwords and the local client secret).
 * Written to a new 0600 file beside it, then renamed over it: an existing file (perhaps readable by others, perhaps
 * linked elsewhere) never holds a secret, not even for a moment.
 */
export function writePostmanEnvironment(file: string, name: string, variables: readonly LocalVariable[]): void {
  mkdirSync(dirname(file), { recursive: true });
  const environment = {
    name,
    values: variables.map((v) => ({ key: v.key, value: v.value, type: v.secret ? 'secret' : 'default', enabled: true })),
    _postman_variable_scope: 'environment',
  };
  writeFileAtomic(file, JSON.stringify(environment, null, 2) + '\n', 0o600);
}

/** `key = value` lines with every secret masked. */
export function describeVariables(variables: readonly LocalVariable[]): string {
  const width = Math.max(...variables.map((v) => v.key.length));
  return variables.map((v) => '  ' + v.key.padEnd(width) + ' = ' + (v.secret ? '******** (in the environment file)' : v.value)).join('\n');
}
