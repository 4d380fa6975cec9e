import { METRICS, type MetricSpec } from '../../lib/catalog/metrics';
import type { AlarmNotification, AlarmState, AlarmTransition } from '../alarms';
import type { MetricStore } from '../metrics';
import type { Severity } from '../../lib/catalog/alarms';

const MINUTE_MS = 60_000;

/** The run's totals, read back from the metric store the handlers wrote to. */
export interface SimulationSummary {
  readonly total_requests: number;
  /** Failed requests (every category) as a fraction of all requests. */
  readonly error_rate: number;
  /** Seconds. */
  readonly p50_latency: number;
  readonly p95_latency: number;
  readonly p99_latency: number;
  readonly total_tokens: number;
  /** USD. */
  readonly total_cost: number;
}

/** An alarm that went to ALARM at least once during the run. */
export interface SimulatedAlarm {
  /** The CloudWatch alarm name, e.g. `agent-provider-outage-critical`. */
  readonly name: string;
  /** The alarm's own severity. */
  readonly severity: Severity;
  /** The virtual minute (from the start of the run) of the evaluation that first put it in ALARM. */
  readonly firstAlarmMinute: number;
  /** Every state change, the initial INSUFFICIENT_DATA → OK included. */
  readonly transitions: readonly { readonly minute: number; readonly state: AlarmState }[];
}

/** One notification published to a severity topic (an ALARM, or the OK that resolves it). */
export interface SimulatedNotification {
  readonly minute: number;
  readonly alarm: string;
  /** The topic's severity: what Slack and PagerDuty show. */
  readonly severity: Severity;
}

/** What `agent-monitor simulate --json` prints. */
export interface SimulationResult {
  readonly scenario: string;
  readonly summary: SimulationSummary;
  readonly alarms: readonly SimulatedAlarm[];
  readonly notifications: readonly SimulatedNotification[];
}

/** Where the run's metrics are: the store, the series' namespace and service, and the minutes covered. */
export interface SummaryRange {
  readonly store: MetricStore;
  readonly namespace: string;
  readonly service: string;
  /** Epoch ms of the run's first minute. */
  readonly start: number;
  /** Epoch ms of the latest virtual time reached (the last request's end). */
  readonly latest: number;
}

/**
 * The summary as CloudWatch would give it for one period covering the whole run: Sum of the
 * request, error, token and cost metrics, and P50/P95/P99 of the request duration.
 */
export function summarize(range: SummaryRange): SimulationSummary {
  const end = (Math.floor(range.latest / MINUTE_MS) + 1) * MINUTE_MS;
  const period = { end, periodSeconds: (end - range.start) / 1000, count: 1 };
  const read = (metric: MetricSpec, statistic: string) => {
    const selector = { namespace: range.namespace, metric, dimensions: { service: range.service }, statistic };
    return range.store.query(selector, period)[0] ?? 0;
  };
  const requests = read(METRICS.requests, 'Sum');
  return {
    total_requests: requests,
    error_rate: requests > 0 ? round(read(METRICS.errors, 'Sum') / requests, 6) : 0,
    p50_latency: round(read(METRICS.duration, 'p50'), 3),
    p95_latency: round(read(METRICS.duration, 'p95'), 3),
    p99_latency: round(read(METRICS.duration, 'p99'), 3),
    total_tokens: read(METRICS.tokensTotal, 'Sum'),
    total_cost: round(read(METRICS.costUsd, 'Sum'), 6),
  };
}

/** The alarms that went to ALARM, in the order they first did, with their transitions. */
export function alarmsFrom(history: readonly AlarmTransition[], start: number): SimulatedAlarm[] {
  const byId = new Map<string, { name: string; severity: Severity; transitions: { minute: number; state: AlarmState }[] }>();
  for (const transition of history) {
    let alarm = byId.get(transition.alarmId);
    if (!alarm) byId.set(transition.alarmId, (alarm = { name: transition.name, severity: transition.severity, transitions: [] }));
    alarm.transitions.push({ minute: minuteOf(transition.time, start), state: transition.to });
  }
  const fired: SimulatedAlarm[] = [];
  for (const alarm of byId.values()) {
    const first = alarm.transitions.find((transition) => transition.state === 'ALARM');
    if (first) fired.push({ name: alarm.name, severity: alarm.severity, firstAlarmMinute: first.minute, transitions: alarm.transitions });
  }
  return fired.sort((a, b) => a.firstAlarmMinute - b.firstAlarmMinute);
}

/** Every notification sent, oldest first. */
export function notificationsFrom(notifications: readonly AlarmNotification[], start: number): SimulatedNotification[] {
  return notifications.map((notification) => ({ minute: minuteOf(notification.time, start), alarm: notification.name, severity: notification.severity }));
}

/** Minutes since the start of the run. */
export function minuteOf(time: number, start: number): number {
  return Math.round((time - start) / MINUTE_MS);
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
