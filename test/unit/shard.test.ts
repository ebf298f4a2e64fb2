// run --shard k/n: parsing, and that the shards are disjoint, cover every suite, balance requests and agree across machines.

import { describe, expect, it } from 'vitest';
import { parseShard } from '../../src/cli/shard-option';
import { assignShards, requestCount, suitesOfShard } from '../../src/node/shard';
import type { LoadedCollection } from '../../src/node/collections';

function suite(dir: string, name: string, requests: number, folders = false): LoadedCollection {
  const items = Array.from({ length: requests }, (_, i) => ({ name: 'r' + i, request: { url: 'x' } }));
  return { name, path: dir + '/collections/' + name + '.postman_collection.json', collection: { item: folders ? [{ name: 'f', item: items }] : items } };
}

describe('parseShard', () => {
  it('takes k/n with 1 <= k <= n', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
  });
  it.each(['0/4', '5/4', '1/0', '2', '2/', '/4', 'a/b', '1.5/4', '-1/4', '1/4/2', ''])('refuses %j and says what to write', (value) => {
    expect(() => parseShard(value)).toThrow('pm-cognito run: --shard is "' + value + '": write k/n with 1 <= k <= n, e.g. --shard 2/4');
  });
});

describe('assignShards', () => {
  const suites = [5, 1, 1, 8, 3, 3, 2, 0, 13, 1].map((n, i) => suite('/ci/machine-a', 's' + i, n, i % 2 === 0));

  it('counts requests in folders too', () => {
    expect(requestCount(suites[0]!.collection)).toBe(5);
    expect(requestCount(suites[3]!.collection)).toBe(8);
  });

  it('for every n, the shards are disjoint and together hold every suite once', () => {
    for (let n = 1; n <= 12; n++) {
      const seen = Array.from({ length: n }, (_, k) => suitesOfShard(suites, '/ci/machine-a', { index: k + 1, count: n }).map((s) => s.name)).flat();
      expect(seen.sort()).toEqual(suites.map((s) => s.name).sort());
    }
  });

  it('balances by requests: the heaviest shard is at most the heaviest suite above the mean', () => {
    const total = suites.reduce((n, s) => n + requestCount(s.collection), 0);
    for (const n of [2, 3, 4]) {
      const shardOf = assignShards(suites, '/ci/machine-a', n);
      const loads = Array.from({ length: n }, (_, k) => suites.filter((_, i) => shardOf[i] === k + 1).reduce((sum, s) => sum + Math.max(requestCount(s.collection), 1), 0));
      expect(Math.max(...loads)).toBeLessThanOrEqual(Math.ceil(total / n) + 13);
      expect(Math.min(...loads)).toBeGreaterThan(0);
    }
    // By hand: 13 → 1; 8, 5 → 2; 3 → 1 (tie); 3 → 2; 2 → 1; 1, 1 → 2; 1 → 1; the empty one → 2: 19 requests each.
    expect(assignShards(suites, '/ci/machine-a', 2)).toEqual([2, 2, 2, 2, 1, 2, 1, 2, 1, 1]);
  });

  it('machines with another checkout path or another listing order agree', () => {
    const elsewhere = [...suites].reverse().map((s) => ({ ...s, path: s.path.replace('/ci/machine-a', '/home/runner/work/api') }));
    for (const n of [2, 3, 5]) {
      const here = new Map(suites.map((s, i) => [s.name, assignShards(suites, '/ci/machine-a', n)[i]]));
      const there = new Map(elsewhere.map((s, i) => [s.name, assignShards(elsewhere, '/home/runner/work/api', n)[i]]));
      expect(there).toEqual(here);
    }
  });

  it('more shards than suites: the extra shards are empty', () => {
    const two = suites.slice(0, 2);
    expect(assignShards(two, '/ci/machine-a', 4)).toEqual([1, 2]);
    expect(suitesOfShard(two, '/ci/machine-a', { index: 3, count: 4 })).toEqual([]);
  });
});
