import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { configFromContext } from '../../../lib/config/monitoring-config';
import { AgentMonitoringStack } from '../../../lib/stacks/agent-monitoring-stack';

/**
 * The stack as `cdk synth -c key=value` builds it from these context values. Bundling is
 * skipped (`aws:cdk:bundling-stacks`, a framework key the kit leaves alone): only the
 * alarms and the agent function's properties are asserted here.
 */
function synthWithContext(context: Record<string, unknown>) {
  const app = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } });
  const stack = new AgentMonitoringStack(app, 'GroundTruthContext', { config: configFromContext(app.node) });
  const template = Template.fromStack(stack);
  const agentLogicalId = stack.getLogicalId(stack.agent.function.node.defaultChild as lambda.CfnFunction);
  const alarm = (name: string) => {
    const found = Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: name } }));
    expect(found).toHaveLength(1);
    return found[0].Properties as Record<string, unknown>;
  };
  const agentProperties = template.toJSON().Resources[agentLogicalId].Properties as Record<string, unknown>;
  return { template, agentLogicalId, agentProperties, alarm };
}

describe('the ground-truth context keys in the stack', () => {
  it('agentReservedConcurrency reserves the agent’s concurrency and is the limit lambda-concurrency warns at 80 % of', () => {
    // Act
    const { agentLogicalId, agentProperties, alarm } = synthWithContext({ serviceName: 'support-bot', agentReservedConcurrency: '50', accountConcurrencyLimit: '3000' });

    // Assess
    expect(agentProperties.ReservedConcurrentExecutions).toBe(50);
    expect(alarm('support-bot-lambda-concurrency-warning')).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'ConcurrentExecutions',
      Statistic: 'Maximum',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: agentLogicalId } }],
      Threshold: 40,
    });
  });

  it('without reserved concurrency, the agent shares the account’s pool and the alarm measures against accountConcurrencyLimit; minRequestsPerHour adds the traffic floor', () => {
    // Act
    const { agentLogicalId, agentProperties, alarm } = synthWithContext({ serviceName: 'support-bot', accountConcurrencyLimit: 3000, minRequestsPerHour: '30' });

    // Assess
    expect(agentProperties.ReservedConcurrentExecutions).toBeUndefined();
    expect(alarm('support-bot-lambda-concurrency-warning').Threshold).toBe(2400);
    const floor = alarm('support-bot-traffic-floor-critical');
    expect(floor).toMatchObject({ Threshold: 30, ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'breaching' });
    expect(JSON.stringify(floor.Metrics)).toContain(JSON.stringify({ Name: 'FunctionName', Value: { Ref: agentLogicalId } }));
  });

  it('by default measures against the account default of 1000 and has no traffic floor', () => {
    // Act
    const { template, agentProperties, alarm } = synthWithContext({ serviceName: 'support-bot' });

    // Assess
    expect(agentProperties.ReservedConcurrentExecutions).toBeUndefined();
    expect(alarm('support-bot-lambda-concurrency-warning').Threshold).toBe(800);
    expect(template.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: 'support-bot-traffic-floor-critical' } })).toEqual({});
  });
});
