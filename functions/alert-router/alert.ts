import type { Severity } from '../../lib/catalog/error-categories';

export type { Severity };

/** The CloudWatch alarm states; budgets and drift messages are mapped onto them. */
export type AlarmState = 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';

export const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];

/**
 * One alert, whatever raised it: a CloudWatch alarm, an AWS Budgets notification, the judge's
 * drift message, or any other SNS message. Every target (Slack, PagerDuty, the local console)
 * is built from this shape.
 *
 * @example
 * const alert: Alert = {
 *   title: 'agent-error-rate-critical',
 *   text: 'Error rate over 5 %',
 *   severity: 'critical',
 *   state: 'ALARM',
 *   reason: 'Threshold Crossed: 3 out of the last 3 datapoints were greater than the threshold (5.0)',
 *   runbookUrl: 'https://github.com/acme/agent/blob/main/docs/runbooks/error-rate.md',
 *   source: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:agent-error-rate-critical',
 *   time: '2024-05-01T10:05:00.000Z',
 * };
 */
export interface Alert {
  readonly title: string;
  readonly text: string;
  readonly severity: Severity;
  /** Absent when the message carries no state (plain text). */
  readonly state?: AlarmState;
  readonly reason?: string;
  readonly runbookUrl?: string;
  /** What raised the alert: an alarm ARN, `AWS Budgets`, the judge, the SNS topic. */
  readonly source: string;
  /** ISO 8601. */
  readonly time: string;
  /** Identifies one incident across its trigger and its resolve (the alarm name). */
  readonly key?: string;
  /** Extra facts for the on-call (the alarm's metric, the budget amounts, ...). */
  readonly details?: Readonly<Record<string, unknown>>;
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

export function isAlarmState(value: unknown): value is AlarmState {
  return value === 'ALARM' || value === 'OK' || value === 'INSUFFICIENT_DATA';
}
