// The file `pm-cognito local` starts from (pools, clients, users, groups, an identity pool, the environment to write), read and checked field by field.

import { parse } from 'yaml';
import { IDENTITY_NAME } from '../core/identity-name';
import { InputError } from '../node/input-error';
import type { ClientOptions, UserOptions } from './pool-setup';

export interface LocalPoolConfig {
  /** Name the environment section refers to: letters, digits, `_`, `-`. */
  name: string;
  mfa: 'OFF' | 'OPTIONAL' | 'ON';
  /** At least one; `generateSecret` is the file's `secret`. */
  clients: ClientOptions[];
  /** Groups to create even when no user is in them. */
  groups: string[];
  users: UserOptions[];
}

export interface LocalEnvironmentConfig {
  /** Path of the Postman environment to write; undefined: `<state dir>/local.postman_environment.json`. */
  file?: string;
  /** The environment's name in Postman. */
  name: string;
  /** The pool and client whose ids the environment carries. */
  pool: string;
  client: string;
  /** Username of the default identity (cognito_username); undefined when the pool has no user. */
  user?: string;
  /** Named identities (`@admin` → `cognito_username@admin`): identity name → username. */
  identities: Record<string, string>;
  /** Extra plain variables, e.g. `baseUrl` of your API. */
  variables: Record<string, string>;
}

export interface LocalConfig {
  /** Port of the Cognito endpoint on 127.0.0.1; undefined: a free one. */
  port?: number;
  pools: LocalPoolConfig[];
  /** An identity pool trusting every pool's clients; undefined: none. */
  identityPool?: { allowGuests: boolean };
  environment: LocalEnvironmentConfig;
}

const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const GROUP = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u;
const USERNAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u;
/** Token lifetimes cognito-local accepts; AWS's own limits are wider for refresh and narrower for ID/access (5 min to 24 h). */
const SECONDS_MAX = 86_400;
const REFRESH_MINUTES_MAX = 5_256_000;

type Record_ = Record<string, unknown>;

/** Collects every problem with a path such as `pools[0].users[1].password`, so one run reports them all. */
class Checker {
  readonly problems: string[] = [];
  add(path: string, text: string): void {
    this.problems.push(path + ' ' + text);
  }
  record(value: unknown, path: string, allowed: readonly string[]): Record_ | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.add(path, 'must be a mapping (key: value lines)');
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.add(path + '.' + key, 'is not a known field: the fields here are ' + allowed.join(', '));
    }
    return value as Record_;
  }
  list(value: unknown, path: string): unknown[] | undefined {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.add(path, 'must be a list');
      return undefined;
    }
    return value;
  }
  text(value: unknown, path: string, pattern: RegExp, what: string): string | undefined {
    if (typeof value === 'string' && pattern.test(value)) return value;
    this.add(path, value === undefined ? 'is missing: ' + what : 'must be ' + what);
    return undefined;
  }
  flag(value: unknown, path: string): boolean {
    if (value === undefined || typeof value === 'boolean') return value === true;
    this.add(path, 'must be true or false');
    return false;
  }
  integer(value: unknown, path: string, min: number, max: number, unit: string): number | undefined {
    if (value === undefined) return undefined;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    this.add(path, 'must be a whole number from ' + min + ' to ' + max + ' (' + unit + ')');
    return undefined;
  }
  strings(value: unknown, path: string, pattern: RegExp, what: string): Record<string, string> {
    const entries = value === undefined ? {} : this.record(value, path, Object.keys(value as object));
    const out: Record<string, string> = {};
    for (const [key, item] of Object.entries(entries ?? {})) {
      if (!pattern.test(key)) this.add(path + '.' + key, 'is not a valid name: ' + what);
      else if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') this.add(path + '.' + key, 'must be a text value');
      else out[key] = String(item);
    }
    return out;
  }
  unique(names: Array<string | undefined>, path: string, what: string): void {
    const seen = new Set<string>();
    names.forEach((name, i) => {
      if (name !== undefined && seen.has(name)) this.add(path + '[' + i + '].' + what, '"' + name + '" is used twice: give each a different one');
      if (name !== undefined) seen.add(name);
    });
  }
}

function readClient(c: Checker, value: unknown, path: string): ClientOptions | undefined {
  const r = c.record(value, path, ['name', 'secret', 'idTokenValiditySeconds', 'accessTokenValiditySeconds', 'refreshTokenValidityMinutes']);
  if (r === undefined) return undefined;
  const client: ClientOptions = { name: c.text(r.name, path + '.name', NAME, 'letters, digits, _ or - (at most 64)') ?? '', generateSecret: c.flag(r.secret, path + '.secret') };
  const id = c.integer(r.idTokenValiditySeconds, path + '.idTokenValiditySeconds', 60, SECONDS_MAX, 'seconds');
  const access = c.integer(r.accessTokenValiditySeconds, path + '.accessTokenValiditySeconds', 60, SECONDS_MAX, 'seconds');
  const refresh = c.integer(r.refreshTokenValidityMinutes, path + '.refreshTokenValidityMinutes', 1, REFRESH_MINUTES_MAX, 'minutes');
  if (id !== undefined) client.idTokenValiditySeconds = id;
  if (access !== undefined) client.accessTokenValiditySeconds = access;
  if (refresh !== undefined) client.refreshTokenValidityMinutes = refresh;
  return client;
}

function readUser(c: Checker, value: unknown, path: string): UserOptions | undefined {
  const r = c.record(value, path, ['username', 'password', 'groups', 'attributes', 'temporaryPassword']);
  if (r === undefined) return undefined;
  const username = c.text(r.username, path + '.username', USERNAME, 'a username of 1 to 128 characters without spaces') ?? '';
  const password = c.text(r.password, path + '.password', /^\S[\s\S]{6,254}\S$/, 'a password of 8 to 256 characters, not starting or ending with a space (a local test value, kept in this file)') ?? '';
  const groups = (c.list(r.groups, path + '.groups') ?? []).map((g, i) => c.text(g, path + '.groups[' + i + ']', GROUP, 'a group name of 1 to 128 characters without spaces'));
  const attributes = c.strings(r.attributes, path + '.attributes', /^(custom:)?[A-Za-z0-9_]{1,32}$/, 'an attribute name such as email or custom:tier');
  return { username, password, groups: groups.filter((g): g is string => g !== undefined), attributes, temporaryPassword: c.flag(r.temporaryPassword, path + '.temporaryPassword') };
}

function readPool(c: Checker, value: unknown, path: string): LocalPoolConfig | undefined {
  const r = c.record(value, path, ['name', 'mfa', 'clients', 'groups', 'users']);
  if (r === undefined) return undefined;
  const name = c.text(r.name, path + '.name', NAME, 'letters, digits, _ or - (at most 64)') ?? '';
  const mfa = r.mfa === undefined ? 'OFF' : r.mfa === 'OFF' || r.mfa === 'OPTIONAL' || r.mfa === 'ON' ? r.mfa : undefined;
  if (mfa === undefined) c.add(path + '.mfa', 'must be OFF, OPTIONAL or ON');
  const clientList = c.list(r.clients, path + '.clients');
  if (clientList?.length === 0) c.add(path + '.clients', 'is missing: add at least one app client, e.g. - name: web');
  const clients = (clientList ?? []).map((v, i) => readClient(c, v, path + '.clients[' + i + ']'));
  c.unique(clients.map((cl) => cl?.name), path + '.clients', 'name');
  const groups = (c.list(r.groups, path + '.groups') ?? []).map((g, i) => c.text(g, path + '.groups[' + i + ']', GROUP, 'a group name of 1 to 128 characters without spaces'));
  const users = (c.list(r.users, path + '.users') ?? []).map((v, i) => readUser(c, v, path + '.users[' + i + ']'));
  c.unique(users.map((u) => u?.username), path + '.users', 'username');
  return {
    name, mfa: mfa ?? 'OFF',
    clients: clients.filter((cl): cl is ClientOptions => cl !== undefined),
    groups: groups.filter((g): g is string => g !== undefined),
    users: users.filter((u): u is UserOptions => u !== undefined),
  };
}

function readEnvironment(c: Checker, value: unknown, pools: LocalPoolConfig[]): LocalEnvironmentConfig {
  const r = (value === undefined ? {} : c.record(value, 'environment', ['file', 'name', 'pool', 'client', 'user', 'identities', 'variables'])) ?? {};
  const file = r.file === undefined ? undefined : c.text(r.file, 'environment.file', /^\S(.*\S)?$/, 'a file path');
  const name = r.name === undefined ? 'pm-cognito local' : c.text(r.name, 'environment.name', /^\S(.*\S)?$/, 'a name') ?? '';
  const poolName = r.pool === undefined ? pools[0]?.name : c.text(r.pool, 'environment.pool', NAME, 'the name of one of the pools');
  const pool = pools.find((p) => p.name === poolName);
  if (r.pool !== undefined && poolName !== undefined && pool === undefined) c.add('environment.pool', '"' + poolName + '" names no pool: use one of ' + pools.map((p) => p.name).join(', '));
  const clientName = r.client === undefined ? pool?.clients[0]?.name : c.text(r.client, 'environment.client', NAME, 'the name of one of the pool\'s clients');
  if (pool !== undefined && clientName !== undefined && !pool.clients.some((cl) => cl.name === clientName)) {
    c.add('environment.client', '"' + clientName + '" names no client of pool ' + pool.name + ': use one of ' + pool.clients.map((cl) => cl.name).join(', '));
  }
  const usernames = new Set(pool?.users.map((u) => u.username) ?? []);
  const knownUser = (username: string, path: string): void => {
    if (pool !== undefined && !usernames.has(username)) c.add(path, '"' + username + '" is no user of pool ' + pool.name + ': add it under users or use one of ' + ([...usernames].join(', ') || '(none)'));
  };
  const user = r.user === undefined ? pool?.users[0]?.username : c.text(r.user, 'environment.user', USERNAME, 'the username of one of the pool\'s users');
  if (r.user !== undefined && user !== undefined) knownUser(user, 'environment.user');
  const identities = c.strings(r.identities, 'environment.identities', IDENTITY_NAME, 'an identity name (letters, digits, _ . -), as in a tag @admin');
  for (const [identity, username] of Object.entries(identities)) knownUser(username, 'environment.identities.' + identity);
  const variables = c.strings(r.variables, 'environment.variables', /^[A-Za-z0-9_.-]{1,128}$/, 'a variable name such as baseUrl');
  for (const key of Object.keys(variables)) {
    if (/^cognito_/i.test(key)) c.add('environment.variables.' + key, 'is written by pm-cognito local itself: leave cognito_* variables out of this list');
  }
  const environment: LocalEnvironmentConfig = { name, pool: pool?.name ?? '', client: clientName ?? '', identities, variables };
  if (file !== undefined) environment.file = file;
  if (user !== undefined) environment.user = user;
  return environment;
}

/** Parses a YAML (or JSON) config; throws InputError listing every problem, each naming its field. */
export function parseLocalConfig(text: string, label: string): LocalConfig {
  let document: unknown;
  try {
    document = parse(text, { maxAliasCount: 100, uniqueKeys: true });
  } catch (error) {
    throw new InputError('pm-cognito local: ' + label + ' is not valid YAML or JSON: ' + (error instanceof Error ? error.message.split('\n')[0] : String(error)));
  }
  const c = new Checker();
  const r = c.record(document, '(top level)', ['port', 'pools', 'identityPool', 'environment']);
  if (r === undefined) throw new InputError('pm-cognito local: ' + label + ' must be a mapping with pools: (see examples/local-cognito.yaml)');
  const port = c.integer(r.port, 'port', 0, 65_535, 'a TCP port on 127.0.0.1; 0 or none: a free one');
  const poolList = c.list(r.pools, 'pools');
  if (poolList?.length === 0) c.add('pools', 'is missing: add at least one user pool (see examples/local-cognito.yaml)');
  const pools = (poolList ?? []).map((v, i) => readPool(c, v, 'pools[' + i + ']')).filter((p): p is LocalPoolConfig => p !== undefined);
  c.unique(pools.map((p) => p.name), 'pools', 'name');
  let identityPool: { allowGuests: boolean } | undefined;
  if (r.identityPool !== undefined && r.identityPool !== false) {
    const ip = r.identityPool === true ? {} : c.record(r.identityPool, 'identityPool', ['allowGuests']);
    identityPool = { allowGuests: ip?.allowGuests === undefined ? true : c.flag(ip.allowGuests, 'identityPool.allowGuests') };
  }
  const environment = readEnvironment(c, r.environment, pools);
  if (c.problems.length > 0) {
    throw new InputError('pm-cognito local: ' + label + ' needs attention (' + c.problems.length + '):\n  ' + c.problems.join('\n  '));
  }
  const config: LocalConfig = { pools, environment };
  if (port !== undefined && port !== 0) config.port = port;
  if (identityPool !== undefined) config.identityPool = identityPool;
  return config;
}
