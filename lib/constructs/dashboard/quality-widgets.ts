/** Answer quality and the judge that measures it. */
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { JUDGE_METRICS } from '../../catalog/judge-metrics';
import { COLORS, PERIODS, serviceMetric, type MetricSource } from './dashboard-metrics';

const HEIGHT = 6;

/** The hourly mean judge score against the quality threshold, and the drift flag (0 or 1). */
export function qualityScore(source: MetricSource, threshold: number, width = 8): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({
    title: 'Quality score and drift',
    left: [serviceMetric(source, JUDGE_METRICS.qualityScore, 'Average', PERIODS.hour, { label: 'Mean judge score (hour)', color: COLORS.good })],
    right: [serviceMetric(source, JUDGE_METRICS.qualityDrift, 'Maximum', PERIODS.fifteenMinutes, { label: 'Drift (1 = drifting)', color: COLORS.errors })],
    leftAnnotations: [{ value: threshold, label: `Quality threshold ${threshold}`, color: COLORS.errors }],
    leftYAxis: { min: 0, max: 1, label: 'score', showUnits: false },
    rightYAxis: { min: 0, max: 1, label: 'drift', showUnits: false },
    width,
    height: HEIGHT,
  });
}

/** Samples waiting for the judge (left) and the age of the oldest one (right). */
export function judgeBacklog(source: MetricSource, width = 8): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({
    title: 'Judge backlog',
    left: [serviceMetric(source, JUDGE_METRICS.backlog, 'Maximum', PERIODS.fiveMinutes, { label: 'Samples pending', color: COLORS.requests })],
    right: [
      serviceMetric(source, JUDGE_METRICS.oldestPendingAgeSeconds, 'Maximum', PERIODS.fiveMinutes, {
        label: 'Oldest pending (s)',
        color: COLORS.warning,
      }),
    ],
    leftYAxis: { min: 0, label: 'samples', showUnits: false },
    rightYAxis: { min: 0, label: 'seconds', showUnits: false },
    width,
    height: HEIGHT,
  });
}

export function judgeThroughput(source: MetricSource, width = 8): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({
    title: 'Judge evaluations and failures (hour)',
    left: [
      serviceMetric(source, JUDGE_METRICS.evaluations, 'Sum', PERIODS.hour, { label: 'Scored', color: COLORS.good }),
      serviceMetric(source, JUDGE_METRICS.failures, 'Sum', PERIODS.hour, { label: 'Failed', color: COLORS.errors }),
    ],
    leftYAxis: { min: 0, label: 'samples', showUnits: false },
    width,
    height: HEIGHT,
  });
}
