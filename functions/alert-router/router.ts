import type { SNSEvent, SNSEventRecord } from 'aws-lambda';
import type { Alert } from './alert';
import type { RouterConfig } from './config';
import { DELIVERY_FAILED_MESSAGE, DeliveryError, postJson, type RouterLogger } from './delivery';
import { pagerDutyAction, pagerDutyEvent } from './pagerduty-payload';
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
}

/** What happened to one SNS record. */
export interface RoutedAlert {
  readonly messageId: string;
  readonly alert: Alert;
  readonly delivered: readonly TargetName[];
}

/**
 * Routes SNS notifications to Slack and PagerDuty. Every record is attempted; when any
 * delivery still fails after its retries, the whole invocation throws so that Lambda retries
 * it and, at the end, hands it to the dead-letter queue. Delivery is therefore at least once:
 * a retried invocation may post to Slack again (PagerDuty deduplicates by key).
 */
export function createAlertRouter(deps: AlertRouterDeps): (event: SNSEvent) => Promise<RoutedAlert[]> {
  return async (event) => {
    const outcomes = await Promise.all((event.Records ?? []).map((record) => routeRecord(record, deps)));
    const failures = outcomes.flatMap((outcome) => outcome.failures);
    if (failures.length > 0) {
      throw new Error(`alert delivery failed for ${failures.length} target(s): ${failures.join('; ')}`);
    }
    return outcomes.map((outcome) => outcome.routed);
  };
}

async function routeRecord(record: SNSEventRecord, deps: AlertRouterDeps): Promise<{ routed: RoutedAlert; failures: string[] }> {
  const notification = snsNotification(record);
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
      run: guarded('slack', deps.logger, async () => postJson('slack', await slackWebhookUrl(secretId, readSecret), slackPayload(alert), options)),
    });
  }
  if (config.pagerDutyRoutingKeySecretId && pagerDutyAction(alert)) {
    const secretId = config.pagerDutyRoutingKeySecretId;
    deliveries.push({
      target: 'pagerduty',
      run: guarded('pagerduty', deps.logger, async () => {
        const event = pagerDutyEvent(alert, await pagerDutyRoutingKey(secretId, readSecret), messageId);
        await postJson('pagerduty', config.pagerDutyEventsUrl, event, options);
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

function snsNotification(record: SNSEventRecord): SnsNotification {
  const sns = record.Sns;
  return {
    message: sns.Message ?? '',
    subject: sns.Subject,
    topicArn: sns.TopicArn ?? '',
    messageId: sns.MessageId ?? '',
    timestamp: sns.Timestamp,
  };
}
