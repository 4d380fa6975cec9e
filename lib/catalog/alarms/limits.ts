/**
 * CloudWatch's limits on alarms (PutMetricAlarm, PutCompositeAlarm), by name, and the checks
 * the catalog runs on every definition it builds.
 */
import type { AlarmDefinition, CompositeAlarmDefinition, MetricAlarmDefinition } from './types';

export const SECONDS = { minute: 60, hour: 3600, day: 86400 } as const;

/** Periods under a minute CloudWatch accepts (high resolution); longer ones are multiples of 60. */
export const HIGH_RESOLUTION_PERIODS: readonly number[] = [10, 20, 30];
export const MAX_ALARM_NAME_LENGTH = 255;
export const MAX_ALARM_DESCRIPTION_LENGTH = 1024;
export const MAX_METRICS_PER_MATH_ALARM = 10;
/** Period × EvaluationPeriods for periods under one hour. */
export const MAX_SHORT_PERIOD_RANGE_SECONDS = SECONDS.day;
/** Period × EvaluationPeriods for periods of one hour or more. */
export const MAX_LONG_PERIOD_RANGE_SECONDS = 7 * SECONDS.day;
/**
 * This catalog's own, stricter rule: no alarm looks back more than one day, whatever its
 * period, so every alarm also fits the one-day range that applies to short periods.
 */
export const CATALOG_MAX_RANGE_SECONDS = SECONDS.day;
const METRIC_ID_PATTERN = /^[a-z][A-Za-z0-9_]*$/;

export function isLegalPeriod(seconds: number): boolean {
  return HIGH_RESOLUTION_PERIODS.includes(seconds) || (Number.isInteger(seconds) && seconds > 0 && seconds % 60 === 0);
}

/** Everything CloudWatch (or this catalog's stricter rule) would reject in one definition. */
export function definitionProblems(definition: AlarmDefinition): string[] {
  const problems: string[] = [];
  if (definition.name.length > MAX_ALARM_NAME_LENGTH) problems.push(`name is longer than ${MAX_ALARM_NAME_LENGTH} characters`);
  if (definition.description.length > MAX_ALARM_DESCRIPTION_LENGTH) {
    problems.push(`description is longer than ${MAX_ALARM_DESCRIPTION_LENGTH} characters`);
  }
  problems.push(...(definition.kind === 'metric' ? metricAlarmProblems(definition) : compositeAlarmProblems(definition)));
  return problems.map((problem) => `alarm ${definition.id}: ${problem}`);
}

function metricAlarmProblems(d: MetricAlarmDefinition): string[] {
  const problems: string[] = [];
  const range = d.periodSeconds * d.evaluationPeriods;
  const cloudWatchMax = d.periodSeconds < SECONDS.hour ? MAX_SHORT_PERIOD_RANGE_SECONDS : MAX_LONG_PERIOD_RANGE_SECONDS;
  const maxRange = Math.min(cloudWatchMax, CATALOG_MAX_RANGE_SECONDS);
  if (!isLegalPeriod(d.periodSeconds)) problems.push(`period ${d.periodSeconds} s is not 10, 20, 30 or a multiple of 60`);
  if (range > maxRange) problems.push(`period × evaluation periods is ${range} s, over ${maxRange} s`);
  if (!Number.isInteger(d.evaluationPeriods) || d.evaluationPeriods < 1) problems.push('evaluation periods must be a whole number of at least 1');
  if (!Number.isInteger(d.datapointsToAlarm) || d.datapointsToAlarm < 1 || d.datapointsToAlarm > d.evaluationPeriods) {
    problems.push('datapoints to alarm must be between 1 and the evaluation periods');
  }
  if (!Number.isFinite(d.threshold)) problems.push('threshold must be a finite number');
  if ((d.metric === undefined) === (d.math === undefined)) problems.push('exactly one of metric and math must be set');
  if (d.math) {
    const ids = Object.keys(d.math.metrics);
    if (ids.length === 0 || ids.length > MAX_METRICS_PER_MATH_ALARM) problems.push(`math must use 1-${MAX_METRICS_PER_MATH_ALARM} metrics`);
    for (const id of ids) if (!METRIC_ID_PATTERN.test(id)) problems.push(`math metric id ${id} must start with a lowercase letter`);
  }
  return problems;
}

function compositeAlarmProblems(d: CompositeAlarmDefinition): string[] {
  const problems: string[] = [];
  const suppressor = d.actionsSuppressor;
  if (suppressor) {
    for (const [field, seconds] of [['wait', suppressor.waitSeconds], ['extension', suppressor.extensionSeconds]] as const) {
      if (!Number.isInteger(seconds) || seconds < 1) {
        problems.push(`actions suppressor ${field} period must be a whole number of seconds, at least 1`);
      }
    }
    if (suppressor.alarm === d.id) problems.push('an alarm cannot suppress itself');
  }
  return problems;
}
