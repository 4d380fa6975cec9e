/**
 * Which CloudWatch queries a backtest needs: every metric every alarm of the catalog reads, at
 * the resolution that lets the replay recompute the alarm's own statistic exactly.
 *
 * - Sum, SampleCount, Minimum, Maximum and Average over any period of whole minutes are exact
 *   from one-minute Sum, SampleCount, Minimum and Maximum (Average = Sum / SampleCount): each
 *   series is fetched as those four at Period 60.
 * - A percentile over a period longer than a minute cannot be recomputed from stored
 *   statistics (p95 of five minutes is not any combination of five one-minute p95s). It is
 *   fetched at the alarm's own period, where GetMetricData computes it from the raw values, once
 *   per minute offset of that period (StartTime shifted by 0, 1, … P/60 − 1 minutes), so that a
 *   window ending on every minute is known, as the alarm's sliding window reads it.
 */
import { metricRefsOf, type AlarmDefinition } from '../../lib/catalog/alarms';
import { MINUTE_MS } from '../metrics/constants';
import { dimensionsKey, seriesKey, type SeriesIdentity } from '../metrics/series-key';
import { parseStatistic } from '../metrics/statistics';

/** GetMetricData's limits (CloudWatch quotas). */
export const GET_METRIC_DATA_LIMITS = {
  /** MetricDataQueries in one call. */
  maxQueries: 500,
  /** Datapoints one call may return across all its queries (MaxDatapoints' ceiling). */
  maxDatapoints: 100_800,
} as const;

/** Limits one call must stay within (GET_METRIC_DATA_LIMITS, or smaller ones). */
export interface FetchLimits {
  readonly maxQueries: number;
  readonly maxDatapoints: number;
}

/** The minute statistics fetched for every aggregated series. */
export const MINUTE_STATISTICS = ['SampleCount', 'Sum', 'Minimum', 'Maximum'] as const;
export type MinuteStatistic = (typeof MINUTE_STATISTICS)[number];

/** One MetricDataQuery of the plan. */
export interface FetchQuery {
  /** Unique in the plan, a valid GetMetricData id (`q0`, `q1`, …). */
  readonly id: string;
  readonly series: SeriesIdentity;
  readonly key: string;
  /** `Sum`, `SampleCount`, `Minimum`, `Maximum` at Period 60, or a percentile such as `p95` at the alarm's period. */
  readonly stat: string;
  readonly periodSeconds: number;
  /** Minutes after the plan's start at which this query's periods begin. */
  readonly offsetMinutes: number;
}

/** One GetMetricData call (before pagination): one time range, at most the call's limits. */
export interface FetchBatch {
  /** Epoch ms, a whole minute. */
  readonly startTime: number;
  readonly endTime: number;
  readonly queries: readonly FetchQuery[];
}

/** Every query of a backtest, and the calls that carry them. */
export interface FetchPlan {
  readonly start: number;
  readonly end: number;
  readonly queries: readonly FetchQuery[];
  readonly batches: readonly FetchBatch[];
}

/** The key of one series in a plan and in the history it fills. */
export function historySeriesKey(series: SeriesIdentity): string {
  return seriesKey(series.namespace, series.metricName, dimensionsKey(series.dimensions));
}

/** The key of a percentile table: series, percentile and period. */
export function percentileKey(key: string, stat: string, periodSeconds: number): string {
  return `${key}\u0003${stat}\u0003${periodSeconds}`;
}

/**
 * The plan for `definitions` over [start, end) (whole minutes): four minute statistics per
 * aggregated series, one query per minute offset per percentile, in batches within
 * GetMetricData's limits.
 *
 * @example
 * const plan = fetchPlan(alarmCatalog(settings), { start: to - 15 * DAY_MS, end: to });
 * plan.batches.length; // calls before pagination
 */
export function fetchPlan(definitions: readonly AlarmDefinition[], range: { readonly start: number; readonly end: number }, limits: FetchLimits = GET_METRIC_DATA_LIMITS): FetchPlan {
  checkRange(range);
  const queries: FetchQuery[] = [];
  const seen = new Set<string>();
  const add = (series: SeriesIdentity, stat: string, periodSeconds: number, offsetMinutes: number) => {
    const key = historySeriesKey(series);
    const unique = `${percentileKey(key, stat, periodSeconds)}\u0003${offsetMinutes}`;
    if (seen.has(unique)) return;
    seen.add(unique);
    queries.push({ id: `q${queries.length}`, series, key, stat, periodSeconds, offsetMinutes });
  };
  for (const definition of definitions) {
    if (definition.kind !== 'metric') continue;
    for (const ref of metricRefsOf(definition)) {
      const series = { namespace: ref.namespace, metricName: ref.metric.name, dimensions: ref.dimensions };
      if (parseStatistic(ref.statistic).kind === 'aggregate') {
        for (const stat of MINUTE_STATISTICS) add(series, stat, 60, 0);
      } else {
        for (let offset = 0; offset < definition.periodSeconds / 60; offset++) add(series, ref.statistic, definition.periodSeconds, offset);
      }
    }
  }
  return { ...range, queries, batches: batchesOf(queries, range, limits) };
}

/** Datapoints a query can return over [start, end). */
export function datapointsOf(query: FetchQuery, range: { readonly start: number; readonly end: number }): number {
  const span = range.end - range.start - query.offsetMinutes * MINUTE_MS;
  return Math.max(0, Math.floor(span / (query.periodSeconds * 1000)));
}

function batchesOf(queries: readonly FetchQuery[], range: { readonly start: number; readonly end: number }, limits: FetchLimits): FetchBatch[] {
  const byOffset = new Map<number, FetchQuery[]>();
  for (const query of queries) byOffset.set(query.offsetMinutes, [...(byOffset.get(query.offsetMinutes) ?? []), query]);
  const batches: FetchBatch[] = [];
  for (const [offset, group] of [...byOffset].sort(([a], [b]) => a - b)) {
    const startTime = range.start + offset * MINUTE_MS;
    let current: FetchQuery[] = [];
    let points = 0;
    for (const query of group) {
      const size = datapointsOf(query, range);
      if (size > limits.maxDatapoints) {
        throw new Error(`${query.series.metricName} ${query.stat}: ${size} datapoints exceed GetMetricData's ${limits.maxDatapoints} per call; read fewer days`);
      }
      if (current.length > 0 && (current.length >= limits.maxQueries || points + size > limits.maxDatapoints)) {
        batches.push({ startTime, endTime: range.end, queries: current });
        current = [];
        points = 0;
      }
      current.push(query);
      points += size;
    }
    if (current.length > 0) batches.push({ startTime, endTime: range.end, queries: current });
  }
  return batches;
}

function checkRange({ start, end }: { readonly start: number; readonly end: number }): void {
  if (!Number.isInteger(start / MINUTE_MS) || !Number.isInteger(end / MINUTE_MS)) throw new Error('a backtest range starts and ends on whole minutes');
  if (end <= start) throw new Error('a backtest range ends after it starts');
}
