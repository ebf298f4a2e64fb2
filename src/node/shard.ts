// `run --shard k/n`: which suites machine k of n runs, so that n CI machines together run every suite exactly once.

import { relative, sep } from 'node:path';
import type { LoadedCollection } from './collections';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Requests in a collection (items with a request, in every folder): the weight used to balance shards. */
export function requestCount(node: unknown): number {
  if (typeof node !== 'object' || node === null) return 0;
  const items = (node as { item?: unknown }).item;
  if (!Array.isArray(items)) return (node as { request?: unknown }).request !== undefined ? 1 : 0;
  return items.reduce((n: number, child) => n + requestCount(child), 0);
}

/**
 * Assigns every suite to one shard and returns shard `index`'s suites, in the run's order.
 * Deterministic from what every machine of a CI matrix sees alike (the suites' paths relative to the
 * working directory and their request counts), so the shards are disjoint and together cover every
 * suite: the heaviest suite goes first to the least-loaded shard (ties: the lower shard), suites of
 * equal weight in path order. Whole suites only: requests within a collection depend on one another
 * (variables set by earlier requests, Postman's order), so a collection is never split.
 */
export function assignShards(suites: readonly LoadedCollection[], cwd: string, count: number): number[] {
  const key = (s: LoadedCollection) => relative(cwd, s.path).split(sep).join('/');
  const order = suites.map((suite, i) => ({ i, key: key(suite), weight: suite.v3 !== undefined ? suite.v3.requests.length : requestCount(suite.collection) }))
    .sort((a, b) => b.weight - a.weight || (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
  const load = new Array<number>(count).fill(0);
  const shardOf = new Array<number>(suites.length).fill(0);
  for (const { i, weight } of order) {
    let best = 0;
    for (let s = 1; s < count; s++) if (load[s]! < load[best]!) best = s;
    shardOf[i] = best + 1;
    // Weight at least 1: empty suites are spread too.
    load[best]! += Math.max(weight, 1);
  }
  return shardOf;
}

export function suitesOfShard<T extends LoadedCollection>(suites: readonly T[], cwd: string, shard: Shard): T[] {
  const shardOf = assignShards(suites, cwd, shard.count);
  return suites.filter((_, i) => shardOf[i] === shard.index);
}
