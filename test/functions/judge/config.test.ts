import { ConfigError, loadJudgeConfig } from '../../../functions/judge/config';

const MINIMAL = { OPENAI_API_KEY: 'sk-test', SAMPLES_TABLE_NAME: 'samples', BUDGET_TABLE_NAME: 'budget', DAILY_BUDGET_USD: '20' };

describe('loadJudgeConfig', () => {
  it('applies the documented defaults', () => {
    // Act
    const config = loadJudgeConfig(MINIMAL);

    // Assess
    expect(config).toMatchObject({
      model: 'gpt-4o-mini',
      concurrency: 8,
      maxSamplesPerRun: 500,
      maxSpendUsdPerRun: 1,
      maxAttempts: 3,
      maxConsecutiveProviderFailures: 3,
      claimLeaseSeconds: 600,
      serviceName: 'agent',
      namespace: 'AgentMonitoring',
      drift: { windowSize: 100, windowHours: 24, baselineSize: 50, absoluteThreshold: 0.8, pValue: 0.01, minSamples: 30, minRelativeDrop: 0.05 },
    });
    expect(config.driftTopicArn).toBeUndefined();
    expect(config.runbookBaseUrl).toBe('docs/runbooks/alarms');
  });

  it('reads RUNBOOK_BASE_URL without its trailing slash, and refuses a link no one can open, naming it', () => {
    // Act
    const config = loadJudgeConfig({ ...MINIMAL, RUNBOOK_BASE_URL: 'https://wiki.example.com/runbooks/' });
    const load = () => loadJudgeConfig({ ...MINIMAL, RUNBOOK_BASE_URL: 'ftp://wiki.example.com/runbooks' });

    // Assess
    expect(config.runbookBaseUrl).toBe('https://wiki.example.com/runbooks');
    expect(load).toThrow('invalid configuration: RUNBOOK_BASE_URL: a URL must be http(s)://host/..., got "ftp://wiki.example.com/runbooks"');
  });

  it('reads every setting', () => {
    // Act
    const config = loadJudgeConfig({
      ...MINIMAL,
      JUDGE_MODEL: 'gpt-4.1-mini',
      JUDGE_CONCURRENCY: '4',
      JUDGE_MAX_SAMPLES_PER_RUN: '50',
      JUDGE_MAX_SPEND_USD_PER_RUN: '0.25',
      JUDGE_MAX_CONSECUTIVE_PROVIDER_FAILURES: '5',
      DRIFT_WINDOW_SIZE: '200',
      DRIFT_ABSOLUTE_THRESHOLD: '0.7',
      DRIFT_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:drift',
    });

    // Assess
    expect(config).toMatchObject({ model: 'gpt-4.1-mini', concurrency: 4, maxSamplesPerRun: 50, maxSpendUsdPerRun: 0.25, maxConsecutiveProviderFailures: 5, driftTopicArn: 'arn:aws:sns:eu-west-1:123456789012:drift' });
    expect(config.drift).toMatchObject({ windowSize: 200, absoluteThreshold: 0.7 });
  });

  it('names every bad or missing setting in one error', () => {
    // Act
    const load = () => loadJudgeConfig({ JUDGE_CONCURRENCY: '0', JUDGE_MAX_CONSECUTIVE_PROVIDER_FAILURES: '0', DRIFT_P_VALUE: 'often', DRIFT_ABSOLUTE_THRESHOLD: '1.5' });

    // Assess
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      'invalid configuration: SAMPLES_TABLE_NAME is required; BUDGET_TABLE_NAME is required; DAILY_BUDGET_USD is required: judge spend is charged to the same daily budget as the agent; JUDGE_CONCURRENCY must be an integer in [1, 64], got "0"; JUDGE_MAX_CONSECUTIVE_PROVIDER_FAILURES must be an integer in [1, 1000], got "0"; DRIFT_ABSOLUTE_THRESHOLD must be a number in [0, 1], got "1.5"; DRIFT_P_VALUE must be a number in (0, 0.5], got "often"; set OPENAI_API_KEY (local runs) or OPENAI_API_KEY_SECRET_ID (the Secrets Manager secret holding the key)',
    );
  });
});
