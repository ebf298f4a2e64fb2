// test/file-durations.json: the seconds each test file took in one full run, read by the sequencer, written by `npm run test:durations`.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const DURATIONS_FILE = join(ROOT, 'test', 'file-durations.json');

/** The committed seconds per test file (path relative to the repository, / separators); none when the file is missing or not ours. */
export function committedSeconds(file = DURATIONS_FILE): Record<string, number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
  const seconds = typeof parsed === 'object' && parsed !== null ? (parsed as { seconds?: unknown }).seconds : undefined;
  if (typeof seconds !== 'object' || seconds === null) return {};
  return Object.fromEntries(Object.entries(seconds).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])));
}
