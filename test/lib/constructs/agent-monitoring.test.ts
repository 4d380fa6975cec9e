import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { App, Stack } from 'aws-cdk-lib';
import { alarmCatalog } from '../../../lib/catalog/alarms';
import { alarmSettingsFrom } from '../../../lib/config/alarm-settings';
import { monitoringConfigFrom } from '../../../lib/config/monitoring-config';
import { AgentMonitoring } from '../../../lib/constructs/agent-monitoring';

describe('AgentMonitoring attached to a team’s own agent', () => {
  // Prepare: a stack that brings its own agent function and log group.
  const app = new App();
  const stack = new Stack(app, 'TeamStack');
  const logGroup = new logs.LogGroup(stack, 'TeamAgentLogs', { retention: logs.RetentionDays.ONE_YEAR });
  const agentFunction = new lambda.Function(stack, 'TeamAgent', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({});'),
    logGroup,
  });
  const config = monitoringConfigFrom({ serviceName: 'team-bot', alertEmails: ['oncall@example.com'] });

  // Act
  const monitoring = new AgentMonitoring(stack, 'Monitoring', { config, agentFunction, agentLogGroup: logGroup });
  const template = Template.fromStack(stack);

  it('creates every alarm of the catalog for the team’s service, watching real resources', () => {
    // Assess
    const metricAlarms = alarmCatalog(alarmSettingsFrom(config)).filter((definition) => definition.kind === 'metric');
    template.resourceCountIs('AWS::CloudWatch::Alarm', metricAlarms.length);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MonitoringAlertRouterDeadLetters'), 'QueueName'] } }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('^MonitoringJudgeFunction') } }],
    });
    expect(monitoring.alarms.alarms.size).toBe(alarmCatalog(alarmSettingsFrom(config)).length);
  });

  it('brings its own tables, judge, topics, router, budget, dashboard and top-spenders rule on the team’s log group', () => {
    // Assess
    template.resourceCountIs('AWS::DynamoDB::Table', 2);
    template.resourceCountIs('AWS::SNS::Topic', 3);
    template.resourceCountIs('AWS::Budgets::Budget', 1);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)' });
    const rule = Object.values(template.findResources('AWS::CloudWatch::InsightRule'))[0];
    expect(JSON.stringify(rule.Properties.RuleBody)).toContain(stack.getLogicalId(logGroup.node.defaultChild as logs.CfnLogGroup));
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com' });
  });

  it('passes the runbookBaseUrl setting to the judge, which links its drift messages under it as the alarms do', () => {
    // Prepare
    const linkedStack = new Stack(new App(), 'LinkedStack');
    const linkedAgent = new lambda.Function(linkedStack, 'TeamAgent', { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({});') });
    const linkedConfig = monitoringConfigFrom({ serviceName: 'team-bot', runbookBaseUrl: 'https://wiki.example.com/team-bot/runbooks/' });

    // Act
    new AgentMonitoring(linkedStack, 'Monitoring', { config: linkedConfig, agentFunction: linkedAgent, agentLogGroup: new logs.LogGroup(linkedStack, 'Logs') });
    const linked = Template.fromStack(linkedStack);

    // Assess
    linked.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'team-bot-judge',
      Environment: { Variables: Match.objectLike({ RUNBOOK_BASE_URL: 'https://wiki.example.com/team-bot/runbooks' }) },
    });
    linked.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmDescription: Match.stringLikeRegexp('Runbook: https://wiki\\.example\\.com/team-bot/runbooks/quality-drift\\.md') });
  });
});
