import { erfc, mannWhitneyULess, mean, midRanks, normalCdf } from '../../../functions/judge/statistics';

/**
 * Reference values: computed by hand where small (shown), and checked against
 * scipy.stats.mannwhitneyu(x, y, alternative='less', method='asymptotic') (scipy 1.17),
 * which applies the same tie correction and continuity correction.
 */
describe('statistics', () => {
  it('computes the normal distribution function at known points', () => {
    // Assess
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 7);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316300933, 9);
    expect(erfc(0.5)).toBeCloseTo(0.4795001221869535, 7);
    expect(erfc(-1)).toBeCloseTo(1.8427007929497148, 7);
  });

  it('gives tied values the mean of their ranks, and the tie term Σ(t³ − t)', () => {
    // Act
    const ranked = midRanks([1, 2, 2, 2, 3, 4]);

    // Assess
    expect(ranked).toEqual({ ranks: [1, 3, 3, 3, 5, 6], tieTerm: 24 });
  });

  it('matches a hand-computed test without ties', () => {
    // Prepare: U = 0, E[U] = 4.5, Var = 3·3·7/12 = 5.25, z = (0 − 4.5 + 0.5) / √5.25 = −1.745743…
    const x = [1, 2, 3];
    const y = [4, 5, 6];

    // Act
    const result = mannWhitneyULess(x, y);

    // Assess
    expect(result.u).toBe(0);
    expect(result.z).toBeCloseTo(-1.745743121887939, 12);
    expect(result.pValue).toBeCloseTo(0.04042779918502612, 7);
  });

  it('matches a hand-computed test with ties', () => {
    // Prepare: ranks 1, 3, 3 | 3, 5, 6 → R = 7, U = 1; Var = 0.75 · (7 − 24/30) = 4.65
    const result = mannWhitneyULess([1, 2, 2], [2, 3, 4]);

    // Assess
    expect(result.u).toBe(1);
    expect(result.z).toBeCloseTo((1 - 4.5 + 0.5) / Math.sqrt(4.65), 12);
    expect(result.pValue).toBeCloseTo(0.08207986423925762, 7);
  });

  it.each([
    ['unequal sizes, no ties', [0.5, 0.6, 0.7, 0.8, 0.9], [0.55, 0.65, 0.75, 0.85, 0.95, 1.0], 10, 0.20565689588812947],
    ['judge-like scores with ties', [0.9, 0.7, 0.7, 0.8, 0.6, 0.9, 0.75, 0.8, 0.85, 0.7], [0.9, 0.95, 0.8, 0.85, 0.9, 1.0, 0.7, 0.9, 0.95, 0.85, 0.8], 23.5, 0.013360671171823428],
  ])('matches scipy: %s', (_name, x, y, u, pValue) => {
    // Act
    const result = mannWhitneyULess(x, y);

    // Assess
    expect(result.u).toBe(u);
    expect(result.pValue).toBeCloseTo(pValue, 7);
  });

  it('keeps its relative accuracy deep in the tail, and says nothing when the window is higher', () => {
    // Prepare
    const cycle = (values: number[], count: number) => Array.from({ length: count }, (_, index) => values[index % values.length]);
    const window = cycle([0.8, 0.84, 0.88], 100);
    const baseline = cycle([0.86, 0.9, 0.94], 50);

    // Act
    const drop = mannWhitneyULess(window, baseline);
    const rise = mannWhitneyULess(baseline.slice(0, 40), window.slice(0, 40));

    // Assess
    expect(drop.u).toBe(561);
    expect(drop.pValue / 1.6976393527293694e-15).toBeCloseTo(1, 5);
    expect(rise.u).toBe(1418);
    expect(rise.pValue).toBeCloseTo(0.9999999992090971, 9);
  });

  it('returns p = 1 when every value is tied, and refuses empty or non-numeric samples', () => {
    // Assess
    expect(mannWhitneyULess([0.9, 0.9], [0.9, 0.9, 0.9])).toEqual({ u: 3, z: 0, pValue: 1 });
    expect(() => mannWhitneyULess([], [1])).toThrow('Mann–Whitney U needs at least one value in x');
    expect(() => mannWhitneyULess([1], [Number.NaN])).toThrow('y holds a value that is not a finite number: NaN');
    expect(mean([])).toBeNaN();
    expect(mean([0.5, 1])).toBe(0.75);
  });
});
