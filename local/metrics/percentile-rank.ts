/**
 * Nearest-rank percentile ranks in exact arithmetic.
 *
 * The rank of `pNN` among n values is ⌈NN/100 × n⌉. In floating point that product is often
 * off by one unit in the last place (`(99.9 / 100) * 1000` is `999.0000000000001`, whose
 * ceiling picks the maximum instead of the 999th value), so the percentile is read as the
 * decimal it was written as (`99.9` → 999 / 1000) and the ceiling is taken in integers.
 */

/** A percentile as an exact fraction of the values: `99.9` → 999 / 1000, `7` → 7 / 100. */
export interface PercentileFraction {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

/**
 * The exact fraction of the values a percentile in [0, 100] stands for, from the shortest
 * decimal that reads back as the same number (the one it was written as).
 * Throws an Error naming the value when it is not a finite number in [0, 100].
 *
 * @example
 * percentileFraction(99.9); // { numerator: 999n, denominator: 1000n }
 */
export function percentileFraction(percentile: number): PercentileFraction {
  const match = percentile >= 0 && percentile <= 100 ? DECIMAL.exec(String(percentile)) : null;
  if (!match) throw new Error(`percentile ${percentile} is not a number from 0 to 100`);
  const [, whole, fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText) - fraction.length;
  const digits = BigInt(whole + fraction);
  return exponent >= 0
    ? { numerator: digits * 10n ** BigInt(exponent), denominator: 100n }
    : { numerator: digits, denominator: 100n * 10n ** BigInt(-exponent) };
}

/**
 * The 0-based index, in ascending order, of the nearest-rank percentile of `n` values:
 * ⌈percentile/100 × n⌉ − 1, computed exactly, within [0, n − 1].
 *
 * @example
 * percentileRank(99.9, 1000); // 998: the 999th value, not the maximum
 */
export function percentileRank(percentile: number, n: number): number {
  const { numerator, denominator } = percentileFraction(percentile);
  const rank = Number((BigInt(n) * numerator + denominator - 1n) / denominator);
  return Math.min(n - 1, Math.max(0, rank - 1));
}
