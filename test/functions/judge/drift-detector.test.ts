import type { DriftSettings } from '../../../functions/judge/config';
import { evaluateDrift, lowestSampleIds } from '../../../functions/judge/drift-detector';
import { nextState } from '../../../functions/judge/drift-monitor';

const SETTINGS: DriftSettings = { windowSize: 100, windowHours: 24, baselineSize: 50, absoluteThreshold: 0.8, pValue: 0.01, minSamples: 30, minRelativeDrop: 0.05 };

function cycle(values: number[], count: number): number[] {
  return Array.from({ length: count }, (_, index) => values[index % values.length]);
}

describe('evaluateDrift', () => {
  it('reports a significant drop larger than the minimum effect', () => {
    // Act
    const evaluation = evaluateDrift(cycle([0.8, 0.84, 0.88], 100), cycle([0.86, 0.9, 0.94], 50), SETTINGS);

    // Assess
    expect(evaluation).toMatchObject({ verdict: 'drifting', windowSize: 100, baselineSize: 50 });
    expect(evaluation.pValue).toBeLessThan(1e-10);
    expect(evaluation.relativeDrift).toBeCloseTo((0.8992 - 0.8396) / 0.8992, 10);
    expect(evaluation.reasons).toEqual([expect.stringMatching(/^window mean 0\.84 is 6\.628 % under the baseline 0\.899 \(Mann–Whitney U p = /)]);
  });

  it('ignores a significant drop smaller than the minimum effect', () => {
    // Act: 0.90 → 0.88 is a 2.2 % drop, significant on these sizes but under 5 %
    const evaluation = evaluateDrift(cycle([0.87, 0.88, 0.89], 100), cycle([0.89, 0.9, 0.91], 100), SETTINGS);

    // Assess
    expect(evaluation.pValue).toBeLessThan(0.01);
    expect(evaluation.verdict).toBe('ok');
  });

  it('ignores a large drop that is not significant', () => {
    // Act: means 0.85 vs 0.925 (8 % lower) but the spread is wide
    const evaluation = evaluateDrift(cycle([0.7, 1.0], 30), cycle([0.75, 1.0, 1.0, 0.95], 40), { ...SETTINGS, absoluteThreshold: 0 });

    // Assess
    expect(evaluation.relativeDrift).toBeGreaterThan(0.05);
    expect(evaluation.pValue).toBeGreaterThan(0.01);
    expect(evaluation.verdict).toBe('ok');
  });

  it('needs 30 scores on each side for the statistical rule', () => {
    // Act
    const smallBaseline = evaluateDrift(cycle([0.82], 100), cycle([0.95], 29), SETTINGS);
    const smallWindow = evaluateDrift(cycle([0.5], 29), cycle([0.95], 50), SETTINGS);

    // Assess
    expect(smallBaseline).toMatchObject({ verdict: 'ok', baselineSize: 29 });
    expect(smallBaseline.reasons).toEqual(['baseline of 29 scores, fewer than the 30 needed: only the absolute threshold applies']);
    expect(smallWindow).toEqual({ verdict: 'insufficient', reasons: ['29 recent scores, fewer than the 30 needed'], windowSize: 29, baselineSize: 50 });
  });

  it('reports a window mean under the absolute threshold, with or without a baseline', () => {
    // Act
    const withBaseline = evaluateDrift(cycle([0.78], 40), cycle([0.79], 40), SETTINGS);
    const without = evaluateDrift(cycle([0.7], 40), undefined, SETTINGS);

    // Assess
    expect(withBaseline.verdict).toBe('drifting');
    expect(withBaseline.reasons).toEqual(['window mean 0.78 is under the absolute threshold 0.8']);
    expect(without).toMatchObject({ verdict: 'drifting', windowMean: expect.closeTo(0.7, 12), baselineSize: 0 });
    expect(without.pValue).toBeUndefined();
  });
});

describe('the drift state machine and the lowest samples', () => {
  it.each([
    ['ok', 'drifting', 'drifting'],
    ['recovered', 'drifting', 'drifting'],
    ['drifting', 'ok', 'recovered'],
    ['drifting', 'drifting', undefined],
    ['ok', 'ok', undefined],
    ['drifting', 'insufficient', undefined],
  ] as const)('%s + verdict %s → %s', (current, verdict, next) => {
    expect(nextState(current, verdict)).toBe(next);
  });

  it('names the three lowest-scored samples, lowest first', () => {
    // Act
    const ids = lowestSampleIds([
      { sampleId: 'a', overall: 0.9 },
      { sampleId: 'b', overall: 0.2 },
      { sampleId: 'c', overall: 0.5 },
      { sampleId: 'd', overall: 0.2 },
      { sampleId: 'e', overall: 1 },
    ]);

    // Assess
    expect(ids).toEqual(['b', 'd', 'c']);
  });
});
