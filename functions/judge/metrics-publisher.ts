import { PutMetricDataCommand, type CloudWatchClient, type MetricDatum, type StandardUnit } from '@aws-sdk/client-cloudwatch';
import { DIMENSIONS } from '../../lib/catalog/metrics';
import { JUDGE_METRICS } from '../../lib/catalog/judge-metrics';
import type { MetricSpec } from '../../lib/catalog/metrics';

/** Most metric data in one PutMetricData call (the CloudWatch limit). */
export const MAX_DATA_PER_CALL = 1000;

/** CloudWatch refuses data points older than two weeks; older scores are stored but not published. */
export const MAX_METRIC_AGE_MS = 14 * 86_400_000 - 3_600_000;

/** What one judge run publishes. */
export interface JudgeRunMetrics {
  /** Epoch ms: the timestamp of every metric but the scores. */
  readonly at: number;
  /** Each score, timestamped at its original response. */
  readonly scores: readonly { readonly value: number; readonly createdAt: number }[];
  readonly evaluations: number;
  readonly failures: number;
  /** Absent (with the oldest pending age) when the backlog could not be measured. */
  readonly backlog?: number;
  readonly oldestPendingAgeSeconds?: number;
  readonly costUsd: number;
  /** Absent when drift could not be checked. */
  readonly drift?: 0 | 1;
}

/**
 * The metric data of a run: one datum per score at its response time, then the run's
 * counts, all with the dimension `service`.
 */
export function judgeMetricData(metrics: JudgeRunMetrics, service: string): { data: MetricDatum[]; tooOld: number } {
  const dimensions = [{ Name: DIMENSIONS.service, Value: service }];
  const datum = (spec: MetricSpec, value: number, at: number): MetricDatum => ({
    MetricName: spec.name,
    Unit: spec.unit as StandardUnit,
    Value: value,
    Timestamp: new Date(at),
    Dimensions: dimensions,
  });
  const publishable = metrics.scores.filter((score) => metrics.at - score.createdAt <= MAX_METRIC_AGE_MS);
  const data = [
    ...publishable.map((score) => datum(JUDGE_METRICS.qualityScore, score.value, score.createdAt)),
    datum(JUDGE_METRICS.evaluations, metrics.evaluations, metrics.at),
    datum(JUDGE_METRICS.failures, metrics.failures, metrics.at),
    ...(metrics.backlog === undefined ? [] : [datum(JUDGE_METRICS.backlog, metrics.backlog, metrics.at)]),
    ...(metrics.oldestPendingAgeSeconds === undefined ? [] : [datum(JUDGE_METRICS.oldestPendingAgeSeconds, metrics.oldestPendingAgeSeconds, metrics.at)]),
    datum(JUDGE_METRICS.costUsd, metrics.costUsd, metrics.at),
    ...(metrics.drift === undefined ? [] : [datum(JUDGE_METRICS.qualityDrift, metrics.drift, metrics.at)]),
  ];
  return { data, tooOld: metrics.scores.length - publishable.length };
}

/**
 * Publishes a judge run's metrics with PutMetricData, in calls of at most 1000 data.
 *
 * @example
 * await new JudgeMetricsPublisher({ cloudwatch: new CloudWatchClient({}), namespace: 'AgentMonitoring', service: 'agent' }).publish(metrics);
 */
export class JudgeMetricsPublisher {
  constructor(private readonly options: { readonly cloudwatch: CloudWatchClient; readonly namespace: string; readonly service: string }) {}

  /** @returns the number of calls and data sent, and the scores too old to publish. */
  async publish(metrics: JudgeRunMetrics): Promise<{ calls: number; data: number; tooOld: number }> {
    const { data, tooOld } = judgeMetricData(metrics, this.options.service);
    let calls = 0;
    for (let start = 0; start < data.length; start += MAX_DATA_PER_CALL) {
      await this.options.cloudwatch.send(new PutMetricDataCommand({ Namespace: this.options.namespace, MetricData: data.slice(start, start + MAX_DATA_PER_CALL) }));
      calls++;
    }
    return { calls, data: data.length, tooOld };
  }
}
