import { isAlarmState, isSeverity, type AlarmState, type Alert, type Severity } from './alert';
import { declaredSeverity, runbookUrl } from './annotations';
import { ALERT_LIMITS, boundedJson, truncateText } from './bounded';
import { isAlarmNotification, isoTime, parseAlarm } from './parse-alarm';
import { isBudgetNotification, parseBudget } from './parse-budget';
import type { ParsedAlert } from './parsed-alert';

/** The parts of one SNS notification the router reads. */
export interface SnsNotification {
  readonly message: string;
  readonly subject?: string | null;
  readonly topicArn: string;
  readonly messageId: string;
  /** ISO 8601, when SNS accepted the message. */
  readonly timestamp: string;
}

/** Used when neither the topic nor the message names a severity: visible, but never a page. */
export const DEFAULT_SEVERITY: Severity = 'warning';

const STATE_WORDS: Record<string, AlarmState> = {
  alarm: 'ALARM',
  drifting: 'ALARM',
  firing: 'ALARM',
  triggered: 'ALARM',
  ok: 'OK',
  recovered: 'OK',
  resolved: 'OK',
  insufficient_data: 'INSUFFICIENT_DATA',
};

/**
 * Turns one SNS notification into an alert. The topic's severity wins (it is the routing
 * decision the alarm, the budget or the judge made); a severity the message declares is used
 * only when the topic has none. A message no parser understands becomes a plain-text alert:
 * nothing is dropped, and no message makes it throw. The alert's fields and details are cut to
 * ALERT_LIMITS, whatever size and nesting the message had.
 */
export function parseNotification(notification: SnsNotification, topicSeverity?: Severity): Alert {
  let parsed: ParsedAlert;
  try {
    parsed = parseMessage(notification);
  } catch {
    parsed = parsePlainText(notification);
  }
  return withSeverity(bounded(parsed), topicSeverity);
}

function withSeverity({ declaredSeverity: declared, ...parsed }: ParsedAlert, topicSeverity: Severity | undefined): Alert {
  return { ...parsed, severity: topicSeverity ?? declared ?? DEFAULT_SEVERITY };
}

function bounded(parsed: ParsedAlert): ParsedAlert {
  const field = (value: string | undefined) => (value === undefined ? undefined : truncateText(value, ALERT_LIMITS.fieldChars));
  return {
    ...parsed,
    title: truncateText(parsed.title, ALERT_LIMITS.fieldChars),
    source: truncateText(parsed.source, ALERT_LIMITS.fieldChars),
    reason: field(parsed.reason),
    runbookUrl: field(parsed.runbookUrl),
    key: field(parsed.key),
    ...(parsed.details ? { details: boundedJson(parsed.details) as Record<string, unknown> } : {}),
  };
}

function parseMessage(notification: SnsNotification): ParsedAlert {
  const { message, subject, timestamp } = notification;
  const json = parseJsonObject(message);
  if (json && isAlarmNotification(json)) return parseAlarm(json, timestamp);
  if (json && (typeof json.title === 'string' || typeof json.text === 'string')) return parseTitledJson(json, notification);
  if (isBudgetNotification(message)) return parseBudget(message, subject ?? undefined, timestamp);
  return parsePlainText(notification);
}

/** The judge's drift message, or any JSON with a `title` / `text`. */
function parseTitledJson(json: Record<string, unknown>, notification: SnsNotification): ParsedAlert {
  const { title, text, severity, state, reason, runbookUrl: runbook, runbook: runbookAlias, source, service, type, time, timestamp, dedupKey, key, ...details } = json;
  const body = stringOr(text, '');
  const explicitKey = stringOr(dedupKey, '') || stringOr(key, '');
  const typedKey = typeof type === 'string' ? [type, stringOr(service, '')].filter(Boolean).join(':') : '';
  return {
    title: stringOr(title, '') || notification.subject || 'Notification',
    text: body,
    declaredSeverity: isSeverity(severity) ? severity : declaredSeverity(body),
    state: alarmState(state),
    reason: typeof reason === 'string' ? reason : undefined,
    runbookUrl: stringOr(runbook, '') || stringOr(runbookAlias, '') || runbookUrl(body) || undefined,
    source: stringOr(source, '') || stringOr(service, '') || stringOr(type, '') || notification.topicArn,
    time: isoTime(time) ?? isoTime(timestamp) ?? notification.timestamp,
    key: explicitKey || typedKey || undefined,
    details: { ...(typeof type === 'string' ? { type } : {}), ...details },
  };
}

function parsePlainText(notification: SnsNotification): ParsedAlert {
  return {
    title: notification.subject || 'Notification',
    text: notification.message,
    declaredSeverity: declaredSeverity(notification.message),
    runbookUrl: runbookUrl(notification.message),
    source: notification.topicArn,
    time: notification.timestamp,
  };
}

function alarmState(value: unknown): AlarmState | undefined {
  if (isAlarmState(value)) return value;
  return typeof value === 'string' ? STATE_WORDS[value.toLowerCase()] : undefined;
}

function parseJsonObject(message: string): Record<string, unknown> | undefined {
  if (!message.trimStart().startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(message);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}
