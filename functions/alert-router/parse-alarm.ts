import { isAlarmState, type AlarmState } from './alert';
import { declaredSeverity, runbookUrl } from './annotations';
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

export function isAlarmNotification(value: Record<string, unknown>): value is Record<string, unknown> & AlarmNotification {
  return typeof value.AlarmName === 'string' && typeof value.NewStateValue === 'string';
}

/** A CloudWatch alarm state change (metric or composite alarm) as an alert. */
export function parseAlarm(alarm: AlarmNotification, fallbackTime: string): ParsedAlert {
  const description = alarm.AlarmDescription ?? undefined;
  const state: AlarmState | undefined = isAlarmState(alarm.NewStateValue) ? alarm.NewStateValue : undefined;
  return {
    title: `${alarm.NewStateValue}: ${alarm.AlarmName}`,
    text: description || alarm.NewStateReason || alarm.AlarmName,
    declaredSeverity: declaredSeverity(description),
    state,
    reason: alarm.NewStateReason,
    runbookUrl: runbookUrl(description),
    source: alarm.AlarmArn ?? `cloudwatch alarm ${alarm.AlarmName}`,
    time: isoTime(alarm.StateChangeTime) ?? fallbackTime,
    key: alarm.AlarmName,
    details: alarmDetails(alarm),
  };
}

function alarmDetails(alarm: AlarmNotification): Record<string, unknown> {
  const details: Record<string, unknown> = {
    alarmName: alarm.AlarmName,
    oldState: alarm.OldStateValue,
    newState: alarm.NewStateValue,
    account: alarm.AWSAccountId,
    region: alarm.Region,
  };
  if (alarm.Trigger) details.trigger = triggerSummary(alarm.Trigger);
  if (alarm.AlarmRule) details.alarmRule = alarm.AlarmRule;
  if (alarm.TriggeringChildren?.length) {
    details.triggeringChildren = alarm.TriggeringChildren.map((child) => `${alarmNameFromArn(child.Arn)}: ${child.State?.Value ?? 'unknown'}`);
  }
  return Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined && value !== null));
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
