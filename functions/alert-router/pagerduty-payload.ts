import type { Alert } from './alert';
import { truncateText } from './bounded';

/** The Events API v2 endpoint; `PAGERDUTY_EVENTS_URL` replaces it (tests, EU service region). */
export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';

/** Events API v2 limits. */
export const PAGERDUTY_MAX_SUMMARY_CHARS = 1024;
export const PAGERDUTY_MAX_DEDUP_KEY_CHARS = 255;
/** The alert's text in `custom_details`; an event must stay under the API's 512 KB. */
export const PAGERDUTY_MAX_DETAILS_TEXT_CHARS = 8_000;
/** `source` is required: an alert without one is sent as coming from the router. */
export const PAGERDUTY_DEFAULT_SOURCE = 'alert-router';

export type PagerDutyAction = 'trigger' | 'resolve';

export interface PagerDutyLink {
  readonly href: string;
  readonly text: string;
}

export interface PagerDutyTrigger {
  readonly routing_key: string;
  readonly event_action: 'trigger';
  readonly dedup_key: string;
  readonly payload: {
    readonly summary: string;
    readonly source: string;
    readonly severity: 'critical';
    readonly timestamp: string;
    readonly custom_details: Record<string, unknown>;
  };
  readonly links: readonly PagerDutyLink[];
}

export interface PagerDutyResolve {
  readonly routing_key: string;
  readonly event_action: 'resolve';
  readonly dedup_key: string;
}

export type PagerDutyEvent = PagerDutyTrigger | PagerDutyResolve;

/**
 * What PagerDuty should do with an alert: only critical alerts page; `OK` resolves the
 * incident `ALARM` opened, `INSUFFICIENT_DATA` does neither, and a critical alert with no state
 * (budgets, plain text on the critical topic) triggers.
 */
export function pagerDutyAction(alert: Alert): PagerDutyAction | undefined {
  if (alert.severity !== 'critical' || alert.state === 'INSUFFICIENT_DATA') return undefined;
  return alert.state === 'OK' ? 'resolve' : 'trigger';
}

/**
 * The Events API v2 event for a critical alert, or undefined when PagerDuty has nothing to do.
 * The dedup key is the alert's key (the alarm name), so the resolve closes what the trigger
 * opened; `fallbackKey` (the SNS message id) is used for alerts without one.
 *
 * @example
 * const event = pagerDutyEvent(alert, routingKey, snsMessageId);
 * if (event) await fetch(PAGERDUTY_EVENTS_URL, { method: 'POST', body: JSON.stringify(event) });
 */
export function pagerDutyEvent(alert: Alert, routingKey: string, fallbackKey: string): PagerDutyEvent | undefined {
  const action = pagerDutyAction(alert);
  if (!action) return undefined;
  const dedupKey = (alert.key || fallbackKey).slice(0, PAGERDUTY_MAX_DEDUP_KEY_CHARS);
  if (action === 'resolve') return { routing_key: routingKey, event_action: 'resolve', dedup_key: dedupKey };
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: dedupKey,
    payload: {
      summary: summary(alert),
      source: alert.source || PAGERDUTY_DEFAULT_SOURCE,
      severity: 'critical',
      timestamp: alert.time,
      custom_details: customDetails(alert),
    },
    links: alert.runbookUrl && /^https?:\/\//.test(alert.runbookUrl) ? [{ href: alert.runbookUrl, text: 'Runbook' }] : [],
  };
}

function summary(alert: Alert): string {
  const text = alert.reason ? `${alert.title}: ${alert.reason}` : alert.title;
  return truncateText(text || 'Notification', PAGERDUTY_MAX_SUMMARY_CHARS);
}

function customDetails(alert: Alert): Record<string, unknown> {
  const details: Record<string, unknown> = { text: truncateText(alert.text, PAGERDUTY_MAX_DETAILS_TEXT_CHARS), severity: alert.severity };
  if (alert.state) details.state = alert.state;
  if (alert.reason) details.reason = alert.reason;
  if (alert.runbookUrl) details.runbook = alert.runbookUrl;
  return { ...details, ...alert.details };
}
