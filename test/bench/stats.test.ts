import { percentile } from '../../bench/stats';

/** The nearest-rank 1-based rank ⌈p/100 × n⌉ in BigInt, from the percentile's decimal text. */
function exactRank(percentileText: string, n: number): number {
  const [whole, fraction = ''] = percentileText.split('.');
  const denominator = 100n * 10n ** BigInt(fraction.length);
  const rank = Number((BigInt(n) * BigInt(whole + fraction) + denominator - 1n) / denominator);
  return Math.min(n, Math.max(1, rank));
}

describe('bench percentile', () => {
  it.each(['50', '99', '99.9', '7', '14', '28', '95', '0.1', '100'])('p%s of 1..n is the value of the exact nearest rank for every n from 1 to 2000', (percentileText) => {
    // Prepare
    const sizes = Array.from({ length: 2000 }, (_, i) => i + 1);

    // Act
    const wrong = sizes.filter((n) => percentile(Array.from({ length: n }, (_, i) => n - i), Number(percentileText)) !== exactRank(percentileText, n));

    // Assess
    expect(wrong).toEqual([]);
  });
});
