import { AWS_LAMBDA_FUNCTION_DIMENSION, AWS_LAMBDA_METRICS, AWS_LAMBDA_NAMESPACE } from '../../../lib/catalog/alarms';
import { JUDGE_METRICS } from '../../../lib/catalog/judge-metrics';
import { METRICS } from '../../../lib/catalog/metrics';
import { MINUTE_MS, type MetricSelector, type MetricStore } from '../../metrics';
import type { SummaryRange } from '../result';

/** One value per virtual minute, `null` where the minute holds no datapoint (as CloudWatch leaves a gap). */
export type MinuteValues = (number | null)[];

/**
 * The drill's metrics per virtual minute, one column per series, all of the same length:
 * `minute[i]` is the minute (from the start of the run) that the other columns' `[i]` cover.
 */
export interface MinuteColumns {
  readonly minute: number[];
  /** Sum of `agent.requests.total`. */
  readonly requests: MinuteValues;
  /** Sum of `agent.requests.errors`. */
  readonly errors: MinuteValues;
  /** Sum of the agent function's AWS/Lambda Invocations, Errors and Throttles. */
  readonly lambdaInvocations: MinuteValues;
  readonly lambdaErrors: MinuteValues;
  readonly lambdaThrottles: MinuteValues;
  /** errors / requests in percent; `null` for a minute without requests. */
  readonly errorRate: MinuteValues;
  /** Lambda Errors / Invocations in percent; `null` for a minute without invocations. */
  readonly lambdaErrorRate: MinuteValues;
  /** p50, p95, p99 of `agent.request.duration_seconds`, seconds. */
  readonly p50: MinuteValues;
  readonly p95: MinuteValues;
  readonly p99: MinuteValues;
  /** Sum of `agent.cost.usd` and of `agent.judge.cost.usd`, USD. */
  readonly cost: MinuteValues;
  readonly judgeCost: MinuteValues;
  /** Average of `agent.quality.score` (timestamped at the judged response's time). */
  readonly quality: MinuteValues;
  /** Maximum of `agent.quality.drift` (1 while the judge reports drift). */
  readonly drift: MinuteValues;
}

/** The names of the value columns, in the order of `MinuteColumns`. */
export type SeriesColumn = Exclude<keyof MinuteColumns, 'minute'>;

/** The minutes a run's range covers: from its start to the end of the minute of its latest virtual time, as `summarize` reads it. */
export function minutesCovered(range: SummaryRange): number {
  return Math.floor(range.latest / MINUTE_MS) + 1 - range.start / MINUTE_MS;
}

/**
 * Reads the per-minute series of a run from its metric store, with the same selectors the
 * summary uses (dimension `service`), and the agent function's AWS/Lambda counts.
 *
 * @example
 * const columns = minuteColumns(report.metrics);
 * columns.requests.reduce((sum, value) => sum + (value ?? 0), 0); // report.result.summary.total_requests
 */
export function minuteColumns(range: SummaryRange): MinuteColumns {
  const count = minutesCovered(range);
  const period = { end: range.start + count * MINUTE_MS, periodSeconds: 60, count };
  const agent = (metric: { readonly name: string }, statistic: string) =>
    read(range.store, { namespace: range.namespace, metric, dimensions: { service: range.service }, statistic }, period);
  const functionDimensions = lambdaFunctionDimensions(range.store);
  const lambda = (metric: { readonly name: string }) =>
    functionDimensions ? read(range.store, { namespace: AWS_LAMBDA_NAMESPACE, metric, dimensions: functionDimensions, statistic: 'Sum' }, period) : new Array<null>(count).fill(null);
  const requests = agent(METRICS.requests, 'Sum');
  const errors = agent(METRICS.errors, 'Sum');
  const lambdaInvocations = lambda(AWS_LAMBDA_METRICS.invocations);
  const lambdaErrors = lambda(AWS_LAMBDA_METRICS.errors);
  return {
    minute: Array.from({ length: count }, (_, index) => index),
    requests,
    errors,
    lambdaInvocations,
    lambdaErrors,
    lambdaThrottles: lambda(AWS_LAMBDA_METRICS.throttles),
    errorRate: percentOf(errors, requests),
    lambdaErrorRate: percentOf(lambdaErrors, lambdaInvocations),
    p50: agent(METRICS.duration, 'p50'),
    p95: agent(METRICS.duration, 'p95'),
    p99: agent(METRICS.duration, 'p99'),
    cost: agent(METRICS.costUsd, 'Sum'),
    judgeCost: agent(JUDGE_METRICS.costUsd, 'Sum'),
    quality: agent(METRICS.qualityScore, 'Average'),
    drift: agent(JUDGE_METRICS.qualityDrift, 'Maximum'),
  };
}

function read(store: MetricStore, selector: MetricSelector, period: { end: number; periodSeconds: number; count: number }): MinuteValues {
  return store.query(selector, period).map((value) => value ?? null);
}

/** The dimensions of the agent function's AWS/Lambda Invocations: the only function a simulation runs. */
function lambdaFunctionDimensions(store: MetricStore): Readonly<Record<string, string>> | undefined {
  return store
    .series()
    .find((series) => series.namespace === AWS_LAMBDA_NAMESPACE && series.metricName === AWS_LAMBDA_METRICS.invocations.name && AWS_LAMBDA_FUNCTION_DIMENSION in series.dimensions)
    ?.dimensions;
}

function percentOf(part: MinuteValues, whole: MinuteValues): MinuteValues {
  return whole.map((total, index) => (total ? ((part[index] ?? 0) / total) * 100 : null));
}
