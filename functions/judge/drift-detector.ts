import type { DriftSettings } from './config';
import { mannWhitneyULess, mean } from './statistics';

/** The outcome of comparing a window of recent scores with a baseline. */
export interface DriftEvaluation {
  /** 'insufficient': too few recent scores to say either way (the drift state is kept). */
  readonly verdict: 'drifting' | 'ok' | 'insufficient';
  /** Why: which rule fired, or why none could be applied. */
  readonly reasons: readonly string[];
  readonly windowMean?: number;
  readonly baselineMean?: number;
  /** (baselineMean − windowMean) / baselineMean: positive when quality dropped. */
  readonly relativeDrift?: number;
  /** One-sided Mann–Whitney U p-value; absent without a usable baseline. */
  readonly pValue?: number;
  readonly windowSize: number;
  readonly baselineSize: number;
}

/**
 * Decides drift (DESIGN.md): (a) the window mean is under the absolute threshold, or (b) the
 * window is significantly lower than the baseline (one-sided Mann–Whitney U, p under the
 * level, at least `minSamples` scores on each side) by at least the minimum relative drop.
 * Fewer than `minSamples` scores in the window decide nothing.
 *
 * @example
 * evaluateDrift(windowScores, baseline?.scores, settings).verdict; // 'drifting' | 'ok' | 'insufficient'
 */
export function evaluateDrift(window: readonly number[], baseline: readonly number[] | undefined, settings: DriftSettings): DriftEvaluation {
  const sizes = { windowSize: window.length, baselineSize: baseline?.length ?? 0 };
  if (window.length < settings.minSamples) {
    return { verdict: 'insufficient', reasons: [`${window.length} recent scores, fewer than the ${settings.minSamples} needed`], ...sizes };
  }
  const windowMean = mean(window);
  const reasons: string[] = [];
  if (windowMean < settings.absoluteThreshold) {
    reasons.push(`window mean ${round(windowMean)} is under the absolute threshold ${settings.absoluteThreshold}`);
  }
  if (baseline === undefined || baseline.length < settings.minSamples) {
    const missing = baseline === undefined ? 'no baseline yet' : `baseline of ${baseline.length} scores, fewer than the ${settings.minSamples} needed`;
    return { verdict: reasons.length > 0 ? 'drifting' : 'ok', reasons: [...reasons, `${missing}: only the absolute threshold applies`], windowMean, ...sizes };
  }
  const baselineMean = mean(baseline);
  const relativeDrift = baselineMean > 0 ? (baselineMean - windowMean) / baselineMean : 0;
  const { pValue } = mannWhitneyULess(window, baseline);
  if (pValue < settings.pValue && relativeDrift >= settings.minRelativeDrop) {
    reasons.push(`window mean ${round(windowMean)} is ${round(relativeDrift * 100)} % under the baseline ${round(baselineMean)} (Mann–Whitney U p = ${pValue.toPrecision(3)})`);
  }
  return { verdict: reasons.length > 0 ? 'drifting' : 'ok', reasons, windowMean, baselineMean, relativeDrift, pValue, ...sizes };
}

/** The three (or `count`) lowest-scored sample ids, lowest first. */
export function lowestSampleIds(scores: readonly { sampleId: string; overall: number }[], count = 3): string[] {
  return [...scores].sort((a, b) => a.overall - b.overall || a.sampleId.localeCompare(b.sampleId)).slice(0, count).map((score) => score.sampleId);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
