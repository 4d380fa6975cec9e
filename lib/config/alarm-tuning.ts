/**
 * The alarm catalog's tuning settings, read from CDK context under the catalog's own names
 * (`cdk synth -c errorRatePercent=3`, or `"errorRatePercent": 3` in cdk.json). Each is checked
 * by the catalog's own rule (`NUMERIC_SETTING_RULES`), so `cdk synth`, the simulator and the CLI
 * refuse the same values with the same message. An unset one keeps the catalog's default.
 */
import { NUMERIC_SETTING_RULES, type AlarmSettings, type NumericAlarmSetting } from '../catalog/alarms/settings';
import type { ConfigSetting } from './context-keys';
import type { ContextReader } from './context-reader';

/** The alarm settings a team tunes, each a context key of the same name. */
export const ALARM_TUNING_SETTINGS = [
  'errorRatePercent',
  'errorRateMinRequests',
  'sloMinFailures',
  'sloMinRequests',
  'invalidInputRatePercent',
  'invalidInputMinRequests',
  'latencyP95MinSamples',
  'latencyP99MinSamples',
  'rateLimitStormErrors',
  'providerOutageErrorsPerMinute',
  'toolErrorRatePercent',
  'toolMinCalls',
  'qualityMinScores',
  'hourlySpendSpikeUsd',
  'judgeBacklogMaxAgeSeconds',
  'judgeFailuresPerHour',
  'concurrencyAlarmPercent',
  'lambdaErrorRatePercent',
  'lambdaThrottlePercent',
  'lambdaMinInvocations',
  'monitoringSilentPercent',
  'monitoringSilentMinInvocations',
  'budgetSoftThreshold',
] as const satisfies readonly (ConfigSetting & NumericAlarmSetting)[];

export type AlarmTuningSetting = (typeof ALARM_TUNING_SETTINGS)[number];

/** The tuning settings given in context; each one absent keeps the alarm catalog's default. */
export type AlarmTuning = Partial<Pick<AlarmSettings, AlarmTuningSetting>>;

/** Reads every tuning setting given, recording a problem that names the key and its range for a bad one. */
export function readAlarmTuning(read: ContextReader): AlarmTuning {
  const tuning: { [K in AlarmTuningSetting]?: number } = {};
  for (const setting of ALARM_TUNING_SETTINGS) {
    const value = read.optionalNumber(setting, NUMERIC_SETTING_RULES[setting]);
    if (value !== undefined) tuning[setting] = value;
  }
  return tuning;
}

/** The tuning settings of `config` that are set, as the alarm catalog takes them. */
export function alarmTuningOf(config: AlarmTuning): AlarmTuning {
  const tuning: { [K in AlarmTuningSetting]?: number } = {};
  for (const setting of ALARM_TUNING_SETTINGS) {
    if (config[setting] !== undefined) tuning[setting] = config[setting];
  }
  return tuning;
}
