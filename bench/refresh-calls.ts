// `npm run bench` section: Cognito calls per refresh for app clients with and without rotation, for both orders of
// trying the refresh APIs, counted on the wire of the strict double (its clock and the core's clock move together).

import { authenticate } from '../src/core/authenticate';
import { readSettings } from '../src/core/settings';
import { cacheKey, cacheVariable, parseCache, serialiseCache, type RefreshApi } from '../src/core/cache-entry';
import { mapStore, nodeHost } from '../src/node/host';
import { startStrictCognito } from '../test/support/strict-cognito';


const LIFETIME_S = 300;
const REFRESHES = 10;

export interface RefreshFigure {
  client: string;
  order: string;
  /** Calls of the first refresh of a run (nothing learned yet). */
  first: number;
  /** Calls per refresh over the following ones. */
  later: number;
}

/**
 * One run per client kind and order: sign in, then REFRESHES token lifetimes, each ending in a refresh. The
 * "REFRESH_TOKEN_AUTH first" order is what a cache would do that starts from the older API and learns.
 */
export async function callsPerRefresh(password: string): Promise<RefreshFigure[]> {
  let now = Date.UTC(2026, 0, 1);
  const double = await startStrictCognito({
    nowMs: () => now,
    clients: [{ clientId: 'rotating', refreshTokenRotation: { retryGracePeriodSeconds: 0 } }, { clientId: 'plain' }],
    users: [{ username: 'alice', password }],
    idTokenSeconds: LIFETIME_S,
    accessTokenSeconds: LIFETIME_S,
  });
  const figures: RefreshFigure[] = [];
  try {
    for (const client of ['rotating', 'plain']) {
      for (const order of ['GetTokensFromRefreshToken', 'REFRESH_TOKEN_AUTH'] as RefreshApi[]) {
        const vars: Record<string, string> = { cognito_endpoint: double.endpoint, cognito_user_pool_id: double.poolId, cognito_client_id: client, cognito_username: 'alice', cognito_password: password };
        const settings = readSettings((n) => vars[n]);
        const store = mapStore();
        const host = { ...nodeHost({ store, log: () => undefined }), now: () => now };
        await authenticate(host, settings);
        const variable = cacheVariable(cacheKey(settings));
        const entry = parseCache(store.get(variable), settings);
        if (entry === undefined) throw new Error('bench: the sign-in left no cache entry');
        store.set(variable, serialiseCache({ ...entry, refreshWith: order }));
        const refreshCalls = () => double.count('GetTokensFromRefreshToken') + double.count('InitiateAuth', 'REFRESH_TOKEN_AUTH');
        const counts: number[] = [];
        for (let i = 0; i < REFRESHES; i++) {
          now += LIFETIME_S * 1000;
          const before = refreshCalls();
          const out = await authenticate(host, settings);
          if (out.source !== 'refresh') throw new Error('bench: expected a refresh, got ' + out.source);
          counts.push(refreshCalls() - before);
        }
        const later = counts.slice(1);
        figures.push({
          client: client === 'rotating' ? 'rotating client' : 'client without rotation',
          order: order + ' first',
          first: counts[0]!,
          later: later.reduce((a, b) => a + b, 0) / later.length,
        });
      }
    }
  } finally {
    await double.stop();
  }
  return figures;
}
