// The one "did you mean" of chartforge: unknown spec keys and enum values, unknown values keys,
// unknown manifest fields, kinds, commands and flags all get their hint here, so one typo gets one
// answer wherever it is typed.

/** Optimal-string-alignment distance: a swapped pair of letters ("contianers") counts as one edit. */
function distance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate closest to `word`, if one is close enough to be a plausible typo: a candidate that
 * differs only in case first; else the fewest edits, at most a third of the word's length (at least
 * one, at most three), ties going to the candidate first in sorted order, so the answer never
 * depends on the order the candidates came in.
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const sorted = [...new Set(candidates)].sort();
  const caseOnly = sorted.find((c) => c.toLowerCase() === lower);
  if (caseOnly !== undefined) return caseOnly;
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of sorted) {
    // Lengths further apart than the limit cannot be within it: no need to fill the table.
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
