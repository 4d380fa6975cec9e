import { App, Stack } from 'aws-cdk-lib';
import { bedrockModelAccess } from '../../../lib/constructs/bedrock-model-access';
import { cfnText } from '../../support/cfn-text';

/** The statements `bedrockModelAccess` gives for `modelId`, as the template will hold them, ARNs written out. */
function statementsFor(modelId: string, env?: { account: string; region: string }): unknown[] {
  const stack = new Stack(new App(), 'BedrockAccess', env ? { env } : {});
  return bedrockModelAccess(stack, modelId).statements.map((statement) => cfnText(stack.resolve(statement.toStatementJson())));
}

const THROUGH_PROFILE = 'bedrock:InferenceProfileArn';

describe('bedrockModelAccess', () => {
  it('grants a foundation model id in the stack region only', () => {
    // Act
    const statements = statementsFor('amazon.nova-lite-v1:0');

    // Assess
    expect(statements).toEqual([
      { Sid: 'InvokeBedrockModel', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/amazon.nova-lite-v1:0' },
    ]);
  });

  it('writes the region and account of a stack with an environment (the partition stays the pseudo parameter)', () => {
    // Act
    const statements = statementsFor('eu.amazon.nova-pro-v1:0', { account: '123456789012', region: 'eu-west-1' });

    // Assess
    const profile = 'arn:${AWS::Partition}:bedrock:eu-west-1:123456789012:inference-profile/eu.amazon.nova-pro-v1:0';
    expect(statements).toEqual([
      { Sid: 'InvokeBedrockInferenceProfile', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: profile },
      {
        Sid: 'InvokeBedrockModelThroughProfile',
        Effect: 'Allow',
        Action: 'bedrock:InvokeModel',
        Resource: 'arn:${AWS::Partition}:bedrock:*::foundation-model/amazon.nova-pro-v1:0',
        Condition: { ArnEquals: { [THROUGH_PROFILE]: profile } },
      },
    ]);
  });

  it.each([
    ['us.anthropic.claude-haiku-4-5-20251001-v1:0', 'anthropic.claude-haiku-4-5-20251001-v1:0'],
    ['global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'anthropic.claude-sonnet-4-5-20250929-v1:0'],
  ])('grants the inference profile %s, and its foundation model in any region only through that profile', (profileId, baseModelId) => {
    // Act
    const statements = statementsFor(profileId);

    // Assess
    const profile = `arn:\${AWS::Partition}:bedrock:\${AWS::Region}:\${AWS::AccountId}:inference-profile/${profileId}`;
    expect(statements).toEqual([
      { Sid: 'InvokeBedrockInferenceProfile', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: profile },
      {
        Sid: 'InvokeBedrockModelThroughProfile',
        Effect: 'Allow',
        Action: 'bedrock:InvokeModel',
        Resource: `arn:\${AWS::Partition}:bedrock:*::foundation-model/${baseModelId}`,
        Condition: { ArnEquals: { [THROUGH_PROFILE]: profile } },
      },
    ]);
  });

  it('grants a foundation-model ARN as given', () => {
    // Act
    const statements = statementsFor('arn:aws:bedrock:us-west-2::foundation-model/meta.llama3-3-70b-instruct-v1:0');

    // Assess
    expect(statements).toEqual([
      { Sid: 'InvokeBedrockModel', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:us-west-2::foundation-model/meta.llama3-3-70b-instruct-v1:0' },
    ]);
  });

  it('grants an inference-profile ARN as given, and its foundation model in its partition through it', () => {
    // Act
    const profile = 'arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:inference-profile/us-gov.anthropic.claude-3-5-sonnet-20240620-v1:0';
    const statements = statementsFor(profile);

    // Assess
    expect(statements).toEqual([
      { Sid: 'InvokeBedrockInferenceProfile', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: profile },
      {
        Sid: 'InvokeBedrockModelThroughProfile',
        Effect: 'Allow',
        Action: 'bedrock:InvokeModel',
        Resource: 'arn:aws-us-gov:bedrock:*::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0',
        Condition: { ArnEquals: { [THROUGH_PROFILE]: profile } },
      },
    ]);
  });

  it('grants an application inference profile ARN, and whatever foundation model it routes to only through it', () => {
    // Act
    const profile = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6';
    const statements = statementsFor(profile);

    // Assess
    expect(statements).toEqual([
      { Sid: 'InvokeBedrockInferenceProfile', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: profile },
      {
        Sid: 'InvokeBedrockModelThroughProfile',
        Effect: 'Allow',
        Action: 'bedrock:InvokeModel',
        Resource: 'arn:aws:bedrock:*::foundation-model/*',
        Condition: { ArnEquals: { [THROUGH_PROFILE]: profile } },
      },
    ]);
  });

  it('refuses an OpenAI model name, saying why', () => {
    // Act
    const grant = () => statementsFor('gpt-4o-mini');

    // Assess
    expect(grant).toThrow(/"gpt-4o-mini" is not an Amazon Bedrock model id: a Bedrock model id is provider.model/);
  });
});
