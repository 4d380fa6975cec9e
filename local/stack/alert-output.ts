import type { Alert } from '../../functions/alert-router/alert';
import { parseNotification } from '../../functions/alert-router/parse-message';
import { slackPayload } from '../../functions/alert-router/slack-payload';

/** Where the local stack's alerts go: printed, and posted in the deployed router's Slack format to a webhook if one is given. */
export interface AlertOutput {
  deliver(alert: Alert): Promise<void>;
  /** An SNS message as the judge publishes it (drift), delivered the way the router would. */
  deliverSnsMessage(subject: string | undefined, message: string): Promise<void>;
}

export function alertOutput(options: { print: (line: string) => void; webhookUrl?: string; timeoutMs?: number }): AlertOutput {
  const deliver = async (alert: Alert): Promise<void> => {
    const state = alert.state ? ` ${alert.state}` : '';
    options.print(`ALERT [${alert.severity}]${state} ${alert.title}${alert.reason ? ` — ${alert.reason}` : ''}${alert.runbookUrl ? ` (runbook: ${alert.runbookUrl})` : ''}`);
    if (!options.webhookUrl) return;
    try {
      const response = await fetch(options.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(slackPayload(alert)),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
      if (!response.ok) options.print(`alert webhook answered HTTP ${response.status} for "${alert.title}"`);
    } catch (error) {
      options.print(`alert webhook unreachable for "${alert.title}": ${(error as Error).message}`);
    }
  };
  return {
    deliver,
    deliverSnsMessage: (subject, message) =>
      deliver(
        parseNotification({ message, subject, topicArn: 'local:drift', messageId: `local-${Date.now()}`, timestamp: new Date().toISOString() }),
      ),
  };
}
