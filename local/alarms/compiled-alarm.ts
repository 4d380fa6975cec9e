/**
 * A catalog metric alarm made ready to evaluate many times: its metric queries with parsed
 * statistics, its parsed math, its evaluation range and its threshold test. This is exactly
 * what the evaluator runs, and what the agreement test compares with CloudFormation.
 */
import type { MetricAlarmDefinition, MetricRef } from '../../lib/catalog/alarms';
import { MINUTE_MS } from '../metrics/constants';
import { parseStatistic, type ParsedStatistic } from '../metrics/statistics';
import { compileMetricMath, evaluateMetricMath, type CompiledMath, type MetricMathOptions } from './metric-math';
import type { AlarmMetricSource } from './metric-source';
import { evaluationRange } from './missing-data';
import { breaches } from './reasons';

/** One metric an alarm reads; `id` is its math id, or undefined for a single-metric alarm. */
export interface CompiledQuery {
  readonly id?: string;
  readonly ref: MetricRef;
  readonly statistic: ParsedStatistic;
}

/** A metric alarm as the evaluator runs it. */
export interface CompiledMetricAlarm {
  readonly definition: MetricAlarmDefinition;
  readonly queries: readonly CompiledQuery[];
  readonly math?: CompiledMath;
  /** Periods read per evaluation: N plus the extra periods of the evaluation range. */
  readonly rangePeriods: number;
  readonly isBreaching: (value: number) => boolean;
}

/** Compiles one metric alarm; throws an Error naming the alarm for a bad statistic or expression. */
export function compileMetricAlarm(definition: MetricAlarmDefinition): CompiledMetricAlarm {
  try {
    const queries = definition.math
      ? Object.entries(definition.math.metrics).map(([id, ref]) => ({ id, ref, statistic: parseStatistic(ref.statistic) }))
      : definition.metric
        ? [{ ref: definition.metric, statistic: parseStatistic(definition.metric.statistic) }]
        : [];
    if (queries.length === 0) throw new Error('it has neither a metric nor math');
    return {
      definition,
      queries,
      ...(definition.math ? { math: compileMetricMath(definition.math.expression, Object.keys(definition.math.metrics)) } : {}),
      rangePeriods: evaluationRange(definition.evaluationPeriods),
      isBreaching: breaches(definition.comparison, definition.threshold),
    };
  } catch (error) {
    throw new Error(`Alarm ${definition.id}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The alarm's datapoints over its evaluation range, oldest first, NaN where a period has no
 * datapoint: a sliding window of `rangePeriods` periods ending at `end` (a whole minute).
 * `options` chooses how the math treats a series absent from the whole range (metric-math.ts).
 */
export function alarmDatapoints(alarm: CompiledMetricAlarm, store: AlarmMetricSource, end: number, options: MetricMathOptions = {}): Float64Array {
  const range = { end, periodSeconds: alarm.definition.periodSeconds, count: alarm.rangePeriods };
  if (!alarm.math) return store.querySeries(alarm.queries[0].ref, range, alarm.queries[0].statistic);
  const inputs: Record<string, Float64Array> = {};
  for (const query of alarm.queries) inputs[query.id!] = store.querySeries(query.ref, range, query.statistic);
  return evaluateMetricMath(alarm.math, inputs, options);
}

/** The evaluation minute of `now`: the end of the last complete minute (the current one is partial). */
export function evaluationEnd(now: number): number {
  return Math.floor(now / MINUTE_MS) * MINUTE_MS;
}
