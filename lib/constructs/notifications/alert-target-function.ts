import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ROUTER_ENV } from '../../../functions/alert-router/config';
import { DELIVERY_FAILED_MESSAGE } from '../../../functions/alert-router/delivery';
import type { TargetName } from '../../../functions/alert-router/router';
import type { Severity } from '../../catalog/error-categories';
import { DIMENSIONS, METRICS } from '../../catalog/metrics';
import { functionDefaults } from '../bundling';
import { acknowledgeNoVpc } from '../compliance-notes';
import { functionLogGroup, functionRole, type FunctionLogsProps } from '../function-logs';
import { ALERT_SEVERITIES } from './alert-topics';

/** How often Lambda retries a failed invocation of a target function before dead-lettering it. */
export const ALERT_TARGET_RETRY_ATTEMPTS = 2;
/** An event older than this is dead-lettered instead of retried. */
export const ALERT_TARGET_MAX_EVENT_AGE = Duration.hours(6);

interface TargetSettings {
  readonly label: string;
  readonly secretEnv: string;
  /** The topics the target subscribes to: PagerDuty pages only critical alerts, and a message's severity is its topic. */
  readonly severities: readonly Severity[];
}

export const ALERT_TARGETS: Readonly<Record<TargetName, TargetSettings>> = {
  slack: { label: 'Slack', secretEnv: ROUTER_ENV.slackWebhookSecretId, severities: ALERT_SEVERITIES },
  pagerduty: { label: 'PagerDuty', secretEnv: ROUTER_ENV.pagerDutyRoutingKeySecretId, severities: ['critical'] },
};

export interface AlertTargetFunctionProps {
  readonly target: TargetName;
  /** Secrets Manager name of the target's webhook URL or routing key. */
  readonly secretName: string;
  /** Every severity topic: their ARNs tell the router a message's severity. */
  readonly topics: Readonly<Record<Severity, sns.ITopic>>;
  /** Where invocations that failed every retry, and messages SNS could not hand over, go. */
  readonly deadLetterQueue: sqs.IQueue;
  readonly serviceName: string;
  /** Namespace of the delivery-failure metric. */
  readonly metricNamespace: string;
  readonly logs?: FunctionLogsProps;
}

/**
 * The alert-router code deployed for one target (Slack or PagerDuty): its own function, role,
 * log group and SNS subscriptions, so that its failures are retried (ALERT_TARGET_RETRY_ATTEMPTS
 * times by Lambda) and dead-lettered on their own, without another target posting again. It is
 * given only its own target's secret, and reads nothing else.
 *
 * @example
 * new AlertTargetFunction(this, 'PagerDuty', { target: 'pagerduty', secretName, topics, deadLetterQueue, serviceName: 'agent', metricNamespace: 'AgentMonitoring' });
 */
export class AlertTargetFunction extends Construct {
  readonly target: TargetName;
  readonly function: nodejs.NodejsFunction;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AlertTargetFunctionProps) {
    super(scope, id);
    const settings = ALERT_TARGETS[props.target];
    this.target = props.target;
    this.logGroup = functionLogGroup(this, 'Logs', props.logs);
    const role = functionRole(this, 'Role', this.logGroup, `alert router (${settings.label}): writes its own logs, reads its target secret, dead-letters failures`);
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      ...functionDefaults('functions/alert-router/handler.ts'),
      description: `${props.serviceName} alert router: SNS alerts to ${settings.label}`,
      role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: targetEnvironment(props, settings),
      retryAttempts: ALERT_TARGET_RETRY_ATTEMPTS,
      maxEventAge: ALERT_TARGET_MAX_EVENT_AGE,
      onFailure: new destinations.SqsDestination(props.deadLetterQueue),
    });
    acknowledgeNoVpc(this.function);
    secretsmanager.Secret.fromSecretNameV2(this, 'Secret', props.secretName).grantRead(this.function);
    for (const severity of settings.severities) {
      props.topics[severity].addSubscription(new subscriptions.LambdaSubscription(this.function, { deadLetterQueue: props.deadLetterQueue }));
    }
    this.countDeliveryFailures(props.metricNamespace);
  }

  private countDeliveryFailures(namespace: string): void {
    new logs.MetricFilter(this, 'DeliveryFailuresFilter', {
      logGroup: this.logGroup,
      filterPattern: logs.FilterPattern.stringValue('$.message', '=', DELIVERY_FAILED_MESSAGE),
      metricNamespace: namespace,
      metricName: METRICS.alertDeliveryFailures.name,
      metricValue: '1',
      dimensions: { [DIMENSIONS.service]: '$.service' },
    });
  }
}

function targetEnvironment(props: AlertTargetFunctionProps, settings: TargetSettings): Record<string, string> {
  const environment: Record<string, string> = { [ROUTER_ENV.serviceName]: props.serviceName, [settings.secretEnv]: props.secretName };
  for (const severity of ALERT_SEVERITIES) environment[ROUTER_ENV.topicArn[severity]] = props.topics[severity].topicArn;
  return environment;
}
