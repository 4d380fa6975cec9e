import { percentileRank } from '../local/metrics/percentile-rank';

/** The p-th percentile (nearest rank, the rank computed exactly) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[percentileRank(p, sorted.length)];
}
