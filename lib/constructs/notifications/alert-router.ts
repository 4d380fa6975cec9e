import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ROUTER_ENV } from '../../../functions/alert-router/config';
import { DELIVERY_FAILED_MESSAGE } from '../../../functions/alert-router/delivery';
import type { Severity } from '../../catalog/error-categories';
import { DEFAULT_NAMESPACE, DEFAULT_SERVICE_NAME, DIMENSIONS, METRICS } from '../../catalog/metrics';
import { functionDefaults } from '../bundling';
import { acknowledgeDeadLetterQueue, acknowledgeNoVpc } from '../compliance-notes';
import { functionLogGroup, functionRole, type FunctionLogsProps } from '../function-logs';
import { ALERT_SEVERITIES } from './alert-topics';

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
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly logs?: FunctionLogsProps;
}

/**
 * The alert-router Lambda, subscribed to the severity topics, posting to Slack and PagerDuty.
 * A delivery that still fails after in-process retries fails the invocation; Lambda retries it
 * twice and then sends it to `deadLetterQueue`, which also catches messages SNS could not hand
 * to the function. Nothing is dropped silently: the catalog's `alert-delivery-failures` alarm
 * counts `deliveryFailures` (METRICS.alertDeliveryFailures) and `alert-dead-letters` watches the
 * queue (AgentAlarms' `alertDeadLetterQueue`).
 *
 * @example
 * const router = new AlertRouter(this, 'AlertRouter', {
 *   topics: alerts.topics,
 *   slackWebhookSecretName: 'agent-monitoring/slack-webhook',
 *   pagerDutyRoutingKeySecretName: 'agent-monitoring/pagerduty-routing-key',
 * });
 */
export class AlertRouter extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly logGroup: logs.LogGroup;
  readonly deadLetterQueue: sqs.Queue;
  /** Deliveries that failed every attempt (Sum per 5 minutes). */
  readonly deliveryFailures: cloudwatch.Metric;

  constructor(scope: Construct, id: string, props: AlertRouterProps) {
    super(scope, id);
    const serviceName = props.serviceName ?? DEFAULT_SERVICE_NAME;
    this.logGroup = functionLogGroup(this, 'Logs', props.logs);
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledgeDeadLetterQueue(this.deadLetterQueue);
    const role = functionRole(this, 'Role', this.logGroup, 'alert router: writes its own logs, reads its two target secrets, dead-letters failures');
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      ...functionDefaults('functions/alert-router/handler.ts'),
      description: `${serviceName} alert router: SNS alerts to Slack and PagerDuty`,
      role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: routerEnvironment(serviceName, props),
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new destinations.SqsDestination(this.deadLetterQueue),
    });
    acknowledgeNoVpc(this.function);
    this.grantSecret('SlackWebhook', props.slackWebhookSecretName);
    this.grantSecret('PagerDutyRoutingKey', props.pagerDutyRoutingKeySecretName);
    for (const severity of ALERT_SEVERITIES) {
      props.topics[severity].addSubscription(new subscriptions.LambdaSubscription(this.function, { deadLetterQueue: this.deadLetterQueue }));
    }
    this.deliveryFailures = this.countDeliveryFailures(serviceName, props.metricNamespace ?? DEFAULT_NAMESPACE);
  }

  private grantSecret(id: string, secretName: string | undefined): void {
    if (secretName) secretsmanager.Secret.fromSecretNameV2(this, id, secretName).grantRead(this.function);
  }

  private countDeliveryFailures(serviceName: string, namespace: string): cloudwatch.Metric {
    new logs.MetricFilter(this, 'DeliveryFailuresFilter', {
      logGroup: this.logGroup,
      filterPattern: logs.FilterPattern.stringValue('$.message', '=', DELIVERY_FAILED_MESSAGE),
      metricNamespace: namespace,
      metricName: METRICS.alertDeliveryFailures.name,
      metricValue: '1',
      dimensions: { [DIMENSIONS.service]: '$.service' },
    });
    return new cloudwatch.Metric({
      namespace,
      metricName: METRICS.alertDeliveryFailures.name,
      dimensionsMap: { [DIMENSIONS.service]: serviceName },
      statistic: cloudwatch.Stats.SUM,
      period: Duration.minutes(5),
    });
  }
}

function routerEnvironment(serviceName: string, props: AlertRouterProps): Record<string, string> {
  const environment: Record<string, string> = { [ROUTER_ENV.serviceName]: serviceName };
  for (const severity of ALERT_SEVERITIES) environment[ROUTER_ENV.topicArn[severity]] = props.topics[severity].topicArn;
  if (props.slackWebhookSecretName) environment[ROUTER_ENV.slackWebhookSecretId] = props.slackWebhookSecretName;
  if (props.pagerDutyRoutingKeySecretName) environment[ROUTER_ENV.pagerDutyRoutingKeySecretId] = props.pagerDutyRoutingKeySecretName;
  return environment;
}
