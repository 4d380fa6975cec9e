import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  ALARM_IDS,
  AWS_LAMBDA_METRICS,
  AWS_LAMBDA_NAMESPACE,
  AWS_SQS_METRICS,
  AWS_SQS_NAMESPACE,
  BURN_RATE_TIERS,
  CATALOG_MAX_RANGE_SECONDS,
  HEALTH_CHILD_IDS,
  PROVIDER_OUTAGE_CATEGORIES,
  RUNBOOK_IDS,
  alarmCatalog,
  burnRateThreshold,
  burnWindowId,
  catalogProblems,
  lambdaBurnWindowId,
  isLegalPeriod,
  metricRefsOf,
  providerOutageCategoryId,
  runbookPaths,
  type AlarmDefinition,
  type AlarmSettings,
  type CompositeAlarmDefinition,
  type MetricAlarmDefinition,
} from '../../../lib/catalog/alarms';
import { CLIENT_ERROR_CATEGORIES } from '../../../lib/catalog/error-categories';
import { JUDGE_METRICS } from '../../../lib/catalog/judge-metrics';
import { LATENCY_TIERS, type LatencyTier } from '../../../lib/catalog/latency-tiers';
import { METRICS, type MetricSpec } from '../../../lib/catalog/metrics';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SETTINGS: AlarmSettings = { serviceName: 'support-bot', monitoredTools: ['calculator', 'search_docs'] };
/** The settings with the opt-in traffic floor, so that every alarm of the catalog exists. */
const EVERY_ALARM: AlarmSettings = { ...SETTINGS, minRequestsPerHour: 60 };
/** The alarms on the judge function's AWS/Lambda metrics; every other AWS/Lambda metric is the agent's. */
const JUDGE_LAMBDA_ALARMS: readonly string[] = [ALARM_IDS.judgeLambdaErrors, ALARM_IDS.judgeLambdaThrottles];
const KNOWN_SPECS = new Set<MetricSpec>([...Object.values(METRICS), ...Object.values(JUDGE_METRICS), ...Object.values(AWS_LAMBDA_METRICS), ...Object.values(AWS_SQS_METRICS)]);

function metricAlarms(definitions: AlarmDefinition[]): MetricAlarmDefinition[] {
  return definitions.filter((d): d is MetricAlarmDefinition => d.kind === 'metric');
}

function composites(definitions: AlarmDefinition[]): CompositeAlarmDefinition[] {
  return definitions.filter((d): d is CompositeAlarmDefinition => d.kind === 'composite');
}

function byId<T extends AlarmDefinition = AlarmDefinition>(definitions: AlarmDefinition[], id: string): T {
  const found = definitions.find((d) => d.id === id);
  if (!found) throw new Error(`no alarm ${id}`);
  return found as T;
}

/** Failures users saw over requests that reached the function, both less client errors; judged from 5 failures and 10 requests. */
const SLO_WINDOW_EXPRESSION =
  'IF((FILL(invocations, 0) + throttles - FILL(client_errors, 0)) >= 10, ' +
  'IF(((FILL(errors, 0) - FILL(client_errors, 0)) + lambda_errors + throttles) >= 5, ' +
  '((FILL(errors, 0) - FILL(client_errors, 0)) + lambda_errors + throttles) / (FILL(invocations, 0) + throttles - FILL(client_errors, 0)), 0), 0)';

/** The twin of a burn window over the AWS/Lambda counts only. */
const LAMBDA_SLO_WINDOW_EXPRESSION =
  'IF((FILL(invocations, 0) + throttles) >= 10, IF((lambda_errors + throttles) >= 5, (lambda_errors + throttles) / (FILL(invocations, 0) + throttles), 0), 0)';

/** The metrics of a burn window: the wrapper's errors and client errors, the agent function's AWS/Lambda counts. */
function sloWindowMetrics(service: string) {
  const own = (metric: MetricSpec) => ({ metric, statistic: 'Sum', namespace: 'AgentMonitoring', dimensions: { service } });
  const lambda = (metric: MetricSpec) => ({ metric, statistic: 'Sum', namespace: 'AWS/Lambda', dimensions: { FunctionName: `${service}-agent` } });
  return {
    errors: own(METRICS.errors),
    client_errors: own(METRICS.clientErrors),
    invocations: lambda(AWS_LAMBDA_METRICS.invocations),
    lambda_errors: lambda(AWS_LAMBDA_METRICS.errors),
    throttles: lambda(AWS_LAMBDA_METRICS.throttles),
  };
}

/** The tokens of a math expression outside the documented subset (ids, numbers, operators, IF, FILL). */
function unsupportedTokens(expression: string, ids: string[]): string[] {
  const tokens = expression.match(/>=|<=|[A-Za-z_][A-Za-z0-9_]*|\d+(\.\d+)?|\S/g) ?? [];
  const allowed = new Set([...ids, 'IF', 'FILL', '+', '-', '*', '/', '(', ')', ',', '>', '>=', '<', '<=']);
  return tokens.filter((token) => !allowed.has(token) && !/^\d+(\.\d+)?$/.test(token));
}

describe('alarmCatalog', () => {
  it('gives every alarm a unique id and a unique name <service>-<id>-<severity> within 255 characters', () => {
    // Act
    const catalog = alarmCatalog(SETTINGS);

    // Assess
    expect(new Set(catalog.map((d) => d.id)).size).toBe(catalog.length);
    expect(new Set(catalog.map((d) => d.name)).size).toBe(catalog.length);
    for (const d of catalog) {
      expect(d.name).toBe(`support-bot-${d.id}-${d.severity}`);
      expect(d.name.length).toBeLessThanOrEqual(255);
      expect(d.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
    expect(catalogProblems(catalog)).toEqual([]);
  });

  it('defines every alarm the monitoring contract asks for, the traffic floor only with minRequestsPerHour', () => {
    // Act
    const every = alarmCatalog(EVERY_ALARM).map((d) => d.id);
    const withoutFloor = alarmCatalog(SETTINGS).map((d) => d.id);

    // Assess
    expect(every).toEqual(expect.arrayContaining([...Object.values(ALARM_IDS), 'tool-error-rate-calculator', 'tool-error-rate-search-docs']));
    expect(withoutFloor.filter((id) => !every.includes(id))).toEqual([]);
    expect(every.filter((id) => !withoutFloor.includes(id))).toEqual([ALARM_IDS.trafficFloor]);
  });

  it('points every alarm at a runbook file that exists, and every runbook is used', () => {
    // Act
    const catalog = alarmCatalog(EVERY_ALARM);

    // Assess
    expect(runbookPaths().filter((file) => !existsSync(path.join(ROOT, file)))).toEqual([]);
    for (const d of catalog) expect(runbookPaths()).toContain(d.runbook);
    expect(new Set(catalog.map((d) => d.runbook))).toEqual(new Set(runbookPaths()));
    const files = readdirSync(path.join(ROOT, 'docs/runbooks/alarms')).map((f) => f.replace(/\.md$/, ''));
    expect(files.sort()).toEqual([...RUNBOOK_IDS].sort());
  });

  it('writes the severity, the runbook link and an action into every description', () => {
    // Act
    const catalog = alarmCatalog({ ...SETTINGS, runbookBaseUrl: 'https://github.com/acme/agent/blob/main/docs/runbooks/alarms/' });

    // Assess
    for (const d of catalog) {
      expect(d.description.startsWith(`${d.severity.toUpperCase()} - ${d.title}.`)).toBe(true);
      expect(d.runbookUrl).toBe(`https://github.com/acme/agent/blob/main/${d.runbook}`);
      expect(d.description.endsWith(`Runbook: ${d.runbookUrl}`)).toBe(true);
      expect(d.description.length).toBeLessThanOrEqual(1024);
    }
  });

  it('reads only metrics of the catalogs, never a re-spelled name', () => {
    // Act
    const catalog = alarmCatalog(EVERY_ALARM);

    // Assess
    for (const d of metricAlarms(catalog)) {
      for (const ref of metricRefsOf(d)) {
        expect(KNOWN_SPECS.has(ref.metric)).toBe(true);
        const lambdaFunction = JUDGE_LAMBDA_ALARMS.includes(d.id) ? 'support-bot-judge' : 'support-bot-agent';
        // Without reserved concurrency the account-wide concurrency is watched: no dimension
        const lambdaDimensions = d.id === ALARM_IDS.lambdaConcurrency ? {} : { FunctionName: lambdaFunction };
        if (ref.namespace === AWS_LAMBDA_NAMESPACE) expect([d.id, ref.dimensions]).toEqual([d.id, lambdaDimensions]);
        else if (ref.namespace === AWS_SQS_NAMESPACE) expect(ref.dimensions).toEqual({ QueueName: 'support-bot-alert-dead-letters' });
        else expect(ref).toMatchObject({ namespace: 'AgentMonitoring', dimensions: { service: 'support-bot' } });
      }
    }
    const agentLambdaAlarms = metricAlarms(catalog).filter((d) => metricRefsOf(d).some((ref) => ref.dimensions.FunctionName === 'support-bot-agent'));
    expect(agentLambdaAlarms.map((d) => d.id).sort()).toEqual(
      [
        ALARM_IDS.lambdaErrors,
        ALARM_IDS.lambdaThrottles,
        ALARM_IDS.monitoringSilentPartial,
        ALARM_IDS.agentInvoked,
        ALARM_IDS.trafficFloor,
        ...BURN_RATE_TIERS.flatMap((t) => [t.longWindowSeconds, t.shortWindowSeconds].flatMap((seconds) => [burnWindowId(t, seconds), lambdaBurnWindowId(t, seconds)])),
      ].sort(),
    );
    const sources = readdirSync(path.join(ROOT, 'lib/catalog/alarms')).map((f) => readFileSync(path.join(ROOT, 'lib/catalog/alarms', f), 'utf8'));
    for (const source of sources) expect(source).not.toMatch(/agent\.(requests?|tokens|cost|tools|quality|budget|judge|capture)\.|alerts\.delivery/);
  });

  it('keeps every metric alarm within CloudWatch limits', () => {
    // Act
    const alarms = metricAlarms(alarmCatalog(SETTINGS));

    // Assess
    for (const d of alarms) {
      expect(isLegalPeriod(d.periodSeconds)).toBe(true);
      expect(d.periodSeconds * d.evaluationPeriods).toBeLessThanOrEqual(CATALOG_MAX_RANGE_SECONDS);
      expect(d.datapointsToAlarm).toBeGreaterThanOrEqual(1);
      expect(d.datapointsToAlarm).toBeLessThanOrEqual(d.evaluationPeriods);
      expect(d.metric === undefined).not.toBe(d.math === undefined);
    }
  });

  it('writes math only in the subset the local evaluator implements, using every metric it declares', () => {
    // Act
    const withMath = metricAlarms(alarmCatalog(SETTINGS)).filter((d) => d.math);

    // Assess
    expect(withMath.length).toBeGreaterThan(0);
    for (const { math } of withMath) {
      const ids = Object.keys(math!.metrics);
      expect(unsupportedTokens(math!.expression, ids)).toEqual([]);
      for (const id of ids) expect(math!.expression).toMatch(new RegExp(`\\b${id}\\b`));
      expect(ids.length).toBeLessThanOrEqual(10);
    }
  });

  it('leaves client errors out of both the failed requests and the requests of the error rate, guarding zero traffic', () => {
    // Act
    const errorRate = byId<MetricAlarmDefinition>(alarmCatalog(SETTINGS), ALARM_IDS.errorRate);

    // Assess
    expect(errorRate.math?.expression).toBe('IF((requests - FILL(client_errors, 0)) >= 5, 100 * (FILL(errors, 0) - FILL(client_errors, 0)) / (requests - FILL(client_errors, 0)), 0)');
    expect(Object.keys(errorRate.math!.metrics)).toEqual(['requests', 'errors', 'client_errors']);
    expect(errorRate.math?.metrics.errors).toEqual({ metric: METRICS.errors, statistic: 'Sum', namespace: 'AgentMonitoring', dimensions: { service: 'support-bot' } });
    expect(errorRate.math?.metrics.client_errors).toEqual({ metric: METRICS.clientErrors, statistic: 'Sum', namespace: 'AgentMonitoring', dimensions: { service: 'support-bot' } });
    expect(errorRate.math?.metrics.requests).toEqual({ metric: METRICS.requests, statistic: 'Sum', namespace: 'AgentMonitoring', dimensions: { service: 'support-bot' } });
    expect(METRICS.clientErrors.name).toBe('agent.requests.client_errors');
    expect(CLIENT_ERROR_CATEGORIES).toEqual(['invalid_input', 'budget_exceeded']);
    expect(errorRate.description).toContain('client errors, invalid_input and budget_exceeded, count neither as failures nor as requests');
    expect(errorRate.description).not.toContain('invalid_input included');
    expect(errorRate).toMatchObject({ threshold: 5, comparison: 'GreaterThanThreshold', periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 3, treatMissingData: 'notBreaching', severity: 'critical' });
  });

  it.each(Object.keys(LATENCY_TIERS) as LatencyTier[])('sets the latency thresholds of the %s tier from the tier table', (tier) => {
    // Act
    const catalog = alarmCatalog({ latencyTier: tier });

    // Assess
    const p95 = byId<MetricAlarmDefinition>(catalog, ALARM_IDS.latencyP95);
    const p99 = byId<MetricAlarmDefinition>(catalog, ALARM_IDS.latencyP99);
    expect(p95.threshold).toBe(LATENCY_TIERS[tier].p95);
    expect(p99.threshold).toBe(LATENCY_TIERS[tier].p99);
    expect(p95.math?.expression).toBe('IF(samples >= 20, p95, 0)');
    expect(p99.math?.expression).toBe('IF(samples >= 100, p99, 0)');
    expect(p95.math?.metrics.samples).toMatchObject({ metric: METRICS.duration, statistic: 'SampleCount' });
    expect(p99.math?.metrics.p99).toMatchObject({ metric: METRICS.duration, statistic: 'p99' });
    expect([p95.severity, p99.severity]).toEqual(['warning', 'critical']);
  });

  it('watches the error categories with their own alarms', () => {
    // Act
    const catalog = alarmCatalog(SETTINGS);

    // Assess
    const storm = byId<MetricAlarmDefinition>(catalog, ALARM_IDS.rateLimitStorm);
    expect(storm).toMatchObject({ periodSeconds: 300, threshold: 10, comparison: 'GreaterThanThreshold' });
    expect(storm.metric).toMatchObject({ metric: METRICS.errors, statistic: 'Sum', dimensions: { error_category: 'rate_limit' } });
    const auth = byId<MetricAlarmDefinition>(catalog, ALARM_IDS.authError);
    expect(auth).toMatchObject({ severity: 'critical', periodSeconds: 60, threshold: 1, comparison: 'GreaterThanOrEqualToThreshold' });
    expect(auth.metric?.dimensions.error_category).toBe('auth_error');
  });

  it('watches a provider outage with one alarm per category under an anyOf composite, never a sum of the two', () => {
    // Act
    const catalog = alarmCatalog(SETTINGS);

    // Assess
    const childIds = PROVIDER_OUTAGE_CATEGORIES.map(providerOutageCategoryId);
    expect(childIds).toEqual(['provider-outage-provider-error', 'provider-outage-service-unavailable']);
    for (const [i, category] of PROVIDER_OUTAGE_CATEGORIES.entries()) {
      const child = byId<MetricAlarmDefinition>(catalog, childIds[i]);
      expect(child.math).toBeUndefined();
      expect(child.metric).toEqual({ metric: METRICS.errors, statistic: 'Sum', namespace: 'AgentMonitoring', dimensions: { service: 'support-bot', error_category: category } });
      expect(child).toMatchObject({
        name: `support-bot-${childIds[i]}-critical`,
        severity: 'critical',
        notify: 'info',
        runbook: 'docs/runbooks/alarms/provider-outage.md',
        periodSeconds: 60,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        threshold: 3,
        comparison: 'GreaterThanOrEqualToThreshold',
        treatMissingData: 'notBreaching',
      });
    }
    const outage = byId<CompositeAlarmDefinition>(catalog, ALARM_IDS.providerOutage);
    expect(outage).toMatchObject({ kind: 'composite', name: 'support-bot-provider-outage-critical', severity: 'critical', notify: 'critical' });
    expect(outage.rule).toEqual({ anyOf: childIds.map((alarm) => ({ alarm })) });
    expect(byId<MetricAlarmDefinition>(alarmCatalog({ providerOutageErrorsPerMinute: 7 }), childIds[1]).threshold).toBe(7);
  });

  it('alarms on spend over one hour, with the spike defaulting to 3/24 of the daily budget, and on the UTC day\'s budget utilization at the soft threshold', () => {
    // Act
    const catalog = alarmCatalog({ dailyBudgetUsd: 120 });

    // Assess
    expect(byId(catalog, ALARM_IDS.spendHourlySpike)).toMatchObject({ periodSeconds: 3600, evaluationPeriods: 1, threshold: 15 });
    expect(byId(catalog, ALARM_IDS.spendDailyBudget)).toMatchObject({ periodSeconds: 300, evaluationPeriods: 1, threshold: 80 });
    expect(byId(alarmCatalog({ dailyBudgetUsd: 120, budgetSoftThreshold: 0.7 }), ALARM_IDS.spendDailyBudget)).toMatchObject({ threshold: 70 });
    expect(byId(alarmCatalog({ dailyBudgetUsd: 120, hourlySpendSpikeUsd: 40 }), ALARM_IDS.spendHourlySpike)).toMatchObject({ threshold: 40 });
  });

  it('gives each monitored tool its own error rate on the tool dimension', () => {
    // Act
    const alarm = byId<MetricAlarmDefinition>(alarmCatalog(SETTINGS), 'tool-error-rate-search-docs');

    // Assess
    expect(alarm.math?.expression).toBe('IF(calls >= 10, 100 * FILL(errors, 0) / calls, 0)');
    expect(alarm.math?.metrics.calls).toMatchObject({ metric: METRICS.toolCalls, dimensions: { service: 'support-bot', tool: 'search_docs' } });
    expect(alarm.math?.metrics.errors).toMatchObject({ metric: METRICS.toolErrors, dimensions: { service: 'support-bot', tool: 'search_docs' } });
    expect(alarm.runbook).toBe('docs/runbooks/alarms/tool-error-rate.md');
  });

  it('watches quality and the judge, and the judge Lambda in AWS/Lambda', () => {
    // Act
    const catalog = alarmCatalog({ judgeFunctionName: 'prod-judge', qualityThreshold: 0.7 });

    // Assess
    const quality = byId<MetricAlarmDefinition>(catalog, ALARM_IDS.qualityScore);
    expect(quality).toMatchObject({ threshold: 0.7, comparison: 'LessThanThreshold', treatMissingData: 'notBreaching', periodSeconds: 3600 });
    expect(quality.math?.metrics.score).toMatchObject({ metric: JUDGE_METRICS.qualityScore, statistic: 'Average' });
    expect(byId<MetricAlarmDefinition>(catalog, ALARM_IDS.qualityDrift).metric).toMatchObject({ metric: JUDGE_METRICS.qualityDrift, statistic: 'Maximum' });
    expect(byId<MetricAlarmDefinition>(catalog, ALARM_IDS.judgeBacklogAge)).toMatchObject({ threshold: 3600, metric: { metric: JUDGE_METRICS.oldestPendingAgeSeconds, statistic: 'Maximum' } });
    expect(byId<MetricAlarmDefinition>(catalog, ALARM_IDS.judgeFailures).metric?.metric).toBe(JUDGE_METRICS.failures);
    for (const [id, spec] of [[ALARM_IDS.judgeLambdaErrors, AWS_LAMBDA_METRICS.errors], [ALARM_IDS.judgeLambdaThrottles, AWS_LAMBDA_METRICS.throttles]] as const) {
      expect(byId<MetricAlarmDefinition>(catalog, id).metric).toEqual({ metric: spec, statistic: 'Sum', namespace: 'AWS/Lambda', dimensions: { FunctionName: 'prod-judge' } });
    }
  });

  it.each([0.99, 0.995, 0.999])('builds the burn-rate windows and pairs of a %s SLO', (slo) => {
    // Act
    const catalog = alarmCatalog({ availabilitySloTarget: slo });

    // Assess
    for (const tier of BURN_RATE_TIERS) {
      const windows = [tier.longWindowSeconds, tier.shortWindowSeconds].map((seconds) => byId<MetricAlarmDefinition>(catalog, burnWindowId(tier, seconds)));
      for (const [window, seconds] of windows.map((w, i) => [w, i === 0 ? tier.longWindowSeconds : tier.shortWindowSeconds] as const)) {
        expect(window).toMatchObject({ periodSeconds: seconds, evaluationPeriods: 1, datapointsToAlarm: 1, comparison: 'GreaterThanThreshold', treatMissingData: 'notBreaching' });
        expect(window.threshold).toBeCloseTo(tier.burnRate * (1 - slo), 12);
        expect(window.math?.expression).toBe(SLO_WINDOW_EXPRESSION);
        expect(window.math?.metrics).toEqual(sloWindowMetrics('agent'));
        expect(window.notify).toBeUndefined();
        const twin = byId<MetricAlarmDefinition>(catalog, lambdaBurnWindowId(tier, seconds));
        expect(twin).toMatchObject({ severity: 'info', runbook: window.runbook, periodSeconds: seconds, evaluationPeriods: 1, datapointsToAlarm: 1, threshold: window.threshold, comparison: 'GreaterThanThreshold', treatMissingData: 'notBreaching' });
        expect(twin.math?.expression).toBe(LAMBDA_SLO_WINDOW_EXPRESSION);
        const { invocations, lambda_errors, throttles } = sloWindowMetrics('agent');
        expect(twin.math?.metrics).toEqual({ invocations, lambda_errors, throttles });
        expect(twin.notify).toBeUndefined();
      }
      expect(byId<CompositeAlarmDefinition>(catalog, tier.id).rule).toEqual({
        allOf: windows.map((w) => ({ anyOf: [{ alarm: w.id }, { alarm: `${w.id}-lambda` }] })),
      });
    }
    expect(BURN_RATE_TIERS.map((t) => [t.burnRate, t.longWindowSeconds, t.shortWindowSeconds, t.severity])).toEqual([
      [14.4, 3600, 300, 'critical'],
      [6, 21600, 1800, 'critical'],
      [3, 86400, 7200, 'warning'],
    ]);
    expect(burnRateThreshold(14.4, 0.995)).toBe(0.072);
  });

  it.each([
    ['without a traffic floor', SETTINGS, []],
    ['with a traffic floor', EVERY_ALARM, [ALARM_IDS.trafficFloor]],
  ])('pages each critical symptom of the agent once: directly, or through unhealthy, suppressed during a provider outage (%s)', (_case, settings, optional) => {
    // Act
    const catalog = alarmCatalog(settings);

    // Assess
    const unhealthy = byId<CompositeAlarmDefinition>(catalog, ALARM_IDS.agentUnhealthy);
    expect(unhealthy).toMatchObject({ severity: 'critical', notify: 'critical' });
    const children = ['error-rate', 'latency-p99', 'auth-error', 'slo-fast-burn', 'slo-medium-burn', 'lambda-errors', 'monitoring-silent', ...optional];
    expect(unhealthy.rule).toEqual({ anyOf: children.map((alarm) => ({ alarm })) });
    expect(HEALTH_CHILD_IDS).toEqual([...children.slice(0, 7), ALARM_IDS.trafficFloor]);
    expect(unhealthy.actionsSuppressor).toEqual({ alarm: ALARM_IDS.providerOutage, waitSeconds: 180, extensionSeconds: 1800 });
    const outageChildren = PROVIDER_OUTAGE_CATEGORIES.map(providerOutageCategoryId);
    // The alerting path's own alarms page directly: they are about the router, not the agent.
    const alerting = [ALARM_IDS.alertDeliveryFailures, ALARM_IDS.alertDeadLetters];
    const pages = [ALARM_IDS.agentUnhealthy, ALARM_IDS.providerOutage, ...alerting] as string[];
    for (const d of catalog.filter((c) => c.severity === 'critical' && !pages.includes(c.id))) {
      const child = HEALTH_CHILD_IDS.includes(d.id) || outageChildren.includes(d.id);
      expect([d.id, child]).toEqual([d.id, true]);
      expect([d.id, d.notify]).toEqual([d.id, 'info']);
    }
    expect(byId(catalog, ALARM_IDS.providerOutage).notify).toBe('critical');
    expect(catalog.filter((d) => d.notify === 'critical').map((d) => d.id).sort()).toEqual([ALARM_IDS.agentUnhealthy, ALARM_IDS.providerOutage, ...alerting].sort());
  });

  it('orders composites after every alarm they name', () => {
    // Act
    const catalog = alarmCatalog(SETTINGS);

    // Assess
    for (const composite of composites(catalog)) {
      const position = catalog.indexOf(composite);
      const named = [...JSON.stringify(composite.rule).matchAll(/"alarm":"([^"]+)"/g)].map((m) => m[1]);
      for (const id of named) expect(catalog.findIndex((d) => d.id === id)).toBeLessThan(position);
    }
  });
});

describe('alarm settings validation', () => {
  it.each<[AlarmSettings, RegExp]>([
    [{ dailyBudgetUsd: -5 }, /dailyBudgetUsd: must be a positive number, got -5/],
    [{ dailyBudgetUsd: 0 }, /dailyBudgetUsd/],
    [{ hourlySpendSpikeUsd: Number.NaN }, /hourlySpendSpikeUsd/],
    [{ latencyTier: 'interactive' as LatencyTier }, /latencyTier: must be one of real-time-chat, .*got "interactive"/],
    [{ serviceName: '' }, /serviceName/],
    [{ serviceName: 'my agent' }, /serviceName/],
    [{ namespace: 'AWS/Lambda' }, /namespace/],
    [{ qualityThreshold: 1.5 }, /qualityThreshold: must be in \(0, 1\]/],
    [{ availabilitySloTarget: 99.5 }, /availabilitySloTarget: must be a fraction in \[0.95, 1\)/],
    [{ availabilitySloTarget: 0.9 }, /availabilitySloTarget/],
    [{ errorRatePercent: 0 }, /errorRatePercent/],
    [{ errorRateMinRequests: 0 }, /errorRateMinRequests: must be a whole number of at least 1/],
    [{ latencyP99MinSamples: 2.5 }, /latencyP99MinSamples/],
    [{ judgeBacklogMaxAgeSeconds: 30 }, /judgeBacklogMaxAgeSeconds/],
    [{ monitoredTools: [''] }, /monitoredTools/],
    [{ monitoredTools: ['search_docs', 'search-docs'] }, /monitoredTools: tools "search_docs" and "search-docs" would share the alarm id tool-error-rate-search-docs/],
    [{ judgeFunctionName: ' ' }, /judgeFunctionName/],
  ])('refuses %j naming the setting', (settings, message) => {
    // Act
    const build = () => alarmCatalog(settings);

    // Assess
    expect(build).toThrow(message);
    expect(build).toThrow(/^Invalid alarm setting /);
  });

  it('refuses an alarm name CloudWatch would reject', () => {
    // Act
    const build = () => alarmCatalog({ monitoredTools: ['t'.repeat(260)] });

    // Assess
    expect(build).toThrow(/name is longer than 255 characters/);
  });
});
