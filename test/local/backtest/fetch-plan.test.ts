import { alarmCatalog } from '../../../lib/catalog/alarms';
import { datapointsOf, fetchPlan, GET_METRIC_DATA_LIMITS } from '../../../local/backtest/fetch-plan';

const DAY_MS = 86_400_000;
const END = Date.UTC(2026, 10, 20, 12, 0);
const FIFTEEN_DAYS = { start: END - 15 * DAY_MS, end: END };

describe('fetchPlan', () => {
  it('reads every aggregated series as minute SampleCount, Sum, Minimum and Maximum, and each percentile at its alarm period once per minute offset', () => {
    // Prepare
    const definitions = alarmCatalog({ monitoredTools: ['search_docs'] });

    // Act
    const plan = fetchPlan(definitions, FIFTEEN_DAYS);

    // Assess
    const duration = plan.queries.filter((query) => query.series.metricName === 'agent.request.duration_seconds');
    expect(duration.filter((query) => query.stat === 'p95').map((query) => [query.periodSeconds, query.offsetMinutes])).toEqual([[300, 0], [300, 1], [300, 2], [300, 3], [300, 4]]);
    expect(duration.filter((query) => query.periodSeconds === 60).map((query) => query.stat)).toEqual(['SampleCount', 'Sum', 'Minimum', 'Maximum']);
    const concurrency = plan.queries.filter((query) => query.series.metricName === 'ConcurrentExecutions');
    expect(concurrency.map((query) => query.series.dimensions)).toEqual([{}, {}, {}, {}]);
    expect(new Set(plan.queries.map((query) => query.id)).size).toBe(plan.queries.length);
  });

  it('keeps every call within 500 queries and 100,800 datapoints, each percentile offset in a call of its own start time', () => {
    // Prepare
    const definitions = alarmCatalog({ monitoredTools: Array.from({ length: 40 }, (_, i) => `tool_${i}`) });

    // Act
    const plan = fetchPlan(definitions, FIFTEEN_DAYS);

    // Assess
    expect(plan.batches.length).toBeGreaterThan(1);
    for (const batch of plan.batches) {
      expect(batch.queries.length).toBeLessThanOrEqual(GET_METRIC_DATA_LIMITS.maxQueries);
      expect(batch.queries.reduce((sum, query) => sum + datapointsOf(query, FIFTEEN_DAYS), 0)).toBeLessThanOrEqual(GET_METRIC_DATA_LIMITS.maxDatapoints);
      for (const query of batch.queries) expect(batch.startTime).toBe(FIFTEEN_DAYS.start + query.offsetMinutes * 60_000);
    }
    expect(plan.batches.flatMap((batch) => batch.queries)).toHaveLength(plan.queries.length);
  });

  it('splits by query count under a smaller limit', () => {
    // Act
    const plan = fetchPlan(alarmCatalog(), FIFTEEN_DAYS, { maxQueries: 3, maxDatapoints: 100_800 });

    // Assess
    expect(plan.batches.every((batch) => batch.queries.length <= 3)).toBe(true);
    expect(plan.batches.flatMap((batch) => batch.queries)).toHaveLength(plan.queries.length);
  });

  it('refuses a range one query cannot return in one call, saying to read fewer days', () => {
    // Act
    const act = () => fetchPlan(alarmCatalog(), { start: END - 71 * DAY_MS, end: END });

    // Assess
    expect(act).toThrow(/100800 per call; read fewer days/);
  });
});
