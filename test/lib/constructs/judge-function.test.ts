import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { AgentTables } from '../../../lib/constructs/agent-tables';
import { JudgeFunction } from '../../../lib/constructs/judge-function';
import { AlertTopics } from '../../../lib/constructs/notifications/alert-topics';
import { synthConstructs } from '../../support/synth-construct';

type Statement = { Sid?: string; Action: string | string[]; Resource: unknown; Condition?: unknown; Effect: string };

function resolveId(stack: Stack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as never);
}

/** The judge construct in a bare stack, with the tables, the secret and the alert topics it is wired to. */
describe('JudgeFunction', () => {
  let template: Template;
  let stack: Stack;
  let ids: { fn: string; logs: string; samples: string; budget: string; warning: string; key: string };
  let statements: Statement[];

  beforeAll(() => {
    const synthesized = synthConstructs((scope) => {
      const tables = new AgentTables(scope, 'Tables');
      const alerts = new AlertTopics(scope, 'Alerts', { serviceName: 'shop' });
      const judge = new JudgeFunction(scope, 'Judge', {
        serviceName: 'shop',
        namespace: 'ShopAgent',
        samplesTable: tables.samples,
        budgetTable: tables.budget,
        dailyBudgetUsd: 40,
        apiKeySecret: secretsmanager.Secret.fromSecretNameV2(scope, 'Key', 'shop/openai'),
        driftTopic: alerts.topics.warning,
        schedule: 'rate(10 minutes)',
        concurrency: 4,
        drift: { absoluteThreshold: 0.75, windowSize: 200 },
        runbookBaseUrl: 'https://wiki.example.com/shop/runbooks',
      });
      return { tables, alerts, judge };
    });
    ({ template, stack } = synthesized);
    const { tables, alerts, judge } = synthesized.built;
    ids = {
      fn: resolveId(stack, judge.function),
      logs: resolveId(stack, judge.logGroup),
      samples: resolveId(stack, tables.samples),
      budget: resolveId(stack, tables.budget),
      warning: resolveId(stack, alerts.topics.warning),
      key: resolveId(stack, alerts.key),
    };
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as { Properties: { PolicyDocument: { Statement: Statement[] } } }[];
    statements = policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement);
  });

  function actionsOf(statement: Statement): string[] {
    return ([] as string[]).concat(statement.Action);
  }

  it('is a judge Lambda with a five-minute timeout, its own log group and the judge settings', () => {
    // Assess
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'shop-judge',
      Handler: 'index.handler',
      Timeout: 300,
      LoggingConfig: { LogGroup: { Ref: ids.logs }, LogFormat: 'JSON' },
      Environment: {
        Variables: Match.objectEquals({
          SERVICE_NAME: 'shop',
          POWERTOOLS_SERVICE_NAME: 'shop',
          METRICS_NAMESPACE: 'ShopAgent',
          POWERTOOLS_METRICS_NAMESPACE: 'ShopAgent',
          JUDGE_MODEL: 'gpt-4o-mini',
          SAMPLES_TABLE_NAME: { Ref: ids.samples },
          BUDGET_TABLE_NAME: { Ref: ids.budget },
          DAILY_BUDGET_USD: '40',
          OPENAI_API_KEY_SECRET_ID: 'shop/openai',
          DRIFT_TOPIC_ARN: { Ref: ids.warning },
          JUDGE_CONCURRENCY: '4',
          DRIFT_WINDOW_SIZE: '200',
          DRIFT_ABSOLUTE_THRESHOLD: '0.75',
          RUNBOOK_BASE_URL: 'https://wiki.example.com/shop/runbooks',
        }),
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 0 });
    expect(template.findResources('AWS::Lambda::Function', { Properties: { ReservedConcurrentExecutions: Match.anyValue() } })).toEqual({});
  });

  it('runs on its EventBridge schedule', () => {
    // Assess
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(10 minutes)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [ids.fn, 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 0 } })],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com' });
  });

  it('may put metrics only in its namespace, with no wildcard action', () => {
    // Assess
    const metrics = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('cloudwatch:')));
    expect(metrics).toEqual([
      { Sid: 'PutJudgeMetrics', Effect: 'Allow', Action: 'cloudwatch:PutMetricData', Resource: '*', Condition: { StringEquals: { 'cloudwatch:namespace': 'ShopAgent' } } },
    ]);
  });

  it('may publish to the drift topic only, with its key', () => {
    // Assess
    const publish = statements.filter((statement) => actionsOf(statement).includes('sns:Publish'));
    expect(publish).toEqual([expect.objectContaining({ Resource: { Ref: ids.warning } })]);
    const kms = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('kms:')));
    expect(kms).toEqual([expect.objectContaining({ Resource: { 'Fn::GetAtt': [ids.key, 'Arn'] } })]);
  });

  it('may read and update samples through the status index, and the budget counters', () => {
    // Assess
    const onTable = (id: string) =>
      statements.filter((statement) => JSON.stringify(statement.Resource).includes(`"${id}"`) && actionsOf(statement).some((action) => action.startsWith('dynamodb:')));
    const [samples, samplesIndex] = onTable(ids.samples);
    expect(actionsOf(samples).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    expect(actionsOf(samplesIndex)).toEqual(['dynamodb:Query']);
    expect(JSON.stringify(samplesIndex.Resource)).toContain('/index/by-status');
    expect(JSON.stringify(statements)).not.toContain('/index/*');
    expect(actionsOf(onTable(ids.budget)[0]).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    expect(statements.some((statement) => actionsOf(statement).some((action) => ['dynamodb:Scan', 'dynamodb:DeleteItem', 'dynamodb:*'].includes(action)))).toBe(false);
  });

  it('may read the OpenAI key secret', () => {
    // Assess
    const secret = statements.find((statement) => actionsOf(statement).includes('secretsmanager:GetSecretValue'));
    expect(JSON.stringify(secret?.Resource)).toContain('secret:shop/openai');
  });

  it('defaults to every five minutes, the default model and a named function', () => {
    // Act
    const { template: defaults } = synthConstructs((scope) => {
      const tables = new AgentTables(scope, 'Tables');
      new JudgeFunction(scope, 'Judge', {
        serviceName: 'agent',
        namespace: 'AgentMonitoring',
        samplesTable: tables.samples,
        budgetTable: tables.budget,
        dailyBudgetUsd: 50,
        apiKeySecret: secretsmanager.Secret.fromSecretNameV2(scope, 'Key', 'agent/openai'),
        driftTopic: new AlertTopics(scope, 'Alerts').topics.warning,
        timeout: Duration.minutes(10),
      });
    });

    // Assess
    defaults.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)' });
    defaults.hasResourceProperties('AWS::Lambda::Function', { FunctionName: 'agent-judge', Timeout: 600, Environment: { Variables: Match.objectLike({ JUDGE_MODEL: 'gpt-4o-mini' }) } });
  });
});
