import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { METRICS } from '../../../lib/catalog/metrics';
import { AlertRouter } from '../../../lib/constructs/notifications/alert-router';
import { AlertTopics, type AlertTopicsProps } from '../../../lib/constructs/notifications/alert-topics';
import { MonthlyBudget } from '../../../lib/constructs/notifications/monthly-budget';
import { synthConstructs } from '../../support/synth-construct';

const SLACK_SECRET = 'agent-monitoring/slack-webhook';
const PAGERDUTY_SECRET = 'agent-monitoring/pagerduty-routing-key';

type Resources = Record<string, { Properties: any; DependsOn?: string[] }>;

function onlyOne(resources: Resources): [string, any] {
  const entries = Object.entries(resources);
  expect(entries).toHaveLength(1);
  const [id, resource] = entries[0];
  return [id, resource.Properties];
}

function logicalIdOf(stack: Stack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as never);
}

/** Every construct of the notification path in one bare stack, as the monitoring stack will use them. */
describe('notification constructs', () => {
  let template: Template;
  let stack: Stack;
  let ids: { key: string; critical: string; warning: string; info: string; queue: string; slack: string; slackLogs: string; pagerDuty: string; pagerDutyLogs: string };

  beforeAll(() => {
    const synthesized = synthConstructs((scope) => {
      const alerts = new AlertTopics(scope, 'Alerts', {
        serviceName: 'agent',
        email: { critical: ['oncall@example.com', 'oncall@example.com'], warning: ['team@example.com'] },
        sms: { critical: ['+14155550100'] },
      });
      const router = new AlertRouter(scope, 'Router', {
        topics: alerts.topics,
        slackWebhookSecretName: SLACK_SECRET,
        pagerDutyRoutingKeySecretName: PAGERDUTY_SECRET,
      });
      new MonthlyBudget(scope, 'Budget', { monthlyBudgetUsd: 250, topics: alerts.topics, budgetName: 'agent-monthly' });
      return { alerts, router };
    });
    ({ template, stack } = synthesized);
    const { alerts, router } = synthesized.built;
    ids = {
      key: logicalIdOf(stack, alerts.key),
      critical: logicalIdOf(stack, alerts.topics.critical),
      warning: logicalIdOf(stack, alerts.topics.warning),
      info: logicalIdOf(stack, alerts.topics.info),
      queue: logicalIdOf(stack, router.deadLetterQueue),
      slack: logicalIdOf(stack, router.targets.slack!.function),
      slackLogs: logicalIdOf(stack, router.targets.slack!.logGroup),
      pagerDuty: logicalIdOf(stack, router.targets.pagerduty!.function),
      pagerDutyLogs: logicalIdOf(stack, router.targets.pagerduty!.logGroup),
    };
  });

  describe('AlertTopics', () => {
    it('creates one topic per severity, all encrypted with the one customer-managed key', () => {
      // Assess
      template.resourceCountIs('AWS::SNS::Topic', 3);
      template.resourceCountIs('AWS::KMS::Key', 1);
      for (const severity of ['critical', 'warning', 'info']) {
        template.hasResourceProperties('AWS::SNS::Topic', {
          TopicName: `agent-alerts-${severity}`,
          KmsMasterKeyId: { 'Fn::GetAtt': [ids.key, 'Arn'] },
        });
      }
    });

    it('rotates the key and lets CloudWatch and AWS Budgets use it', () => {
      // Assess
      template.hasResourceProperties('AWS::KMS::Key', {
        EnableKeyRotation: true,
        KeyPolicy: {
          Statement: Match.arrayWith(
            ['cloudwatch.amazonaws.com', 'budgets.amazonaws.com'].map((service) =>
              Match.objectLike({ Effect: 'Allow', Principal: { Service: service }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
            ),
          ),
        },
      });
    });

    it('gives every topic a policy that refuses publishes without TLS and admits this account’s alarms and budgets only', () => {
      // Prepare
      const policies = Object.values(template.findResources('AWS::SNS::TopicPolicy') as Resources);

      // Assess
      expect(policies.map((policy) => policy.Properties.Topics[0].Ref).sort()).toEqual([ids.critical, ids.info, ids.warning].sort());
      for (const policy of policies) {
        const statements = policy.Properties.PolicyDocument.Statement;
        expect(statements).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            expect.objectContaining({
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: 'sns:Publish',
              Condition: {
                StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
                ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':alarm:*']] } },
              },
            }),
            expect.objectContaining({
              Effect: 'Allow',
              Principal: { Service: 'budgets.amazonaws.com' },
              Action: 'sns:Publish',
              Condition: {
                StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
                ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':budgets::', { Ref: 'AWS::AccountId' }, ':*']] } },
              },
            }),
          ]),
        );
      }
    });

    it('subscribes the e-mail addresses and SMS numbers of each severity, once each', () => {
      // Prepare
      const subscriptions = Object.values(template.findResources('AWS::SNS::Subscription') as Resources)
        .map((subscription) => subscription.Properties)
        .filter((properties) => properties.Protocol !== 'lambda')
        .map((properties) => [properties.Protocol, properties.Endpoint, properties.TopicArn.Ref]);

      // Assess
      expect(subscriptions.sort()).toEqual(
        [
          ['email', 'oncall@example.com', ids.critical],
          ['email', 'team@example.com', ids.warning],
          ['sms', '+14155550100', ids.critical],
        ].sort(),
      );
    });

    it.each<[string, AlertTopicsProps, string]>([
      ['a malformed e-mail address', { email: { warning: ['not-an-address'] } }, 'email.warning: "not-an-address" is not an e-mail address'],
      ['a phone number not in E.164', { sms: { critical: ['0155 5501'] } }, 'sms.critical: "0155 5501" is not an E.164 phone number'],
    ])('refuses %s at synth, naming the setting', (_case, props, message) => {
      // Act
      const build = () => new AlertTopics(new Stack(), 'Alerts', props);

      // Assess
      expect(build).toThrow(message);
    });
  });

  describe('AlertRouter', () => {
    function lambdaSubscriptions(): { topic: string; endpoint: string; redrive: unknown }[] {
      return Object.values(template.findResources('AWS::SNS::Subscription', { Properties: { Protocol: 'lambda' } }) as Resources).map(({ Properties }) => ({
        topic: Properties.TopicArn.Ref,
        endpoint: Properties.Endpoint['Fn::GetAtt'][0],
        redrive: Properties.RedrivePolicy,
      }));
    }

    it('deploys one function per target, on Node.js 24 arm64, each with its own retained log group and only its own secret name', () => {
      // Prepare
      const functions = template.findResources('AWS::Lambda::Function') as Resources;
      const topicArns = { ALERT_TOPIC_ARN_CRITICAL: { Ref: ids.critical }, ALERT_TOPIC_ARN_WARNING: { Ref: ids.warning }, ALERT_TOPIC_ARN_INFO: { Ref: ids.info } };

      // Assess
      expect(Object.keys(functions).sort()).toEqual([ids.pagerDuty, ids.slack].sort());
      expect(functions[ids.slack].Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Description: 'agent alert router: SNS alerts to Slack',
        LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: ids.slackLogs } },
        Environment: { Variables: { POWERTOOLS_SERVICE_NAME: 'agent', SLACK_WEBHOOK_SECRET_ID: SLACK_SECRET, ...topicArns } },
      });
      expect(functions[ids.pagerDuty].Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Description: 'agent alert router: SNS alerts to PagerDuty',
        LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: ids.pagerDutyLogs } },
        Environment: { Variables: { POWERTOOLS_SERVICE_NAME: 'agent', PAGERDUTY_ROUTING_KEY_SECRET_ID: PAGERDUTY_SECRET, ...topicArns } },
      });
      expect(functions[ids.slack].Properties.Environment.Variables).not.toHaveProperty('PAGERDUTY_ROUTING_KEY_SECRET_ID');
      expect(functions[ids.pagerDuty].Properties.Environment.Variables).not.toHaveProperty('SLACK_WEBHOOK_SECRET_ID');
      template.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 365 }, 2);
    });

    it('subscribes Slack to the three topics and PagerDuty to the critical one, each subscription with the dead-letter queue for what SNS cannot hand over', () => {
      // Prepare
      const subscriptions = lambdaSubscriptions();

      // Assess
      expect(subscriptions.map(({ topic, endpoint }) => [endpoint, topic]).sort()).toEqual(
        [
          [ids.slack, ids.critical],
          [ids.slack, ids.warning],
          [ids.slack, ids.info],
          [ids.pagerDuty, ids.critical],
        ].sort(),
      );
      for (const { redrive } of subscriptions) expect(redrive).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [ids.queue, 'Arn'] } });
      template.resourcePropertiesCountIs('AWS::Lambda::Permission', { Principal: 'sns.amazonaws.com', Action: 'lambda:InvokeFunction' }, 4);
    });

    it('retries a failed invocation of each target twice, on its own, then sends it to the encrypted, TLS-only dead-letter queue', () => {
      // Assess
      for (const fn of [ids.slack, ids.pagerDuty]) {
        template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
          FunctionName: { Ref: fn },
          MaximumRetryAttempts: 2,
          MaximumEventAgeInSeconds: 6 * 3600,
          DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [ids.queue, 'Arn'] } } },
        });
      }
      template.resourceCountIs('AWS::Lambda::EventInvokeConfig', 2);
      template.resourceCountIs('AWS::SQS::Queue', 1);
      template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    });

    it('gives each target its own role granting only named actions: its logs, the dead-letter queue, its own secret', () => {
      // Prepare
      const policies = Object.values(template.findResources('AWS::IAM::Policy') as Resources).map(({ Properties }) => Properties.PolicyDocument.Statement);

      // Assess
      expect(policies).toHaveLength(2);
      const secretsOf = policies.map((statements: { Action: string | string[]; Resource: unknown }[]) => {
        const actions = statements.flatMap((statement) => [statement.Action].flat());
        expect(actions.filter((action) => action.includes('*'))).toEqual([]);
        expect(actions.sort()).toEqual(
          ['logs:CreateLogStream', 'logs:PutLogEvents', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage', 'secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'].sort(),
        );
        return statements.filter((statement) => [statement.Action].flat().includes('secretsmanager:GetSecretValue')).map((statement) => JSON.stringify(statement.Resource));
      });
      expect(secretsOf.flat().sort()).toEqual([expect.stringContaining(`:secret:${PAGERDUTY_SECRET}-??????`), expect.stringContaining(`:secret:${SLACK_SECRET}-??????`)]);
      template.resourceCountIs('AWS::IAM::Role', 2);
      template.allResourcesProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
    });

    it('counts failed deliveries from the log lines of every target', () => {
      // Assess
      for (const logs of [ids.slackLogs, ids.pagerDutyLogs]) {
        template.hasResourceProperties('AWS::Logs::MetricFilter', {
          LogGroupName: { Ref: logs },
          FilterPattern: '{ $.message = "alert delivery failed" }',
          MetricTransformations: [{ MetricNamespace: 'AgentMonitoring', MetricName: METRICS.alertDeliveryFailures.name, MetricValue: '1', Dimensions: [{ Key: 'service', Value: '$.service' }] }],
        });
      }
    });

    it('deploys no function, and grants nothing, for a target whose secret name is not given', () => {
      // Prepare
      const { template: slackOnly } = synthConstructs((scope) => {
        const alerts = new AlertTopics(scope, 'Alerts');
        new AlertRouter(scope, 'Router', { topics: alerts.topics, slackWebhookSecretName: SLACK_SECRET });
      });
      const { template: none } = synthConstructs((scope) => {
        const alerts = new AlertTopics(scope, 'Alerts');
        new AlertRouter(scope, 'Router', { topics: alerts.topics });
      });

      // Act
      const [, fn] = onlyOne(slackOnly.findResources('AWS::Lambda::Function') as Resources);
      const [, policy] = onlyOne(slackOnly.findResources('AWS::IAM::Policy') as Resources);

      // Assess
      expect(fn.Environment.Variables).not.toHaveProperty('PAGERDUTY_ROUTING_KEY_SECRET_ID');
      expect(JSON.stringify(policy.PolicyDocument)).not.toContain('pagerduty');
      none.resourceCountIs('AWS::Lambda::Function', 0);
      none.resourceCountIs('AWS::SQS::Queue', 1);
    });
  });

  describe('MonthlyBudget', () => {
    it('budgets the monthly cost and notifies the warning topic at 80 % actual and 100 % forecast, the critical topic at 100 % actual', () => {
      // Prepare
      const [, budget] = onlyOne(template.findResources('AWS::Budgets::Budget') as Resources);

      // Assess
      expect(budget.Budget).toEqual({ BudgetName: 'agent-monthly', BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: 250, Unit: 'USD' } });
      expect(
        budget.NotificationsWithSubscribers.map((entry: any) => [
          entry.Notification.NotificationType,
          entry.Notification.ComparisonOperator,
          entry.Notification.Threshold,
          entry.Notification.ThresholdType,
          entry.Subscribers,
        ]),
      ).toEqual([
        ['ACTUAL', 'GREATER_THAN', 80, 'PERCENTAGE', [{ SubscriptionType: 'SNS', Address: { Ref: ids.warning } }]],
        ['ACTUAL', 'GREATER_THAN', 100, 'PERCENTAGE', [{ SubscriptionType: 'SNS', Address: { Ref: ids.critical } }]],
        ['FORECASTED', 'GREATER_THAN', 100, 'PERCENTAGE', [{ SubscriptionType: 'SNS', Address: { Ref: ids.warning } }]],
      ]);
    });

    it('is created after the topic policies that let AWS Budgets publish', () => {
      // Prepare
      const [, resource] = Object.entries(template.findResources('AWS::Budgets::Budget') as Resources)[0];
      const policyIds = Object.entries(template.findResources('AWS::SNS::TopicPolicy') as Resources)
        .filter(([, policy]) => [ids.critical, ids.warning].includes(policy.Properties.Topics[0].Ref))
        .map(([id]) => id);

      // Assess
      expect(resource.DependsOn).toEqual(expect.arrayContaining(policyIds));
      expect(policyIds).toHaveLength(2);
    });

    it.each([0, -5, Number.NaN])('refuses a monthly budget of %s USD at synth, naming the setting', (monthlyBudgetUsd) => {
      // Prepare
      const scope = new Stack();
      const alerts = new AlertTopics(scope, 'Alerts');

      // Act
      const build = () => new MonthlyBudget(scope, 'Budget', { monthlyBudgetUsd, topics: alerts.topics });

      // Assess
      expect(build).toThrow(`monthlyBudgetUsd must be a positive number of USD, got ${monthlyBudgetUsd}`);
    });
  });
});
