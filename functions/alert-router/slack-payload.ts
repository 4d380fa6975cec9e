import type { Alert, Severity } from './alert';
import { truncateText } from './bounded';

/** Attachment colour per severity: critical red, warning orange, info blue. */
export const SLACK_COLORS: Readonly<Record<Severity, string>> = {
  critical: '#d62728',
  warning: '#ff7f0e',
  info: '#1f77b4',
};

/** Slack shows long attachment text behind "Show more"; beyond this it is cut. */
export const SLACK_MAX_TEXT_CHARS = 3000;
/** The headline, the title and the footer are cut here: one line each in the channel. */
export const SLACK_MAX_LINE_CHARS = 250;

export interface SlackField {
  readonly title: string;
  readonly value: string;
  readonly short: boolean;
}

export interface SlackAttachment {
  readonly color: string;
  readonly fallback: string;
  readonly title: string;
  readonly title_link?: string;
  readonly text: string;
  readonly fields: readonly SlackField[];
  readonly footer: string;
  /** Epoch seconds. */
  readonly ts?: number;
}

/** The JSON body an incoming webhook accepts. */
export interface SlackMessage {
  readonly text: string;
  readonly attachments: readonly SlackAttachment[];
}

/**
 * The Slack incoming-webhook message for an alert: one attachment coloured by severity with
 * the title (linked to the runbook), the text, and fields for severity, state, reason and
 * runbook. Pure: the alert router and the local stack post the same format.
 *
 * @example
 * await fetch(webhookUrl, { method: 'POST', body: JSON.stringify(slackPayload(alert)) });
 */
export function slackPayload(alert: Alert): SlackMessage {
  const title = truncateText(alert.title, SLACK_MAX_LINE_CHARS);
  const headline = `[${alert.severity.toUpperCase()}] ${title}`;
  const link = httpUrl(alert.runbookUrl);
  const fields: SlackField[] = [{ title: 'Severity', value: alert.severity, short: true }];
  if (alert.state) fields.push({ title: 'State', value: alert.state, short: true });
  if (alert.reason) fields.push({ title: 'Reason', value: truncate(escapeSlack(alert.reason)), short: false });
  if (alert.runbookUrl) fields.push({ title: 'Runbook', value: link ? `<${link}|Open the runbook>` : escapeSlack(alert.runbookUrl), short: false });
  return {
    text: escapeSlack(headline),
    attachments: [
      {
        color: SLACK_COLORS[alert.severity],
        fallback: escapeSlack(headline),
        title: escapeSlack(title),
        ...(link ? { title_link: link } : {}),
        text: truncate(escapeSlack(alert.text)),
        fields,
        footer: escapeSlack(truncateText(alert.source, SLACK_MAX_LINE_CHARS)),
        ...epochSeconds(alert.time),
      },
    ],
  };
}

/** Slack reads `&`, `<` and `>` as markup; everything else is shown as sent. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function httpUrl(url: string | undefined): string | undefined {
  return url && /^https?:\/\/[^\s<>|]+$/.test(url) ? url : undefined;
}

function truncate(text: string): string {
  return truncateText(text, SLACK_MAX_TEXT_CHARS);
}

function epochSeconds(time: string): { ts?: number } {
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? {} : { ts: Math.floor(ms / 1000) };
}
