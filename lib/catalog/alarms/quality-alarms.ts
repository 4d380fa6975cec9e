/**
 * Alarms on answer quality and on the judge that measures it. Their periods follow the judge's
 * schedule (`judgeIntervalMinutes`, judge-windows.ts), so that each period holds a run.
 */
import { JUDGE_METRICS } from '../judge-metrics';
import { agentMetric, formatDuration, formatNumber, lambdaMetric, metricAlarm } from './define';
import { judgeWindows } from './judge-windows';
import { AWS_LAMBDA_METRICS } from './lambda-metrics';
import { ALARM_IDS } from './naming';
import type { ResolvedAlarmSettings } from './settings';
import type { MetricAlarmDefinition } from './types';

export function qualityAlarms(s: ResolvedAlarmSettings): MetricAlarmDefinition[] {
  return [qualityScore(s), qualityDrift(s), judgeFailures(s), judgeBacklogAge(s), judgeLambdaErrors(s), judgeLambdaThrottles(s)];
}

/**
 * With fewer than `qualityMinScores` scores in the window the expression yields 1 (never under
 * the threshold). Scores arrive up to one judge interval after their responses, so the window
 * is at least two intervals long: at least half of it is always scored.
 */
function qualityScore(s: ResolvedAlarmSettings): MetricAlarmDefinition {
  const threshold = formatNumber(s.qualityThreshold);
  const period = judgeWindows(s.judgeIntervalMinutes).qualityPeriodSeconds;
  return metricAlarm(
    s,
    {
      id: ALARM_IDS.qualityScore,
      title: `Quality score under ${threshold}`,
      severity: 'warning',
      runbookId: 'quality-score',
      meaning: `The mean judge score of the sampled responses of the last ${period === 3600 ? 'hour' : formatDuration(period)} fell under ${threshold} (judged on at least ${s.qualityMinScores} scores).`,
      action: 'Read the lowest-scored samples and their judge explanations; look for a model, prompt or tool change in the same hour.',
      notify: 'warning',
    },
    {
      math: {
        expression: `IF(scores >= ${s.qualityMinScores}, score, 1)`,
        label: 'Mean quality score',
        metrics: {
          score: agentMetric(s, JUDGE_METRICS.qualityScore, 'Average'),
          scores: agentMetric(s, JUDGE_METRICS.qualityScore, 'SampleCount'),
        },
      },
      periodSeconds: period,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: s.qualityThreshold,
      comparison: 'LessThanThreshold',
      treatMissingData: 'notBreaching',
    },
  );
}

/** The drift of the last run: written once per run, so the period holds one at least. */
function qualityDrift(s: ResolvedAlarmSettings): MetricAlarmDefinition {
  const period = judgeWindows(s.judgeIntervalMinutes).driftPeriodSeconds;
  return metricAlarm(
    s,
    {
      id: ALARM_IDS.qualityDrift,
      title: 'Quality drift from the baseline',
      severity: 'warning',
      runbookId: 'quality-drift',
      meaning: `The judge reported drift (${JUDGE_METRICS.qualityDrift.name} = 1) in the last ${formatDuration(period)} (the judge runs every ${formatDuration(s.judgeIntervalMinutes * 60)}): recent scores are significantly below the baseline or under the absolute floor.`,
      action: 'Read the drift message (window mean, baseline, p-value, lowest samples) and find the change that caused it; roll back or re-baseline deliberately.',
      notify: 'warning',
    },
    {
      metric: agentMetric(s, JUDGE_METRICS.qualityDrift, 'Maximum'),
      periodSeconds: period,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: 1,
      comparison: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
    },
  );
}

function judgeFailures(s: ResolvedAlarmSettings): MetricAlarmDefinition {
  return metricAlarm(
    s,
    {
      id: ALARM_IDS.judgeFailures,
      title: 'Judge failing to score samples',
      severity: 'warning',
      runbookId: 'judge-failures',
      meaning: `The judge failed to score samples at least ${s.judgeFailuresPerHour} times in the last hour (provider errors, invalid judge replies, corrupt samples).`,
      action: 'Read the judge logs for the failure reasons; quality alarms are blind while the judge fails.',
      notify: 'warning',
    },
    {
      metric: agentMetric(s, JUDGE_METRICS.failures, 'Sum'),
      periodSeconds: judgeWindows(s.judgeIntervalMinutes).failuresPeriodSeconds,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: s.judgeFailuresPerHour,
      comparison: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
    },
  );
}

/** Measured once per run: two periods of at least one interval each are two runs in a row. */
function judgeBacklogAge(s: ResolvedAlarmSettings): MetricAlarmDefinition {
  const maxAge = formatDuration(s.judgeBacklogMaxAgeSeconds);
  const period = judgeWindows(s.judgeIntervalMinutes).backlogPeriodSeconds;
  return metricAlarm(
    s,
    {
      id: ALARM_IDS.judgeBacklogAge,
      title: `Judge backlog older than ${maxAge}`,
      severity: 'warning',
      runbookId: 'judge-backlog-age',
      meaning: `The oldest sample waiting for the judge has waited more than ${maxAge}, in 2 consecutive periods of ${formatDuration(period)} (each holding a run of the judge, which runs every ${formatDuration(s.judgeIntervalMinutes * 60)}): the judge is not keeping up or not running.`,
      action: 'Check the judge schedule, its errors and throttles, and its per-run sample and spend caps.',
      notify: 'warning',
    },
    {
      metric: agentMetric(s, JUDGE_METRICS.oldestPendingAgeSeconds, 'Maximum'),
      periodSeconds: period,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      threshold: s.judgeBacklogMaxAgeSeconds,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    },
  );
}

/** One invocation per run: 2 of 3 periods of at least one interval each are 2 of the last 3 runs. */
function judgeLambdaErrors(s: ResolvedAlarmSettings): MetricAlarmDefinition {
  const period = judgeWindows(s.judgeIntervalMinutes).lambdaPeriodSeconds;
  return metricAlarm(
    s,
    {
      id: ALARM_IDS.judgeLambdaErrors,
      title: 'Judge Lambda errors',
      severity: 'warning',
      runbookId: 'judge-lambda-errors',
      meaning: `The judge function ended with an error in 2 of the last 3 periods of ${formatDuration(period)} (AWS/Lambda Errors; each period holds a run of the judge, which runs every ${formatDuration(s.judgeIntervalMinutes * 60)}): whole judge runs are failing.`,
      action: "Read the judge function's log group for the error and its stack; check its permissions, timeout and configuration.",
      notify: 'warning',
    },
    {
      metric: lambdaMetric(AWS_LAMBDA_METRICS.errors, 'Sum', s.judgeFunctionName),
      periodSeconds: period,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      threshold: 1,
      comparison: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
    },
  );
}

function judgeLambdaThrottles(s: ResolvedAlarmSettings): MetricAlarmDefinition {
  const period = judgeWindows(s.judgeIntervalMinutes).lambdaPeriodSeconds;
  return metricAlarm(
    s,
    {
      id: ALARM_IDS.judgeLambdaThrottles,
      title: 'Judge Lambda throttled',
      severity: 'warning',
      runbookId: 'judge-lambda-throttles',
      meaning: `Invocations of the judge function were throttled in 2 of the last 3 periods of ${formatDuration(period)} (AWS/Lambda Throttles; each period holds a run of the judge, which runs every ${formatDuration(s.judgeIntervalMinutes * 60)}): no concurrency was left for it.`,
      action: 'Check the account concurrency and the reserved concurrency of the judge and the agent; the agent may be throttled too.',
      notify: 'warning',
    },
    {
      metric: lambdaMetric(AWS_LAMBDA_METRICS.throttles, 'Sum', s.judgeFunctionName),
      periodSeconds: period,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      threshold: 1,
      comparison: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
    },
  );
}
