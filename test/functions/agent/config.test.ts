import { loadAgentConfig, ConfigError } from '../../../functions/agent/config';

const BASE = { OPENAI_API_KEY: 'sk-test' };

describe('loadAgentConfig', () => {
  it('applies the documented defaults', () => {
    // Act
    const config = loadAgentConfig(BASE);

    // Assess
    expect(config).toMatchObject({
      model: 'gpt-4o-mini',
      sampleRate: 0.05,
      namespace: 'AgentMonitoring',
      serviceName: 'agent',
      budgetSoftThreshold: 0.8,
      budgetFailMode: 'open',
      sampleTtlDays: 30,
      maxBodyBytes: 32768,
    });
  });

  it('reads the DESIGN.md configuration names', () => {
    // Act
    const config = loadAgentConfig({
      ...BASE,
      AGENT_MODEL: 'gpt-4.1-mini',
      SAMPLE_RATE: '0.1',
      METRICS_NAMESPACE: 'Team/Agents',
      SERVICE_NAME: 'support-bot',
      LLM_TIMEOUT_MS: '5000',
      LLM_MAX_RETRIES: '0',
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
    });

    // Assess
    expect(config).toMatchObject({
      model: 'gpt-4.1-mini',
      sampleRate: 0.1,
      namespace: 'Team/Agents',
      serviceName: 'support-bot',
      llmTimeoutMs: 5000,
      llmMaxRetries: 0,
      openaiBaseUrl: 'http://127.0.0.1:9/v1',
    });
  });

  it.each([
    ['0', /SAMPLE_RATE must be a number in \(0, 1\].*got "0"/],
    ['1.5', /SAMPLE_RATE must be a number in \(0, 1\].*got "1.5"/],
    ['-0.1', /SAMPLE_RATE/],
    ['five percent', /SAMPLE_RATE must be a number in \(0, 1\].*got "five percent"/],
  ])('refuses SAMPLE_RATE=%s at startup with a message naming it', (rate, message) => {
    expect(() => loadAgentConfig({ ...BASE, SAMPLE_RATE: rate })).toThrow(message);
  });

  it('names every bad setting in one error', () => {
    // Act
    let error: ConfigError | undefined;
    try {
      loadAgentConfig({ SAMPLE_RATE: '2', LLM_TIMEOUT_MS: 'soon', BUDGET_FAIL_MODE: 'maybe', BUDGET_TABLE_NAME: 'budget' });
    } catch (caught) {
      error = caught as ConfigError;
    }

    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toEqual([
      expect.stringMatching(/^LLM_TIMEOUT_MS must be an integer/),
      expect.stringMatching(/^BUDGET_FAIL_MODE must be one of open, closed, got "maybe"/),
      expect.stringMatching(/^SAMPLE_RATE/),
      expect.stringMatching(/OPENAI_API_KEY/),
      expect.stringMatching(/BUDGET_TABLE_NAME and DAILY_BUDGET_USD go together/),
    ]);
  });
});
