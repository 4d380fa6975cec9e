import { isAlarmState, type AlarmState } from './alert';
import { declaredSeverity, runbookUrl } from './annotations';
import { ALERT_LIMITS, boundedJson } from './bounded';
import type { ParsedAlert } from './parsed-alert';

/** The fields of a CloudWatch alarm notification the router reads (metric and composite alarms). */
export interface AlarmNotification {
  readonly AlarmName: string;
  readonly NewStateValue: string;
  readonly AlarmDescription?: string | null;
  readonly NewStateReason?: string;
  readonly OldStateValue?: string;
  readonly StateChangeTime?: string;
  readonly AlarmArn?: string;
  readonly AWSAccountId?: string;
  readonly Region?: string;
  readonly Trigger?: Record<string, unknown>;
  /** Composite alarms only. */
  readonly AlarmRule?: string;
  readonly TriggeringChildren?: readonly { Arn?: string; State?: { Value?: string; Timestamp?: string } }[];
}

/**
 * A message that names an alarm and its new state. The rest of AlarmNotification is read only
 * where it has the type CloudWatch gives it: a hand-written or damaged message never breaks
 * the router.
 */
export type ReceivedAlarm = Readonly<Record<string, unknown>> & Pick<AlarmNotification, 'AlarmName' | 'NewStateValue'>;

export function isAlarmNotification(value: Record<string, unknown>): value is ReceivedAlarm {
  return typeof value.AlarmName === 'string' && typeof value.NewStateValue === 'string';
}

/** A CloudWatch alarm state change (metric or composite alarm) as an alert. */
export function parseAlarm(alarm: ReceivedAlarm, fallbackTime: string): ParsedAlert {
  const description = text(alarm.AlarmDescription);
  const reason = text(alarm.NewStateReason);
  const state: AlarmState | undefined = isAlarmState(alarm.NewStateValue) ? alarm.NewStateValue : undefined;
  return {
    title: `${alarm.NewStateValue}: ${alarm.AlarmName}`,
    text: description || reason || alarm.AlarmName,
    declaredSeverity: declaredSeverity(description),
    state,
    reason,
    runbookUrl: runbookUrl(description),
    source: text(alarm.AlarmArn) ?? `cloudwatch alarm ${alarm.AlarmName}`,
    time: isoTime(alarm.StateChangeTime) ?? fallbackTime,
    key: alarm.AlarmName,
    details: alarmDetails(alarm),
  };
}

function alarmDetails(alarm: ReceivedAlarm): Record<string, unknown> {
  const details: Record<string, unknown> = {
    alarmName: alarm.AlarmName,
    oldState: text(alarm.OldStateValue),
    newState: alarm.NewStateValue,
    account: text(alarm.AWSAccountId),
    region: text(alarm.Region),
  };
  if (isRecord(alarm.Trigger)) details.trigger = triggerSummary(alarm.Trigger);
  if (text(alarm.AlarmRule)) details.alarmRule = alarm.AlarmRule;
  const children = triggeringChildren(alarm.TriggeringChildren);
  if (children.length > 0) details.triggeringChildren = children;
  return Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined && value !== null));
}

/** `name: STATE` per child; a value that is not the list CloudWatch writes is shown as it came. */
function triggeringChildren(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  if (!Array.isArray(value)) return [childSummary(value)];
  return value.slice(0, ALERT_LIMITS.detailsEntries).map(childSummary);
}

function childSummary(child: unknown): string {
  if (typeof child === 'string') return child;
  if (!isRecord(child)) return JSON.stringify(boundedJson(child)) ?? String(child);
  const state = isRecord(child.State) ? text(child.State.Value) : undefined;
  return `${alarmNameFromArn(text(child.Arn))}: ${state ?? 'unknown'}`;
}

function triggerSummary(trigger: Record<string, unknown>): Record<string, unknown> {
  const keys = ['Namespace', 'MetricName', 'Statistic', 'ExtendedStatistic', 'Period', 'EvaluationPeriods', 'DatapointsToAlarm', 'ComparisonOperator', 'Threshold', 'TreatMissingData', 'Metrics'];
  return Object.fromEntries(keys.filter((key) => trigger[key] !== undefined && trigger[key] !== null && trigger[key] !== '').map((key) => [key, trigger[key]]));
}

function alarmNameFromArn(arn: string | undefined): string {
  if (!arn) return 'unknown alarm';
  const marker = ':alarm:';
  const at = arn.indexOf(marker);
  return at === -1 ? arn : arn.slice(at + marker.length);
}

/** CloudWatch writes `2024-05-01T10:05:00.000+0000`; anything Date reads becomes ISO 8601. */
export function isoTime(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
