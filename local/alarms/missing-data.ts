/**
 * The M-out-of-N decision of a metric alarm, with CloudWatch's treatment of missing data
 * (user guide, "Configuring how CloudWatch alarms treat missing data" and "Avoiding premature
 * transitions to alarm state"). The alarm reads more periods than N, its evaluation range
 * (`EVALUATION_RANGE_EXTRA_PERIODS` more), and then:
 *
 * 1. At least N real datapoints in the range: the N most recent real ones are evaluated and
 *    the treatment of missing data is not used.
 * 2. No real datapoint: `missing` → INSUFFICIENT_DATA, `ignore` → the state is kept,
 *    `breaching` → N breaching datapoints (ALARM), `notBreaching` → N good ones (OK).
 * 3. Some, but fewer than N: with `breaching` / `notBreaching`, every real datapoint plus as
 *    few filled ones as make N. With `missing` / `ignore`, only the real ones count: ALARM when
 *    M of them breach; else OK when one of them does not breach; else (all breach, fewer than M)
 *    `ignore` keeps the state and `missing` goes to ALARM only when the oldest breaching
 *    datapoint is at least M periods old (the premature-alarm rule), else INSUFFICIENT_DATA.
 *
 * This reproduces every row of the two tables of the guide (tested in missing-data.test.ts).
 */
import type { MissingData } from '../../lib/catalog/alarms';
import type { AlarmState } from '../../functions/alert-router/alert';

/**
 * How many periods beyond N an alarm reads. The guide's examples read 5 periods for N = 3;
 * the exact number CloudWatch uses depends on the period and is not documented further.
 */
export const EVALUATION_RANGE_EXTRA_PERIODS = 2;

/** The number of periods an alarm with N evaluation periods reads. */
export function evaluationRange(evaluationPeriods: number): number {
  return evaluationPeriods + EVALUATION_RANGE_EXTRA_PERIODS;
}

/** One evaluation of a metric alarm: its datapoints and its M out of N settings. */
export interface MissingDataInput {
  /** The evaluation range, oldest first; NaN where a period has no datapoint. */
  readonly datapoints: ArrayLike<number>;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: MissingData;
  readonly isBreaching: (value: number) => boolean;
  /** The alarm's state before this evaluation, kept by `ignore`. */
  readonly currentState: AlarmState;
}

/** A datapoint the decision used: a real value, or a missing one filled by the treatment. */
export interface EvaluatedDatapoint {
  /** Undefined for a filled datapoint. */
  readonly value?: number;
  readonly breaching: boolean;
  /** 1 for the most recent period of the range. */
  readonly age: number;
}

/** Which branch of the rules decided (see the module comment). */
export type DecisionRule = 'recent-datapoints' | 'filled' | 'real-only' | 'premature-alarm' | 'all-missing' | 'kept';

/** The new state, and the datapoints that decided it (for the reason). */
export interface MissingDataDecision {
  readonly state: AlarmState;
  readonly rule: DecisionRule;
  /** Newest first. */
  readonly evaluated: readonly EvaluatedDatapoint[];
  /** Datapoints that were missing in the range. */
  readonly missing: number;
}

/** Decides the alarm state from its evaluation range. */
export function decideAlarmState(input: MissingDataInput): MissingDataDecision {
  const { evaluationPeriods: n, datapointsToAlarm: m, treatMissingData: treatment } = input;
  const real = realDatapoints(input);
  const missing = input.datapoints.length - real.length;
  if (real.length >= n) {
    const evaluated = real.slice(0, n);
    return { state: breachingCount(evaluated) >= m ? 'ALARM' : 'OK', rule: 'recent-datapoints', evaluated, missing };
  }
  if (treatment === 'breaching' || treatment === 'notBreaching') {
    const fills = Array.from({ length: n - real.length }, () => ({ breaching: treatment === 'breaching', age: 0 }));
    const evaluated = [...real, ...fills];
    return { state: breachingCount(evaluated) >= m ? 'ALARM' : 'OK', rule: real.length === 0 ? 'all-missing' : 'filled', evaluated, missing };
  }
  if (real.length === 0) {
    return { state: treatment === 'missing' ? 'INSUFFICIENT_DATA' : input.currentState, rule: treatment === 'missing' ? 'all-missing' : 'kept', evaluated: [], missing };
  }
  const breaching = breachingCount(real);
  if (breaching >= m) return { state: 'ALARM', rule: 'real-only', evaluated: real, missing };
  if (breaching < real.length) return { state: 'OK', rule: 'real-only', evaluated: real, missing };
  if (treatment === 'ignore') return { state: input.currentState, rule: 'kept', evaluated: real, missing };
  const oldestBreachingAge = real[real.length - 1].age;
  return oldestBreachingAge >= m
    ? { state: 'ALARM', rule: 'premature-alarm', evaluated: real, missing }
    : { state: 'INSUFFICIENT_DATA', rule: 'real-only', evaluated: real, missing };
}

/** The real datapoints of the range, newest first. */
function realDatapoints(input: MissingDataInput): EvaluatedDatapoint[] {
  const real: EvaluatedDatapoint[] = [];
  const { datapoints } = input;
  for (let index = datapoints.length - 1; index >= 0; index--) {
    const value = datapoints[index];
    if (!Number.isNaN(value)) real.push({ value, breaching: input.isBreaching(value), age: datapoints.length - index });
  }
  return real;
}

function breachingCount(datapoints: readonly EvaluatedDatapoint[]): number {
  let count = 0;
  for (const datapoint of datapoints) if (datapoint.breaching) count++;
  return count;
}
