import { Match } from 'aws-cdk-lib/assertions';
import { tierTimeouts } from '../../../lib/catalog/latency-tiers';
import { monitoringConfigFrom } from '../../../lib/config/monitoring-config';
import { synthStack, type SynthesizedApp } from '../../support/synth';

const CONFIG = monitoringConfigFrom({
  serviceName: 'support-bot',
  alertEmails: { critical: ['oncall@example.com'], warning: ['team@example.com'] },
  smsNumbers: { critical: ['+15555550100'] },
  slackWebhookSecretName: 'support-bot/slack-webhook',
  pagerDutyRoutingKeySecretName: 'support-bot/pagerduty-routing-key',
});

/** Replaces asset hashes (which change with every code edit) so the snapshot shows structure. */
function withoutAssetHashes(template: unknown): unknown {
  return JSON.parse(JSON.stringify(template).replace(/[0-9a-f]{64}(\.zip|\.json)?/g, '[asset-hash]$1'));
}

describe('AgentMonitoringStack', () => {
  let app: SynthesizedApp;

  beforeAll(() => {
    app = synthStack({ config: CONFIG });
  }, 120_000);

  it('passes cdk-nag AwsSolutions and the Control Tower cfn-guard rules with every acknowledgement reasoned', () => {
    // Assess
    const plugins = app.validationReport.pluginReports;
    expect(plugins.map((plugin) => plugin.pluginName).sort()).toEqual(['AwsSolutions', 'cdk-validator-cfnguard']);
    for (const plugin of plugins) {
      expect({ plugin: plugin.pluginName, conclusion: plugin.conclusion, violations: plugin.violations }).toEqual({
        plugin: plugin.pluginName,
        conclusion: 'success',
        violations: [],
      });
      for (const suppressed of plugin.suppressedViolations) expect(suppressed.reason.length).toBeGreaterThan(40);
    }
  });

  it('grants no wildcard action in any IAM policy', () => {
    // Assess
    const resources = Object.values(app.template.toJSON().Resources as Record<string, any>);
    const statements = resources
      .filter((resource) => resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::Role')
      .flatMap((resource) => [
        ...(resource.Properties.PolicyDocument?.Statement ?? []),
        ...(resource.Properties.Policies ?? []).flatMap((policy: any) => policy.PolicyDocument.Statement),
      ]);
    const actions = statements.flatMap((statement: any) => [statement.Action].flat());
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((action: string) => action.includes('*'))).toEqual([]);
    const roles = resources.filter((resource) => resource.Type === 'AWS::IAM::Role');
    expect(roles.filter((role) => role.Properties.ManagedPolicyArns)).toEqual([]);
  });

  it('keeps tables with point-in-time recovery, TTL and encryption', () => {
    // Assess
    app.template.resourceCountIs('AWS::DynamoDB::Table', 2);
    app.template.allResourcesProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('sets retention and a customer-managed key on every function log group', () => {
    // Assess
    const functions = app.template.findResources('AWS::Lambda::Function');
    const logGroups = app.template.findResources('AWS::Logs::LogGroup');
    expect(Object.keys(logGroups).length).toBeGreaterThanOrEqual(Object.keys(functions).length);
    for (const group of Object.values(logGroups)) {
      expect(group.Properties.RetentionInDays).toBeGreaterThanOrEqual(365);
      expect(group.Properties.KmsKeyId).toBeDefined();
    }
    for (const fn of Object.values(functions)) {
      expect(fn.Properties.LoggingConfig.LogGroup).toEqual({ Ref: expect.any(String) });
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Runtime).toBe('nodejs24.x');
    }
  });

  it('subscribes e-mail and SMS recipients to their severity topics, the Slack router to every topic and the PagerDuty router to the critical one', () => {
    // Prepare
    const routed = Object.values(app.template.findResources('AWS::SNS::Subscription', { Properties: { Protocol: 'lambda' } })).map((subscription) => [
      subscription.Properties.Endpoint['Fn::GetAtt'][0].replace(/Function.*$/, ''),
      subscription.Properties.TopicArn.Ref.replace(/[0-9A-F]{8}$/, ''),
    ]);

    // Assess
    app.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com' });
    app.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'sms', Endpoint: '+15555550100' });
    expect(routed.sort()).toEqual(
      [
        ['MonitoringAlertRouterPagerDuty', 'MonitoringAlertsCritical'],
        ['MonitoringAlertRouterSlack', 'MonitoringAlertsCritical'],
        ['MonitoringAlertRouterSlack', 'MonitoringAlertsInfo'],
        ['MonitoringAlertRouterSlack', 'MonitoringAlertsWarning'],
      ].sort(),
    );
    app.template.hasResourceProperties('AWS::Budgets::Budget', { Budget: Match.objectLike({ BudgetType: 'COST', TimeUnit: 'MONTHLY' }) });
  });

  it('has the dashboard and the top-spenders Contributor Insights rule on the agent log group', () => {
    // Assess
    app.template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    app.template.hasResourceProperties('AWS::CloudWatch::InsightRule', { RuleState: 'ENABLED', RuleName: 'support-bot-top-spenders' });
  });

  it('schedules the judge, whose alarms watch the real function, and lets it publish metrics only in the namespace', () => {
    // Assess
    app.template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)' });
    app.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'support-bot-judge-lambda-errors-warning',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('^MonitoringJudgeFunction') } }],
    });
    app.template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'cloudwatch:PutMetricData', Condition: { StringEquals: { 'cloudwatch:namespace': 'AgentMonitoring' } } }),
        ]),
      }),
    });
  });

  it('pages on the alert router’s own failures: the metric its log filter writes, and its real dead-letter queue', () => {
    // Prepare
    const critical = [{ Ref: Match.stringLikeRegexp('^MonitoringAlertsCritical') }];
    const filters = Object.values(app.template.findResources('AWS::Logs::MetricFilter')).map((f) => f.Properties.MetricTransformations[0]);
    const delivery = filters.find((t) => t.MetricName === 'alerts.delivery.failures');

    // Assess
    expect(delivery).toMatchObject({ MetricNamespace: 'AgentMonitoring', Dimensions: [{ Key: 'service', Value: '$.service' }] });
    app.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'support-bot-alert-delivery-failures-critical',
      Namespace: delivery.MetricNamespace,
      MetricName: delivery.MetricName,
      Dimensions: [{ Name: 'service', Value: 'support-bot' }],
      AlarmActions: critical,
    });
    app.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'support-bot-alert-dead-letters-critical',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MonitoringAlertRouterDeadLetters'), 'QueueName'] } }],
      AlarmActions: critical,
    });
  });

  it('outputs the agent function name that the README invokes, and the alert topics', () => {
    // Assess
    const outputs = app.template.toJSON().Outputs;
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining(['AgentFunctionName', 'JudgeFunctionName', 'DashboardName', 'AlertTopicCritical', 'AlertTopicWarning', 'AlertTopicInfo']),
    );
    expect(outputs.AgentFunctionName.Value).toEqual({ Ref: expect.stringMatching(/^AgentFunction/) });
  });

  it('gives the agent a deadline, a provider timeout and a Lambda timeout from its latency tier', () => {
    // Assess: real-time chat (P99 10 s) keeps the 25 s deadline inside a 30 s function.
    app.template.hasResourceProperties('AWS::Lambda::Function', {
      Timeout: 30,
      Environment: { Variables: Match.objectLike({ AGENT_DEADLINE_MS: '25000', LLM_TIMEOUT_MS: '20000' }) },
    });
    expect(tierTimeouts('document-analysis')).toEqual({ deadlineSeconds: 90, llmTimeoutSeconds: 60, functionTimeoutSeconds: 95 });
    expect(tierTimeouts('background-agent')).toEqual({ deadlineSeconds: 840, llmTimeoutSeconds: 600, functionTimeoutSeconds: 845 });
  });

  it('matches the snapshot, asset hashes removed', () => {
    expect(withoutAssetHashes(app.template.toJSON())).toMatchSnapshot();
  });
});
