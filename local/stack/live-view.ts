import { JUDGE_METRICS } from '../../lib/catalog/judge-metrics';
import { METRICS, type MetricSpec } from '../../lib/catalog/metrics';
import { MINUTE_MS, type MetricStore } from '../metrics';

/** What the terminal view shows: the last few minutes of traffic, and the alarms in ALARM. */
export interface LiveSnapshot {
  readonly windowMinutes: number;
  readonly requests: number;
  readonly errorRate: number;
  readonly p50: number | undefined;
  readonly p95: number | undefined;
  readonly p99: number | undefined;
  readonly tokens: number;
  readonly costUsd: number;
  readonly quality: number | undefined;
  readonly alarms: readonly { readonly name: string; readonly severity: string }[];
}

/** Reads the snapshot from the local metric store: one period covering the last `windowMinutes` whole minutes. */
export function readSnapshot(
  store: MetricStore,
  scope: { namespace: string; serviceName: string },
  now: number,
  windowMinutes: number,
  alarms: LiveSnapshot['alarms'],
): LiveSnapshot {
  const end = Math.floor(now / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  const read = (metric: MetricSpec, statistic: string): number | undefined =>
    store.query(
      { namespace: scope.namespace, metricName: metric.name, dimensions: { service: scope.serviceName }, statistic },
      { end, periodSeconds: windowMinutes * 60, count: 1 },
    )[0];
  const requests = read(METRICS.requests, 'Sum') ?? 0;
  const errors = read(METRICS.errors, 'Sum') ?? 0;
  return {
    windowMinutes,
    requests,
    errorRate: requests > 0 ? errors / requests : 0,
    p50: read(METRICS.duration, 'p50'),
    p95: read(METRICS.duration, 'p95'),
    p99: read(METRICS.duration, 'p99'),
    tokens: read(METRICS.tokensTotal, 'Sum') ?? 0,
    costUsd: read(METRICS.costUsd, 'Sum') ?? 0,
    quality: read(JUDGE_METRICS.qualityScore, 'Average'),
    alarms,
  };
}

const seconds = (value: number | undefined): string => (value === undefined ? '   -  ' : `${value.toFixed(2)} s`);

/** The view as text lines; the caller clears the screen on a terminal, or prints them as a log line elsewhere. */
export function renderSnapshot(snapshot: LiveSnapshot, header: string): string[] {
  const lines = [
    header,
    `last ${snapshot.windowMinutes} min | requests ${snapshot.requests} | error rate ${(snapshot.errorRate * 100).toFixed(1)} %`,
    `latency p50 ${seconds(snapshot.p50)}  p95 ${seconds(snapshot.p95)}  p99 ${seconds(snapshot.p99)}`,
    `tokens ${snapshot.tokens} | cost ${snapshot.costUsd.toFixed(6)} USD | quality ${snapshot.quality === undefined ? '-' : snapshot.quality.toFixed(3)}`,
  ];
  if (snapshot.alarms.length === 0) lines.push('alarms: none in ALARM');
  else lines.push(`alarms in ALARM (${snapshot.alarms.length}):`, ...snapshot.alarms.map((alarm) => `  [${alarm.severity}] ${alarm.name}`));
  return lines;
}
