// The run's token caches reach its suites so that no refresh token is presented twice (see src/node/cache-handoff.ts).

import { describe, expect, it } from 'vitest';
import { cacheHandoff } from '../../src/node/cache-handoff';

const entry = (refreshToken: string) => JSON.stringify({ v: 1, key: 'k', accessToken: 'a.b.c', refreshToken, obtainedAt: 1, expiresAt: 2 });
const initial = { pm_cognito_cache_aaaa: entry('r1'), other_variable: 'kept' };

describe('cacheHandoff', () => {
  it('sequential: each suite starts from the caches the previous one left, other variables untouched', () => {
    const handoff = cacheHandoff(initial, false);
    expect(handoff.forSuite(0)).toEqual(initial);
    handoff.suiteDone({ pm_cognito_cache_aaaa: entry('r2'), pm_cognito_cache_bbbb: entry('s1'), other_variable: 'changed by a script', empty: '' });
    expect(handoff.forSuite(1)).toEqual({ pm_cognito_cache_aaaa: entry('r2'), pm_cognito_cache_bbbb: entry('s1'), other_variable: 'kept' });
  });

  it('parallel: only the first suite gets the refresh token; the others keep the tokens without it', () => {
    const handoff = cacheHandoff(initial, true);
    expect(handoff.forSuite(0)).toEqual(initial);
    const second = handoff.forSuite(1);
    expect(JSON.parse(second['pm_cognito_cache_aaaa']!)).toEqual({ v: 1, key: 'k', accessToken: 'a.b.c', obtainedAt: 1, expiresAt: 2 });
    expect(second['other_variable']).toBe('kept');
    // A suite that ends does not change what later parallel suites were given.
    handoff.suiteDone({ pm_cognito_cache_aaaa: entry('r2') });
    expect(JSON.parse(handoff.forSuite(2)['pm_cognito_cache_aaaa']!).refreshToken).toBeUndefined();
  });

  it('AWS credentials: a renewal in a sequential suite reaches the next; parallel suites all get them whole', () => {
    const credentials = (accessKeyId: string) => JSON.stringify({ v: 1, key: 'k', identityId: 'i', accessKeyId, secretAccessKey: 's', sessionToken: 't', obtainedAt: 1, expiresAt: 2 });
    const sequential = cacheHandoff({ pm_cognito_iam_aaaa: credentials('A1') }, false);
    sequential.suiteDone({ pm_cognito_iam_aaaa: credentials('A2'), cognito_iam_access_key_id: 'A2' });
    expect(sequential.forSuite(1)).toEqual({ pm_cognito_iam_aaaa: credentials('A2') });
    const parallel = cacheHandoff({ pm_cognito_iam_aaaa: credentials('A1') }, true);
    expect(parallel.forSuite(1)).toEqual({ pm_cognito_iam_aaaa: credentials('A1') });
  });

  it('passes an entry that is not JSON on as it is (the script ignores it)', () => {
    expect(cacheHandoff({ pm_cognito_cache_x: 'not json' }, true).forSuite(1)).toEqual({ pm_cognito_cache_x: 'not json' });
  });
});
