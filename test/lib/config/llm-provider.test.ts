import { App } from 'aws-cdk-lib';
import { CONTEXT_KEYS, MonitoringConfigError, configFromContext, monitoringConfigFrom, type ContextValues } from '../../../lib/config';
import { configError } from '../../support/config-error';

describe('agentProvider and judgeProvider', () => {
  it('default to openai with gpt-4o-mini for both', () => {
    // Act
    const config = monitoringConfigFrom({});

    // Assess
    expect(config).toMatchObject({ agentProvider: 'openai', model: 'gpt-4o-mini', judgeProvider: 'openai', judgeModel: 'gpt-4o-mini' });
  });

  it('default the model of a Bedrock agent and a Bedrock judge to Amazon Nova Lite', () => {
    // Act
    const config = monitoringConfigFrom({ agentProvider: 'bedrock', judgeProvider: 'bedrock' });

    // Assess
    expect(config).toMatchObject({ agentProvider: 'bedrock', model: 'amazon.nova-lite-v1:0', judgeProvider: 'bedrock', judgeModel: 'amazon.nova-lite-v1:0' });
  });

  it('default each model after its own provider', () => {
    // Act
    const config = monitoringConfigFrom({ judgeProvider: 'bedrock' });

    // Assess
    expect(config).toMatchObject({ agentProvider: 'openai', model: 'gpt-4o-mini', judgeProvider: 'bedrock', judgeModel: 'amazon.nova-lite-v1:0' });
  });

  it.each([
    ['a foundation model id', 'anthropic.claude-haiku-4-5-20251001-v1:0'],
    ['a geographic inference profile id', 'eu.amazon.nova-pro-v1:0'],
    ['a global inference profile id', 'global.anthropic.claude-sonnet-4-5-20250929-v1:0'],
    ['an inference profile ARN', 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-lite-v1:0'],
    ['an application inference profile ARN', 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6'],
  ])('accept %s as a Bedrock model', (_case, model) => {
    // Act
    const config = monitoringConfigFrom({ agentProvider: 'bedrock', model, judgeProvider: 'bedrock', judgeModel: model });

    // Assess
    expect(config).toMatchObject({ model, judgeModel: model });
  });

  it('read -c strings from the CDK context', () => {
    // Prepare
    const app = new App({ context: { [CONTEXT_KEYS.agentProvider]: 'bedrock', [CONTEXT_KEYS.model]: 'us.amazon.nova-micro-v1:0', [CONTEXT_KEYS.judgeProvider]: 'openai' } });

    // Act
    const config = configFromContext(app.node);

    // Assess
    expect(config).toMatchObject({ agentProvider: 'bedrock', model: 'us.amazon.nova-micro-v1:0', judgeProvider: 'openai', judgeModel: 'gpt-4o-mini' });
  });

  describe('bad input fails naming the setting', () => {
    it.each<[string, ContextValues, string, RegExp]>([
      ['an unknown agent provider', { agentProvider: 'azure' }, 'agentProvider', /unknown provider "azure"; allowed: openai, bedrock/],
      ['an unknown judge provider', { judgeProvider: 'Bedrock' }, 'judgeProvider', /unknown provider "Bedrock"; allowed: openai, bedrock/],
      ['a provider that is not a string', { agentProvider: 1 }, 'agentProvider', /must be a string, got 1/],
      ['an OpenAI model with a Bedrock agent', { agentProvider: 'bedrock', model: 'gpt-4o-mini' }, 'model', /with agentProvider=bedrock: "gpt-4o-mini" is not an Amazon Bedrock model id/],
      ['an OpenAI model with a Bedrock judge', { judgeProvider: 'bedrock', judgeModel: 'gpt-4o' }, 'judgeModel', /with judgeProvider=bedrock: "gpt-4o" is not an Amazon Bedrock model id/],
      ['an unknown model provider', { agentProvider: 'bedrock', model: 'acme.rocket-v1' }, 'model', /"acme" is not a Bedrock model provider/],
      ['a malformed model name', { agentProvider: 'bedrock', model: 'amazon.Nova Lite' }, 'model', /"Nova Lite" is not a model name/],
      ['a malformed ARN', { judgeProvider: 'bedrock', judgeModel: 'arn:aws:bedrock:us-east-1:inference-profile' }, 'judgeModel', /a Bedrock ARN is arn:aws:bedrock/],
      ['a foundation-model ARN with an account', { agentProvider: 'bedrock', model: 'arn:aws:bedrock:us-east-1:123456789012:foundation-model/amazon.nova-lite-v1:0' }, 'model', /has no account/],
    ])('%s', (_case, values, setting, problem) => {
      // Act
      const error = configError(values);

      // Assess
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0].setting).toBe(setting);
      expect(error.message).toContain(`- ${setting}: `);
      expect(error.message).toMatch(problem);
    });

    it('an unknown provider leaves its model checked as an OpenAI model, so only the provider is named', () => {
      // Act
      const error = configError({ agentProvider: 'azure', model: 'gpt-4o-mini' });

      // Assess
      expect(error.problems.map((problem) => problem.setting)).toEqual(['agentProvider']);
    });

    it('fails configFromContext as `cdk synth -c agentProvider=azure` would', () => {
      // Prepare
      const app = new App({ context: { [CONTEXT_KEYS.agentProvider]: 'azure' } });

      // Act
      const read = () => configFromContext(app.node);

      // Assess
      expect(read).toThrow(MonitoringConfigError);
      expect(read).toThrow(/agentProvider: unknown provider "azure"; allowed: openai, bedrock/);
    });
  });
});
