/**
 * One naming strategy for every alarm, the runbook of each, and the description text that
 * names the severity and links the runbook.
 */
import type { Severity } from './types';

/** Every runbook under docs/runbooks/alarms/; several alarms may share one (tools, burn windows). */
export const RUNBOOK_IDS = [
  'error-rate',
  'latency-p95',
  'latency-p99',
  'rate-limit-storm',
  'auth-error',
  'provider-outage',
  'spend-hourly-spike',
  'spend-daily-budget',
  'budget-rejections',
  'budget-overruns',
  'unpriced-model',
  'tool-error-rate',
  'quality-score',
  'quality-drift',
  'judge-failures',
  'judge-backlog-age',
  'judge-lambda-errors',
  'judge-lambda-throttles',
  'slo-fast-burn',
  'slo-medium-burn',
  'slo-slow-burn',
  'unhealthy',
  'alert-delivery',
  'lambda-errors',
  'lambda-throttles',
  'lambda-concurrency',
  'monitoring-silent',
  'traffic-floor',
  'invalid-input-rate',
] as const;

export type RunbookId = (typeof RUNBOOK_IDS)[number];

/**
 * The ids of the alarms that exist once per service (tool alarms add one id per tool, the
 * provider outage one per category, the SLO tiers one per window).
 *
 * An id names what is watched, never the service or "the agent": the service name already
 * leads every alarm name (`alarmName`), so `unhealthy` reads `agent-unhealthy-critical` with the
 * default service name and `support-bot-unhealthy-critical` for a service called support-bot.
 */
export const ALARM_IDS = {
  errorRate: 'error-rate',
  latencyP95: 'latency-p95',
  latencyP99: 'latency-p99',
  rateLimitStorm: 'rate-limit-storm',
  authError: 'auth-error',
  providerOutage: 'provider-outage',
  spendHourlySpike: 'spend-hourly-spike',
  spendDailyBudget: 'spend-daily-budget',
  budgetRejections: 'budget-rejections',
  budgetOverruns: 'budget-overruns',
  unpricedModel: 'unpriced-model',
  qualityScore: 'quality-score',
  qualityDrift: 'quality-drift',
  judgeFailures: 'judge-failures',
  judgeBacklogAge: 'judge-backlog-age',
  judgeLambdaErrors: 'judge-lambda-errors',
  judgeLambdaThrottles: 'judge-lambda-throttles',
  sloFastBurn: 'slo-fast-burn',
  sloMediumBurn: 'slo-medium-burn',
  sloSlowBurn: 'slo-slow-burn',
  agentUnhealthy: 'unhealthy',
  alertDeliveryFailures: 'alert-delivery-failures',
  alertDeadLetters: 'alert-dead-letters',
  lambdaErrors: 'lambda-errors',
  lambdaThrottles: 'lambda-throttles',
  lambdaConcurrency: 'lambda-concurrency',
  monitoringSilent: 'monitoring-silent',
  monitoringSilentPartial: 'monitoring-silent-partial',
  monitoringSilentAbsent: 'monitoring-silent-absent',
  agentInvoked: 'invoked',
  trafficFloor: 'traffic-floor',
  invalidInputRate: 'invalid-input-rate',
} as const;

/** `provider-outage-<category in kebab case>`: `provider-outage-service-unavailable`. */
export function providerOutageCategoryId(category: string): string {
  return `${ALARM_IDS.providerOutage}-${category.replace(/_/g, '-')}`;
}

/** `tool-error-rate-<tool in kebab case>`. */
export function toolErrorRateId(toolSlug: string): string {
  return `tool-error-rate-${toolSlug}`;
}

export const RUNBOOK_DIRECTORY = 'docs/runbooks/alarms';

/**
 * The one naming rule of every alarm, cdk-monitoring-constructs' `prefix-resource-suffix-severity`:
 * `<serviceName>-<id>-<severity>`, e.g. `agent-error-rate-critical`, `support-bot-unhealthy-critical`.
 */
export function alarmName(serviceName: string, id: string, severity: Severity): string {
  return `${serviceName}-${id}-${severity}`;
}

/** The repository path of a runbook, e.g. `docs/runbooks/alarms/error-rate.md`. */
export function runbookPath(id: RunbookId): string {
  return `${RUNBOOK_DIRECTORY}/${id}.md`;
}

/** The repository path of every runbook, so a test can check that each file exists. */
export function runbookPaths(): string[] {
  return RUNBOOK_IDS.map(runbookPath);
}

/** A runbook base URL as the kit stores and passes it on: without trailing slashes. */
export function runbookBase(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

/** The link to a runbook under a base URL (with or without a trailing slash). */
export function runbookUrl(baseUrl: string, id: RunbookId): string {
  return `${runbookBase(baseUrl)}/${id}.md`;
}

/** `CRITICAL - Error rate over 5 %. <meaning> <what to do> Runbook: <link>` */
export function alarmDescription(parts: { severity: Severity; title: string; meaning: string; action: string; runbookUrl: string }): string {
  return `${parts.severity.toUpperCase()} - ${parts.title}. ${parts.meaning} ${parts.action} Runbook: ${parts.runbookUrl}`;
}
