// test/file-durations.json: the seconds each test file took in one full run, read by the sequencer, written by `npm run test:durations`.

import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// ESM with no import of the test helpers: vitest.config.mts loads it (through the sequencer), so the repository's root is passed in.

/** Where the durations are kept in the repository at `root`. */
export function durationsFile(root: string): string {
  return join(root, 'test', 'file-durations.json');
}

/** The committed seconds per test file (path relative to the repository, / separators); none when the file is missing or not ours. */
export function committedSeconds(file: string): Record<string, number> {
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

/** A test file's key in the durations: its path in the repository with / separators, also for a file of another clone (e.g. a clean one under /tmp). */
export function repositoryPath(file: string, root: string): string {
  const path = relative(root, file).split('\\').join('/');
  if (!path.startsWith('../')) return path;
  return /(test\/(?:unit|integration)\/.*)$/.exec(file.split('\\').join('/'))?.[1] ?? path;
}
