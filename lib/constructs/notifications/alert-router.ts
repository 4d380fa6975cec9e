import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { TargetName } from '../../../functions/alert-router/router';
import type { Severity } from '../../catalog/error-categories';
import { DEFAULT_NAMESPACE, DEFAULT_SERVICE_NAME, DIMENSIONS, METRICS } from '../../catalog/metrics';
import { acknowledgeDeadLetterQueue } from '../compliance-notes';
import type { FunctionLogsProps } from '../function-logs';
import { AlertTargetFunction } from './alert-target-function';

export interface AlertRouterProps {
  /** The topics the router subscribes to; a message's severity is the topic it came in on. */
  readonly topics: Readonly<Record<Severity, sns.ITopic>>;
  /**
   * Secrets Manager name of the Slack incoming-webhook URL (the bare URL, or JSON with `url`).
   * @default Slack delivery off
   */
  readonly slackWebhookSecretName?: string;
  /**
   * Secrets Manager name of the PagerDuty Events API v2 routing key (the bare key, or JSON
   * with `routingKey`). Only critical alerts page.
   * @default PagerDuty delivery off
   */
  readonly pagerDutyRoutingKeySecretName?: string;
  /** @default 'agent' */
  readonly serviceName?: string;
  /** Namespace of the delivery-failure metric. @default 'AgentMonitoring' */
  readonly metricNamespace?: string;
  /** @default one-year retention, AWS-owned encryption */
  readonly logs?: FunctionLogsProps;
}

/**
 * The alert router: SNS alerts posted to Slack and PagerDuty, one function per target that is
 * on (`targets`), each with its own SNS subscriptions (Slack: the three topics; PagerDuty: the
 * critical topic, the only one that pages).
 *
 * Each message is delivered once per target. A delivery that still fails after in-process
 * retries fails the invocation of that target's function only; Lambda retries it twice and then
 * sends it to `deadLetterQueue`, where the record names the function and, in its error, the
 * target. The other target's function is a separate invocation that already succeeded, so a
 * failing PagerDuty never makes Slack post twice. The queue also catches messages SNS could not
 * hand to a function. Nothing is dropped silently: the catalog's `alert-delivery-failures` alarm
 * counts `deliveryFailures` (METRICS.alertDeliveryFailures, from every target's log group) and
 * `alert-dead-letters` watches the queue (AgentAlarms' `alertDeadLetterQueue`).
 *
 * @example
 * const router = new AlertRouter(this, 'AlertRouter', {
 *   topics: alerts.topics,
 *   slackWebhookSecretName: 'agent-monitoring/slack-webhook',
 *   pagerDutyRoutingKeySecretName: 'agent-monitoring/pagerduty-routing-key',
 * });
 * router.targets.pagerduty?.function; // the PagerDuty function
 */
export class AlertRouter extends Construct {
  /** One function per target whose secret name is given. */
  readonly targets: Readonly<Partial<Record<TargetName, AlertTargetFunction>>>;
  readonly deadLetterQueue: sqs.Queue;
  /** Deliveries that failed every attempt, all targets together (Sum per 5 minutes). */
  readonly deliveryFailures: cloudwatch.Metric;

  constructor(scope: Construct, id: string, props: AlertRouterProps) {
    super(scope, id);
    const serviceName = props.serviceName ?? DEFAULT_SERVICE_NAME;
    const metricNamespace = props.metricNamespace ?? DEFAULT_NAMESPACE;
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledgeDeadLetterQueue(this.deadLetterQueue);
    const secretNames: Record<TargetName, string | undefined> = { slack: props.slackWebhookSecretName, pagerduty: props.pagerDutyRoutingKeySecretName };
    const ids: Record<TargetName, string> = { slack: 'Slack', pagerduty: 'PagerDuty' };
    const targets: Partial<Record<TargetName, AlertTargetFunction>> = {};
    for (const target of ['slack', 'pagerduty'] as const) {
      const secretName = secretNames[target];
      if (!secretName) continue;
      targets[target] = new AlertTargetFunction(this, ids[target], {
        target,
        secretName,
        topics: props.topics,
        deadLetterQueue: this.deadLetterQueue,
        serviceName,
        metricNamespace,
        logs: props.logs,
      });
    }
    this.targets = targets;
    this.deliveryFailures = new cloudwatch.Metric({
      namespace: metricNamespace,
      metricName: METRICS.alertDeliveryFailures.name,
      dimensionsMap: { [DIMENSIONS.service]: serviceName },
      statistic: cloudwatch.Stats.SUM,
      period: Duration.minutes(5),
    });
  }
}
