/**
 * Statistics for drift detection: a one-sided Mann–Whitney U test with tie correction and
 * the normal approximation (with continuity correction), as scipy.stats.mannwhitneyu
 * computes it with `method='asymptotic'`. Pure functions, no dependencies.
 */

/** Result of {@link mannWhitneyULess}. */
export interface MannWhitneyResult {
  /** U of the first sample: the number of (x, y) pairs with x > y, ties counting ½. */
  readonly u: number;
  /** Standardized statistic, continuity-corrected. */
  readonly z: number;
  /** One-sided p-value of H1 "x tends to be smaller than y". 1 when every value is tied. */
  readonly pValue: number;
}

/** Arithmetic mean; NaN for no values. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * Ranks 1..n of the values, ties getting the mean of their ranks, and Σ(t³ − t) over the
 * groups of t tied values (for the tie correction).
 */
export function midRanks(values: readonly number[]): { ranks: number[]; tieTerm: number } {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length);
  let tieTerm = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].value === order[start].value) end++;
    const tied = end - start + 1;
    const rank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) ranks[order[i].index] = rank;
    tieTerm += tied ** 3 - tied;
    start = end + 1;
  }
  return { ranks, tieTerm };
}

/**
 * One-sided Mann–Whitney U test of H1: values of `x` tend to be smaller than values of `y`.
 *
 * @throws RangeError when a sample is empty or holds a value that is not a finite number.
 * @example
 * mannWhitneyULess([1, 2, 3], [4, 5, 6]); // { u: 0, z: -1.7457, pValue: 0.0404 }
 */
export function mannWhitneyULess(x: readonly number[], y: readonly number[]): MannWhitneyResult {
  checkSample('x', x);
  checkSample('y', y);
  const n1 = x.length;
  const n2 = y.length;
  const n = n1 + n2;
  const { ranks, tieTerm } = midRanks([...x, ...y]);
  const rankSumX = ranks.slice(0, n1).reduce((sum, rank) => sum + rank, 0);
  const u = rankSumX - (n1 * (n1 + 1)) / 2;
  const expected = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (!(variance > 0)) return { u, z: 0, pValue: 1 };
  const z = (u - expected + 0.5) / Math.sqrt(variance);
  return { u, z, pValue: Math.min(1, normalCdf(z)) };
}

/** The standard normal distribution function Φ(z). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/**
 * The complementary error function, with a fractional error under 1.2e-7 everywhere
 * (Chebyshev fit, Numerical Recipes in C, 2nd ed., §6.2 `erfcc`).
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const result = t * Math.exp(-z * z + poly);
  return x >= 0 ? result : 2 - result;
}

function checkSample(name: string, values: readonly number[]): void {
  if (values.length === 0) throw new RangeError(`Mann–Whitney U needs at least one value in ${name}`);
  const bad = values.find((value) => typeof value !== 'number' || !Number.isFinite(value));
  if (bad !== undefined) throw new RangeError(`Mann–Whitney U: ${name} holds a value that is not a finite number: ${String(bad)}`);
}
