import type { AlarmState, Alert, Severity } from '../../functions/alert-router/alert';
import { parseNotification } from '../../functions/alert-router/parse-message';
import type { AlertOutput } from './alert-output';

/** The most recent alerts the local stack keeps for its pages. @default in RecentAlerts */
export const RECENT_ALERTS_KEPT = 50;

/** One alert as the dashboard lists it. */
export interface RecentAlert {
  /** ISO 8601: when the alarm changed state (or the message was published). */
  readonly time: string;
  readonly title: string;
  /** The alarm that changed state, for an alarm's notification (the alert's key). */
  readonly alarm?: string;
  readonly severity: Severity;
  /** The severity topic it went to, as the stack names it (`agent-alerts-critical`). */
  readonly topic: string;
  readonly state?: AlarmState;
  readonly reason?: string;
}

/** The SNS topic the stack creates for a severity (the suffix the alarm names and the router read). */
export function severityTopic(severity: Severity): string {
  return `agent-alerts-${severity}`;
}

/**
 * The last alerts delivered by the local stack, newest first: the alarm notifications and the
 * judge's drift messages, as the alert router parsed them.
 *
 * @example
 * const recent = new RecentAlerts();
 * const alerts = recent.recording(alertOutput({ print }));
 * await alerts.deliver(notification.alert);
 * recent.list(); // [{ time, title: 'ALARM: agent-error-rate-critical', alarm: 'agent-error-rate-critical', severity: 'info', topic: 'agent-alerts-info', state: 'ALARM' }]
 */
export class RecentAlerts {
  readonly #kept: RecentAlert[] = [];
  readonly #limit: number;

  constructor(limit = RECENT_ALERTS_KEPT) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`RecentAlerts keeps a whole number of alerts, at least 1, got ${limit}`);
    this.#limit = limit;
  }

  /** Keeps `alert`, dropping the oldest past the limit. */
  record(alert: Alert): void {
    this.#kept.unshift({
      time: alert.time,
      title: alert.title,
      ...(alert.key ? { alarm: alert.key } : {}),
      severity: alert.severity,
      topic: severityTopic(alert.severity),
      ...(alert.state ? { state: alert.state } : {}),
      ...(alert.reason ? { reason: alert.reason } : {}),
    });
    if (this.#kept.length > this.#limit) this.#kept.length = this.#limit;
  }

  /** The kept alerts, newest first. */
  list(): readonly RecentAlert[] {
    return [...this.#kept];
  }

  /** `output`, keeping here every alert it delivers. */
  recording(output: AlertOutput): AlertOutput {
    return {
      deliver: (alert) => {
        this.record(alert);
        return output.deliver(alert);
      },
      deliverSnsMessage: (subject, message) => {
        this.record(parseNotification({ message, subject, topicArn: 'local:drift', messageId: `local-${Date.now()}`, timestamp: new Date().toISOString() }));
        return output.deliverSnsMessage(subject, message);
      },
    };
  }
}
