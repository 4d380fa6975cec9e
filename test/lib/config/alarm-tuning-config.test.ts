import { App } from 'aws-cdk-lib';
import { alarmCatalog, resolveAlarmSettings, type AlarmSettings } from '../../../lib/catalog/alarms';
import { ALARM_TUNING_SETTINGS, CONTEXT_KEYS, alarmSettingsFrom, configFromContext, monitoringConfigFrom, type AlarmTuningSetting } from '../../../lib/config';
import { closestKnownKey } from '../../../lib/config/unknown-keys';
import { configError } from '../../support/config-error';

/** A value of each tuning setting that is valid and not the catalog's default. */
const TUNED: Record<AlarmTuningSetting, number> = {
  errorRatePercent: 3,
  errorRateMinRequests: 12,
  sloMinFailures: 8,
  sloMinRequests: 25,
  invalidInputRatePercent: 15,
  invalidInputMinRequests: 40,
  latencyP95MinSamples: 30,
  latencyP99MinSamples: 200,
  rateLimitStormErrors: 25,
  providerOutageErrorsPerMinute: 6,
  toolErrorRatePercent: 20,
  toolMinCalls: 4,
  qualityMinScores: 20,
  hourlySpendSpikeUsd: 2.5,
  judgeBacklogMaxAgeSeconds: 1800,
  judgeFailuresPerHour: 10,
  concurrencyAlarmPercent: 90,
  lambdaErrorRatePercent: 2,
  lambdaThrottlePercent: 0.5,
  lambdaMinInvocations: 10,
  monitoringSilentPercent: 40,
  monitoringSilentMinInvocations: 20,
  budgetSoftThreshold: 0.9,
};

/** A value of each tuning setting that is refused, as `-c` gives it, and the message naming its range. */
const REFUSED: Record<AlarmTuningSetting, [string, string]> = {
  errorRatePercent: ['100', 'must be a percentage in (0, 100), got 100'],
  errorRateMinRequests: ['0', 'must be a whole number of at least 1, got 0'],
  sloMinFailures: ['2.5', 'must be a whole number of at least 1, got 2.5'],
  sloMinRequests: ['-10', 'must be a whole number of at least 1, got -10'],
  invalidInputRatePercent: ['0', 'must be a percentage in (0, 100), got 0'],
  invalidInputMinRequests: ['0', 'must be a whole number of at least 1, got 0'],
  latencyP95MinSamples: ['0.5', 'must be a whole number of at least 1, got 0.5'],
  latencyP99MinSamples: ['0', 'must be a whole number of at least 1, got 0'],
  rateLimitStormErrors: ['0', 'must be a whole number of at least 1, got 0'],
  providerOutageErrorsPerMinute: ['1.5', 'must be a whole number of at least 1, got 1.5'],
  toolErrorRatePercent: ['150', 'must be a percentage in (0, 100), got 150'],
  toolMinCalls: ['0', 'must be a whole number of at least 1, got 0'],
  qualityMinScores: ['-1', 'must be a whole number of at least 1, got -1'],
  hourlySpendSpikeUsd: ['0', 'must be a positive number, got 0'],
  judgeBacklogMaxAgeSeconds: ['59', 'must be a whole number of seconds, at least 60, got 59'],
  judgeFailuresPerHour: ['0', 'must be a whole number of at least 1, got 0'],
  concurrencyAlarmPercent: ['100', 'must be a percentage in (0, 100), got 100'],
  lambdaErrorRatePercent: ['-5', 'must be a percentage in (0, 100), got -5'],
  lambdaThrottlePercent: ['0', 'must be a percentage in (0, 100), got 0'],
  lambdaMinInvocations: ['0', 'must be a whole number of at least 1, got 0'],
  monitoringSilentPercent: ['100', 'must be a percentage in (0, 100), got 100'],
  monitoringSilentMinInvocations: ['3.5', 'must be a whole number of at least 1, got 3.5'],
  budgetSoftThreshold: ['1.5', 'must be in (0, 1], got 1.5'],
};

/**
 * Alarm settings that are no context key of their own: a key of another name sets them
 * (namespace: metricNamespace, dailyBudgetUsd: dailyLlmBudgetUsd), the construct passes the real
 * resource names, they derive from agentReservedConcurrency and accountConcurrencyLimit
 * (agentConcurrencyLimit, concurrencyScope) or from judgeSchedule (judgeIntervalMinutes).
 */
const NOT_KEYS_OF_THEIR_OWN = [
  'namespace',
  'dailyBudgetUsd',
  'agentFunctionName',
  'judgeFunctionName',
  'alertDeadLetterQueueName',
  'agentConcurrencyLimit',
  'concurrencyScope',
  'judgeIntervalMinutes',
];

const cases = ALARM_TUNING_SETTINGS.map((setting) => [setting] as const);

describe('the alarm catalog’s tuning settings as context keys', () => {
  it('are left unset by default, so the catalog keeps its own defaults', () => {
    // Act
    const settings = alarmSettingsFrom(monitoringConfigFrom({}));

    // Assess
    for (const setting of ALARM_TUNING_SETTINGS) expect(settings).not.toHaveProperty(setting);
    expect(resolveAlarmSettings(settings)).toMatchObject({ errorRatePercent: 5, toolMinCalls: 10, judgeBacklogMaxAgeSeconds: 3600 });
  });

  it.each(cases)('%s is read from a -c string and from a cdk.json number, under its own name', (setting) => {
    // Prepare
    const value = TUNED[setting];

    // Act
    const fromFlag = configFromContext(new App({ context: { [CONTEXT_KEYS[setting]]: String(value) } }).node);
    const fromJson = configFromContext(new App({ context: { [CONTEXT_KEYS[setting]]: value } }).node);

    // Assess
    expect(CONTEXT_KEYS[setting]).toBe(setting);
    expect(fromFlag[setting]).toBe(value);
    expect(fromJson[setting]).toBe(value);
  });

  it.each(cases)('%s reaches the alarm catalog and changes the alarms it builds', (setting) => {
    // Prepare
    const defaults = alarmCatalog(alarmSettingsFrom(monitoringConfigFrom({})));

    // Act
    const settings = alarmSettingsFrom(monitoringConfigFrom({ [setting]: String(TUNED[setting]) }));
    const tuned = alarmCatalog(settings);

    // Assess
    expect(settings[setting]).toBe(TUNED[setting]);
    expect(resolveAlarmSettings(settings)[setting]).toBe(TUNED[setting]);
    expect(JSON.stringify(tuned)).not.toBe(JSON.stringify(defaults));
  });

  it.each(cases)('%s refuses a value out of its range, naming the key and the range as the catalog does', (setting) => {
    // Prepare
    const [value, problem] = REFUSED[setting];

    // Act
    const error = configError({ [setting]: value });

    // Assess
    expect(error.problems).toEqual([{ setting, problem }]);
    expect(error.message).toContain(`- ${setting}: ${problem}`);
    expect(() => alarmCatalog({ [setting]: Number(value) })).toThrow(`Invalid alarm setting ${setting}: ${problem}`);
  });

  it('refuses values that are not numbers, and reports every bad key together', () => {
    // Act
    const error = configError({ errorRatePercent: 'five', toolMinCalls: true, judgeBacklogMaxAgeSeconds: '30' });

    // Assess
    expect(error.problems).toEqual([
      { setting: 'errorRatePercent', problem: 'must be a number, got "five"' },
      { setting: 'toolMinCalls', problem: 'must be a number, got true' },
      { setting: 'judgeBacklogMaxAgeSeconds', problem: 'must be a whole number of seconds, at least 60, got 30' },
    ]);
    expect(error.message).toMatch(/^Invalid monitoring configuration \(3 problems\):\n/);
  });

  it('takes an empty -c value as unset', () => {
    // Act
    const config = monitoringConfigFrom({ errorRatePercent: '', toolMinCalls: '' });

    // Assess
    expect(config).not.toHaveProperty('errorRatePercent');
    expect(config).not.toHaveProperty('toolMinCalls');
  });

  it('suggests the closest tuning key for a misspelt one', () => {
    // Prepare
    const app = new App({ context: { toolMinCall: '4' } });

    // Act
    const read = () => configFromContext(app.node);

    // Assess
    expect(read).toThrow('toolMinCall: not a setting of this kit; did you mean toolMinCalls?');
    expect(closestKnownKey('errorRatePercnt')).toBe('errorRatePercent');
    expect(closestKnownKey('latencyP95MinSample')).toBe('latencyP95MinSamples');
    expect(closestKnownKey('JUDGEFAILURESPERHOUR')).toBe('judgeFailuresPerHour');
  });

  it('leave no alarm setting without a context key, except those set by another key or by the stack', () => {
    // Prepare
    const settings = Object.keys(resolveAlarmSettings({ minRequestsPerHour: 1 })) as (keyof AlarmSettings)[];

    // Act
    const withoutKey = settings.filter((setting) => !(setting in CONTEXT_KEYS));

    // Assess
    expect(withoutKey.sort()).toEqual([...NOT_KEYS_OF_THEIR_OWN].sort());
  });
});
