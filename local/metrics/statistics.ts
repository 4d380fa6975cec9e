/**
 * CloudWatch statistics over the datapoints of one period.
 *
 * Percentiles use the nearest-rank definition on the raw values: `pNN` of n values is the
 * smallest value v such that at least NN % of the values are ≤ v, i.e. the value of rank
 * ⌈NN/100 × n⌉ in ascending order (`p0` is the minimum, `p100` the maximum). This matches
 * CloudWatch's definition ("p95: 95 percent of the data within the period is lower than this
 * value") without interpolating between datapoints. The rank is computed exactly (see
 * `percentileRank`), never as a floating-point product.
 */

import { percentileRank } from './percentile-rank';

export { percentileRank } from './percentile-rank';

/** The statistics that need no raw values. */
export type AggregateStatistic = 'Sum' | 'Average' | 'Minimum' | 'Maximum' | 'SampleCount';

/** A statistic as the store computes it. */
export type ParsedStatistic =
  | { readonly kind: 'aggregate'; readonly name: AggregateStatistic }
  | { readonly kind: 'percentile'; readonly percentile: number };

const AGGREGATES: readonly AggregateStatistic[] = ['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount'];
const PERCENTILE = /^p(\d{1,3}(?:\.\d+)?)$/;

/**
 * Reads `Sum`, `Average`, `Minimum`, `Maximum`, `SampleCount`, `p95`, `p99.9`.
 * Throws an Error naming the statistic for anything else.
 *
 * @example
 * parseStatistic('p99.9'); // { kind: 'percentile', percentile: 99.9 }
 */
export function parseStatistic(statistic: string): ParsedStatistic {
  if ((AGGREGATES as readonly string[]).includes(statistic)) return { kind: 'aggregate', name: statistic as AggregateStatistic };
  const match = PERCENTILE.exec(statistic);
  const percentile = match ? Number(match[1]) : NaN;
  if (!(percentile >= 0 && percentile <= 100)) {
    throw new Error(`Unsupported statistic ${JSON.stringify(statistic)}: use Sum, Average, Minimum, Maximum, SampleCount or pNN / pNN.N (0-100)`);
  }
  return { kind: 'percentile', percentile };
}

/** Count, sum, minimum and maximum of a set of datapoints. */
export interface Aggregate {
  count: number;
  sum: number;
  min: number;
  max: number;
}

/** The value of an aggregate statistic; NaN (missing) when there is no datapoint. */
export function aggregateValue(name: AggregateStatistic, aggregate: Aggregate): number {
  if (aggregate.count === 0) return NaN;
  switch (name) {
    case 'Sum':
      return aggregate.sum;
    case 'Average':
      return aggregate.sum / aggregate.count;
    case 'Minimum':
      return aggregate.min;
    case 'Maximum':
      return aggregate.max;
    case 'SampleCount':
      return aggregate.count;
  }
}

/**
 * The nearest-rank percentile of the first `length` values of `values` (reordered in place,
 * expected O(length) with quickselect). NaN when `length` is 0.
 */
export function percentileOf(values: Float64Array, length: number, percentile: number): number {
  if (length === 0) return NaN;
  return select(values, length, percentileRank(percentile, length));
}

/** Hoare's quickselect: the k-th smallest of values[0..length). */
function select(values: Float64Array, length: number, k: number): number {
  let left = 0;
  let right = length - 1;
  while (left < right) {
    const pivot = values[(left + right) >>> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const swap = values[i];
        values[i] = values[j];
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return values[k];
  }
  return values[k];
}
