/** AWS/Lambda health of the agent and judge functions, the alarm status and the recent alerts. */
import { AWS_LAMBDA_FUNCTION_DIMENSION, AWS_LAMBDA_METRICS, AWS_LAMBDA_NAMESPACE } from '../alarms/lambda-metrics';
import type { MetricSpec } from '../metrics';
import { DASHBOARD_COLORS as COLORS, PERIOD_SECONDS as PERIODS, metricQuery } from './queries';
import type { AlarmStatusPanel, DashboardAlarm, MetricQuery, RecentAlertsPanel, Statistic, TimeseriesPanel } from './types';

const FULL_WIDTH = 24;

/** A Lambda function as the dashboard names it. */
export interface NamedFunction {
  /** How the function is named on the dashboard, e.g. `Agent`. */
  readonly role: string;
  /** The Lambda function name (the `FunctionName` dimension). */
  readonly functionName: string;
}

function lambdaQuery(fn: NamedFunction, metric: MetricSpec, statistic: Statistic, what: string, presentation: Pick<MetricQuery, 'color' | 'axis'> = {}): MetricQuery {
  const ref = { namespace: AWS_LAMBDA_NAMESPACE, metric, statistic, dimensions: { [AWS_LAMBDA_FUNCTION_DIMENSION]: fn.functionName } };
  return metricQuery(`${fn.role.toLowerCase()}_${what.replaceAll(' ', '_').toLowerCase()}`, ref, PERIODS.fiveMinutes, { label: `${fn.role} ${what}`, ...presentation });
}

export function lambdaPanels(functions: readonly NamedFunction[]): TimeseriesPanel[] {
  return [lambdaHealth(functions), lambdaDuration(functions)];
}

function lambdaHealth(functions: readonly NamedFunction[]): TimeseriesPanel {
  return {
    id: 'lambda-health',
    title: 'Lambda errors and throttles (5 minutes)',
    description: 'Function errors (crashes, timeouts, failed starts: what the wrapper cannot see) and throttled requests, from AWS/Lambda.',
    view: 'timeseries',
    queries: functions.flatMap((fn) => [
      lambdaQuery(fn, AWS_LAMBDA_METRICS.errors, 'Sum', 'errors'),
      lambdaQuery(fn, AWS_LAMBDA_METRICS.throttles, 'Sum', 'throttles', { color: COLORS.warning }),
    ]),
    leftAxis: { min: 0, label: 'count' },
    unit: 'count',
    width: 12,
    height: 6,
  };
}

function lambdaDuration(functions: readonly NamedFunction[]): TimeseriesPanel {
  return {
    id: 'lambda-duration',
    title: 'Lambda duration P95 and concurrency (5 minutes)',
    description: 'P95 function duration in milliseconds (left) and the most concurrent executions (right), from AWS/Lambda.',
    view: 'timeseries',
    queries: [
      ...functions.map((fn) => lambdaQuery(fn, AWS_LAMBDA_METRICS.duration, 'p95', 'duration P95')),
      ...functions.map((fn) => lambdaQuery(fn, AWS_LAMBDA_METRICS.concurrentExecutions, 'Maximum', 'concurrency', { axis: 'right' })),
    ],
    leftAxis: { min: 0, label: 'ms' },
    rightAxis: { min: 0, label: 'concurrent' },
    unit: 'milliseconds',
    width: 12,
    height: 6,
  };
}

/** The panel grows with the alarm count, so that a full catalog shows without scrolling. */
export function alarmStatus(alarms: readonly DashboardAlarm[]): AlarmStatusPanel {
  return {
    id: 'alarm-status',
    title: 'Alarm status',
    description: 'The current state of every alarm that notifies, most recently changed first.',
    view: 'alarm-status',
    alarms,
    width: FULL_WIDTH,
    height: Math.max(3, Math.ceil(alarms.length / 4) + 1),
  };
}

export function recentAlerts(serviceName: string, alarms: readonly DashboardAlarm[]): RecentAlertsPanel {
  return {
    id: 'recent-alerts',
    title: 'Recent alerts',
    description: 'The latest alarm notifications: which alarm changed state, when, and which severity topic it notified.',
    view: 'recent-alerts',
    alarmNamePrefix: `${serviceName}-`,
    alarms,
    historyCommand: 'aws cloudwatch describe-alarm-history --alarm-types MetricAlarm CompositeAlarm --history-item-type Action --scan-by TimestampDescending --max-items 20',
    width: FULL_WIDTH,
    height: 3,
  };
}
