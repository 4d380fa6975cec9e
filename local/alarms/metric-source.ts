import type { MetricStore } from '../metrics/metric-store';

/**
 * What the alarm evaluator reads its metrics from: a local MetricStore (the local stack, the
 * simulator), or any source answering the same per-period queries, such as the backtest's
 * history fetched from CloudWatch (local/backtest).
 */
export type AlarmMetricSource = Pick<MetricStore, 'querySeries' | 'retainRawValues'>;
