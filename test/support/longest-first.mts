// The order test files start in: longest first by the committed durations, so no long file starts last (pure, unit-tested).

/** What the order needs of a test file: its project and its path relative to the repository. */
export interface OrderedFile {
  project: string;
  path: string;
  /** Bytes of the file: the tie-breaker for files without a recorded duration (larger first, as vitest does). */
  size: number;
}

/**
 * Projects keep their order (vitest runs one after another); within one, files with no recorded duration come first
 * (new files: their time is unknown, and a failure shows soonest), then the rest longest first. Equal durations keep
 * the given order, so the result is the same on every machine.
 */
export function longestFirst<T extends OrderedFile>(files: readonly T[], seconds: Readonly<Record<string, number>>): T[] {
  const projects = [...new Set(files.map((f) => f.project))].sort();
  const known = (f: T) => Object.prototype.hasOwnProperty.call(seconds, f.path);
  const ordered: T[] = [];
  for (const project of projects) {
    const mine = files.filter((f) => f.project === project);
    const unknown = mine.filter((f) => !known(f)).sort((a, b) => b.size - a.size);
    const timed = mine.filter(known).sort((a, b) => seconds[b.path]! - seconds[a.path]!);
    ordered.push(...unknown, ...timed);
  }
  return ordered;
}
