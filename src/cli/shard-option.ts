// `--shard k/n`: the option's syntax; which suites a shard runs is src/node/shard.ts.

import type { Shard } from '../node/shard';
import { UsageError } from './usage-error';

/** Parses `k/n` (1 <= k <= n); anything else is a usage error that says what to write. */
export function parseShard(value: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || !Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new UsageError('pm-cognito run: --shard is "' + value + '": write k/n with 1 <= k <= n, e.g. --shard 2/4 for the second of four machines');
  }
  return { index, count };
}
