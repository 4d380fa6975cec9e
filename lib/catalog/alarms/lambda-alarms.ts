/**
 * Ground truth: alarms on the agent function's own AWS/Lambda metrics, which Lambda writes
 * whatever happens inside the function. The wrapper's metrics cannot see a failure before or
 * around it: a bad deploy whose initialization fails, a throttled request (the handler never
 * runs), a timeout or an out-of-memory crash (the wrapper never writes its document), a
 * metrics pipeline that stopped. These alarms can.
 *
 * | alarm | severity | pages | why |
 * |---|---|---|---|
 * | lambda-errors | critical | via unhealthy | every failed invocation is a user who got a 5xx and no answer |
 * | monitoring-silent | critical | via unhealthy | the monitor is blind: no other alarm of the agent can fire |
 * | traffic-floor (opt-in) | critical | via unhealthy | no traffic at all: the outage is upstream, and nothing else fires |
 * | lambda-throttles | warning | no | capacity: throttled requests also burn the SLO, whose alarms page when it hurts |
 * | lambda-concurrency | warning | no | capacity before it runs out: throttling is next |
 */
import { METRICS } from '../metrics';
import { agentMetric, compositeAlarm, formatNumber, lambdaMetric, metricAlarm, type AlarmText } from './define';
import { AWS_LAMBDA_METRICS, AWS_LAMBDA_NAMESPACE } from './lambda-metrics';
import { SECONDS } from './limits';
import { ALARM_IDS } from './naming';
import { pagedThroughHealth } from './request-alarms';
import type { ResolvedAlarmSettings } from './settings';
import type { AlarmDefinition, MetricAlarmDefinition, MetricRef } from './types';

/** The agent function's AWS/Lambda counts, as math ids. */
export function agentLambdaMetrics(s: ResolvedAlarmSettings): Record<'invocations' | 'lambda_errors' | 'throttles', MetricRef> {
  return {
    invocations: lambdaMetric(AWS_LAMBDA_METRICS.invocations, 'Sum', s.agentFunctionName),
    lambda_errors: lambdaMetric(AWS_LAMBDA_METRICS.errors, 'Sum', s.agentFunctionName),
    throttles: lambdaMetric(AWS_LAMBDA_METRICS.throttles, 'Sum', s.agentFunctionName),
  };
}

/**
 * Requests that reached the function: invocations and throttled ones. FILL: a minute in which
 * every request was throttled may hold no Invocations datapoint.
 */
export const LAMBDA_REQUESTS = '(FILL(invocations, 0) + throttles)';

/**
 * Building blocks whose ALARM state is a normal condition, not a symptom: `invoked` is in
 * ALARM whenever the agent serves traffic, `monitoring-silent-absent` whenever it has none.
 * Neither notifies; only their composite, monitoring-silent, means something is wrong.
 */
export const CONDITION_ALARM_IDS: readonly string[] = [ALARM_IDS.monitoringSilentAbsent, ALARM_IDS.agentInvoked];

/** The Lambda alarms; the monitoring-silent composite comes after its three building blocks. */
export function lambdaAlarms(s: ResolvedAlarmSettings): AlarmDefinition[] {
  return [lambdaErrors(s), ...monitoringSilent(s), lambdaThrottles(s), lambdaConcurrency(s), ...(s.minRequestsPerHour !== undefined ? [trafficFloor(s, s.minRequestsPerHour)] : [])];
}

function lambdaErrors(s: ResolvedAlarmSettings): MetricAlarmDefinition {
  const percent = formatNumber(s.lambdaErrorRatePercent);
  const { invocations, lambda_errors } = agentLambdaMetrics(s);
  const text: AlarmText = {
    id: ALARM_IDS.lambdaErrors,
    title: `Agent Lambda errors over ${percent} %`,
    severity: 'critical',
    runbookId: 'lambda-errors',
    meaning: `More than ${percent} % of the agent function's invocations ended in a Lambda error (AWS/Lambda Errors: a failed initialization, a crash, out of memory, a timeout) in 3 of 5 minutes with at least ${s.lambdaMinInvocations} invocations each. The wrapper writes no metric for these.`,
    action: `Read the function's log group for INIT errors, "Task timed out" and "Runtime exited"; roll back a deploy of the last hour. ${pagedThroughHealth(s)}`,
    notify: 'info',
  };
  return metricAlarm(s, text, {
    math: {
      expression: `IF(invocations >= ${s.lambdaMinInvocations}, 100 * lambda_errors / invocations, 0)`,
      label: 'Agent Lambda errors (%)',
      metrics: { invocations, lambda_errors },
    },
    periodSeconds: 60,
    evaluationPeriods: 5,
    datapointsToAlarm: 3,
    threshold: s.lambdaErrorRatePercent,
    comparison: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
  });
}

/**
 * The agent's metrics are lost: `monitoring-silent-partial` OR (`monitoring-silent-absent` AND
 * `invoked`). The partial alarm measures the share of successful invocations the wrapper
 * did not count; when EVERY wrapper metric is lost, its `FILL(requests, 0)` reads a series with
 * no datapoint in the range, which CloudWatch may leave empty (sparse-metrics.ts). The second
 * branch needs no FILL: no request counted in 5 minutes (requests is dense, so its absence
 * breaches) while Lambda ran successful invocations. At zero traffic only the absent alarm is
 * in ALARM, and the composite is not.
 */
function monitoringSilent(s: ResolvedAlarmSettings): AlarmDefinition[] {
  const percent = formatNumber(s.monitoringSilentPercent);
  const blocks = [monitoringSilentPartial(s), monitoringSilentAbsent(s), agentInvoked(s)] as const;
  const [partial, absent, invoked] = blocks;
  const text: AlarmText = {
    id: ALARM_IDS.monitoringSilent,
    title: 'Agent metrics missing',
    severity: 'critical',
    runbookId: 'monitoring-silent',
    meaning: `More than ${percent} % of the agent's successful Lambda invocations were not counted in ${METRICS.requests.name} in 2 consecutive 5-minute periods (at least ${s.monitoringSilentMinInvocations} invocations each), or none was counted for 15 minutes while Lambda ran them: its metrics are lost, and every other agent alarm is blind.`,
    action: `Check POWERTOOLS_METRICS_DISABLED and the namespace of the function, its log group and its permissions to write, and the EMF lines in the log. ${pagedThroughHealth(s)}`,
    notify: 'info',
  };
  const composite = compositeAlarm(s, text, { rule: { anyOf: [{ alarm: partial.id }, { allOf: [{ alarm: absent.id }, { alarm: invoked.id }] }] } });
  return [...blocks, composite];
}

const SILENT_BLOCK = `A building block of ${ALARM_IDS.monitoringSilent}, which notifies for it; this alarm notifies no one.`;

/** Invocations the wrapper's metrics did not count, less those that failed in Lambda (lambda-errors watches them). */
function monitoringSilentPartial(s: ResolvedAlarmSettings): MetricAlarmDefinition {
  const { invocations, lambda_errors } = agentLambdaMetrics(s);
  const text: AlarmText = {
    id: ALARM_IDS.monitoringSilentPartial,
    title: 'Agent metrics partly missing',
    severity: 'info',
    runbookId: 'monitoring-silent',
    meaning: `More than ${formatNumber(s.monitoringSilentPercent)} % of the agent's successful Lambda invocations were not counted in ${METRICS.requests.name} in 2 consecutive 5-minute periods (at least ${s.monitoringSilentMinInvocations} invocations each).`,
    action: SILENT_BLOCK,
  };
  return metricAlarm(s, text, {
    math: {
      expression: `IF(invocations >= ${s.monitoringSilentMinInvocations}, 100 * (invocations - lambda_errors - FILL(requests, 0)) / invocations, 0)`,
      label: 'Invocations not counted by the wrapper (%)',
      metrics: { invocations, lambda_errors, requests: agentMetric(s, METRICS.requests, 'Sum') },
    },
    periodSeconds: 300,
    evaluationPeriods: 2,
    datapointsToAlarm: 2,
    threshold: s.monitoringSilentPercent,
    comparison: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
  });
}

/**
 * No request counted: the wrapper writes one with every request, so no datapoint breaches. One
 * 5-minute period: CloudWatch judges the last real datapoint of its 3-period range, so this
 * fires once 15 minutes hold none (2 periods would take 20).
 */
function monitoringSilentAbsent(s: ResolvedAlarmSettings): MetricAlarmDefinition {
  const text: AlarmText = {
    id: ALARM_IDS.monitoringSilentAbsent,
    title: 'No agent request counted',
    severity: 'info',
    runbookId: 'monitoring-silent',
    meaning: `No request was counted in ${METRICS.requests.name} for 15 minutes (no datapoint breaches). Also in ALARM while the agent has no traffic at all.`,
    action: `${SILENT_BLOCK} It matters only while ${ALARM_IDS.agentInvoked} is in ALARM too.`,
  };
  return metricAlarm(s, text, {
    metric: agentMetric(s, METRICS.requests, 'Sum'),
    periodSeconds: 300,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    threshold: 1,
    comparison: 'LessThanThreshold',
    treatMissingData: 'breaching',
  });
}

/** Lambda ran successful invocations: AWS/Lambda counts only, so it does not depend on the wrapper. */
function agentInvoked(s: ResolvedAlarmSettings): MetricAlarmDefinition {
  const { invocations, lambda_errors } = agentLambdaMetrics(s);
  const text: AlarmText = {
    id: ALARM_IDS.agentInvoked,
    title: 'Agent invoked',
    severity: 'info',
    runbookId: 'monitoring-silent',
    meaning: `The agent function ran at least ${s.monitoringSilentMinInvocations} successful invocations (AWS/Lambda Invocations less Errors) in each of 2 consecutive 5-minute periods. Not a problem by itself: it tells ${ALARM_IDS.monitoringSilentAbsent} apart from a service without traffic.`,
    action: SILENT_BLOCK,
  };
  return metricAlarm(s, text, {
    math: { expression: 'invocations - lambda_errors', label: 'Successful agent invocations', metrics: { invocations, lambda_errors } },
    periodSeconds: 300,
    evaluationPeriods: 2,
    datapointsToAlarm: 2,
    threshold: s.monitoringSilentMinInvocations,
    comparison: 'GreaterThanOrEqualToThreshold',
    treatMissingData: 'notBreaching',
  });
}

function lambdaThrottles(s: ResolvedAlarmSettings): MetricAlarmDefinition {
  const percent = formatNumber(s.lambdaThrottlePercent);
  const { invocations, throttles } = agentLambdaMetrics(s);
  const text: AlarmText = {
    id: ALARM_IDS.lambdaThrottles,
    title: `Agent Lambda throttled over ${percent} %`,
    severity: 'warning',
    runbookId: 'lambda-throttles',
    meaning: `More than ${percent} % of the requests to the agent function were throttled (AWS/Lambda Throttles, of invocations plus throttles) in 3 of 5 minutes with at least ${s.lambdaMinInvocations} requests each: the handler never ran for them, and their callers got HTTP 429.`,
    action: 'Check the function\'s reserved concurrency and the account\'s concurrent executions in the region; raise the limit or smooth the traffic. Throttles burn the availability SLO, whose alarms page if they hurt.',
    notify: 'warning',
  };
  return metricAlarm(s, text, {
    math: {
      expression: `IF(${LAMBDA_REQUESTS} >= ${s.lambdaMinInvocations}, 100 * throttles / ${LAMBDA_REQUESTS}, 0)`,
      label: 'Agent requests throttled (%)',
      metrics: { invocations, throttles },
    },
    periodSeconds: 60,
    evaluationPeriods: 5,
    datapointsToAlarm: 3,
    threshold: s.lambdaThrottlePercent,
    comparison: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
  });
}

/**
 * With reserved concurrency the agent's own instances are measured against it; without, the
 * agent draws from the account's pool with every other function of the region, so the
 * account-wide ConcurrentExecutions (no dimension) is measured against the account's limit.
 */
function lambdaConcurrency(s: ResolvedAlarmSettings): MetricAlarmDefinition {
  const threshold = Math.floor((s.agentConcurrencyLimit * s.concurrencyAlarmPercent) / 100);
  const reserved = s.concurrencyScope === 'function';
  const whose = reserved ? `The agent function ran more than ${threshold} instances at once` : `The account's functions in this region ran more than ${threshold} instances at once`;
  const limit = reserved ? `the agent's reserved concurrency of ${s.agentConcurrencyLimit}` : `the account's limit of ${s.agentConcurrencyLimit}, which the agent shares`;
  const text: AlarmText = {
    id: ALARM_IDS.lambdaConcurrency,
    title: `Agent concurrency near its limit of ${s.agentConcurrencyLimit}`,
    severity: 'warning',
    runbookId: 'lambda-concurrency',
    meaning: `${whose} (${formatNumber(s.concurrencyAlarmPercent)} % of ${limit}; AWS/Lambda ConcurrentExecutions maximum) in 3 of 5 minutes: the agent's throttling comes next.`,
    action: 'Request a higher account concurrency quota or raise the reserved concurrency before the peak; look for slower requests (latency) that hold instances longer.',
    notify: 'warning',
  };
  return metricAlarm(s, text, {
    metric: reserved
      ? lambdaMetric(AWS_LAMBDA_METRICS.concurrentExecutions, 'Maximum', s.agentFunctionName)
      : { metric: AWS_LAMBDA_METRICS.concurrentExecutions, statistic: 'Maximum', namespace: AWS_LAMBDA_NAMESPACE, dimensions: {} },
    periodSeconds: 60,
    evaluationPeriods: 5,
    datapointsToAlarm: 3,
    threshold,
    comparison: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
  });
}

/** Opt-in: fewer invocations in an hour than the team knows it always has. An hour without any reads 0 (FILL): without it CloudWatch would judge the last busy hour of its 3-hour evaluation range instead; a range without any datapoint is breaching. */
function trafficFloor(s: ResolvedAlarmSettings, minRequestsPerHour: number): MetricAlarmDefinition {
  const text: AlarmText = {
    id: ALARM_IDS.trafficFloor,
    title: `Agent traffic under ${minRequestsPerHour} requests an hour`,
    severity: 'critical',
    runbookId: 'traffic-floor',
    meaning: `The agent function was invoked fewer than ${minRequestsPerHour} times in the last hour (AWS/Lambda Invocations; no datapoint counts as none): requests are not reaching it, and no error is written anywhere.`,
    action: `Check the callers, the Function URL or API route, its authorizer and DNS; send one request yourself. ${pagedThroughHealth(s)}`,
    notify: 'info',
  };
  return metricAlarm(s, text, {
    math: { expression: 'FILL(invocations, 0)', label: 'Agent invocations in the last hour', metrics: { invocations: lambdaMetric(AWS_LAMBDA_METRICS.invocations, 'Sum', s.agentFunctionName) } },
    periodSeconds: SECONDS.hour,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    threshold: minRequestsPerHour,
    comparison: 'LessThanThreshold',
    treatMissingData: 'breaching',
  });
}
