/**
 * The availability SLO as multi-window, multi-burn-rate alarms (Google SRE workbook, ch. 5).
 *
 * A burn rate is how fast the error budget (1 − SLO) is spent: at 1× it lasts the 30-day
 * SLO period exactly. Each tier alarms when BOTH its long window (enough budget is gone to
 * matter) and its short window (it is still burning now, so the alarm resets soon after a
 * fix) exceed burnRate × (1 − SLO):
 *
 * | tier   | burn  | long / short | budget spent in the long window | severity |
 * |--------|-------|--------------|---------------------------------|----------|
 * | fast   | 14.4× | 1 h / 5 min  | 2 %                             | critical |
 * | medium | 6×    | 6 h / 30 min | 5 %                             | critical |
 * | slow   | 3×    | 1 d / 2 h    | 10 %                            | warning  |
 *
 * Every window is ONE datapoint whose period is the window (3600, 300, 21600, 1800, 86400,
 * 7200 s: all multiples of 60, period × 1 ≤ 86400): metric math over the window's sums gives
 * the exact error ratio of the window, which averaging shorter periods would not (an hour of
 * 60 one-minute ratios weighs a quiet minute like a busy one).
 *
 * The ratio counts what users saw (SLO_FAILURES / SLO_REQUESTS):
 *
 *   failures = (wrapper errors − client errors) + Lambda Errors + Lambda Throttles
 *   requests = Lambda Invocations + Lambda Throttles − client errors
 *
 * Client errors (invalid_input, budget_exceeded) are the caller's doing or a policy decision:
 * they spend no error budget. A window is judged only with `sloMinFailures` failures and
 * `sloMinRequests` requests in it, so a handful of failures on a quiet service is no burn.
 *
 * Each window is TWO metric alarms. The full one above reads the wrapper's failure counts, which
 * are sparse: in a window where the wrapper wrote no failure at all (only crashes, timeouts,
 * throttles, a bad deploy), it depends on `FILL(errors, 0)` yielding values for a series with
 * no datapoint in the range, which CloudWatch does not confirm (sparse-metrics.ts). Its
 * `-lambda` twin reads only the dense AWS/Lambda series, (Lambda errors + throttles) over
 * (invocations + throttles), with the same minimums and threshold. That ratio is a lower
 * bound of the full one (fewer failures counted, a denominator no smaller), so the tier
 * composite, allOf(anyOf(long, long-lambda), anyOf(short, short-lambda)), is exactly the full
 * windows' verdict when FILL fills, and still fires on Lambda-level failures when it does not.
 */
import { compositeAlarm, formatDuration, formatNumber, metricAlarm } from './define';
import { SECONDS } from './limits';
import { ALARM_IDS } from './naming';
import { agentLambdaMetrics, LAMBDA_REQUESTS } from './lambda-alarms';
import { CLIENT_ERRORS, FAILED_REQUESTS, pagedThroughHealth, requestOutcomeMetrics } from './request-alarms';
import type { ResolvedAlarmSettings } from './settings';
import type { CompositeAlarmDefinition, MathExpression, MetricAlarmDefinition, Severity } from './types';

export interface BurnRateTier {
  readonly id: (typeof ALARM_IDS)['sloFastBurn' | 'sloMediumBurn' | 'sloSlowBurn'];
  readonly burnRate: number;
  readonly longWindowSeconds: number;
  readonly shortWindowSeconds: number;
  readonly severity: Severity;
}

export const SLO_PERIOD_DAYS = 30;

export const BURN_RATE_TIERS: readonly BurnRateTier[] = [
  { id: ALARM_IDS.sloFastBurn, burnRate: 14.4, longWindowSeconds: SECONDS.hour, shortWindowSeconds: 300, severity: 'critical' },
  { id: ALARM_IDS.sloMediumBurn, burnRate: 6, longWindowSeconds: 6 * SECONDS.hour, shortWindowSeconds: 1800, severity: 'critical' },
  { id: ALARM_IDS.sloSlowBurn, burnRate: 3, longWindowSeconds: SECONDS.day, shortWindowSeconds: 2 * SECONDS.hour, severity: 'warning' },
];

/** burnRate × (1 − SLO) as a fraction of requests, without floating-point noise: 14.4 × 0.005 = 0.072. */
export function burnRateThreshold(burnRate: number, sloTarget: number): number {
  return Number((burnRate * (1 - sloTarget)).toPrecision(12));
}

/** `slo-fast-burn-1h`, `slo-fast-burn-5m`, `slo-slow-burn-1d`. */
export function burnWindowId(tier: BurnRateTier, windowSeconds: number): string {
  return `${tier.id}-${shortDuration(windowSeconds)}`;
}

/** `slo-fast-burn-1h-lambda`: the window's twin over the AWS/Lambda metrics only. */
export function lambdaBurnWindowId(tier: BurnRateTier, windowSeconds: number): string {
  return `${burnWindowId(tier, windowSeconds)}-lambda`;
}

/** Per tier: the long window and its Lambda twin, the short ones, then the composite that requires both windows. */
export function sloAlarms(s: ResolvedAlarmSettings): (MetricAlarmDefinition | CompositeAlarmDefinition)[] {
  return BURN_RATE_TIERS.flatMap((tier) => {
    const windows = [tier.longWindowSeconds, tier.shortWindowSeconds].map((seconds) => [burnWindow(s, tier, seconds), lambdaBurnWindow(s, tier, seconds)]);
    return [...windows.flat(), burnComposite(s, tier, windows.map((pair) => pair.map((window) => window.id)))];
  });
}

/** What a burn window counts: its failures and requests over its metrics, and how it reads. */
interface WindowRatio {
  readonly id: string;
  readonly title: string;
  /** The ratio in words, for the description. */
  readonly counts: string;
  readonly failures: string;
  readonly requests: string;
  readonly metrics: MathExpression['metrics'];
  readonly label: string;
  readonly action: string;
}

function burnWindow(s: ResolvedAlarmSettings, tier: BurnRateTier, windowSeconds: number): MetricAlarmDefinition {
  const window = formatDuration(windowSeconds);
  return windowAlarm(s, tier, windowSeconds, {
    id: burnWindowId(tier, windowSeconds),
    title: `Error budget burning ${tier.burnRate}x over ${window}`,
    counts: `The failure ratio of the last ${window} (failures the wrapper counted less client errors, plus Lambda errors and throttles, over invocations plus throttles less client errors`,
    failures: SLO_FAILURES,
    requests: SLO_REQUESTS,
    metrics: sloMetrics(s),
    label: `Failure ratio over ${window}`,
    action: `A building block of ${tier.id}, which notifies when both of its windows burn (this alarm or its -lambda twin); this alarm notifies no one.`,
  });
}

/**
 * The window over the dense AWS/Lambda metrics only (Lambda errors and throttles over
 * invocations and throttles): it does not depend on FILL of an absent wrapper series.
 */
function lambdaBurnWindow(s: ResolvedAlarmSettings, tier: BurnRateTier, windowSeconds: number): MetricAlarmDefinition {
  const window = formatDuration(windowSeconds);
  return windowAlarm(s, tier, windowSeconds, {
    id: lambdaBurnWindowId(tier, windowSeconds),
    title: `Lambda failures burning ${tier.burnRate}x over ${window}`,
    counts: `The ratio of AWS/Lambda errors and throttles to invocations plus throttles over the last ${window} (it reads no metric of the wrapper, so it burns even when the wrapper wrote no failure at all`,
    failures: LAMBDA_FAILURES,
    requests: LAMBDA_REQUESTS,
    metrics: agentLambdaMetrics(s),
    label: `Lambda failure ratio over ${window}`,
    action: `A building block of ${tier.id}, next to ${burnWindowId(tier, windowSeconds)}, whose ratio it never exceeds; this alarm notifies no one.`,
  });
}

/** One datapoint over the whole window: the ratio, judged only from the minimum failures and requests. */
function windowAlarm(s: ResolvedAlarmSettings, tier: BurnRateTier, windowSeconds: number, ratio: WindowRatio): MetricAlarmDefinition {
  const threshold = burnRateThreshold(tier.burnRate, s.availabilitySloTarget);
  const { failures, requests } = ratio;
  return metricAlarm(
    s,
    {
      id: ratio.id,
      title: ratio.title,
      severity: 'info',
      runbookId: tier.id,
      meaning: `${ratio.counts}; judged from ${s.sloMinFailures} failures and ${s.sloMinRequests} requests on) passed ${formatNumber(threshold * 100)} %, ${tier.burnRate} times the ${formatNumber(s.availabilitySloTarget * 100)} % SLO's budget.`,
      action: ratio.action,
    },
    {
      math: {
        expression: `IF(${requests} >= ${s.sloMinRequests}, IF(${failures} >= ${s.sloMinFailures}, ${failures} / ${requests}, 0), 0)`,
        label: ratio.label,
        metrics: ratio.metrics,
      },
      periodSeconds: windowSeconds,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    },
  );
}

/** The failures Lambda itself saw: invocations that failed in Lambda and throttled requests. */
export const LAMBDA_FAILURES = '(lambda_errors + throttles)';

/**
 * What users saw fail: the failures the wrapper counted (less client errors), the invocations
 * that failed in Lambda (crashes, timeouts, init failures: the wrapper never counted them), and
 * the requests Lambda throttled (the handler never ran). Nothing is counted twice: a failure
 * the wrapper turned into an error reply is a successful Lambda invocation.
 */
export const SLO_FAILURES = `(${FAILED_REQUESTS} + lambda_errors + throttles)`;

/** Every request that reached the function (invocations and throttled ones), less the client errors. */
export const SLO_REQUESTS = `(FILL(invocations, 0) + throttles - ${CLIENT_ERRORS})`;

function sloMetrics(s: ResolvedAlarmSettings) {
  const { errors, client_errors } = requestOutcomeMetrics(s);
  return { errors, client_errors, ...agentLambdaMetrics(s) };
}

/** `windowIds`: per window (long, short), the full alarm's id and its Lambda twin's. */
function burnComposite(s: ResolvedAlarmSettings, tier: BurnRateTier, windowIds: readonly string[][]): CompositeAlarmDefinition {
  const budgetShare = formatNumber((100 * tier.burnRate * tier.longWindowSeconds) / (SLO_PERIOD_DAYS * SECONDS.day));
  const pages = tier.severity === 'critical';
  return compositeAlarm(
    s,
    {
      id: tier.id,
      title: `Availability SLO burning ${tier.burnRate}x`,
      severity: tier.severity,
      runbookId: tier.id,
      meaning: `Failures are spending the ${formatNumber(s.availabilitySloTarget * 100)} % SLO's error budget ${tier.burnRate} times too fast over both ${formatDuration(tier.longWindowSeconds)} and ${formatDuration(tier.shortWindowSeconds)}: ${budgetShare} % of the ${SLO_PERIOD_DAYS}-day budget is gone.`,
      action: pages
        ? `Find what fails (errors by category) and stop the burn. ${pagedThroughHealth(s)}`
        : 'Not urgent: open a ticket, find the steady source of failures this week.',
      notify: pages ? 'info' : 'warning',
    },
    { rule: { allOf: windowIds.map((ids) => ({ anyOf: ids.map((alarm) => ({ alarm })) })) } },
  );
}

function shortDuration(seconds: number): string {
  if (seconds % SECONDS.day === 0) return `${seconds / SECONDS.day}d`;
  if (seconds % SECONDS.hour === 0) return `${seconds / SECONDS.hour}h`;
  return `${seconds / SECONDS.minute}m`;
}
