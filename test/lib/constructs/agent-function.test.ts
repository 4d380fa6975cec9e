import { Match } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Stack } from 'aws-cdk-lib';
import { AgentFunction, type AgentFunctionProps } from '../../../lib/constructs/agent-function';
import { synthConstructs } from '../../support/synth-construct';

function buildAgent(stack: Stack, overrides: Partial<AgentFunctionProps> = {}): AgentFunction {
  return new AgentFunction(stack, 'Agent', {
    serviceName: 'support-bot',
    namespace: 'AgentMonitoring',
    dailyBudgetUsd: 20,
    budgetTable: dynamodb.Table.fromTableName(stack, 'Budget', 'budget'),
    samplesTable: dynamodb.Table.fromTableName(stack, 'Samples', 'samples'),
    apiKeySecret: secretsmanager.Secret.fromSecretNameV2(stack, 'OpenAiKey', 'openai-key'),
    ...overrides,
  });
}

type Statement = { Action: string | string[]; Resource: unknown };

function secretStatements(template: ReturnType<typeof synthConstructs>['template']): Statement[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as { Properties: { PolicyDocument: { Statement: Statement[] } } }[];
  return policies
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
    .filter((statement) => [statement.Action].flat().some((action) => action.startsWith('secretsmanager:')));
}

describe('AgentFunction pseudonym key', () => {
  it('generates a key secret for the deployment and hands the agent its ARN, readable by the agent role only', () => {
    // Act
    const { template } = synthConstructs((stack) => buildAgent(stack));

    // Assess
    const secrets = template.findResources('AWS::SecretsManager::Secret');
    const [secretId] = Object.keys(secrets);
    expect(Object.keys(secrets)).toHaveLength(1);
    expect(secrets[secretId].Properties).toMatchObject({
      Description: 'support-bot: key of the user and session id pseudonyms in samples kept for judging',
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ SAMPLE_PSEUDONYM_KEY_SECRET_ID: { Ref: secretId } }) },
    });
    expect(secretStatements(template)).toHaveLength(2); // the OpenAI key and this one
    expect(secretStatements(template)).toContainEqual({
      Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      Effect: 'Allow',
      Resource: { Ref: secretId },
    });
  });

  it('uses a given key secret instead of generating one', () => {
    // Act
    const { template } = synthConstructs((stack) =>
      buildAgent(stack, { pseudonymKeySecret: secretsmanager.Secret.fromSecretCompleteArn(stack, 'Key', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:team/pseudonym-key-AbCdEf') }),
    );

    // Assess
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ SAMPLE_PSEUDONYM_KEY_SECRET_ID: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:team/pseudonym-key-AbCdEf' }) },
    });
  });
});
