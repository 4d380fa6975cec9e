import { App, Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { AgentFunction, type AgentFunctionProps } from '../../../lib/constructs/agent-function';
import { cfnText } from '../../support/cfn-text';
import { synthConstructs } from '../../support/synth-construct';

function buildAgent(stack: Stack, overrides: Partial<AgentFunctionProps> = {}): AgentFunction {
  return new AgentFunction(stack, 'Agent', {
    serviceName: 'support-bot',
    namespace: 'AgentMonitoring',
    dailyBudgetUsd: 20,
    budgetTable: dynamodb.Table.fromTableName(stack, 'Budget', 'budget'),
    samplesTable: dynamodb.Table.fromTableName(stack, 'Samples', 'samples'),
    ...overrides,
  });
}

type Statement = { Sid?: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

function statementsOf(template: Template): Statement[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as { Properties: { PolicyDocument: { Statement: Statement[] } } }[];
  return policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement).map((statement) => cfnText(statement) as Statement);
}

const usesService = (service: string) => (statement: Statement) => [statement.Action].flat().some((action) => action.startsWith(`${service}:`));

describe('AgentFunction on Amazon Bedrock', () => {
  let template: Template;

  beforeAll(() => {
    ({ template } = synthConstructs((stack) => buildAgent(stack, { provider: 'bedrock' })));
  });

  it('runs with AGENT_PROVIDER=bedrock and Amazon Nova Lite by default, with no OpenAI key', () => {
    // Assess
    const [agent] = Object.values(template.findResources('AWS::Lambda::Function'));
    const variables = agent.Properties.Environment.Variables;
    expect(variables).toMatchObject({ AGENT_PROVIDER: 'bedrock', AGENT_MODEL: 'amazon.nova-lite-v1:0' });
    expect(variables).not.toHaveProperty('OPENAI_API_KEY_SECRET_ID');
  });

  it('may invoke exactly its foundation model in the stack region, and read only the pseudonym key', () => {
    // Assess
    const statements = statementsOf(template);
    expect(statements.filter(usesService('bedrock'))).toEqual([
      { Sid: 'InvokeBedrockModel', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/amazon.nova-lite-v1:0' },
    ]);
    const [pseudonymKey] = Object.keys(template.findResources('AWS::SecretsManager::Secret'));
    expect(statements.filter(usesService('secretsmanager'))).toEqual([expect.objectContaining({ Resource: { Ref: pseudonymKey } })]);
    template.hasResourceProperties('AWS::IAM::Role', { Description: 'agent: writes its own logs, budget counters and samples; reads the pseudonym key; invokes its Bedrock model' });
  });

  it('may invoke an inference profile, and its foundation model in the regions it routes to only through it', () => {
    // Act
    const { template: profiled } = synthConstructs((stack) => buildAgent(stack, { provider: 'bedrock', model: 'us.anthropic.claude-haiku-4-5-20251001-v1:0' }));

    // Assess
    const profile = 'arn:${AWS::Partition}:bedrock:${AWS::Region}:${AWS::AccountId}:inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0';
    expect(statementsOf(profiled).filter(usesService('bedrock'))).toEqual([
      { Sid: 'InvokeBedrockInferenceProfile', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: profile },
      {
        Sid: 'InvokeBedrockModelThroughProfile',
        Effect: 'Allow',
        Action: 'bedrock:InvokeModel',
        Resource: 'arn:${AWS::Partition}:bedrock:*::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0',
        Condition: { ArnEquals: { 'bedrock:InferenceProfileArn': profile } },
      },
    ]);
    profiled.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ AGENT_PROVIDER: 'bedrock', AGENT_MODEL: 'us.anthropic.claude-haiku-4-5-20251001-v1:0' }) },
    });
  });

  it('keeps the OpenAI agent as it was: no AGENT_PROVIDER, the key secret read, no Bedrock permission', () => {
    // Act
    const { template: openai } = synthConstructs((stack) =>
      buildAgent(stack, { apiKeySecret: secretsmanager.Secret.fromSecretNameV2(stack, 'OpenAiKey', 'openai-key') }),
    );

    // Assess
    const [agent] = Object.values(openai.findResources('AWS::Lambda::Function'));
    expect(agent.Properties.Environment.Variables).toMatchObject({ AGENT_MODEL: 'gpt-4o-mini', OPENAI_API_KEY_SECRET_ID: 'openai-key' });
    expect(agent.Properties.Environment.Variables).not.toHaveProperty('AGENT_PROVIDER');
    expect(statementsOf(openai).filter(usesService('bedrock'))).toEqual([]);
    expect(JSON.stringify(statementsOf(openai).filter(usesService('secretsmanager')))).toContain('secret:openai-key');
  });

  it.each<[string, Partial<AgentFunctionProps>, boolean, RegExp]>([
    ['an OpenAI key given to a Bedrock agent', { provider: 'bedrock' }, true, /apiKeySecret is for the openai provider only/],
    ['no OpenAI key for an OpenAI agent', {}, false, /apiKeySecret \(the Secrets Manager secret of the OpenAI API key\) is required with the openai provider/],
    ['an OpenAI model for a Bedrock agent', { provider: 'bedrock', model: 'gpt-4o-mini' }, false, /"gpt-4o-mini" is not an Amazon Bedrock model id/],
  ])('refuses %s, naming the prop', (_case, overrides, givesKey, message) => {
    // Prepare
    const stack = new Stack(new App(), 'Refused');
    const apiKeySecret = givesKey ? secretsmanager.Secret.fromSecretNameV2(stack, 'Key', 'openai-key') : undefined;

    // Act
    const build = () => buildAgent(stack, { ...overrides, apiKeySecret });

    // Assess
    expect(build).toThrow(message);
  });
});
