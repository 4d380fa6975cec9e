import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import {
  alarmCatalog,
  renderAlarmRule,
  type AlarmDefinition,
  type AlarmSettings,
  type CompositeAlarmDefinition,
  type MetricAlarmDefinition,
  type MetricRef,
  type Severity,
} from '../../../lib/catalog/alarms';
import { AgentAlarms } from '../../../lib/constructs/alarms';
import { createMetricAlarm } from '../../../lib/constructs/alarms/alarm-factories';

type Resource = { Type: string; Properties?: Record<string, unknown> };

const SETTINGS: AlarmSettings = {
  serviceName: 'support-bot',
  latencyTier: 'document-analysis',
  dailyBudgetUsd: 80,
  monitoredTools: ['calculator', 'search_docs'],
};

/** With `withResources`, an agent and a judge Lambda and a dead-letter queue whose real names replace the catalog's placeholders. */
function buildStack(options: { withResources: boolean }) {
  const stack = new Stack(new App(), 'AlarmsTest');
  const topics: Record<Severity, sns.Topic> = {
    critical: new sns.Topic(stack, 'Critical'),
    warning: new sns.Topic(stack, 'Warning'),
    info: new sns.Topic(stack, 'Info'),
  };
  const inlineFunction = (id: string) =>
    new lambda.Function(stack, id, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {};') });
  const agent = options.withResources ? inlineFunction('Agent') : undefined;
  const judge = options.withResources ? inlineFunction('Judge') : undefined;
  const deadLetters = options.withResources ? new sqs.Queue(stack, 'DeadLetters') : undefined;
  const construct = new AgentAlarms(stack, 'Alarms', { settings: SETTINGS, topics, agentFunction: agent, judgeFunction: judge, alertDeadLetterQueue: deadLetters });
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources as Record<string, Resource>;
  const catalog = alarmCatalog({
    ...SETTINGS,
    ...(agent ? { agentFunctionName: agent.functionName } : {}),
    ...(judge ? { judgeFunctionName: judge.functionName } : {}),
    ...(deadLetters ? { alertDeadLetterQueueName: deadLetters.queueName } : {}),
  });
  return { stack, topics, agent, judge, deadLetters, construct, template, resources, catalog };
}

const built = buildStack({ withResources: true });
const { stack, topics, template, resources, catalog } = built;

function resourceNamed(name: string, type: string, inResources = resources): { Properties: Record<string, unknown> } {
  const matches = Object.values(inResources).filter((r) => r.Type === type && r.Properties?.AlarmName === name);
  expect(matches.map((r) => r.Properties?.AlarmName)).toEqual([name]);
  return { Properties: matches[0].Properties ?? {} };
}

function nameOfLogicalId(logicalId: string): unknown {
  return resources[logicalId]?.Properties?.AlarmName;
}

/** An AlarmRule or ARN as CloudFormation holds it, with each `Fn::GetAtt [alarm, Arn]` written as the alarm's name. */
function withAlarmNames(value: unknown): string {
  if (typeof value === 'string') return value;
  const object = value as Record<string, unknown>;
  if ('Fn::GetAtt' in object) return String(nameOfLogicalId((object['Fn::GetAtt'] as string[])[0]));
  const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
  return parts.map(withAlarmNames).join(separator);
}

/** Dimensions as CloudFormation lists them (aws-cdk-lib sorts them by name; their order has no meaning). */
function dimensionsOf(ref: MetricRef) {
  return Object.entries(ref.dimensions)
    .map(([Name, Value]) => ({ Name, Value: stack.resolve(Value) }))
    .sort((a, b) => a.Name.localeCompare(b.Name));
}

function isPercentile(statistic: string): boolean {
  return /^p\d/.test(statistic);
}

function expectedActions(definition: AlarmDefinition) {
  if (!definition.notify) return { AlarmActions: undefined, OKActions: undefined };
  const topic = [stack.resolve(topics[definition.notify].topicArn)];
  return { AlarmActions: topic, OKActions: topic };
}

function expectedMetricProperties(d: MetricAlarmDefinition): Record<string, unknown> {
  if (d.metric) {
    const percentile = isPercentile(d.metric.statistic);
    return {
      Namespace: d.metric.namespace,
      MetricName: d.metric.metric.name,
      // CloudFormation leaves Dimensions out for a metric without any (the account-wide concurrency)
      Dimensions: Object.keys(d.metric.dimensions).length > 0 ? dimensionsOf(d.metric) : undefined,
      Period: d.periodSeconds,
      Statistic: percentile ? undefined : d.metric.statistic,
      ExtendedStatistic: percentile ? d.metric.statistic : undefined,
      Metrics: undefined,
    };
  }
  const math = d.math!;
  return {
    Namespace: undefined,
    MetricName: undefined,
    Period: undefined,
    Metrics: [
      { Id: 'expr_1', Expression: math.expression, Label: math.label, ReturnData: true },
      ...Object.entries(math.metrics).map(([Id, ref]) => ({
        Id,
        ReturnData: false,
        MetricStat: {
          Metric: { Namespace: ref.namespace, MetricName: ref.metric.name, Dimensions: dimensionsOf(ref) },
          Period: d.periodSeconds,
          Stat: ref.statistic,
        },
      })),
    ],
  };
}

const metricDefinitions = catalog.filter((d): d is MetricAlarmDefinition => d.kind === 'metric');
const compositeDefinitions = catalog.filter((d): d is CompositeAlarmDefinition => d.kind === 'composite');

describe('AgentAlarms', () => {
  it('creates exactly one CloudWatch alarm per catalog definition and exposes each by id', () => {
    // Assess
    template.resourceCountIs('AWS::CloudWatch::Alarm', metricDefinitions.length);
    template.resourceCountIs('AWS::CloudWatch::CompositeAlarm', compositeDefinitions.length);
    expect([...built.construct.alarms.keys()]).toEqual(catalog.map((d) => d.id));
    expect(built.construct.definitions.map((d) => d.name)).toEqual(catalog.map((d) => d.name));
  });

  it.each(metricDefinitions.map((d) => [d.id, d] as const))('synthesizes metric alarm %s as the catalog defines it', (_id, definition) => {
    // Act
    const resource = resourceNamed(definition.name, 'AWS::CloudWatch::Alarm');

    // Assess
    expect(resource.Properties).toEqual(
      expect.objectContaining({
        AlarmName: definition.name,
        AlarmDescription: definition.description,
        Threshold: definition.threshold,
        ComparisonOperator: definition.comparison,
        EvaluationPeriods: definition.evaluationPeriods,
        DatapointsToAlarm: definition.datapointsToAlarm,
        TreatMissingData: definition.treatMissingData,
      }),
    );
    const properties = resource.Properties;
    const expected = { ...expectedMetricProperties(definition), ...expectedActions(definition) };
    for (const [key, value] of Object.entries(expected)) expect([key, properties[key]]).toEqual([key, value]);
    expect(properties.Unit).toBeUndefined();
  });

  it.each(compositeDefinitions.map((d) => [d.id, d] as const))('synthesizes composite alarm %s with its rule, suppressor and actions', (_id, definition) => {
    // Act
    const resource = resourceNamed(definition.name, 'AWS::CloudWatch::CompositeAlarm');

    // Assess
    const nameOf = (id: string) => catalog.find((d) => d.id === id)!.name;
    const properties = resource.Properties;
    expect(withAlarmNames(properties.AlarmRule)).toBe(renderAlarmRule(definition.rule, nameOf));
    expect(properties.AlarmDescription).toBe(definition.description);
    const { AlarmActions, OKActions } = expectedActions(definition);
    expect(properties.AlarmActions).toEqual(AlarmActions);
    expect(properties.OKActions).toEqual(OKActions);
    const suppressor = definition.actionsSuppressor;
    if (suppressor) {
      expect(withAlarmNames(properties.ActionsSuppressor)).toBe(nameOf(suppressor.alarm));
      expect(properties.ActionsSuppressorWaitPeriod).toBe(suppressor.waitSeconds);
      expect(properties.ActionsSuppressorExtensionPeriod).toBe(suppressor.extensionSeconds);
    } else {
      expect(properties.ActionsSuppressor).toBeUndefined();
    }
  });

  it('pages through unhealthy, suppressed by the provider outage alarm for 30 minutes after it clears', () => {
    // Act
    const resource = resourceNamed('support-bot-unhealthy-critical', 'AWS::CloudWatch::CompositeAlarm');

    // Assess
    expect(withAlarmNames(resource.Properties.AlarmRule)).toBe(
      '(ALARM("support-bot-error-rate-critical") OR ALARM("support-bot-latency-p99-critical") OR ALARM("support-bot-auth-error-critical")' +
        ' OR ALARM("support-bot-slo-fast-burn-critical") OR ALARM("support-bot-slo-medium-burn-critical")' +
        ' OR ALARM("support-bot-lambda-errors-critical") OR ALARM("support-bot-monitoring-silent-critical"))',
    );
    expect(withAlarmNames(resource.Properties.ActionsSuppressor)).toBe('support-bot-provider-outage-critical');
    expect(resource.Properties).toMatchObject({ ActionsSuppressorWaitPeriod: 180, ActionsSuppressorExtensionPeriod: 1800 });
    expect(resource.Properties.AlarmActions).toEqual([stack.resolve(topics.critical.topicArn)]);
  });

  it('builds the provider outage as a composite of one alarm per error category, paging once', () => {
    // Act
    const composite = resourceNamed('support-bot-provider-outage-critical', 'AWS::CloudWatch::CompositeAlarm');
    const children = ['provider_error', 'service_unavailable'].map((category) =>
      resourceNamed(`support-bot-provider-outage-${category.replace('_', '-')}-critical`, 'AWS::CloudWatch::Alarm'),
    );

    // Assess
    expect(withAlarmNames(composite.Properties.AlarmRule)).toBe(
      '(ALARM("support-bot-provider-outage-provider-error-critical") OR ALARM("support-bot-provider-outage-service-unavailable-critical"))',
    );
    expect(composite.Properties.AlarmActions).toEqual([stack.resolve(topics.critical.topicArn)]);
    for (const [i, child] of children.entries()) {
      expect(child.Properties).toMatchObject({
        MetricName: 'agent.requests.errors',
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 5,
        DatapointsToAlarm: 3,
        Threshold: 3,
        AlarmActions: [stack.resolve(topics.info.topicArn)],
        OKActions: [stack.resolve(topics.info.topicArn)],
      });
      expect(child.Properties.Dimensions).toEqual([
        { Name: 'error_category', Value: ['provider_error', 'service_unavailable'][i] },
        { Name: 'service', Value: 'support-bot' },
      ]);
      expect(child.Properties.Metrics).toBeUndefined();
    }
  });

  it('watches the judge Lambda passed in, by its real function name', () => {
    // Act
    const resource = resourceNamed('support-bot-judge-lambda-errors-warning', 'AWS::CloudWatch::Alarm');

    // Assess
    expect(resource.Properties).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: stack.resolve(built.judge!.functionName) }],
    });
  });

  it('watches the alert router dead-letter queue passed in, by its real queue name, paging the critical topic', () => {
    // Act
    const resource = resourceNamed('support-bot-alert-dead-letters-critical', 'AWS::CloudWatch::Alarm');

    // Assess
    expect(resource.Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Statistic: 'Maximum',
      Dimensions: [{ Name: 'QueueName', Value: stack.resolve(built.deadLetters!.queueName) }],
      AlarmActions: [stack.resolve(topics.critical.topicArn)],
      OKActions: [stack.resolve(topics.critical.topicArn)],
    });
  });

  it('falls back to the agent and judge function and queue names of the settings without Lambdas or a queue', () => {
    // Act
    const { resources: withoutResources } = buildStack({ withResources: false });

    // Assess
    const errors = resourceNamed('support-bot-lambda-errors-critical', 'AWS::CloudWatch::Alarm', withoutResources);
    expect((errors.Properties.Metrics as { Id: string; MetricStat?: { Metric: { Dimensions: unknown } } }[]).find((m) => m.Id === 'invocations')?.MetricStat?.Metric.Dimensions).toEqual([{ Name: 'FunctionName', Value: 'support-bot-agent' }]);
    const throttles = resourceNamed('support-bot-judge-lambda-throttles-warning', 'AWS::CloudWatch::Alarm', withoutResources);
    expect(throttles.Properties.Dimensions).toEqual([{ Name: 'FunctionName', Value: 'support-bot-judge' }]);
    const deadLetters = resourceNamed('support-bot-alert-dead-letters-critical', 'AWS::CloudWatch::Alarm', withoutResources);
    expect(deadLetters.Properties.Dimensions).toEqual([{ Name: 'QueueName', Value: 'support-bot-alert-dead-letters' }]);
  });

  it('synthesizes without warnings', () => {
    // Assess
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
  });

  it('puts a percentile of a single-metric alarm in ExtendedStatistic', () => {
    // Prepare
    const scope = new Stack(new App(), 'Percentile');
    const topic = new sns.Topic(scope, 'Topic');
    const latency = catalog.find((d): d is MetricAlarmDefinition => d.id === 'latency-p95')!;
    const definition: MetricAlarmDefinition = { ...latency, math: undefined, metric: latency.math!.metrics.p95 };

    // Act
    createMetricAlarm(scope, definition, { critical: topic, warning: topic, info: topic });

    // Assess
    const properties = resourceNamed(definition.name, 'AWS::CloudWatch::Alarm', Template.fromStack(scope).toJSON().Resources).Properties;
    expect(properties).toMatchObject({ ExtendedStatistic: 'p95', MetricName: latency.math!.metrics.p95.metric.name, Period: 300 });
    expect(properties.Statistic).toBeUndefined();
  });

  it('refuses invalid settings at synth time with the setting named', () => {
    // Prepare
    const scope = new Stack(new App(), 'Invalid');
    const topic = new sns.Topic(scope, 'Topic');

    // Act
    const build = () => new AgentAlarms(scope, 'Alarms', { settings: { dailyBudgetUsd: -1 }, topics: { critical: topic, warning: topic, info: topic } });

    // Assess
    expect(build).toThrow('Invalid alarm setting dailyBudgetUsd: must be a positive number, got -1');
  });
});
