/** The stack's configuration from CDK context: keys, defaults, validation. */
export { CONTEXT_KEYS, type ConfigSetting, type ContextValues } from './context-keys';
export type { ConfigProblem } from './context-reader';
export {
  DEFAULT_MONITORING_CONFIG,
  MonitoringConfigError,
  SLO_TARGET_RANGE,
  configFromContext,
  monitoringConfigFrom,
  type MonitoringConfig,
} from './monitoring-config';
export { alarmSettingsFrom } from './alarm-settings';
export { ALARM_TUNING_SETTINGS, type AlarmTuning, type AlarmTuningSetting } from './alarm-tuning';
export { scheduleExpressionProblem } from './schedule-expression';
export type { SeverityRecipients } from './recipients';
