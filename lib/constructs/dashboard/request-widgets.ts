/** Traffic graphs: requests and errors, latency against the tier's targets, tools, error categories. */
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { LATENCY_TIERS, type LatencyTier } from '../../catalog/latency-tiers';
import { DIMENSIONS, METRICS } from '../../catalog/metrics';
import { COLORS, PERIODS, searchByDimension, serviceMetric, type MetricSource } from './dashboard-metrics';

const HEIGHT = 6;

export function requestsOverTime(source: MetricSource, width = 12): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({
    title: 'Requests and errors per minute',
    left: [
      serviceMetric(source, METRICS.requests, 'Sum', PERIODS.minute, { label: 'Requests', color: COLORS.requests }),
      new cloudwatch.MathExpression({
        expression: 'FILL(errors, 0)',
        usingMetrics: { errors: serviceMetric(source, METRICS.errors, 'Sum', PERIODS.minute) },
        label: 'Failed requests',
        period: PERIODS.minute,
        color: COLORS.errors,
      }),
    ],
    leftYAxis: { min: 0, label: 'requests', showUnits: false },
    width,
    height: HEIGHT,
  });
}

/** P50/P95/P99 over 5 minutes, each with its target from the latency budget table as a line. */
export function latencyPercentiles(source: MetricSource, tier: LatencyTier, width = 12): cloudwatch.GraphWidget {
  const targets = LATENCY_TIERS[tier];
  const percentiles = [
    { stat: 'p50', target: targets.p50, color: COLORS.good },
    { stat: 'p95', target: targets.p95, color: COLORS.warning },
    { stat: 'p99', target: targets.p99, color: COLORS.errors },
  ] as const;
  return new cloudwatch.GraphWidget({
    title: `Latency (tier ${tier})`,
    left: percentiles.map(({ stat, color }) =>
      serviceMetric(source, METRICS.duration, stat, PERIODS.fiveMinutes, { label: stat.toUpperCase(), color }),
    ),
    leftAnnotations: percentiles.map(({ stat, target, color }) => ({
      value: target,
      label: `${stat.toUpperCase()} target ${target} s`,
      color,
    })),
    leftYAxis: { min: 0, label: 'seconds', showUnits: false },
    width,
    height: HEIGHT,
  });
}

/** Calls (left) and failed calls (right) per tool, for every tool the agent has used. */
export function toolUsage(source: MetricSource, width = 12): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({
    title: 'Tool calls and errors by tool (5 minutes)',
    left: [searchByDimension(source, METRICS.toolCalls, DIMENSIONS.tool, 'Sum', PERIODS.fiveMinutes, 'calls ')],
    right: [searchByDimension(source, METRICS.toolErrors, DIMENSIONS.tool, 'Sum', PERIODS.fiveMinutes, 'errors ')],
    leftYAxis: { min: 0, label: 'calls', showUnits: false },
    rightYAxis: { min: 0, label: 'errors', showUnits: false },
    width,
    height: HEIGHT,
  });
}

export function errorsByCategory(source: MetricSource, width = 12): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({
    title: 'Errors by category (5 minutes)',
    left: [searchByDimension(source, METRICS.errors, DIMENSIONS.errorCategory, 'Sum', PERIODS.fiveMinutes)],
    leftYAxis: { min: 0, label: 'errors', showUnits: false },
    stacked: true,
    width,
    height: HEIGHT,
  });
}
