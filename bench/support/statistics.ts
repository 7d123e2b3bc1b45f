/** Summaries of measured samples: percentiles over a sorted copy, and the median/p90 pair. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function sortedCopy(samples: ArrayLike<number>): Float64Array {
  return Float64Array.from(samples).sort();
}

export function medianAndP90(samples: readonly number[]): { median: number; p90: number } {
  const sorted = sortedCopy(samples);
  return { median: percentile(sorted, 50), p90: percentile(sorted, 90) };
}
