// Suggests the name a user probably meant (a setting, an output, an identity, a token type) for one that is unknown.

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours each cost 1. */
const distance = (a: string, b: string): number => {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0]![j] = j;
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
};

/**
 * The candidate `word` most likely stands for: one equal to it but for case first, else the nearest within a small
 * edit (1 for words up to 4 characters, 2 up to 12, 3 beyond), the earlier candidate on a tie. Undefined when `word`
 * is a candidate itself or nothing is near.
 */
export const didYouMean = (word: string, candidates: readonly string[]): string | undefined => {
  if (candidates.includes(word)) return undefined;
  const lower = word.toLowerCase();
  const sameButCase = candidates.find((candidate) => candidate.toLowerCase() === lower);
  if (sameButCase !== undefined) return sameButCase;
  const limit = word.length <= 4 ? 1 : word.length <= 12 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    // Lengths further apart than the limit cannot be within it.
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
};
