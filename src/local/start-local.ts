// The one start function of `pm-cognito local` and `npm run demo`: cognito-local, the pools of a config, the SECRET_HASH-checking proxy, an identity pool, the environment.

import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startCognitoLocal, type LocalCognito } from './cognito-local';
import { startCognitoProxy, type CognitoProxy } from './counting-proxy';
import type { DemoApi } from './demo-api';
import { startIdentityPoolDouble, type IdentityPoolDouble } from './identity-pool-double';
import type { LocalConfig } from './local-config';
import { localVariables, writePostmanEnvironment, type LocalVariable } from './local-environment';
import { fetchJwks, setUpPool, type PoolInfo } from './pool-setup';
import { asLocalStartError, LocalStartAborted, LocalStartError } from './local-start-error';
import { secretHashCheck } from './secret-hash-check';
import { claimPidFile, processStartTime, releasePidFile, STATE_FILE, type LocalState } from './local-state';

export interface StartLocalOptions {
  /** Absolute directory for the pid file, the state file and cognito-local's data (in its subdirectory cognito-local/, emptied first). */
  stateDir: string;
  /** Absolute path of the Postman environment to write. */
  environmentFile: string;
  /** Port of the Cognito endpoint on 127.0.0.1 (wins over the config's); undefined and 0: a free one. */
  port?: number;
  /** Also start the demo API (src/local/demo-api.ts) for the environment's pool; its URL becomes baseUrl. */
  demoApi?: boolean;
  /** Set for the process that stays up (the command), not for the demo: writes the pid file (first, exclusively) and the state file. */
  pid?: number;
  /** Aborted by a signal: the start stops what it has started and rejects with LocalStartAborted. */
  signal?: AbortSignal;
}

export interface NamedPool extends PoolInfo {
  name: string;
}

export interface RunningLocal {
  /** The Cognito endpoint to call (the checking proxy), e.g. `http://127.0.0.1:9229`. */
  endpoint: string;
  pools: NamedPool[];
  /** Counts every call that crosses it (the demo reports sign-ins from it). */
  proxy: CognitoProxy;
  cognito: LocalCognito;
  identityPool?: IdentityPoolDouble;
  api?: DemoApi;
  variables: LocalVariable[];
  environmentFile: string;
  stop(): Promise<void>;
}

/** A long-lived `local` would otherwise keep a record of every call it ever saw. */
const MAX_KEPT_CALLS = 10_000;

function portInUse(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EADDRINUSE';
}

function inUse(port: number): LocalStartError {
  return new LocalStartError('port ' + port + ' on 127.0.0.1 is in use: stop what holds it, choose another with --port (or port: in the config), or leave the port out for a free one');
}

/** Fails fast, before cognito-local and the pools take their seconds, when the chosen port is taken. */
function assertPortFree(port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error) => reject(portInUse(error) ? inUse(port) : error));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** An identity pool trusting every pool's app clients, with each pool's keys. */
async function startIdentityPool(pools: readonly NamedPool[], cognitoEndpoint: string, allowGuests: boolean): Promise<IdentityPoolDouble> {
  const providers = [];
  for (const pool of pools) {
    const jwks = await fetchJwks(cognitoEndpoint, pool.poolId);
    providers.push({ providerName: 'cognito-idp.' + pool.region + '.amazonaws.com/' + pool.poolId, clientIds: pool.clients.map((c) => c.clientId), jwks });
  }
  return startIdentityPoolDouble({ allowUnauthenticated: allowGuests, providers });
}

function describePools(pools: readonly NamedPool[], endpoint: string): LocalState['pools'] {
  return pools.map((p) => ({
    name: p.name, poolId: p.poolId, jwksUrl: endpoint + '/' + p.poolId + '/.well-known/jwks.json',
    clients: p.clients.map((c) => ({ name: c.name, clientId: c.clientId, secret: c.clientSecret !== undefined })),
  }));
}

/** cognito-local's working directory inside the state directory: pm-cognito's own, so emptying it removes nothing of the user's. */
export const COGNITO_DATA_DIR = 'cognito-local';

/** Written whole (a temporary file renamed): whoever reads the state file never sees half of it. */
function writeState(stateDir: string, state: LocalState): void {
  const temporary = join(stateDir, STATE_FILE + '.' + process.pid + '.tmp');
  writeFileSync(temporary, JSON.stringify(state, null, 2) + '\n');
  renameSync(temporary, join(stateDir, STATE_FILE));
}

function stateOf(pid: number, cognito: LocalCognito, endpoint: string, environmentFile: string, pools: readonly NamedPool[]): LocalState {
  const startTime = processStartTime(pid);
  return { pid, ...(startTime !== undefined ? { startTime } : {}), cognitoLocalPid: cognito.pid ?? 0, endpoint, environmentFile, pools: describePools(pools, endpoint) };
}

/** Throws LocalStartAborted once the signal is aborted; called between the steps of the start. */
function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new LocalStartAborted(signal.reason);
}

/** The pid file, created before anything starts: a second start on the same state directory stops here. */
function claim(stateDir: string, pid: number): void {
  if (!claimPidFile(stateDir, pid)) {
    throw new LocalStartError('another pm-cognito local is starting or running from ' + stateDir + ': stop it with pm-cognito local stop, or use another --state-dir');
  }
}

/** Every pool of the config, one after the other; an abort between two stops the start. */
async function setUpPools(cognito: LocalCognito, config: LocalConfig, signal: AbortSignal | undefined, stepIs: (step: string) => void): Promise<NamedPool[]> {
  const pools: NamedPool[] = [];
  for (const pool of config.pools) {
    checkAborted(signal);
    stepIs('setting up pool ' + pool.name + ' in cognito-local');
    pools.push({ name: pool.name, ...(await setUpPool(cognito, { clients: pool.clients, users: pool.users, groups: pool.groups, mfa: pool.mfa })) });
  }
  checkAborted(signal);
  return pools;
}

export async function startLocal(config: LocalConfig, options: StartLocalOptions): Promise<RunningLocal> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async (): Promise<void> => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
  };
  const { signal } = options;
  const port = options.port ?? config.port ?? 0;
  await assertPortFree(port);
  checkAborted(signal);
  mkdirSync(options.stateDir, { recursive: true });
  if (options.pid !== undefined) {
    claim(options.stateDir, options.pid);
    stops.push(async () => releasePidFile(options.stateDir));
  }
  let step = 'starting cognito-local';
  try {
    // The config file is the truth: each start begins from it, with new pool ids.
    const dataDir = join(options.stateDir, COGNITO_DATA_DIR);
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir);
    // One empty pool per pool of the config, written before it starts: no restart per pool.
    const cognito = await startCognitoLocal({ dataDir, emptyPools: config.pools.length });
    stops.push(() => cognito.stop());
    const pools = await setUpPools(cognito, config, signal, (now) => { step = now; });
    step = 'starting the proxy';
    const check = secretHashCheck(pools.flatMap((p) => p.clients), pools.flatMap((p) => p.users));
    const proxy = await startCognitoProxy(cognito.endpoint, { check, port }).catch((error: unknown) => {
      throw portInUse(error) ? inUse(port) : error;
    });
    stops.push(() => proxy.stop());

    checkAborted(signal);
    step = 'starting the identity pool';
    const identityPool = config.identityPool === undefined ? undefined : await startIdentityPool(pools, cognito.endpoint, config.identityPool.allowGuests);
    if (identityPool !== undefined) stops.push(() => identityPool.stop());

    const pool = pools.find((p) => p.name === config.environment.pool) ?? pools[0]!;
    let api: DemoApi | undefined;
    if (options.demoApi === true) {
      checkAborted(signal);
      step = 'starting the demo API';
      const ip = identityPool;
      // Loaded when asked for: it needs aws-jwt-verify, which only --demo-api requires.
      const { startDemoApi } = await import('./demo-api.js');
      const started = await startDemoApi({
        cognitoEndpoint: cognito.endpoint, userPoolId: pool.poolId, clientIds: pool.clients.map((c) => c.clientId),
        ...(ip !== undefined ? { iam: { lookup: (key: string) => ip.credentials(key), region: ip.region } } : {}),
      });
      stops.push(() => started.stop());
      api = started;
    }

    checkAborted(signal);
    step = 'writing the Postman environment';
    const variables = localVariables(config.environment, {
      cognitoEndpoint: proxy.url, pool, clientName: config.environment.client,
      ...(identityPool !== undefined ? { identityPool: { url: identityPool.url, identityPoolId: identityPool.identityPoolId } } : {}),
      ...(api !== undefined ? { apiUrl: api.url } : {}),
    });
    writePostmanEnvironment(options.environmentFile, config.environment.name, variables);

    const trim = setInterval(() => {
      if (proxy.calls.length > MAX_KEPT_CALLS) proxy.reset();
      if (identityPool !== undefined && identityPool.calls.length > MAX_KEPT_CALLS) identityPool.reset();
    }, 60_000);
    trim.unref();
    stops.push(async () => clearInterval(trim));

    if (options.pid !== undefined) writeState(options.stateDir, stateOf(options.pid, cognito, proxy.url, options.environmentFile, pools));
    checkAborted(signal);

    const running: RunningLocal = { endpoint: proxy.url, pools, proxy, cognito, variables, environmentFile: options.environmentFile, stop };
    if (identityPool !== undefined) running.identityPool = identityPool;
    if (api !== undefined) running.api = api;
    return running;
  } catch (error) {
    await stop();
    throw asLocalStartError(signal?.aborted === true ? new LocalStartAborted(signal.reason) : error, step);
  }
}
