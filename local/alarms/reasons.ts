/**
 * State reasons worded as CloudWatch words them, e.g. "Threshold Crossed: 3 out of the last 5
 * datapoints [7.5, 6.1, 9.0] were greater than the threshold (5.0) (minimum 3 datapoints for
 * OK -> ALARM transition)." Values are listed newest first.
 */
import type { AlarmState } from '../../functions/alert-router/alert';
import type { Comparison, MissingData } from '../../lib/catalog/alarms';
import type { EvaluatedDatapoint, MissingDataDecision } from './missing-data';

const COMPARISON_WORDS: Readonly<Record<Comparison, string>> = {
  GreaterThanThreshold: 'greater than',
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

/** What a reason needs to know about the alarm. */
export interface ReasonContext {
  readonly comparison: Comparison;
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: MissingData;
}

/** Whether `value` breaches `threshold` under `comparison`. */
export function breaches(comparison: Comparison, threshold: number): (value: number) => boolean {
  switch (comparison) {
    case 'GreaterThanThreshold':
      return (value) => value > threshold;
    case 'GreaterThanOrEqualToThreshold':
      return (value) => value >= threshold;
    case 'LessThanThreshold':
      return (value) => value < threshold;
    case 'LessThanOrEqualToThreshold':
      return (value) => value <= threshold;
  }
}

/** `5` → `5.0`, `0.072` → `0.072`, `7.142857142857143` → `7.14286`. */
export function formatReasonNumber(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(Number(value.toPrecision(6)));
}

/** The reason of a metric alarm's new state. */
export function metricAlarmReason(decision: MissingDataDecision, alarm: ReasonContext): string {
  if (decision.state === 'INSUFFICIENT_DATA') return insufficientDataReason(decision);
  const real = decision.evaluated.filter((d) => d.value !== undefined);
  if (real.length === 0) {
    const periods = decision.evaluated.length;
    return `Threshold Crossed: no datapoints were received for ${plural(periods, 'period')} and ${plural(periods, 'missing datapoint')} ${periods === 1 ? 'was' : 'were'} treated as [${fillWord(alarm.treatMissingData)}].`;
  }
  const alarming = decision.state === 'ALARM';
  const matching = decision.evaluated.filter((d) => d.breaching === alarming);
  const listed = matching.filter((d) => d.value !== undefined).map((d) => formatReasonNumber(d.value!));
  const verb = matching.length === 1 ? 'was' : 'were';
  const relation = `${alarming ? '' : 'not '}${COMPARISON_WORDS[alarm.comparison]}`;
  const minimum = alarming ? alarm.datapointsToAlarm : alarm.evaluationPeriods - alarm.datapointsToAlarm + 1;
  const transition = alarming ? 'OK -> ALARM' : 'ALARM -> OK';
  return (
    `Threshold Crossed: ${matching.length} out of the last ${plural(decision.evaluated.length, 'datapoint')}${listed.length > 0 ? ` [${listed.join(', ')}]` : ''} ${verb} ` +
    `${relation} the threshold (${formatReasonNumber(alarm.threshold)})${fillNote(decision.evaluated, alarm.treatMissingData)}${prematureNote(decision)} ` +
    `(minimum ${plural(minimum, 'datapoint')} for ${transition} transition).`
  );
}

/** `Insufficient Data: 5 datapoints were unknown.` */
export function insufficientDataReason(decision: MissingDataDecision): string {
  const known = decision.evaluated.map((d) => formatReasonNumber(d.value!));
  const unknown = `Insufficient Data: ${plural(decision.missing, 'datapoint')} ${decision.missing === 1 ? 'was' : 'were'} unknown`;
  return known.length === 0 ? `${unknown}.` : `${unknown}; the known [${known.join(', ')}] are too recent to alarm on.`;
}

/**
 * A composite alarm's reason, as CloudWatch writes it: the children that decided its state
 * and when they reached theirs, e.g. `agent-error-rate-critical transitioned to ALARM at
 * Wednesday 01 May, 2024 10:05:00 UTC`.
 */
export function compositeAlarmReason(children: readonly { readonly name: string; readonly state: AlarmState; readonly since: number }[]): string {
  if (children.length === 0) return 'No alarm of the rule is in ALARM.';
  return children.map((child) => `${child.name} transitioned to ${child.state} at ${cloudWatchDate(child.since)}`).join('; ');
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `Wednesday 01 May, 2024 10:05:00 UTC`, CloudWatch's date in composite reasons. */
export function cloudWatchDate(time: number): string {
  const date = new Date(time);
  const two = (value: number) => String(value).padStart(2, '0');
  const clock = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
  return `${DAYS[date.getUTCDay()]} ${two(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]}, ${date.getUTCFullYear()} ${clock} UTC`;
}

function fillNote(evaluated: readonly EvaluatedDatapoint[], treatment: MissingData): string {
  const filled = evaluated.filter((d) => d.value === undefined).length;
  return filled === 0 ? '' : ` (${plural(filled, 'missing datapoint')} treated as [${fillWord(treatment)}])`;
}

function prematureNote(decision: MissingDataDecision): string {
  return decision.rule === 'premature-alarm' ? ' and every more recent datapoint is missing' : '';
}

function fillWord(treatment: MissingData): string {
  return treatment === 'breaching' ? 'Breaching' : 'NonBreaching';
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
