/**
 * The CDK context keys of the monitoring configuration, in one place. Each is given in
 * cdk.json (`"context": { "dailyLlmBudgetUsd": 50 }`) or on the command line
 * (`cdk deploy -c dailyLlmBudgetUsd=50`); the README and the validation messages use these names.
 */
export const CONTEXT_KEYS = {
  serviceName: 'serviceName',
  metricNamespace: 'metricNamespace',
  latencyTier: 'latencyTier',
  dailyLlmBudgetUsd: 'dailyLlmBudgetUsd',
  userDailyLlmBudgetUsd: 'userDailyLlmBudgetUsd',
  monthlyAwsBudgetUsd: 'monthlyAwsBudgetUsd',
  alertEmails: 'alertEmails',
  smsNumbers: 'smsNumbers',
  slackWebhookSecretName: 'slackWebhookSecretName',
  pagerDutyRoutingKeySecretName: 'pagerDutyRoutingKeySecretName',
  openAiSecretName: 'openAiSecretName',
  sampleRate: 'sampleRate',
  judgeSchedule: 'judgeSchedule',
  monitoredTools: 'monitoredTools',
  qualityThreshold: 'qualityThreshold',
  availabilitySloTarget: 'availabilitySloTarget',
  agentProvider: 'agentProvider',
  model: 'model',
  judgeProvider: 'judgeProvider',
  judgeModel: 'judgeModel',
  runbookBaseUrl: 'runbookBaseUrl',
  agentReservedConcurrency: 'agentReservedConcurrency',
  accountConcurrencyLimit: 'accountConcurrencyLimit',
  minRequestsPerHour: 'minRequestsPerHour',
  // The alarm catalog's tuning settings, under the catalog's own names (alarm-tuning.ts).
  hourlySpendSpikeUsd: 'hourlySpendSpikeUsd',
  errorRatePercent: 'errorRatePercent',
  errorRateMinRequests: 'errorRateMinRequests',
  sloMinFailures: 'sloMinFailures',
  sloMinRequests: 'sloMinRequests',
  invalidInputRatePercent: 'invalidInputRatePercent',
  invalidInputMinRequests: 'invalidInputMinRequests',
  latencyP95MinSamples: 'latencyP95MinSamples',
  latencyP99MinSamples: 'latencyP99MinSamples',
  rateLimitStormErrors: 'rateLimitStormErrors',
  providerOutageErrorsPerMinute: 'providerOutageErrorsPerMinute',
  toolErrorRatePercent: 'toolErrorRatePercent',
  toolMinCalls: 'toolMinCalls',
  qualityMinScores: 'qualityMinScores',
  judgeBacklogMaxAgeSeconds: 'judgeBacklogMaxAgeSeconds',
  judgeFailuresPerHour: 'judgeFailuresPerHour',
  concurrencyAlarmPercent: 'concurrencyAlarmPercent',
  lambdaErrorRatePercent: 'lambdaErrorRatePercent',
  lambdaThrottlePercent: 'lambdaThrottlePercent',
  lambdaMinInvocations: 'lambdaMinInvocations',
  monitoringSilentPercent: 'monitoringSilentPercent',
  monitoringSilentMinInvocations: 'monitoringSilentMinInvocations',
  budgetSoftThreshold: 'budgetSoftThreshold',
} as const;

/** Context keys the CDK app reads outside the monitoring configuration (bin/app.ts). */
export const APP_CONTEXT_KEYS: readonly string[] = ['stackName'];

export type ConfigSetting = keyof typeof CONTEXT_KEYS;

/** The raw context values, as `node.tryGetContext` returns them (strings from `-c`, JSON from cdk.json). */
export type ContextValues = Partial<Record<ConfigSetting, unknown>>;
