import { bedrockModelIdProblem, BedrockModelIdError, parseBedrockModelId } from '../../../../functions/shared/llm/bedrock-model-id';

describe('parseBedrockModelId', () => {
  it.each([
    ['amazon.nova-lite-v1:0', 'foundation-model', 'amazon.nova-lite-v1:0', 'amazon'],
    ['anthropic.claude-haiku-4-5-20251001-v1:0', 'foundation-model', 'anthropic.claude-haiku-4-5-20251001-v1:0', 'anthropic'],
    ['meta.llama3-3-70b-instruct-v1:0', 'foundation-model', 'meta.llama3-3-70b-instruct-v1:0', 'meta'],
    ['amazon.titan-text-express-v1:0:8k', 'foundation-model', 'amazon.titan-text-express-v1:0:8k', 'amazon'],
    ['us.amazon.nova-lite-v1:0', 'inference-profile', 'amazon.nova-lite-v1:0', 'amazon'],
    ['eu.anthropic.claude-sonnet-4-5-20250929-v1:0', 'inference-profile', 'anthropic.claude-sonnet-4-5-20250929-v1:0', 'anthropic'],
    ['apac.amazon.nova-pro-v1:0', 'inference-profile', 'amazon.nova-pro-v1:0', 'amazon'],
    ['global.anthropic.claude-haiku-4-5-20251001-v1:0', 'inference-profile', 'anthropic.claude-haiku-4-5-20251001-v1:0', 'anthropic'],
    ['arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0', 'foundation-model', 'amazon.nova-micro-v1:0', 'amazon'],
    ['arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.amazon.nova-lite-v1:0', 'inference-profile', 'amazon.nova-lite-v1:0', 'amazon'],
  ])('reads %s as a %s of %s', (id, kind, baseModelId, provider) => {
    // Act
    const ref = parseBedrockModelId(id);

    // Assess
    expect(ref.kind).toBe(kind);
    expect(ref).toMatchObject({ id, baseModelId, provider });
  });

  it('reads the geography of a profile and the region and account of an ARN', () => {
    // Act
    const profile = parseBedrockModelId('arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.amazon.nova-lite-v1:0');
    const app = parseBedrockModelId('arn:aws:bedrock:us-west-2:123456789012:application-inference-profile/a1b2c3d4e5');

    // Assess
    expect(profile).toMatchObject({ kind: 'inference-profile', geography: 'eu', profileId: 'eu.amazon.nova-lite-v1:0', region: 'eu-west-1', account: '123456789012' });
    expect(app).toMatchObject({ kind: 'application-inference-profile', profileId: 'a1b2c3d4e5', region: 'us-west-2', account: '123456789012' });
  });

  it.each([
    ['gpt-4o-mini', 'provider.model'],
    ['gpt-4.1-mini', '"gpt-4" is not a Bedrock model provider'],
    ['', 'empty'],
    [' amazon.nova-lite-v1:0', 'spaces'],
    ['amazon.', 'is not a model name'],
    ['us.gpt-4o', 'provider.model'],
    ['arn:aws:bedrock:us-east-1:123456789012:foundation-model/amazon.nova-lite-v1:0', 'has no account'],
    ['arn:aws:bedrock:us-east-1:123456789012:inference-profile/amazon.nova-lite-v1:0', 'geography prefix'],
    ['arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc', 'resource type "provisioned-model"'],
    ['arn:aws:s3:::bucket', 'arn:aws:bedrock:<region>'],
  ])('refuses %j, saying %s', (id, says) => {
    // Act
    const act = () => parseBedrockModelId(id);

    // Assess
    expect(act).toThrow(BedrockModelIdError);
    expect(act).toThrow(says);
    expect(bedrockModelIdProblem(id)).toContain(says);
  });

  it('has no problem with a valid id', () => {
    expect(bedrockModelIdProblem('us.amazon.nova-lite-v1:0')).toBeUndefined();
  });
});
