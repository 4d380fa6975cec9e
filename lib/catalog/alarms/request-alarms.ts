/**
 * Alarms on the agent's requests: error rate, latency, and the error categories that need
 * their own alarm (rate-limit storm, auth errors, provider outage).
 */
import { categoryInfo, CLIENT_ERROR_CATEGORIES, type FixedErrorCategory } from '../error-categories';
import { LATENCY_TIERS } from '../latency-tiers';
import { DIMENSIONS, METRICS } from '../metrics';
import { agentMetric, compositeAlarm, formatNumber, metricAlarm, type AlarmText } from './define';
import { ALARM_IDS, alarmName, providerOutageCategoryId } from './naming';
import type { ResolvedAlarmSettings } from './settings';
import type { AlarmDefinition, MetricAlarmDefinition, MetricRef } from './types';

/**
 * Requests, failed requests, and the client errors among them (CLIENT_ERROR_CATEGORIES:
 * invalid_input, budget_exceeded), which are the caller's doing and count neither as failures
 * nor as requests of the service. The client errors are written in every failure's document,
 * so errors and client_errors are one sparse series (sparse-metrics.ts).
 */
export function requestOutcomeMetrics(s: ResolvedAlarmSettings): Record<'requests' | 'errors' | 'client_errors', MetricRef> {
  return {
    requests: agentMetric(s, METRICS.requests, 'Sum'),
    errors: agentMetric(s, METRICS.errors, 'Sum'),
    client_errors: agentMetric(s, METRICS.clientErrors, 'Sum'),
  };
}

/** Client errors: absent (not 0) in a period without failures, hence FILL. */
export const CLIENT_ERRORS = 'FILL(client_errors, 0)';

/**
 * Failed requests the service is answerable for: every failure but the client errors. Absent
 * in a minute without failures, hence FILL; if FILL yields nothing when errors has no datapoint
 * in the whole range, the expression is empty and the alarm sees missing data (notBreaching):
 * OK, the right state without failures.
 */
export const FAILED_REQUESTS = `(FILL(errors, 0) - ${CLIENT_ERRORS})`;

/** Requests the service is answerable for: every request the wrapper counted, less the client errors. */
export const SERVED_REQUESTS = `(requests - ${CLIENT_ERRORS})`;

/** The error categories of a provider outage, each watched by its own alarm. */
export const PROVIDER_OUTAGE_CATEGORIES = ['provider_error', 'service_unavailable'] as const satisfies readonly FixedErrorCategory[];

export function errorsOf(s: ResolvedAlarmSettings, category: FixedErrorCategory): MetricRef {
  return agentMetric(s, METRICS.errors, 'Sum', { [DIMENSIONS.errorCategory]: category });
}

/** The sentence of an alarm whose page comes through the `unhealthy` composite. */
export function pagedThroughHealth(s: ResolvedAlarmSettings): string {
  return `It pages through ${alarmName(s.serviceName, ALARM_IDS.agentUnhealthy, 'critical')}; on its own it notifies the info topic.`;
}

/** The request alarms; the provider-outage composite comes after its two children. */
export function requestAlarms(s: ResolvedAlarmSettings): AlarmDefinition[] {
  return [errorRate(s), latency(s, 'p95'), latency(s, 'p99'), rateLimitStorm(s), authError(s), ...providerOutage(s), invalidInputRate(s)];
}

function errorRate(s: ResolvedAlarmSettings): MetricAlarmDefinition {
  const percent = formatNumber(s.errorRatePercent);
  const text: AlarmText = {
    id: ALARM_IDS.errorRate,
    title: `Error rate over ${percent} %`,
    severity: 'critical',
    runbookId: 'error-rate',
    meaning: `More than ${percent} % of requests failed in 3 of 5 one-minute periods with at least ${s.errorRateMinRequests} requests each (client errors, ${CLIENT_ERROR_CATEGORIES.join(' and ')}, count neither as failures nor as requests).`,
    action: `Find the dominant category on the dashboard's errors-by-category graph and follow its runbook. ${pagedThroughHealth(s)}`,
    notify: 'info',
  };
  return metricAlarm(s, text, {
    math: {
      expression: `IF(${SERVED_REQUESTS} >= ${s.errorRateMinRequests}, 100 * ${FAILED_REQUESTS} / ${SERVED_REQUESTS}, 0)`,
      label: 'Error rate (%)',
      metrics: requestOutcomeMetrics(s),
    },
    periodSeconds: 60,
    evaluationPeriods: 5,
    datapointsToAlarm: 3,
    threshold: s.errorRatePercent,
    comparison: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
  });
}

/**
 * P95 over its target is a warning: the agent is slow for some users but works. P99 over
 * its (higher) target is critical: the tail has reached the point where callers give up,
 * and it is judged only on 100+ requests per 5 minutes, in 3 of 3 periods, so it is a
 * sustained, well-measured breach and never one slow request in a quiet hour.
 */
function latency(s: ResolvedAlarmSettings, percentile: 'p95' | 'p99'): MetricAlarmDefinition {
  const tier = LATENCY_TIERS[s.latencyTier];
  const target = tier[percentile];
  const minSamples = percentile === 'p95' ? s.latencyP95MinSamples : s.latencyP99MinSamples;
  const critical = percentile === 'p99';
  const datapoints = critical ? 3 : 2;
  const text: AlarmText = {
    id: critical ? ALARM_IDS.latencyP99 : ALARM_IDS.latencyP95,
    title: `Latency ${percentile.toUpperCase()} over ${target} s`,
    severity: critical ? 'critical' : 'warning',
    runbookId: critical ? 'latency-p99' : 'latency-p95',
    meaning: `${percentile.toUpperCase()} of ${METRICS.duration.name} exceeded the ${s.latencyTier} target of ${target} s in ${datapoints} of 3 five-minute periods with at least ${minSamples} requests each.`,
    action: critical
      ? `Check the provider's latency and the slowest requests by model and tool. ${pagedThroughHealth(s)}`
      : 'Compare latency by model and tool calls per request on the dashboard; fix within working hours.',
    notify: critical ? 'info' : 'warning',
  };
  return metricAlarm(s, text, {
    math: {
      expression: `IF(samples >= ${minSamples}, ${percentile}, 0)`,
      label: `Latency ${percentile.toUpperCase()} (s)`,
      metrics: {
        [percentile]: agentMetric(s, METRICS.duration, percentile),
        samples: agentMetric(s, METRICS.duration, 'SampleCount'),
      },
    },
    periodSeconds: 300,
    evaluationPeriods: 3,
    datapointsToAlarm: datapoints,
    threshold: target,
    comparison: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
  });
}

function rateLimitStorm(s: ResolvedAlarmSettings): MetricAlarmDefinition {
  const text: AlarmText = {
    id: ALARM_IDS.rateLimitStorm,
    title: 'Rate-limit storm',
    severity: 'warning',
    runbookId: 'rate-limit-storm',
    meaning: `More than ${s.rateLimitStormErrors} requests failed with rate_limit (HTTP 429 after retries) in 5 minutes.`,
    action: 'Check the provider quota and whether one user or feature drives the traffic; raise the limit or throttle callers.',
    notify: 'warning',
  };
  return metricAlarm(s, text, {
    metric: errorsOf(s, 'rate_limit'),
    periodSeconds: 300,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    threshold: s.rateLimitStormErrors,
    comparison: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
  });
}

function authError(s: ResolvedAlarmSettings): MetricAlarmDefinition {
  const text: AlarmText = {
    id: ALARM_IDS.authError,
    title: 'Provider rejected the API key',
    severity: 'critical',
    runbookId: 'auth-error',
    meaning: 'At least one request failed with auth_error (HTTP 401/403) in the last minute: the key is invalid, revoked or lacks access, and every request will fail.',
    action: `Check the API key secret and the provider account, rotate the key. ${pagedThroughHealth(s)}`,
    notify: 'info',
  };
  return metricAlarm(s, text, {
    metric: errorsOf(s, 'auth_error'),
    periodSeconds: 60,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    threshold: 1,
    comparison: 'GreaterThanOrEqualToThreshold',
    treatMissingData: 'notBreaching',
  });
}

/**
 * A provider outage is two alarms, one per category, and a composite that is ALARM when
 * either is. One alarm per category, not their sum: `FILL(a, 0) + FILL(b, 0)` could stay
 * empty through an outage that shows only one of the two categories (sparse-metrics.ts).
 *
 * The composite pages by itself, and suppresses `unhealthy` while in ALARM: during a
 * provider outage the error-rate and SLO alarms fire as consequences, and the on-call gets
 * one page naming the cause instead of two. The two children notify the info topic only, so
 * the outage pages once.
 */
function providerOutage(s: ResolvedAlarmSettings): AlarmDefinition[] {
  const compositeName = alarmName(s.serviceName, ALARM_IDS.providerOutage, 'critical');
  const children = PROVIDER_OUTAGE_CATEGORIES.map((category) => providerOutageCategory(s, category, compositeName));
  const text: AlarmText = {
    id: ALARM_IDS.providerOutage,
    title: 'LLM provider outage',
    severity: 'critical',
    runbookId: 'provider-outage',
    meaning: `At least ${s.providerOutageErrorsPerMinute} requests a minute failed with ${PROVIDER_OUTAGE_CATEGORIES.join(' or with ')} (each category judged on its own) in 3 of 5 minutes. The message names the category.`,
    action: `Check the provider's status page; fail over to another model or endpoint if configured. While this alarm is in ALARM, ${alarmName(s.serviceName, ALARM_IDS.agentUnhealthy, 'critical')} does not page.`,
    notify: 'critical',
  };
  return [...children, compositeAlarm(s, text, { rule: { anyOf: children.map((child) => ({ alarm: child.id })) } })];
}

function providerOutageCategory(s: ResolvedAlarmSettings, category: FixedErrorCategory, compositeName: string): MetricAlarmDefinition {
  const text: AlarmText = {
    id: providerOutageCategoryId(category),
    title: `LLM provider failing with ${category}`,
    severity: 'critical',
    runbookId: 'provider-outage',
    meaning: `At least ${s.providerOutageErrorsPerMinute} requests a minute failed with ${category} (${categoryInfo(category).summary}) in 3 of 5 minutes.`,
    action: `Check the provider's status page. It pages through ${compositeName}; on its own it notifies the info topic.`,
    notify: 'info',
  };
  return metricAlarm(s, text, {
    metric: errorsOf(s, category),
    periodSeconds: 60,
    evaluationPeriods: 5,
    datapointsToAlarm: 3,
    threshold: s.providerOutageErrorsPerMinute,
    comparison: 'GreaterThanOrEqualToThreshold',
    treatMissingData: 'notBreaching',
  });
}

/**
 * A sustained share of requests refused as invalid_input: a client release that sends what the
 * agent cannot read. A warning, never a page: the service works, a caller is broken. Judged on
 * 5-minute periods with at least `invalidInputMinRequests` requests, in 3 of 3, so a handful of
 * bad requests on a quiet service never fires it.
 */
function invalidInputRate(s: ResolvedAlarmSettings): MetricAlarmDefinition {
  const percent = formatNumber(s.invalidInputRatePercent);
  const text: AlarmText = {
    id: ALARM_IDS.invalidInputRate,
    title: `Invalid requests over ${percent} %`,
    severity: 'warning',
    runbookId: 'invalid-input-rate',
    meaning: `More than ${percent} % of requests were refused as invalid_input in 3 consecutive 5-minute periods with at least ${s.invalidInputMinRequests} requests each: a caller sends what the agent cannot read.`,
    action: 'Find the caller (feature, user and request ids in Logs Insights) and the release that changed its requests; the agent is not at fault, nothing pages.',
    notify: 'warning',
  };
  return metricAlarm(s, text, {
    math: {
      expression: `IF(requests >= ${s.invalidInputMinRequests}, 100 * FILL(invalid, 0) / requests, 0)`,
      label: 'Invalid requests (%)',
      metrics: { requests: agentMetric(s, METRICS.requests, 'Sum'), invalid: errorsOf(s, 'invalid_input') },
    },
    periodSeconds: 300,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    threshold: s.invalidInputRatePercent,
    comparison: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
  });
}
