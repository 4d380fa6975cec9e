/** Answer quality and the judge that measures it. */
import { JUDGE_METRICS } from '../judge-metrics';
import { DASHBOARD_COLORS as COLORS, PERIOD_SECONDS as PERIODS, serviceQuery, type MetricSource } from './queries';
import type { TimeseriesPanel } from './types';

const WIDTH = 8;
const HEIGHT = 6;

export function qualityPanels(source: MetricSource, qualityThreshold: number): TimeseriesPanel[] {
  return [qualityScore(source, qualityThreshold), judgeBacklog(source), judgeThroughput(source)];
}

/** The hourly mean judge score against the quality threshold, and the drift flag (0 or 1). */
function qualityScore(source: MetricSource, threshold: number): TimeseriesPanel {
  return {
    id: 'quality',
    title: 'Quality score and drift',
    description: `The hourly mean judge score against the quality threshold ${threshold} (left) and the drift flag, 1 while drifting (right).`,
    view: 'timeseries',
    queries: [
      serviceQuery('score', source, JUDGE_METRICS.qualityScore, 'Average', PERIODS.hour, { label: 'Mean judge score (hour)', color: COLORS.good }),
      serviceQuery('drift', source, JUDGE_METRICS.qualityDrift, 'Maximum', PERIODS.fifteenMinutes, {
        label: 'Drift (1 = drifting)',
        color: COLORS.errors,
        axis: 'right',
      }),
    ],
    thresholds: [{ value: threshold, label: `Quality threshold ${threshold}`, color: COLORS.errors }],
    leftAxis: { min: 0, max: 1, label: 'score' },
    rightAxis: { min: 0, max: 1, label: 'drift' },
    unit: 'score',
    width: WIDTH,
    height: HEIGHT,
  };
}

/** Samples waiting for the judge (left) and the age of the oldest one (right). */
function judgeBacklog(source: MetricSource): TimeseriesPanel {
  return {
    id: 'judge-backlog',
    title: 'Judge backlog',
    description: 'Samples waiting for the judge (left) and the age in seconds of the oldest one (right).',
    view: 'timeseries',
    queries: [
      serviceQuery('backlog', source, JUDGE_METRICS.backlog, 'Maximum', PERIODS.fiveMinutes, { label: 'Samples pending', color: COLORS.requests }),
      serviceQuery('oldest', source, JUDGE_METRICS.oldestPendingAgeSeconds, 'Maximum', PERIODS.fiveMinutes, {
        label: 'Oldest pending (s)',
        color: COLORS.warning,
        axis: 'right',
      }),
    ],
    leftAxis: { min: 0, label: 'samples' },
    rightAxis: { min: 0, label: 'seconds' },
    unit: 'count',
    width: WIDTH,
    height: HEIGHT,
  };
}

function judgeThroughput(source: MetricSource): TimeseriesPanel {
  return {
    id: 'judge-throughput',
    title: 'Judge evaluations and failures (hour)',
    description: 'Samples the judge scored and the attempts that failed, per hour.',
    view: 'timeseries',
    queries: [
      serviceQuery('scored', source, JUDGE_METRICS.evaluations, 'Sum', PERIODS.hour, { label: 'Scored', color: COLORS.good }),
      serviceQuery('failed', source, JUDGE_METRICS.failures, 'Sum', PERIODS.hour, { label: 'Failed', color: COLORS.errors }),
    ],
    leftAxis: { min: 0, label: 'samples' },
    unit: 'count',
    width: WIDTH,
    height: HEIGHT,
  };
}
