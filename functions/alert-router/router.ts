import type { SNSEvent } from 'aws-lambda';
import type { Alert } from './alert';
import { boundedJson } from './bounded';
import type { RouterConfig } from './config';
import { DELIVERY_FAILED_MESSAGE, DeliveryError, postJson, type RouterLogger } from './delivery';
import { pagerDutyAction, pagerDutyEvent } from './pagerduty-payload';
import { isoTime } from './parse-alarm';
import { parseNotification, type SnsNotification } from './parse-message';
import { slackPayload } from './slack-payload';
import { pagerDutyRoutingKey, slackWebhookUrl, type SecretReader } from './targets';
import { topicSeverity } from './topic-severity';

export type TargetName = 'slack' | 'pagerduty';

export interface AlertRouterDeps {
  readonly config: RouterConfig;
  readonly readSecret: SecretReader;
  readonly logger: RouterLogger;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  /** When a record carries no SNS timestamp. @default the system clock */
  readonly now?: () => Date;
}

/** What happened to one SNS record. */
export interface RoutedAlert {
  readonly messageId: string;
  readonly alert: Alert;
  readonly delivered: readonly TargetName[];
}

/**
 * Routes SNS notifications to the targets configured (Slack, PagerDuty). Every message is
 * delivered, as plain text when it is not understood; no message makes the router throw. Only
 * a delivery that still fails after its retries does: the invocation throws, naming the
 * target, so that Lambda retries it and, at the end, hands it to the dead-letter queue.
 *
 * That retry runs the whole invocation again, every target of it included. The AlertRouter
 * construct therefore deploys one function per target, each subscribed on its own: PagerDuty
 * failing is retried and dead-lettered by the PagerDuty function, and Slack never posts twice
 * because of it. A router given both targets (as tests and local runs may) posts again to the
 * target that succeeded when the invocation is retried.
 */
export function createAlertRouter(deps: AlertRouterDeps): (event: SNSEvent) => Promise<RoutedAlert[]> {
  return async (event) => {
    const records: unknown[] = Array.isArray(event?.Records) ? event.Records : [];
    const outcomes = await Promise.all(records.map((record) => routeRecord(record, deps)));
    const failures = outcomes.flatMap((outcome) => outcome.failures);
    if (failures.length > 0) {
      throw new Error(`alert delivery failed for ${failures.length} target(s): ${failures.join('; ')}`);
    }
    return outcomes.map((outcome) => outcome.routed);
  };
}

async function routeRecord(record: unknown, deps: AlertRouterDeps): Promise<{ routed: RoutedAlert; failures: string[] }> {
  const notification = snsNotification(record, deps.now ?? (() => new Date()));
  const alert = parseNotification(notification, topicSeverity(notification.topicArn, deps.config.topicArns));
  deps.logger.info('alert received', {
    messageId: notification.messageId,
    topicArn: notification.topicArn,
    severity: alert.severity,
    state: alert.state,
    title: alert.title,
    source: alert.source,
  });
  const deliveries = plannedDeliveries(alert, notification.messageId, deps);
  if (deliveries.length === 0) deps.logger.warn('no chat or paging target for this alert', { messageId: notification.messageId, severity: alert.severity });
  const results = await Promise.allSettled(deliveries.map((delivery) => delivery.run()));
  const delivered: TargetName[] = [];
  const failures: string[] = [];
  results.forEach((result, index) => {
    const target = deliveries[index].target;
    if (result.status === 'fulfilled') delivered.push(target);
    else failures.push(`${target}: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`);
  });
  return { routed: { messageId: notification.messageId, alert, delivered }, failures };
}

interface Delivery {
  readonly target: TargetName;
  run(): Promise<void>;
}

function plannedDeliveries(alert: Alert, messageId: string, deps: AlertRouterDeps): Delivery[] {
  const { config, readSecret } = deps;
  const options = { policy: config.retry, logger: deps.logger, fetch: deps.fetch, sleep: deps.sleep };
  const deliveries: Delivery[] = [];
  if (config.slackWebhookSecretId) {
    const secretId = config.slackWebhookSecretId;
    deliveries.push({
      target: 'slack',
      run: guarded('slack', deps.logger, async () => postJson('slack', await slackWebhookUrl(secretId, readSecret), JSON.stringify(slackPayload(alert)), options)),
    });
  }
  if (config.pagerDutyRoutingKeySecretId && pagerDutyAction(alert)) {
    const secretId = config.pagerDutyRoutingKeySecretId;
    deliveries.push({
      target: 'pagerduty',
      run: guarded('pagerduty', deps.logger, async () => {
        const event = pagerDutyEvent(alert, await pagerDutyRoutingKey(secretId, readSecret), messageId);
        await postJson('pagerduty', config.pagerDutyEventsUrl, JSON.stringify(event), options);
      }),
    });
  }
  return deliveries;
}

/** A target whose secret cannot be read is a failed delivery too, logged like one. */
function guarded(target: TargetName, logger: RouterLogger, run: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await run();
    } catch (error) {
      if (!(error instanceof DeliveryError)) {
        logger.error(DELIVERY_FAILED_MESSAGE, { target, attempts: 0, error: error instanceof Error ? error.message : String(error) });
      }
      throw error;
    }
  };
}

/** The record as SNS sends it; a record edited by hand (a re-delivered dead letter) may lack any part. */
function snsNotification(record: unknown, now: () => Date): SnsNotification {
  const sns = isRecord(record) && isRecord(record.Sns) ? record.Sns : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    message: messageText(sns.Message),
    subject: text(sns.Subject),
    topicArn: text(sns.TopicArn) ?? '',
    messageId: text(sns.MessageId) ?? '',
    timestamp: isoTime(sns.Timestamp) ?? now().toISOString(),
  };
}

function messageText(message: unknown): string {
  if (typeof message === 'string') return message;
  if (message === undefined || message === null) return '';
  return JSON.stringify(boundedJson(message)) ?? String(message);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
