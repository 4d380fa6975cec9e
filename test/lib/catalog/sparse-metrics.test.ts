import {
  ALARM_IDS,
  ALWAYS_WRITTEN_WITH,
  AWS_LAMBDA_METRICS,
  BURN_RATE_TIERS,
  DENSE_METRICS,
  alarmCatalog,
  burnWindowId,
  catalogProblems,
  independentSparseSeries,
  isSparse,
  metricRefsOf,
  providerOutageCategoryId,
  sparseDataProblems,
  type AlarmDefinition,
  type AlarmSettings,
  type MetricAlarmDefinition,
  type MetricRef,
} from '../../../lib/catalog/alarms';
import { JUDGE_METRICS } from '../../../lib/catalog/judge-metrics';
import { METRICS, type MetricSpec } from '../../../lib/catalog/metrics';

const SETTINGS: AlarmSettings = { serviceName: 'support-bot', monitoredTools: ['calculator', 'search_docs'] };
/** The settings with the opt-in traffic floor, so that every alarm of the catalog exists. */
const EVERY_ALARM: AlarmSettings = { ...SETTINGS, minRequestsPerHour: 60 };

function metricAlarms(definitions: AlarmDefinition[]): MetricAlarmDefinition[] {
  return definitions.filter((d): d is MetricAlarmDefinition => d.kind === 'metric');
}

function byId<T extends AlarmDefinition = AlarmDefinition>(definitions: AlarmDefinition[], id: string): T {
  const found = definitions.find((d) => d.id === id);
  if (!found) throw new Error(`no alarm ${id}`);
  return found as T;
}

/** Pairs the runtime writes in the same documents with the same dimensions: the first is never absent where the second is present. */
const WRITTEN_TOGETHER: readonly (readonly [MetricSpec, MetricSpec])[] = [
  [METRICS.toolCalls, METRICS.toolErrors],
  [METRICS.clientErrors, METRICS.errors],
  [METRICS.errors, METRICS.clientErrors],
];

function writtenInSameDocuments(ref: MetricRef, other: MetricRef): boolean {
  const sameDimensions = JSON.stringify(Object.entries(ref.dimensions).sort()) === JSON.stringify(Object.entries(other.dimensions).sort());
  return sameDimensions && ref.namespace === other.namespace && WRITTEN_TOGETHER.some(([a, b]) => a === ref.metric && b === other.metric);
}

const byName = (a: MetricSpec, b: MetricSpec) => a.name.localeCompare(b.name);

describe('sparse metrics and the one-sparse-series rule of the catalog', () => {
  it('declares as dense only the metrics written with every request and the AWS/Lambda metrics; every other metric is sparse', () => {
    // Assess
    const lambda = AWS_LAMBDA_METRICS;
    expect([...DENSE_METRICS]).toEqual([METRICS.requests, METRICS.duration, lambda.invocations, lambda.errors, lambda.throttles, lambda.duration, lambda.concurrentExecutions]);
    expect(Object.values(lambda).every((metric) => DENSE_METRICS.has(metric))).toBe(true);
    const ref = (metric: MetricSpec) => ({ metric, statistic: 'Sum' as const, namespace: 'AgentMonitoring', dimensions: { service: 'agent' } });
    for (const metric of [METRICS.errors, METRICS.clientErrors, METRICS.toolErrors, METRICS.toolCalls, METRICS.costUsd, METRICS.costUnpriced, METRICS.budgetRejections, JUDGE_METRICS.failures, JUDGE_METRICS.qualityScore]) {
      expect([metric.name, isSparse(ref(metric))]).toEqual([metric.name, true]);
    }
    expect(isSparse(ref(METRICS.requests))).toBe(false);
    const lambdaRef = (metric: MetricSpec) => ({ metric, statistic: 'Sum' as const, namespace: 'AWS/Lambda', dimensions: { FunctionName: 'agent-agent' } });
    expect(Object.values(lambda).map((metric) => [metric.name, isSparse(lambdaRef(metric))])).toEqual(Object.values(lambda).map((metric) => [metric.name, false]));
  });

  it.each([
    ['default settings', {}],
    ['tools and another service', SETTINGS],
    ['every alarm, the traffic floor included', EVERY_ALARM],
  ])('never combines two sparse series in one expression, so no alarm relies on FILL of an absent series (%s)', (_name, settings) => {
    // Act
    const alarms = metricAlarms(alarmCatalog(settings as AlarmSettings));

    // Assess
    for (const d of alarms.filter((a) => a.math)) {
      const sparseIds = Object.entries(d.math!.metrics).filter(([, ref]) => isSparse(ref)).map(([id]) => id);
      const independent = independentSparseSeries(d.math!);
      expect([d.id, independent.length <= 1]).toEqual([d.id, true]);
      // Ids left out are either the same series as the independent one (another statistic)
      // or a series written in the same documents (a tool's calls next to its errors, the client
      // errors next to the failed requests), never a second signal.
      const allowedSecond = sparseIds.filter((id) => !independent.flat().includes(id));
      for (const id of allowedSecond) {
        const ref = d.math!.metrics[id];
        const sameSeries = independent.flat().some((other) => d.math!.metrics[other].metric === ref.metric);
        const writtenTogether = independent.flat().some((other) => writtenInSameDocuments(ref, d.math!.metrics[other]));
        expect([d.id, id, sameSeries || writtenTogether]).toEqual([d.id, id, true]);
      }
      // FILL only ever wraps the sparse numerator (one series, or the failed requests and their
      // client errors), or a dense count whose absence the alarm measures: the wrapper's requests
      // in monitoring-silent-partial, the agent's invocations in traffic-floor, and in a minute of
      // throttles only (lambda-throttles, the SLO windows and their -lambda twins).
      const filled = [...new Set([...d.math!.expression.matchAll(/FILL\((\w+),/g)].map((m) => m[1]))];
      const filledSparse = filled.filter((id) => isSparse(d.math!.metrics[id]));
      const filledDense = filled.filter((id) => !isSparse(d.math!.metrics[id]));
      const absenceMeasured: Record<string, string[]> = { [ALARM_IDS.monitoringSilentPartial]: ['requests'], [ALARM_IDS.trafficFloor]: ['invocations'], [ALARM_IDS.lambdaThrottles]: ['invocations'] };
      const expectedDense = absenceMeasured[d.id] ?? (d.id.startsWith('slo-') ? ['invocations'] : []);
      expect([d.id, filledDense]).toEqual([d.id, expectedDense]);
      if (filledSparse.length > 1) expect([d.id, filledSparse.map((id) => d.math!.metrics[id].metric).sort(byName)]).toEqual([d.id, [METRICS.errors, METRICS.clientErrors].sort(byName)]);
    }
    for (const d of alarms.filter((a) => metricRefsOf(a).some(isSparse))) {
      expect([d.id, d.treatMissingData]).toEqual([d.id, 'notBreaching']);
    }
  });

  it('reads one independent sparse series in the error rate and every SLO burn window: the failed requests and their client errors are written together', () => {
    // Prepare
    const catalog = alarmCatalog(SETTINGS);
    const windows = BURN_RATE_TIERS.flatMap((t) => [burnWindowId(t, t.longWindowSeconds), burnWindowId(t, t.shortWindowSeconds)]);

    // Act
    const series = [ALARM_IDS.errorRate, ...windows].map((id) => [id, independentSparseSeries(byId<MetricAlarmDefinition>(catalog, id).math!)] as const);

    // Assess
    for (const [id, independent] of series) {
      expect([id, independent.length]).toEqual([id, 1]);
      expect([id, ['errors', 'client_errors'].includes(independent[0][0]), independent[0].length]).toEqual([id, true, 1]);
    }
    expect(ALWAYS_WRITTEN_WITH.get(METRICS.errors)).toBe(METRICS.clientErrors);
    expect(ALWAYS_WRITTEN_WITH.get(METRICS.clientErrors)).toBe(METRICS.errors);
    expect(sparseDataProblems(byId<MetricAlarmDefinition>(catalog, windows[0]))).toEqual([]);
  });

  it('keeps one series of a pair written together both ways, and two when their dimensions differ', () => {
    // Prepare
    const errorRate = byId<MetricAlarmDefinition>(alarmCatalog(SETTINGS), ALARM_IDS.errorRate);
    const { errors, client_errors } = errorRate.math!.metrics;
    const otherService = { ...client_errors, dimensions: { service: 'other-bot' } };

    // Act
    const pair = independentSparseSeries({ expression: 'FILL(errors, 0) - FILL(client_errors, 0)', label: 'pair', metrics: { errors, client_errors } });
    const reversed = independentSparseSeries({ expression: 'FILL(client_errors, 0) - FILL(errors, 0)', label: 'pair', metrics: { client_errors, errors } });
    const mismatched = independentSparseSeries({ expression: 'FILL(errors, 0) - FILL(client_errors, 0)', label: 'pair', metrics: { errors, client_errors: otherService } });

    // Assess
    expect(pair).toHaveLength(1);
    expect(reversed).toHaveLength(1);
    expect(mismatched).toEqual([['errors'], ['client_errors']]);
  });

  it('refuses an expression that combines two sparse series, as the old error rate and provider outage did', () => {
    // Prepare
    const catalog = alarmCatalog(SETTINGS);
    const errorRate = byId<MetricAlarmDefinition>(catalog, ALARM_IDS.errorRate);
    const child = byId<MetricAlarmDefinition>(catalog, providerOutageCategoryId('provider_error'));
    const { requests, errors } = errorRate.math!.metrics;
    const invalid = { ...errors, dimensions: { service: 'support-bot', error_category: 'invalid_input' } };
    const oldErrorRate: MetricAlarmDefinition = {
      ...errorRate,
      math: { ...errorRate.math!, expression: 'IF(requests >= 5, 100 * (FILL(errors, 0) - FILL(invalid, 0)) / requests, 0)', metrics: { requests, errors, invalid } },
    };
    const withInvalid: MetricAlarmDefinition = {
      ...errorRate,
      id: 'with-invalid',
      name: 'with-invalid',
      math: { ...errorRate.math!, expression: `${errorRate.math!.expression} + FILL(invalid, 0)`, metrics: { ...errorRate.math!.metrics, invalid } },
    };
    const unavailable = { ...child.metric!, dimensions: { service: 'support-bot', error_category: 'service_unavailable' } };
    const oldOutage: MetricAlarmDefinition = {
      ...child,
      id: 'old-outage',
      name: 'old-outage',
      metric: undefined,
      math: { expression: 'FILL(provider, 0) + FILL(unavailable, 0)', label: 'Provider failures', metrics: { provider: child.metric!, unavailable } },
    };
    const ignoring: MetricAlarmDefinition = { ...child, id: 'ignoring', name: 'ignoring', treatMissingData: 'ignore' };

    // Act
    const problems = catalogProblems([oldErrorRate, withInvalid, oldOutage, ignoring]);

    // Assess
    expect(independentSparseSeries(oldErrorRate.math!)).toEqual([['errors'], ['invalid']]);
    expect(independentSparseSeries(withInvalid.math!)).toEqual([expect.arrayContaining([expect.stringMatching(/^(client_)?errors$/)]), ['invalid']]);
    expect(problems).toEqual([
      expect.stringMatching(/^alarm error-rate: math combines 2 sparse series \(errors, invalid\)/),
      expect.stringMatching(/^alarm with-invalid: math combines 2 sparse series \((client_)?errors, invalid\)/),
      expect.stringMatching(/^alarm old-outage: math combines 2 sparse series \(provider, unavailable\)/),
      'alarm ignoring: reads a sparse metric, so it must treat missing data as notBreaching (no datapoint means nothing happened)',
    ]);
  });

  it('counts a tool\'s calls as the traffic of its errors, and two statistics of one metric as one series', () => {
    // Prepare
    const catalog = alarmCatalog(SETTINGS);
    const tool = byId<MetricAlarmDefinition>(catalog, 'tool-error-rate-calculator');
    const quality = byId<MetricAlarmDefinition>(catalog, ALARM_IDS.qualityScore);
    const otherTool = { ...tool.math!.metrics.calls, dimensions: { service: 'support-bot', tool: 'search_docs' } };

    // Act
    const mismatched = independentSparseSeries({ ...tool.math!, metrics: { calls: otherTool, errors: tool.math!.metrics.errors } });

    // Assess
    expect(independentSparseSeries(tool.math!)).toEqual([['errors']]);
    expect(independentSparseSeries(quality.math!)).toEqual([['score', 'scores']]);
    expect(mismatched).toHaveLength(2);
  });
});
