/** Traffic panels: requests and errors, latency against the tier's targets, tools, error categories. */
import { LATENCY_TIERS, type LatencyTier } from '../latency-tiers';
import { DIMENSIONS, METRICS } from '../metrics';
import { DASHBOARD_COLORS as COLORS, PERIOD_SECONDS as PERIODS, expressionQuery, searchQuery, serviceQuery, serviceRef, type MetricSource } from './queries';
import type { TimeseriesPanel } from './types';

const WIDTH = 12;
const HEIGHT = 6;

export function requestsOverTime(source: MetricSource): TimeseriesPanel {
  return {
    id: 'requests-over-time',
    title: 'Requests and errors per minute',
    description: 'Requests the wrapper saw and the failed ones, per minute (a minute without failures counts 0).',
    view: 'timeseries',
    queries: [
      serviceQuery('requests', source, METRICS.requests, 'Sum', PERIODS.minute, { label: 'Requests', color: COLORS.requests }),
      expressionQuery('failed', 'FILL(errors, 0)', { errors: serviceRef(source, METRICS.errors, 'Sum') }, PERIODS.minute, {
        label: 'Failed requests',
        color: COLORS.errors,
      }),
    ],
    leftAxis: { min: 0, label: 'requests' },
    unit: 'count',
    width: WIDTH,
    height: HEIGHT,
  };
}

/** P50/P95/P99 over 5 minutes, each with its target from the latency budget table as a line. */
export function latencyPercentiles(source: MetricSource, tier: LatencyTier): TimeseriesPanel {
  const targets = LATENCY_TIERS[tier];
  const percentiles = [
    { stat: 'p50', target: targets.p50, color: COLORS.good },
    { stat: 'p95', target: targets.p95, color: COLORS.warning },
    { stat: 'p99', target: targets.p99, color: COLORS.errors },
  ] as const;
  return {
    id: 'latency',
    title: `Latency (tier ${tier})`,
    description: `Request duration percentiles over 5 minutes against the ${tier} targets of the latency budget table.`,
    view: 'timeseries',
    queries: percentiles.map(({ stat, color }) => serviceQuery(stat, source, METRICS.duration, stat, PERIODS.fiveMinutes, { label: stat.toUpperCase(), color })),
    thresholds: percentiles.map(({ stat, target, color }) => ({ value: target, label: `${stat.toUpperCase()} target ${target} s`, color })),
    leftAxis: { min: 0, label: 'seconds' },
    unit: 'seconds',
    width: WIDTH,
    height: HEIGHT,
  };
}

/** Calls (left) and failed calls (right) per tool, for every tool the agent has used. */
export function toolUsage(source: MetricSource): TimeseriesPanel {
  return {
    id: 'tool-usage',
    title: 'Tool calls and errors by tool (5 minutes)',
    description: 'Tool calls (left axis) and failed tool calls (right axis) per tool, every 5 minutes.',
    view: 'timeseries',
    queries: [
      searchQuery('calls', source, METRICS.toolCalls, DIMENSIONS.tool, 'Sum', PERIODS.fiveMinutes, { labelPrefix: 'calls ' }),
      searchQuery('tool_errors', source, METRICS.toolErrors, DIMENSIONS.tool, 'Sum', PERIODS.fiveMinutes, { labelPrefix: 'errors ', axis: 'right' }),
    ],
    leftAxis: { min: 0, label: 'calls' },
    rightAxis: { min: 0, label: 'errors' },
    unit: 'count',
    width: WIDTH,
    height: HEIGHT,
  };
}

export function errorsByCategory(source: MetricSource): TimeseriesPanel {
  return {
    id: 'errors-by-category',
    title: 'Errors by category (5 minutes)',
    description: 'Failed requests per error category, every 5 minutes, stacked.',
    view: 'timeseries',
    queries: [searchQuery('categories', source, METRICS.errors, DIMENSIONS.errorCategory, 'Sum', PERIODS.fiveMinutes)],
    leftAxis: { min: 0, label: 'errors' },
    unit: 'count',
    stacked: true,
    width: WIDTH,
    height: HEIGHT,
  };
}
