/**
 * The two summary figures of time to close. Median: the middle value, or the mean of the two
 * middle values when the count is even. 90th percentile: nearest rank, the smallest value such
 * that at least 90% of the values are at or below it (value at rank ⌈0.9·n⌉ in ascending order).
 * Both null when there are no values.
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function nearestRankPercentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1];
}
