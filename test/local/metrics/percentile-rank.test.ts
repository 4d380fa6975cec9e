import { METRICS } from '../../../lib/catalog/metrics';
import { MetricStore } from '../../../local/metrics';
import { percentileFraction, percentileRank } from '../../../local/metrics/percentile-rank';
import { percentileOf } from '../../../local/metrics/statistics';
import { at, emfLine } from '../../support/emf-lines';

const PERCENTILES = ['99.9', '7', '14', '28', '50', '95', '99', '0.1', '100', '0', '99.99', '33.3', '0.01'];
const SIZES = Array.from({ length: 2000 }, (_, i) => i + 1);

/** The nearest-rank 1-based rank ⌈p/100 × n⌉ in BigInt, from the percentile's decimal text. */
function exactRank(percentileText: string, n: number): number {
  const [whole, fraction = ''] = percentileText.split('.');
  const numerator = BigInt(n) * BigInt(whole + fraction);
  const denominator = 100n * 10n ** BigInt(fraction.length);
  const rank = Number((numerator + denominator - 1n) / denominator);
  return Math.min(n, Math.max(1, rank));
}

/** 1..n shuffled (a fixed Fisher-Yates shuffle), so that the k-th smallest value is k. */
function scrambled(n: number): Float64Array {
  const values = Float64Array.from({ length: n }, (_, i) => i + 1);
  let seed = n;
  for (let i = n - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const j = seed % (i + 1);
    [values[i], values[j]] = [values[j], values[i]];
  }
  return values;
}

describe('percentile ranks', () => {
  it.each(PERCENTILES)('p%s of 1..n is the value of the exact nearest rank for every n from 1 to 2000', (percentileText) => {
    // Prepare
    const percentile = Number(percentileText);

    // Act
    const wrong = SIZES.filter((n) => percentileOf(scrambled(n), n, percentile) !== exactRank(percentileText, n));

    // Assess
    expect(wrong).toEqual([]);
  });

  it('p99.9 of 1,000 values is the 999th value, not the maximum', () => {
    // Prepare
    const store = new MetricStore();
    const values = Array.from(scrambled(1000));
    store.ingestEmf(emfLine(at(0), [{ dimensions: [['service']], metrics: [METRICS.duration.name] }], { service: 'agent', [METRICS.duration.name]: values }));

    // Act
    const [p999] = store.query(
      { namespace: 'AgentMonitoring', metricName: METRICS.duration.name, dimensions: { service: 'agent' }, statistic: 'p99.9' },
      { end: at(1), periodSeconds: 60, count: 1 },
    );

    // Assess
    expect(p999).toBe(999);
    expect(percentileRank(99.9, 1000)).toBe(998);
  });

  it.each([
    [99.9, 999n, 1000n],
    [7, 7n, 100n],
    [0.1, 1n, 1000n],
    [100, 100n, 100n],
    [1e-7, 1n, 1000000000n],
  ])('reads %p as the exact fraction %p / %p', (percentile, numerator, denominator) => {
    // Act
    const fraction = percentileFraction(percentile);

    // Assess
    expect(fraction).toEqual({ numerator, denominator });
  });

  it('refuses a percentile outside 0..100, naming it', () => {
    // Act
    const outside = () => percentileRank(100.5, 10);

    // Assess
    expect(outside).toThrow('percentile 100.5 is not a number from 0 to 100');
  });
});
