import { App } from 'aws-cdk-lib';
import { alarmCatalog } from '../../../lib/catalog/alarms';
import { LATENCY_TIERS } from '../../../lib/catalog/latency-tiers';
import {
  ALARM_TUNING_SETTINGS,
  CONTEXT_KEYS,
  DEFAULT_MONITORING_CONFIG,
  MonitoringConfigError,
  alarmSettingsFrom,
  configFromContext,
  monitoringConfigFrom,
  scheduleExpressionProblem,
  type ContextValues,
} from '../../../lib/config';
import { configError } from '../../support/config-error';

describe('monitoringConfigFrom', () => {
  it('fills every default when no context is given', () => {
    // Act
    const config = monitoringConfigFrom({});

    // Assess
    expect(config).toEqual({
      serviceName: 'agent',
      metricNamespace: 'AgentMonitoring',
      latencyTier: 'real-time-chat',
      dailyLlmBudgetUsd: 50,
      monthlyAwsBudgetUsd: 100,
      alertEmails: {},
      smsNumbers: {},
      openAiSecretName: 'agent-monitoring/openai-api-key',
      sampleRate: 0.05,
      judgeSchedule: 'rate(5 minutes)',
      monitoredTools: ['calculator', 'current_datetime', 'search_docs'],
      qualityThreshold: 0.8,
      availabilitySloTarget: 0.995,
      agentProvider: 'openai',
      model: 'gpt-4o-mini',
      judgeProvider: 'openai',
      judgeModel: 'gpt-4o-mini',
      runbookBaseUrl: 'docs/runbooks/alarms',
      accountConcurrencyLimit: 1000,
    });
    expect(config).toEqual(DEFAULT_MONITORING_CONFIG);
  });

  it('reads the strings `cdk synth -c key=value` passes: numbers, comma-separated lists, JSON objects', () => {
    // Prepare
    const values: ContextValues = {
      serviceName: 'support-bot',
      metricNamespace: 'Support/Agents',
      latencyTier: 'document-analysis',
      dailyLlmBudgetUsd: '120.5',
      userDailyLlmBudgetUsd: '5',
      monthlyAwsBudgetUsd: '400',
      alertEmails: 'oncall@example.com, team@example.org',
      smsNumbers: '{"critical": "+14155550100,+447700900123"}',
      slackWebhookSecretName: 'support-bot/slack-webhook',
      pagerDutyRoutingKeySecretName: 'support-bot/pagerduty',
      openAiSecretName: 'support-bot/openai',
      sampleRate: '1',
      judgeSchedule: 'cron(0/30 8-18 ? * MON-FRI *)',
      monitoredTools: 'search_docs,calculator',
      qualityThreshold: '0.75',
      availabilitySloTarget: '0.999',
      model: 'gpt-4o',
      judgeModel: 'gpt-4.1-mini',
      runbookBaseUrl: 'https://github.com/acme/support-bot/blob/main/docs/runbooks/alarms/',
      agentReservedConcurrency: '200',
      accountConcurrencyLimit: '3000',
      minRequestsPerHour: '30',
      errorRatePercent: '3',
      toolMinCalls: '4',
      hourlySpendSpikeUsd: '2.5',
    };

    // Act
    const config = monitoringConfigFrom(values);

    // Assess
    expect(config).toEqual({
      serviceName: 'support-bot',
      metricNamespace: 'Support/Agents',
      latencyTier: 'document-analysis',
      dailyLlmBudgetUsd: 120.5,
      userDailyLlmBudgetUsd: 5,
      monthlyAwsBudgetUsd: 400,
      alertEmails: { critical: ['oncall@example.com', 'team@example.org'], warning: ['oncall@example.com', 'team@example.org'] },
      smsNumbers: { critical: ['+14155550100', '+447700900123'] },
      slackWebhookSecretName: 'support-bot/slack-webhook',
      pagerDutyRoutingKeySecretName: 'support-bot/pagerduty',
      openAiSecretName: 'support-bot/openai',
      sampleRate: 1,
      judgeSchedule: 'cron(0/30 8-18 ? * MON-FRI *)',
      monitoredTools: ['search_docs', 'calculator'],
      qualityThreshold: 0.75,
      availabilitySloTarget: 0.999,
      agentProvider: 'openai',
      model: 'gpt-4o',
      judgeProvider: 'openai',
      judgeModel: 'gpt-4.1-mini',
      runbookBaseUrl: 'https://github.com/acme/support-bot/blob/main/docs/runbooks/alarms',
      agentReservedConcurrency: 200,
      accountConcurrencyLimit: 3000,
      minRequestsPerHour: 30,
      errorRatePercent: 3,
      toolMinCalls: 4,
      hourlySpendSpikeUsd: 2.5,
    });
  });

  it('reads the JSON types of cdk.json: numbers, arrays, recipients per severity', () => {
    // Prepare
    const values: ContextValues = {
      dailyLlmBudgetUsd: 75,
      sampleRate: 0.1,
      alertEmails: { critical: ['oncall@example.com'], warning: ['team@example.com'], info: [] },
      smsNumbers: ['+14155550100'],
      monitoredTools: ['search_docs'],
      slackWebhookSecretName: '',
    };

    // Act
    const config = monitoringConfigFrom(values);

    // Assess
    expect(config.dailyLlmBudgetUsd).toBe(75);
    expect(config.sampleRate).toBe(0.1);
    expect(config.alertEmails).toEqual({ critical: ['oncall@example.com'], warning: ['team@example.com'] });
    expect(config.smsNumbers).toEqual({ critical: ['+14155550100'] });
    expect(config.monitoredTools).toEqual(['search_docs']);
    expect(config).not.toHaveProperty('slackWebhookSecretName');
  });

  it('accepts a JSON array given as a string, and an empty tool list', () => {
    // Act
    const config = monitoringConfigFrom({ alertEmails: '["oncall@example.com"]', monitoredTools: '' });

    // Assess
    expect(config.alertEmails).toEqual({ critical: ['oncall@example.com'], warning: ['oncall@example.com'] });
    expect(config.monitoredTools).toEqual([]);
  });

  describe('bad input fails with a message naming the setting', () => {
    it.each<[string, ContextValues, string, RegExp]>([
      ['a negative daily budget', { dailyLlmBudgetUsd: '-5' }, 'dailyLlmBudgetUsd', /greater than 0, got -5/],
      ['a zero monthly budget', { monthlyAwsBudgetUsd: 0 }, 'monthlyAwsBudgetUsd', /greater than 0, got 0/],
      ['a budget that is not a number', { dailyLlmBudgetUsd: 'fifty' }, 'dailyLlmBudgetUsd', /must be a number, got "fifty"/],
      ['a sample rate of 0', { sampleRate: '0' }, 'sampleRate', /in \(0, 1\], got 0/],
      ['a sample rate of 1.5', { sampleRate: 1.5 }, 'sampleRate', /in \(0, 1\], got 1.5/],
      ['a quality threshold above 1', { qualityThreshold: '1.2' }, 'qualityThreshold', /in \(0, 1\], got 1.2/],
      ['an SLO target of 0.9', { availabilitySloTarget: '0.9' }, 'availabilitySloTarget', /in \[0.95, 0.9999\], got 0.9/],
      ['an SLO target of 1', { availabilitySloTarget: 1 }, 'availabilitySloTarget', /got 1$/m],
      ['a service name with a space', { serviceName: 'my agent' }, 'serviceName', /letters, digits, '-' or '_'/],
      ['an empty service name', { serviceName: '' }, 'serviceName', /must not be empty/],
      ['a namespace under AWS/', { metricNamespace: 'AWS/Lambda' }, 'metricNamespace', /reserved/],
      ['a secret name with a space', { slackWebhookSecretName: 'slack webhook' }, 'slackWebhookSecretName', /Secrets Manager secret name/],
      ['a secret name with a quote', { pagerDutyRoutingKeySecretName: "pd'key" }, 'pagerDutyRoutingKeySecretName', /Secrets Manager/],
      ['a tool name with a space', { monitoredTools: 'search docs' }, 'monitoredTools', /"search docs" is not a tool name/],
      ['a tool listed twice', { monitoredTools: ['calculator', 'calculator'] }, 'monitoredTools', /calculator more than once/],
      ['a model with a space', { judgeModel: 'gpt 4o' }, 'judgeModel', /without spaces/],
      ['a list of numbers', { monitoredTools: [1, 2] }, 'monitoredTools', /list of strings/],
      ['recipients of an unknown severity', { alertEmails: { pager: ['a@example.com'] } }, 'alertEmails', /unknown severities pager/],
      ['an SMS number without +', { smsNumbers: '14155550100' }, 'smsNumbers', /"14155550100" is not an E.164 phone number/],
    ])('%s', (_case, values, setting, problem) => {
      // Act
      const error = configError(values);

      // Assess
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0].setting).toBe(setting);
      expect(error.message).toContain(`- ${setting}: `);
      expect(error.message).toMatch(problem);
    });

    it('an unknown latency tier lists the allowed tiers', () => {
      // Act
      const error = configError({ latencyTier: 'instant' });

      // Assess
      expect(error.message).toContain('latencyTier: unknown latency tier "instant"');
      for (const tier of Object.keys(LATENCY_TIERS)) expect(error.message).toContain(tier);
    });

    it.each(['oncall', 'oncall@', '@example.com', 'on call@example.com', 'oncall@example', 'oncall@@example.com', 'a..b@example.com', 'oncall@-example.com'])(
      'a malformed e-mail address %p is named',
      (address) => {
        // Act
        const error = configError({ alertEmails: `team@example.com,${address}` });

        // Assess
        expect(error.problems).toEqual([{ setting: 'alertEmails', problem: `${JSON.stringify(address)} is not an e-mail address` }]);
        expect(error.message).toContain(`alertEmails: ${JSON.stringify(address)} is not an e-mail address`);
      },
    );

    it('names the severity of a malformed address given per severity', () => {
      // Act
      const error = configError({ alertEmails: { critical: ['oncall@example.com'], warning: ['team-at-example.com'] } });

      // Assess
      expect(error.message).toContain('alertEmails: warning: "team-at-example.com" is not an e-mail address');
    });

    it.each([
      ['rate(0 minutes)', /at least 1/],
      ['rate(1 minutes)', /singular unit: rate\(1 minute\)/],
      ['rate(5 minute)', /plural unit: rate\(5 minutes\)/],
      ['rate(5 seconds)', /minute\(s\), hour\(s\) or day\(s\)/],
      ['rate(-5 minutes)', /whole value/],
      ['rate(1.5 hours)', /whole value/],
      ['rate(5  minutes)', /rate\(value unit\)/],
      ['cron(0 12 * * * *)', /exactly one of day-of-month and day-of-week must be \?/],
      ['cron(0 12 ? * ? *)', /exactly one of day-of-month and day-of-week must be \?/],
      ['cron(0 12 * * ?)', /6 fields .* got 5/],
      ['cron(0 12 * * ? * *)', /got 7/],
      ['cron(60 12 * * ? *)', /minutes "60"/],
      ['cron(0 24 * * ? *)', /hours "24"/],
      ['cron(0 12 32 * ? *)', /day-of-month "32"/],
      ['cron(0 12 * 13 ? *)', /month "13"/],
      ['cron(0 12 * FOO ? *)', /month "FOO"/],
      ['cron(0 12 ? * 8 *)', /day-of-week "8"/],
      ['cron(0 12 ? * MON-FUN *)', /day-of-week "MON-FUN"/],
      ['cron(0 12 * * ? 1969)', /year "1969"/],
      ['cron(0/0 * * * ? *)', /step must be a whole number of at least 1/],
      ['cron(? 12 * * ? *)', /\? is allowed only in day-of-month and day-of-week/],
      ['every 5 minutes', /must be rate\(value unit\)/],
      ['*/5 * * * *', /must be rate\(value unit\)/],
    ])('a schedule CloudWatch rejects, %p, names judgeSchedule', (schedule, problem) => {
      // Act
      const error = configError({ judgeSchedule: schedule });

      // Assess
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0].setting).toBe('judgeSchedule');
      expect(error.message).toContain('judgeSchedule: ');
      expect(error.message).toMatch(problem);
    });

    it('reports several bad settings together, each named', () => {
      // Act
      const error = configError({
        dailyLlmBudgetUsd: '-1',
        sampleRate: '0',
        latencyTier: 'warp-speed',
        alertEmails: 'not-an-address',
        judgeSchedule: 'rate(1 minutes)',
      });

      // Assess
      expect(error.problems.map((p) => p.setting)).toEqual(['latencyTier', 'dailyLlmBudgetUsd', 'alertEmails', 'sampleRate', 'judgeSchedule']);
      expect(error.message).toMatch(/^Invalid monitoring configuration \(5 problems\):\n/);
      for (const setting of ['latencyTier', 'dailyLlmBudgetUsd', 'alertEmails', 'sampleRate', 'judgeSchedule']) {
        expect(error.message).toContain(`\n  - ${setting}: `);
      }
    });
  });
});

describe('scheduleExpressionProblem', () => {
  it.each([
    'rate(1 minute)',
    'rate(5 minutes)',
    'rate(1 hour)',
    'rate(12 hours)',
    'rate(1 day)',
    'rate(7 days)',
    'cron(0 12 * * ? *)',
    'cron(15 10 ? * 6L 2030-2035)',
    'cron(0/15 * * * ? *)',
    'cron(0 8-18/2 ? * MON-FRI *)',
    'cron(0 0 L * ? *)',
    'cron(0 9 15W * ? *)',
    'cron(0 9 ? * 3#2 *)',
    'cron(0,30 * ? * sun,sat *)',
    'cron(0 12 1 JAN,JUL ? *)',
  ])('accepts %p', (schedule) => {
    // Act
    const problem = scheduleExpressionProblem(schedule);

    // Assess
    expect(problem).toBeUndefined();
  });
});

describe('configFromContext', () => {
  it('reads every setting from the CDK context under the exported keys', () => {
    // Prepare
    const app = new App({
      context: {
        [CONTEXT_KEYS.serviceName]: 'support-bot',
        [CONTEXT_KEYS.dailyLlmBudgetUsd]: '80',
        [CONTEXT_KEYS.latencyTier]: 'batch-processing',
        [CONTEXT_KEYS.alertEmails]: 'oncall@example.com',
      },
    });

    // Act
    const config = configFromContext(app.node);

    // Assess
    expect(config.serviceName).toBe('support-bot');
    expect(config.dailyLlmBudgetUsd).toBe(80);
    expect(config.latencyTier).toBe('batch-processing');
    expect(config.alertEmails.critical).toEqual(['oncall@example.com']);
    expect(config.sampleRate).toBe(DEFAULT_MONITORING_CONFIG.sampleRate);
  });

  it('fails as `cdk synth` would on an invalid context value, naming the setting', () => {
    // Prepare
    const app = new App({ context: { [CONTEXT_KEYS.sampleRate]: '1.5' } });

    // Act
    const read = () => configFromContext(app.node);

    // Assess
    expect(read).toThrow(MonitoringConfigError);
    expect(read).toThrow(/sampleRate: must be in \(0, 1\], got 1.5/);
  });

  it('has one context key per configuration field', () => {
    // Act
    const keys = Object.keys(CONTEXT_KEYS).sort();

    // Assess
    const optional = ['userDailyLlmBudgetUsd', 'slackWebhookSecretName', 'pagerDutyRoutingKeySecretName', 'agentReservedConcurrency', 'minRequestsPerHour', ...ALARM_TUNING_SETTINGS];
    const fields = [...Object.keys(DEFAULT_MONITORING_CONFIG), ...optional];
    expect(keys).toEqual(fields.sort());
  });
});

describe('alarmSettingsFrom', () => {
  it('hands the alarm catalog the configured service, namespace, tier, budget, tools and thresholds', () => {
    // Prepare
    const config = monitoringConfigFrom({ serviceName: 'bot', dailyLlmBudgetUsd: '20', monitoredTools: 'search_docs', qualityThreshold: '0.7' });

    // Act
    const settings = alarmSettingsFrom(config);

    // Assess
    expect(settings).toEqual({
      serviceName: 'bot',
      namespace: 'AgentMonitoring',
      latencyTier: 'real-time-chat',
      dailyBudgetUsd: 20,
      monitoredTools: ['search_docs'],
      qualityThreshold: 0.7,
      availabilitySloTarget: 0.995,
      runbookBaseUrl: 'docs/runbooks/alarms',
      judgeIntervalMinutes: 5,
      agentConcurrencyLimit: 1000,
      concurrencyScope: 'account',
    });
  });

  it.each<[string, ContextValues]>([
    ['the defaults', {}],
    ['the lowest SLO target and quality threshold', { availabilitySloTarget: '0.95', qualityThreshold: '0.01' }],
    ['the highest SLO target and quality threshold', { availabilitySloTarget: '0.9999', qualityThreshold: '1' }],
    ['no monitored tools', { monitoredTools: '' }],
  ])('gives settings the alarm catalog accepts: %s', (_case, values) => {
    // Prepare
    const settings = alarmSettingsFrom(monitoringConfigFrom(values));

    // Act
    const build = () => alarmCatalog(settings);

    // Assess
    expect(build).not.toThrow();
    expect(build().length).toBeGreaterThan(0);
  });
});
