import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { alarmCatalog, type AlarmDefinition, type AlarmSettings } from '../../catalog/alarms';
import { createCompositeAlarm, createMetricAlarm, type SeverityTopics } from './alarm-factories';

export interface AgentAlarmsProps {
  /** Service name, namespace, latency tier, budgets, tools and thresholds. @default the catalog's defaults */
  readonly settings?: AlarmSettings;
  /** One SNS topic per severity; each alarm sends ALARM and OK to the topic its definition names. */
  readonly topics: SeverityTopics;
  /** The agent Lambda whose AWS/Lambda metrics the ground-truth alarms watch. @default settings.agentFunctionName */
  readonly agentFunction?: lambda.IFunction;
  /** The judge Lambda whose AWS/Lambda Errors and Throttles are watched. @default settings.judgeFunctionName */
  readonly judgeFunction?: lambda.IFunction;
  /**
   * The alert router's dead-letter queue whose AWS/SQS ApproximateNumberOfMessagesVisible is
   * watched (`AlertRouter.deadLetterQueue`). @default settings.alertDeadLetterQueueName
   */
  readonly alertDeadLetterQueue?: sqs.IQueue;
}

/**
 * Every alarm of the catalog as a CloudWatch alarm: one `Alarm` per metric definition, one
 * `CompositeAlarm` per composite, named `<serviceName>-<id>-<severity>`.
 *
 * @example
 * const alarms = new AgentAlarms(this, 'Alarms', {
 *   settings: { serviceName: 'support-bot', latencyTier: 'real-time-chat', dailyBudgetUsd: 50, monitoredTools: ['search_docs'] },
 *   topics: { critical: criticalTopic, warning: warningTopic, info: infoTopic },
 *   judgeFunction: judge.function,
 *   alertDeadLetterQueue: router.deadLetterQueue,
 * });
 * alarms.alarms.get('unhealthy'); // the construct of support-bot-unhealthy-critical
 */
export class AgentAlarms extends Construct {
  /** The catalog the alarms were built from. */
  readonly definitions: readonly AlarmDefinition[];
  /** Every alarm by catalog id. */
  readonly alarms: ReadonlyMap<string, cloudwatch.IAlarm>;

  constructor(scope: Construct, id: string, props: AgentAlarmsProps) {
    super(scope, id);
    const settings: AlarmSettings = {
      ...props.settings,
      ...(props.agentFunction ? { agentFunctionName: props.agentFunction.functionName } : {}),
      ...(props.judgeFunction ? { judgeFunctionName: props.judgeFunction.functionName } : {}),
      ...(props.alertDeadLetterQueue ? { alertDeadLetterQueueName: props.alertDeadLetterQueue.queueName } : {}),
    };
    this.definitions = alarmCatalog(settings);
    const alarms = new Map<string, cloudwatch.IAlarm>();
    for (const definition of this.definitions) {
      const alarm =
        definition.kind === 'metric'
          ? createMetricAlarm(this, definition, props.topics)
          : createCompositeAlarm(this, definition, props.topics, alarms);
      alarms.set(definition.id, alarm);
    }
    this.alarms = alarms;
  }
}
