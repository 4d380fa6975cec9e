/** AWS/Lambda errors and throttles of the agent and judge functions. */
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { COLORS, PERIODS } from './dashboard-metrics';

export interface NamedFunction {
  /** How the function is named on the dashboard, e.g. `Agent`. */
  readonly role: string;
  readonly fn: lambda.IFunction;
}

export function lambdaHealth(functions: readonly NamedFunction[], width: number): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({
    title: 'Lambda errors and throttles (5 minutes)',
    left: functions.flatMap(({ role, fn }) => [
      fn.metricErrors({ period: PERIODS.fiveMinutes, statistic: 'Sum', label: `${role} errors` }),
      fn.metricThrottles({ period: PERIODS.fiveMinutes, statistic: 'Sum', label: `${role} throttles`, color: COLORS.warning }),
    ]),
    leftYAxis: { min: 0, label: 'count', showUnits: false },
    width,
    height: 6,
  });
}

export function lambdaDuration(functions: readonly NamedFunction[], width: number): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({
    title: 'Lambda duration P95 and concurrency (5 minutes)',
    left: functions.map(({ role, fn }) => fn.metricDuration({ period: PERIODS.fiveMinutes, statistic: 'p95', label: `${role} duration P95` })),
    right: functions.map(({ role, fn }) =>
      fn.metric('ConcurrentExecutions', { period: PERIODS.fiveMinutes, statistic: 'Maximum', label: `${role} concurrency` }),
    ),
    leftYAxis: { min: 0, label: 'ms', showUnits: false },
    rightYAxis: { min: 0, label: 'concurrent', showUnits: false },
    width,
    height: 6,
  });
}
