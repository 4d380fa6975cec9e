/** What the local alarm evaluator reports: states, transitions and notifications. */
import type { AlarmState, Alert, Severity } from '../../functions/alert-router/alert';
import type { SlackMessage } from '../../functions/alert-router/slack-payload';
import type { AlarmNotification as CloudWatchAlarmMessage } from '../../functions/alert-router/parse-alarm';

export type { AlarmState, CloudWatchAlarmMessage };

/** Why a composite alarm's actions are held back (CloudWatch's ActionsSuppressedBy). */
export type SuppressedBy = 'Alarm' | 'WaitPeriod' | 'ExtensionPeriod';

/** One change of an alarm's state. */
export interface AlarmTransition {
  readonly alarmId: string;
  readonly name: string;
  readonly kind: 'metric' | 'composite';
  /** The alarm's own severity. */
  readonly severity: Severity;
  readonly from: AlarmState;
  readonly to: AlarmState;
  /** Epoch milliseconds: the evaluation time. */
  readonly time: number;
  /** CloudWatch-style, e.g. `Threshold Crossed: 3 out of the last 5 datapoints [...] were greater than the threshold (5.0) ...`. */
  readonly reason: string;
  /** Set when a composite's actions were held back at this transition. */
  readonly actionsSuppressedBy?: SuppressedBy;
}

/**
 * One notification to the alarm's SNS topic, and what the deployed alert router makes of it:
 * the same CloudWatch message, the same `Alert`, the same Slack payload.
 */
export interface AlarmNotification {
  readonly alarmId: string;
  readonly name: string;
  /** The topic's severity (the definition's `notify`): what Slack and PagerDuty show. */
  readonly severity: Severity;
  /** The alarm's own severity. */
  readonly alarmSeverity: Severity;
  readonly state: AlarmState;
  /** Epoch milliseconds. */
  readonly time: number;
  readonly reason: string;
  /** The SNS message body CloudWatch would publish. */
  readonly message: CloudWatchAlarmMessage;
  /** The alert the router parses from it (functions/alert-router). */
  readonly alert: Alert;
  /** The Slack incoming-webhook body the router posts (slackPayload). */
  readonly slack: SlackMessage;
  /** Set when the notification was held back by an actions suppressor and sent when the suppression ended. */
  readonly delayedBy?: SuppressedBy;
}

/** The current state of one alarm. */
export interface AlarmStatus {
  readonly id: string;
  readonly name: string;
  readonly kind: 'metric' | 'composite';
  readonly severity: Severity;
  readonly notify?: Severity;
  readonly state: AlarmState;
  /** When the alarm entered its state; undefined before its first evaluation. */
  readonly since?: number;
  readonly reason: string;
  /** Metric alarms: the most recent datapoint of the last evaluation, if any. */
  readonly lastValue?: number;
  /** Composite alarms: what holds their actions back now, if anything. */
  readonly actionsSuppressedBy?: SuppressedBy;
}

/** What one `evaluate(now)` changed. */
export interface EvaluationResult {
  readonly time: number;
  readonly transitions: readonly AlarmTransition[];
  readonly notifications: readonly AlarmNotification[];
}
