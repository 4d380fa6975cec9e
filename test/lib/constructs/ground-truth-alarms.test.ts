import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { AlarmSettings, Severity } from '../../../lib/catalog/alarms';
import { AgentAlarms } from '../../../lib/constructs/alarms';

/** A stack with the three severity topics, an agent Lambda, and AgentAlarms watching it. */
function build(settings: AlarmSettings) {
  const stack = new Stack(new App(), 'GroundTruth');
  const topics: Record<Severity, sns.Topic> = {
    critical: new sns.Topic(stack, 'Critical'),
    warning: new sns.Topic(stack, 'Warning'),
    info: new sns.Topic(stack, 'Info'),
  };
  const agent = new lambda.Function(stack, 'Agent', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({});'),
  });
  new AgentAlarms(stack, 'Alarms', { settings: { serviceName: 'support-bot', ...settings }, topics, agentFunction: agent });
  const template = Template.fromStack(stack);
  const agentRef = { Ref: stack.getLogicalId(agent.node.defaultChild as lambda.CfnFunction) };
  const topic = (severity: Severity) => [stack.resolve(topics[severity].topicArn)];
  return { template, agentRef, topic };
}

const { template, agentRef, topic } = build({ minRequestsPerHour: 120 });

/** A metric of the agent function in a math alarm's Metrics list. */
function agentMetric(id: string, metricName: string, period: number) {
  return { Id: id, ReturnData: false, MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: metricName, Dimensions: [{ Name: 'FunctionName', Value: agentRef }] }, Period: period, Stat: 'Sum' } };
}

function compositeNamed(name: string): Record<string, unknown> {
  const found = Object.values(template.findResources('AWS::CloudWatch::CompositeAlarm', { Properties: { AlarmName: name } }));
  expect(found).toHaveLength(1);
  return found[0].Properties as Record<string, unknown>;
}

/** A composite's AlarmRule with each alarm ARN replaced by that alarm's name. */
function ruleText(composite: Record<string, unknown>): string {
  const resources = template.toJSON().Resources as Record<string, { Properties: { AlarmName: string } }>;
  const [, parts] = (composite.AlarmRule as { 'Fn::Join': [string, (string | { 'Fn::GetAtt': [string, string] })[]] })['Fn::Join'];
  return parts.map((part) => (typeof part === 'string' ? part : resources[part['Fn::GetAtt'][0]].Properties.AlarmName)).join('');
}

function alarmNamed(name: string, inTemplate = template): Record<string, unknown> {
  const found = Object.values(inTemplate.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: name } }));
  expect(found).toHaveLength(1);
  return found[0].Properties as Record<string, unknown>;
}

describe('AgentAlarms: the ground-truth alarms on the agent function passed in', () => {
  it('lambda-errors: Lambda errors over invocations of the agent, 3 of 5 minutes, to the info topic (unhealthy pages)', () => {
    // Act
    const properties = alarmNamed('support-bot-lambda-errors-critical');

    // Assess
    expect(properties).toMatchObject({ ComparisonOperator: 'GreaterThanThreshold', Threshold: 5, EvaluationPeriods: 5, DatapointsToAlarm: 3, TreatMissingData: 'notBreaching' });
    expect(properties.Metrics).toEqual([
      { Id: 'expr_1', Expression: 'IF(invocations >= 5, 100 * lambda_errors / invocations, 0)', Label: 'Agent Lambda errors (%)', ReturnData: true },
      agentMetric('invocations', 'Invocations', 60),
      agentMetric('lambda_errors', 'Errors', 60),
    ]);
    expect([properties.AlarmActions, properties.OKActions]).toEqual([topic('info'), topic('info')]);
  });

  it('monitoring-silent: a composite to the info topic over the partial-loss share, and no request counted while Lambda ran invocations', () => {
    // Act
    const partial = alarmNamed('support-bot-monitoring-silent-partial-info');
    const absent = alarmNamed('support-bot-monitoring-silent-absent-info');
    const invoked = alarmNamed('support-bot-invoked-info');
    const composite = compositeNamed('support-bot-monitoring-silent-critical');

    // Assess
    expect(partial).toMatchObject({ ComparisonOperator: 'GreaterThanThreshold', Threshold: 25, EvaluationPeriods: 2, DatapointsToAlarm: 2, TreatMissingData: 'notBreaching' });
    expect(partial.Metrics).toEqual([
      { Id: 'expr_1', Expression: 'IF(invocations >= 10, 100 * (invocations - lambda_errors - FILL(requests, 0)) / invocations, 0)', Label: 'Invocations not counted by the wrapper (%)', ReturnData: true },
      agentMetric('invocations', 'Invocations', 300),
      agentMetric('lambda_errors', 'Errors', 300),
      {
        Id: 'requests',
        ReturnData: false,
        MetricStat: { Metric: { Namespace: 'AgentMonitoring', MetricName: 'agent.requests.total', Dimensions: [{ Name: 'service', Value: 'support-bot' }] }, Period: 300, Stat: 'Sum' },
      },
    ]);
    expect(absent).toMatchObject({
      Namespace: 'AgentMonitoring',
      MetricName: 'agent.requests.total',
      Dimensions: [{ Name: 'service', Value: 'support-bot' }],
      Statistic: 'Sum',
      Period: 300,
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      TreatMissingData: 'breaching',
    });
    expect(invoked).toMatchObject({ ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 10, EvaluationPeriods: 2, DatapointsToAlarm: 2, TreatMissingData: 'notBreaching' });
    expect(invoked.Metrics).toEqual([
      { Id: 'expr_1', Expression: 'invocations - lambda_errors', Label: 'Successful agent invocations', ReturnData: true },
      agentMetric('invocations', 'Invocations', 300),
      agentMetric('lambda_errors', 'Errors', 300),
    ]);
    for (const block of [partial, absent, invoked]) expect([block.AlarmActions, block.OKActions]).toEqual([undefined, undefined]);
    expect(ruleText(composite)).toBe(
      '(ALARM("support-bot-monitoring-silent-partial-info") OR (ALARM("support-bot-monitoring-silent-absent-info") AND ALARM("support-bot-invoked-info")))',
    );
    expect([composite.AlarmActions, composite.OKActions]).toEqual([topic('info'), topic('info')]);
  });

  it('slo-fast-burn: both windows, each the full alarm or its -lambda twin, which has no actions of its own', () => {
    // Act
    const composite = compositeNamed('support-bot-slo-fast-burn-critical');
    const twin = alarmNamed('support-bot-slo-fast-burn-5m-lambda-info');

    // Assess
    expect(ruleText(composite)).toBe(
      '((ALARM("support-bot-slo-fast-burn-1h-info") OR ALARM("support-bot-slo-fast-burn-1h-lambda-info"))' +
        ' AND (ALARM("support-bot-slo-fast-burn-5m-info") OR ALARM("support-bot-slo-fast-burn-5m-lambda-info")))',
    );
    expect(twin).toMatchObject({ ComparisonOperator: 'GreaterThanThreshold', Threshold: 0.072, EvaluationPeriods: 1, DatapointsToAlarm: 1, TreatMissingData: 'notBreaching' });
    expect(twin.Metrics).toEqual([
      expect.objectContaining({ Id: 'expr_1', Expression: 'IF((FILL(invocations, 0) + throttles) >= 10, IF((lambda_errors + throttles) >= 5, (lambda_errors + throttles) / (FILL(invocations, 0) + throttles), 0), 0)' }),
      agentMetric('invocations', 'Invocations', 300),
      agentMetric('lambda_errors', 'Errors', 300),
      agentMetric('throttles', 'Throttles', 300),
    ]);
    expect([twin.AlarmActions, twin.OKActions]).toEqual([undefined, undefined]);
  });

  it('lambda-throttles: throttles over invocations plus throttles, 3 of 5 minutes, to the warning topic', () => {
    // Act
    const properties = alarmNamed('support-bot-lambda-throttles-warning');

    // Assess
    expect(properties).toMatchObject({ ComparisonOperator: 'GreaterThanThreshold', Threshold: 1, EvaluationPeriods: 5, DatapointsToAlarm: 3, TreatMissingData: 'notBreaching' });
    expect(properties.Metrics).toEqual([
      { Id: 'expr_1', Expression: 'IF((FILL(invocations, 0) + throttles) >= 5, 100 * throttles / (FILL(invocations, 0) + throttles), 0)', Label: 'Agent requests throttled (%)', ReturnData: true },
      agentMetric('invocations', 'Invocations', 60),
      agentMetric('throttles', 'Throttles', 60),
    ]);
    expect([properties.AlarmActions, properties.OKActions]).toEqual([topic('warning'), topic('warning')]);
  });

  it('lambda-concurrency: the account’s maximum ConcurrentExecutions past 80 % of its limit, 3 of 5 minutes, to the warning topic; with reserved concurrency the agent’s own', () => {
    // Act
    const properties = alarmNamed('support-bot-lambda-concurrency-warning');
    const reserved = alarmNamed('support-bot-lambda-concurrency-warning', build({ agentConcurrencyLimit: 50, concurrencyScope: 'function' }).template);

    // Assess: the agent shares the account's pool, so the account-wide metric (no dimension) is watched
    expect(properties.Dimensions).toBeUndefined();
    expect(reserved.Dimensions).toEqual([{ Name: 'FunctionName', Value: agentRef }]);
    expect(properties).toEqual(
      expect.objectContaining({
        Namespace: 'AWS/Lambda',
        MetricName: 'ConcurrentExecutions',
        Statistic: 'Maximum',
        Period: 60,
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 800,
        EvaluationPeriods: 5,
        DatapointsToAlarm: 3,
        TreatMissingData: 'notBreaching',
        AlarmActions: topic('warning'),
        OKActions: topic('warning'),
      }),
    );
    expect(properties.Metrics).toBeUndefined();
    expect(reserved.Threshold).toBe(40);
  });

  it('traffic-floor: fewer than minRequestsPerHour invocations of the agent in an hour, missing data breaching, to the info topic', () => {
    // Act
    const properties = alarmNamed('support-bot-traffic-floor-critical');

    // Assess
    expect(properties).toMatchObject({ ComparisonOperator: 'LessThanThreshold', Threshold: 120, EvaluationPeriods: 1, DatapointsToAlarm: 1, TreatMissingData: 'breaching' });
    expect(properties.Metrics).toEqual([
      { Id: 'expr_1', Expression: 'FILL(invocations, 0)', Label: 'Agent invocations in the last hour', ReturnData: true },
      agentMetric('invocations', 'Invocations', 3600),
    ]);
    expect([properties.AlarmActions, properties.OKActions]).toEqual([topic('info'), topic('info')]);
  });

  it('has no traffic floor without minRequestsPerHour, and unhealthy names it only when it exists', () => {
    // Act
    const without = build({}).template;

    // Assess
    expect(without.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: 'support-bot-traffic-floor-critical' } })).toEqual({});
    const children = (t: Template) => {
      const resources = t.toJSON().Resources as Record<string, { Properties: { AlarmName: string; AlarmRule?: unknown } }>;
      const unhealthy = Object.values(resources).find((r) => r.Properties?.AlarmName === 'support-bot-unhealthy-critical')!;
      return [...JSON.stringify(unhealthy.Properties.AlarmRule).matchAll(/"Fn::GetAtt":\["(\w+)","Arn"\]/g)].map((m) => resources[m[1]].Properties.AlarmName);
    };
    const withoutFloor = ['error-rate', 'latency-p99', 'auth-error', 'slo-fast-burn', 'slo-medium-burn', 'lambda-errors', 'monitoring-silent'].map((id) => `support-bot-${id}-critical`);
    expect(children(without)).toEqual(withoutFloor);
    expect(children(template)).toEqual([...withoutFloor, 'support-bot-traffic-floor-critical']);
  });

  it('invalid-input-rate: invalid_input requests over requests, 3 of 3 five-minute periods, to the warning topic', () => {
    // Act
    const properties = alarmNamed('support-bot-invalid-input-rate-warning');

    // Assess
    expect(properties).toMatchObject({ ComparisonOperator: 'GreaterThanThreshold', Threshold: 10, EvaluationPeriods: 3, DatapointsToAlarm: 3, TreatMissingData: 'notBreaching' });
    const own = (id: string, dimensions: { Name: string; Value: string }[]) => ({
      Id: id,
      ReturnData: false,
      MetricStat: { Metric: { Namespace: 'AgentMonitoring', MetricName: Match.anyValue(), Dimensions: dimensions }, Period: 300, Stat: 'Sum' },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'support-bot-invalid-input-rate-warning',
      Metrics: [
        { Id: 'expr_1', Expression: 'IF(requests >= 20, 100 * FILL(invalid, 0) / requests, 0)', Label: 'Invalid requests (%)', ReturnData: true },
        own('requests', [{ Name: 'service', Value: 'support-bot' }]),
        own('invalid', [{ Name: 'error_category', Value: 'invalid_input' }, { Name: 'service', Value: 'support-bot' }]),
      ],
    });
    const metricNames = (properties.Metrics as { MetricStat?: { Metric: { MetricName: string } } }[]).flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric.MetricName] : []));
    expect(metricNames).toEqual(['agent.requests.total', 'agent.requests.errors']);
    expect([properties.AlarmActions, properties.OKActions]).toEqual([topic('warning'), topic('warning')]);
  });
});
