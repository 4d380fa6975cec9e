/**
 * Notifications of the local evaluator, built on the deployed path: the SNS message CloudWatch
 * publishes for a state change, parsed by the alert router's `parseNotification` into an
 * `Alert`, rendered by its `slackPayload`. A local alert therefore looks exactly like one the
 * deployed router posts.
 */
import type { AlarmState, Severity } from '../../functions/alert-router/alert';
import { parseNotification } from '../../functions/alert-router/parse-message';
import { slackPayload } from '../../functions/alert-router/slack-payload';
import type { AlarmDefinition } from '../../lib/catalog/alarms';
import type { CompiledMetricAlarm } from './compiled-alarm';
import type { AlarmNotification, CloudWatchAlarmMessage, SuppressedBy } from './types';

/** The account written into local ARNs. */
export const LOCAL_ACCOUNT = '000000000000';
/** The region written into local ARNs and alarm messages. */
export const LOCAL_REGION = 'local';

/** `arn:aws:cloudwatch:local:000000000000:alarm:<name>`. */
export function localAlarmArn(name: string): string {
  return `arn:aws:cloudwatch:${LOCAL_REGION}:${LOCAL_ACCOUNT}:alarm:${name}`;
}

/** The topic of a severity, named as the stack names its topics' severity suffix. */
export function localTopicArn(severity: Severity): string {
  return `arn:aws:sns:${LOCAL_REGION}:${LOCAL_ACCOUNT}:agent-alerts-${severity}`;
}

/** A state change to notify. */
export interface StateChange {
  readonly from: AlarmState;
  readonly to: AlarmState;
  readonly time: number;
  readonly reason: string;
  /** Composite alarms: the rule as CloudWatch renders it, and the children in ALARM. */
  readonly alarmRule?: string;
  readonly triggeringChildren?: readonly { readonly name: string; readonly state: AlarmState; readonly since: number }[];
  readonly delayedBy?: SuppressedBy;
}

/**
 * The notification of a state change of an alarm that notifies (`definition.notify` set).
 *
 * @example
 * const n = buildNotification(definition, compiled, { from: 'OK', to: 'ALARM', time, reason });
 * await fetch(webhookUrl, { method: 'POST', body: JSON.stringify(n.slack) });
 */
export function buildNotification(definition: AlarmDefinition, compiled: CompiledMetricAlarm | undefined, change: StateChange): AlarmNotification {
  const topic = definition.notify;
  if (!topic) throw new Error(`alarm ${definition.id} has no topic to notify`);
  const message = cloudWatchMessage(definition, compiled, change);
  const alert = parseNotification(
    {
      message: JSON.stringify(message),
      subject: `${change.to}: "${definition.name}"`,
      topicArn: localTopicArn(topic),
      messageId: `${definition.name}-${change.time}-${change.to}`,
      timestamp: new Date(change.time).toISOString(),
    },
    topic,
  );
  return {
    alarmId: definition.id,
    name: definition.name,
    severity: topic,
    alarmSeverity: definition.severity,
    state: change.to,
    time: change.time,
    reason: change.reason,
    message,
    alert,
    slack: slackPayload(alert),
    ...(change.delayedBy ? { delayedBy: change.delayedBy } : {}),
  };
}

/** The JSON CloudWatch publishes to SNS for a state change. */
function cloudWatchMessage(definition: AlarmDefinition, compiled: CompiledMetricAlarm | undefined, change: StateChange): CloudWatchAlarmMessage {
  return {
    AlarmName: definition.name,
    AlarmDescription: definition.description,
    AWSAccountId: LOCAL_ACCOUNT,
    NewStateValue: change.to,
    NewStateReason: change.reason,
    StateChangeTime: cloudWatchTimestamp(change.time),
    Region: LOCAL_REGION,
    AlarmArn: localAlarmArn(definition.name),
    OldStateValue: change.from,
    ...(compiled ? { Trigger: trigger(compiled) } : {}),
    ...(change.alarmRule ? { AlarmRule: change.alarmRule } : {}),
    ...(change.triggeringChildren
      ? {
          TriggeringChildren: change.triggeringChildren.map((child) => ({
            Arn: localAlarmArn(child.name),
            State: { Value: child.state, Timestamp: cloudWatchTimestamp(child.since) },
          })),
        }
      : {}),
  };
}

function trigger(compiled: CompiledMetricAlarm): Record<string, unknown> {
  const d = compiled.definition;
  const common = {
    Period: d.periodSeconds,
    EvaluationPeriods: d.evaluationPeriods,
    DatapointsToAlarm: d.datapointsToAlarm,
    ComparisonOperator: d.comparison,
    Threshold: d.threshold,
    TreatMissingData: d.treatMissingData,
  };
  if (!d.math) {
    const ref = compiled.queries[0].ref;
    const percentile = compiled.queries[0].statistic.kind === 'percentile';
    return {
      MetricName: ref.metric.name,
      Namespace: ref.namespace,
      ...(percentile ? { ExtendedStatistic: ref.statistic } : { Statistic: ref.statistic.toUpperCase() }),
      Dimensions: Object.entries(ref.dimensions).map(([name, value]) => ({ name, value })),
      ...common,
    };
  }
  return {
    ...common,
    Metrics: [
      { Expression: d.math.expression, Id: 'expr_1', Label: d.math.label, ReturnData: true },
      ...compiled.queries.map((query) => ({
        Id: query.id,
        MetricStat: {
          Metric: { MetricName: query.ref.metric.name, Namespace: query.ref.namespace, Dimensions: Object.entries(query.ref.dimensions).map(([name, value]) => ({ name, value })) },
          Period: d.periodSeconds,
          Stat: query.ref.statistic,
        },
        ReturnData: false,
      })),
    ],
  };
}

/** `2024-05-01T10:05:00.000+0000`, CloudWatch's timestamp format in alarm messages. */
function cloudWatchTimestamp(time: number): string {
  return new Date(time).toISOString().replace('Z', '+0000');
}
