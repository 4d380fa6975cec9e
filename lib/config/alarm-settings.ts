import type { AlarmSettings } from '../catalog/alarms';
import { alarmTuningOf } from './alarm-tuning';
import { judgeIntervalMinutesOf } from './judge-interval';
import type { MonitoringConfig } from './monitoring-config';

/** The alarm catalog's settings from the configuration (the catalog's defaults for the rest). */
export function alarmSettingsFrom(config: MonitoringConfig): AlarmSettings {
  return {
    serviceName: config.serviceName,
    namespace: config.metricNamespace,
    latencyTier: config.latencyTier,
    dailyBudgetUsd: config.dailyLlmBudgetUsd,
    monitoredTools: config.monitoredTools,
    qualityThreshold: config.qualityThreshold,
    availabilitySloTarget: config.availabilitySloTarget,
    runbookBaseUrl: config.runbookBaseUrl,
    judgeIntervalMinutes: judgeIntervalMinutesOf(config.judgeSchedule),
    agentConcurrencyLimit: config.agentReservedConcurrency ?? config.accountConcurrencyLimit,
    concurrencyScope: config.agentReservedConcurrency !== undefined ? 'function' : 'account',
    ...(config.minRequestsPerHour !== undefined ? { minRequestsPerHour: config.minRequestsPerHour } : {}),
    ...alarmTuningOf(config),
  };
}
