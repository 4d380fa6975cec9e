import { App, Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { AgentTables } from '../../../lib/constructs/agent-tables';
import { JudgeFunction, type JudgeFunctionProps } from '../../../lib/constructs/judge-function';
import { AlertTopics } from '../../../lib/constructs/notifications/alert-topics';
import { cfnText } from '../../support/cfn-text';
import { synthConstructs } from '../../support/synth-construct';

function buildJudge(scope: Stack, overrides: Partial<JudgeFunctionProps> = {}): JudgeFunction {
  const tables = new AgentTables(scope, 'Tables');
  return new JudgeFunction(scope, 'Judge', {
    serviceName: 'shop',
    namespace: 'ShopAgent',
    samplesTable: tables.samples,
    budgetTable: tables.budget,
    dailyBudgetUsd: 40,
    driftTopic: new AlertTopics(scope, 'Alerts', { serviceName: 'shop' }).topics.warning,
    ...overrides,
  });
}

type Statement = { Sid?: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

function statementsOf(template: Template): Statement[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as { Properties: { PolicyDocument: { Statement: Statement[] } } }[];
  return policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement).map((statement) => cfnText(statement) as Statement);
}

const usesService = (service: string) => (statement: Statement) => [statement.Action].flat().some((action) => action.startsWith(`${service}:`));

const PROFILE_ARN = 'arn:aws:bedrock:eu-central-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-5-20250929-v1:0';

describe('JudgeFunction on Amazon Bedrock', () => {
  let template: Template;

  beforeAll(() => {
    ({ template } = synthConstructs((stack) => buildJudge(stack, { provider: 'bedrock', model: PROFILE_ARN })));
  });

  it('runs with JUDGE_PROVIDER=bedrock and the configured inference profile ARN, with no OpenAI key', () => {
    // Assess
    const [judge] = Object.values(template.findResources('AWS::Lambda::Function'));
    const variables = judge.Properties.Environment.Variables;
    expect(variables).toMatchObject({ JUDGE_PROVIDER: 'bedrock', JUDGE_MODEL: PROFILE_ARN });
    expect(variables).not.toHaveProperty('OPENAI_API_KEY_SECRET_ID');
  });

  it('may invoke the profile ARN as given and its foundation model only through it, and read no secret', () => {
    // Assess
    const statements = statementsOf(template);
    expect(statements.filter(usesService('bedrock'))).toEqual([
      { Sid: 'InvokeBedrockInferenceProfile', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: PROFILE_ARN },
      {
        Sid: 'InvokeBedrockModelThroughProfile',
        Effect: 'Allow',
        Action: 'bedrock:InvokeModel',
        Resource: 'arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0',
        Condition: { ArnEquals: { 'bedrock:InferenceProfileArn': PROFILE_ARN } },
      },
    ]);
    expect(statements.filter(usesService('secretsmanager'))).toEqual([]);
    expect(statements.filter(usesService('cloudwatch'))).toEqual([expect.objectContaining({ Sid: 'PutJudgeMetrics' })]);
  });

  it('defaults a Bedrock judge to Amazon Nova Lite in the stack region', () => {
    // Act
    const { template: defaults } = synthConstructs((stack) => buildJudge(stack, { provider: 'bedrock' }));

    // Assess
    const [judge] = Object.values(defaults.findResources('AWS::Lambda::Function'));
    expect(judge.Properties.Environment.Variables).toMatchObject({ JUDGE_PROVIDER: 'bedrock', JUDGE_MODEL: 'amazon.nova-lite-v1:0' });
    expect(statementsOf(defaults).filter(usesService('bedrock'))).toEqual([
      { Sid: 'InvokeBedrockModel', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/amazon.nova-lite-v1:0' },
    ]);
  });

  it.each<[string, Partial<JudgeFunctionProps>, boolean, RegExp]>([
    ['an OpenAI key given to a Bedrock judge', { provider: 'bedrock' }, true, /JudgeFunction: apiKeySecret is for the openai provider only/],
    ['no OpenAI key for an OpenAI judge', { provider: 'openai' }, false, /JudgeFunction: apiKeySecret .* is required with the openai provider/],
    ['a malformed Bedrock model id', { provider: 'bedrock', model: 'amazon.' }, false, /"amazon\." is not an Amazon Bedrock model id/],
  ])('refuses %s', (_case, overrides, givesKey, message) => {
    // Prepare
    const stack = new Stack(new App(), 'Refused');
    const apiKeySecret = givesKey ? secretsmanager.Secret.fromSecretNameV2(stack, 'Key', 'shop/openai') : undefined;

    // Act
    const build = () => buildJudge(stack, { ...overrides, apiKeySecret });

    // Assess
    expect(build).toThrow(message);
  });
});
