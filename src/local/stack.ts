// Starts the whole offline world (cognito-local, a counting proxy, the demo API) for the demo, tests and benchmarks.

import { startCognitoLocal, type LocalCognito } from './cognito-local';
import { startCognitoProxy, type CognitoProxy, type CognitoProxyOptions } from './counting-proxy';
import { fetchJwks, setUpPool, type PoolInfo, type PoolOptions } from './pool-setup';
import { startDemoApi, type DemoApi } from './demo-api';
import { startIdentityPoolDouble, type IdentityPoolDouble, type IdentityPoolDoubleOptions } from './identity-pool-double';
import { settingName } from './setting-names';

export interface LocalStack {
  cognito: LocalCognito;
  pool: PoolInfo;
  /** Put this URL in cognito_endpoint: every call through it is counted. */
  proxy: CognitoProxy;
  api: DemoApi;
  /** Cognito Identity for the pool: its user pool and app clients are the identity providers; the demo API verifies what it issues. */
  identityPool: IdentityPoolDouble;
  /** Environment values for the first client (endpoint, pool, client, secret if any). */
  connection: Record<string, string>;
  stop(): Promise<void>;
}

export interface StackOptions extends PoolOptions {
  proxy?: CognitoProxyOptions;
  brokenResponses?: boolean;
  /** Options of the identity-pool double (lifetime of credentials, guest access, role trust); providers are set here. */
  identityPool?: Omit<IdentityPoolDoubleOptions, 'providers'>;
  /**
   * A running cognito-local to put the pool in instead of starting one; stop() leaves it running, with the pool
   * and its users in it (no other stack gets that pool). A shared one (see test/support/shared-cognito-local.ts) gives a
   * pre-made pool, so the stack never restarts it.
   */
  cognito?: LocalCognito;
}

export async function startLocalStack(options: StackOptions = {}): Promise<LocalStack> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
    stops.length = 0;
  };
  try {
    // Its own cognito-local starts with the stack's pool already written: no restart to load it.
    const cognito = options.cognito ?? (await startCognitoLocal({ emptyPools: 1 }));
    if (options.cognito === undefined) stops.push(() => cognito.stop());
    const pool = await setUpPool(cognito, options);
    const proxy = await startCognitoProxy(cognito.endpoint, options.proxy ?? {});
    stops.push(() => proxy.stop());
    const identityPool = await startIdentityPoolDouble({
      ...options.identityPool,
      providers: [{
        providerName: 'cognito-idp.' + pool.region + '.amazonaws.com/' + pool.poolId,
        clientIds: pool.clients.map((c) => c.clientId),
        jwks: await fetchJwks(cognito.endpoint, pool.poolId),
      }],
    });
    stops.push(() => identityPool.stop());
    const api = await startDemoApi({
      cognitoEndpoint: cognito.endpoint,
      userPoolId: pool.poolId,
      clientIds: pool.clients.map((c) => c.clientId),
      brokenResponses: options.brokenResponses === true,
      iam: { lookup: (accessKeyId) => identityPool.credentials(accessKeyId), region: identityPool.region },
    });
    stops.push(() => api.stop());
    const client = pool.clients[0]!;
    const connection: Record<string, string> = {
      baseUrl: api.url,
      [settingName('endpoint')]: proxy.url + '/',
      [settingName('userPoolId')]: pool.poolId,
      [settingName('clientId')]: client.clientId,
      [settingName('identityPoolId')]: identityPool.identityPoolId,
      [settingName('identityEndpoint')]: identityPool.url + '/',
    };
    if (client.clientSecret !== undefined) connection[settingName('clientSecret')] = client.clientSecret;
    return { cognito, pool, proxy, api, identityPool, connection, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
