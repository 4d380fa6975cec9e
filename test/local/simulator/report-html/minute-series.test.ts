import { AWS_LAMBDA_FUNCTION_DIMENSION, AWS_LAMBDA_METRICS, AWS_LAMBDA_NAMESPACE } from '../../../../lib/catalog/alarms';
import { JUDGE_METRICS } from '../../../../lib/catalog/judge-metrics';
import { METRICS } from '../../../../lib/catalog/metrics';
import { MetricStore, MINUTE_MS } from '../../../../local/metrics';
import { minuteColumns, minutesCovered, type SeriesColumn } from '../../../../local/simulator/report-html';
import type { SummaryRange } from '../../../../local/simulator/result';
import { runSimulation, type SimulationReport } from '../../../../local/simulator/run-simulation';
import { loadScenario } from '../../../../local/simulator/scenario-loader';

const NAMESPACE = 'AgentMonitoring';
const SERVICE = 'agent';
const START = 1_796_000_000_000 - (1_796_000_000_000 % MINUTE_MS);
const SIMULATION_TIMEOUT_MS = 120_000;

function agent(store: MetricStore, metric: { name: string }, minute: number, value: number): void {
  store.addDatapoint({ namespace: NAMESPACE, metricName: metric.name, dimensions: { service: SERVICE } }, START + minute * MINUTE_MS + 1000, value);
}

function lambda(store: MetricStore, metric: { name: string }, minute: number, value: number): void {
  store.addDatapoint({ namespace: AWS_LAMBDA_NAMESPACE, metricName: metric.name, dimensions: { [AWS_LAMBDA_FUNCTION_DIMENSION]: 'agent-agent' } }, START + minute * MINUTE_MS, value);
}

describe('minuteColumns', () => {
  it('reads one value per minute from the start to the minute of the latest time, null where a minute holds no datapoint', () => {
    // Prepare: minutes 0, 1 and 3 have requests; minute 2 none
    const store = new MetricStore({ retentionSeconds: 86_400 });
    for (const [minute, requests, errors, durations] of [
      [0, 2, 1, [1, 3]],
      [1, 1, 0, [2]],
      [3, 1, 1, [4]],
    ] as const) {
      for (let i = 0; i < requests; i++) agent(store, METRICS.requests, minute, 1);
      agent(store, METRICS.errors, minute, errors);
      for (const seconds of durations) agent(store, METRICS.duration, minute, seconds);
      agent(store, METRICS.costUsd, minute, 0.5 * requests);
    }
    for (const minute of [0, 1, 2, 3]) {
      lambda(store, AWS_LAMBDA_METRICS.invocations, minute, 4);
      lambda(store, AWS_LAMBDA_METRICS.errors, minute, minute === 2 ? 4 : 0);
      lambda(store, AWS_LAMBDA_METRICS.throttles, minute, 0);
    }
    store.putMetricData(NAMESPACE, [
      { MetricName: METRICS.qualityScore.name, Dimensions: [{ Name: 'service', Value: SERVICE }], Timestamp: START + 30_000, Values: [0.8, 0.9] },
      { MetricName: JUDGE_METRICS.qualityDrift.name, Dimensions: [{ Name: 'service', Value: SERVICE }], Timestamp: START + 3 * MINUTE_MS, Value: 1 },
    ]);
    const range: SummaryRange = { store, namespace: NAMESPACE, service: SERVICE, start: START, latest: START + 3 * MINUTE_MS + 59_000 };

    // Act
    const columns = minuteColumns(range);

    // Assess
    expect(minutesCovered(range)).toBe(4);
    expect(columns.minute).toEqual([0, 1, 2, 3]);
    expect(columns.requests).toEqual([2, 1, null, 1]);
    expect(columns.errors).toEqual([1, 0, null, 1]);
    expect(columns.errorRate).toEqual([50, 0, null, 100]);
    expect(columns.p50).toEqual([1, 2, null, 4]);
    expect(columns.p99).toEqual([3, 2, null, 4]);
    expect(columns.cost).toEqual([1, 0.5, null, 0.5]);
    expect(columns.lambdaInvocations).toEqual([4, 4, 4, 4]);
    expect(columns.lambdaErrorRate).toEqual([0, 0, 100, 0]);
    expect(columns.quality[0]).toBeCloseTo(0.85, 12);
    expect(columns.quality.slice(1)).toEqual([null, null, null]);
    expect(columns.drift).toEqual([null, null, null, 1]);
    expect(columns.judgeCost).toEqual([null, null, null, null]);
  });

  it('leaves the Lambda columns empty when the store holds no AWS/Lambda series', () => {
    // Prepare
    const store = new MetricStore();
    agent(store, METRICS.requests, 0, 1);

    // Act
    const columns = minuteColumns({ store, namespace: NAMESPACE, service: SERVICE, start: START, latest: START + 1000 });

    // Assess
    expect(columns.requests).toEqual([1]);
    expect(columns.lambdaInvocations).toEqual([null]);
    expect(columns.lambdaErrorRate).toEqual([null]);
  });

  describe('of a drill (provider-outage)', () => {
    let report: SimulationReport;

    beforeAll(async () => {
      report = await runSimulation(loadScenario('provider-outage'));
    }, SIMULATION_TIMEOUT_MS);

    it("equals, minute by minute, what the run's metric store answers for that minute, and adds up to the summary", () => {
      // Prepare
      const { store, namespace, service, start } = report.metrics;
      const minuteOf = (metric: { name: string }, statistic: string, minute: number) =>
        store.query({ namespace, metric, dimensions: { service }, statistic }, { end: start + (minute + 1) * MINUTE_MS, periodSeconds: 60, count: 1 })[0] ?? null;
      const expected: [SeriesColumn, { name: string }, string][] = [
        ['requests', METRICS.requests, 'Sum'],
        ['errors', METRICS.errors, 'Sum'],
        ['p50', METRICS.duration, 'p50'],
        ['p95', METRICS.duration, 'p95'],
        ['p99', METRICS.duration, 'p99'],
        ['cost', METRICS.costUsd, 'Sum'],
        ['quality', METRICS.qualityScore, 'Average'],
      ];

      // Act
      const columns = minuteColumns(report.metrics);

      // Assess
      expect(columns.minute.length).toBeGreaterThanOrEqual(90);
      for (const [column, metric, statistic] of expected) {
        expect({ column, values: columns[column] }).toEqual({ column, values: columns.minute.map((minute) => minuteOf(metric, statistic, minute)) });
      }
      const total = (values: (number | null)[]) => values.reduce<number>((sum, value) => sum + (value ?? 0), 0);
      expect(total(columns.requests)).toBe(report.result.summary.total_requests);
      expect(total(columns.cost)).toBeCloseTo(report.result.summary.total_cost, 6);
      const outage = columns.errorRate.slice(31, 44);
      for (const rate of outage) expect(rate).toBeGreaterThan(40);
      expect(columns.errorRate.slice(0, 30).every((rate) => rate === 0)).toBe(true);
    });
  });
});
