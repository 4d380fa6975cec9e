import { AWS_LAMBDA_FUNCTION_DIMENSION, AWS_LAMBDA_METRICS, AWS_LAMBDA_NAMESPACE, CONDITION_ALARM_IDS } from '../../../lib/catalog/alarms';
import { JUDGE_METRICS } from '../../../lib/catalog/judge-metrics';
import { DIMENSIONS, METRICS, type MetricSpec } from '../../../lib/catalog/metrics';
import type { Scenario } from '../../../local/simulator/scenario';
import { startSimulationWorld, type SimulationWorld } from '../../../local/simulator/simulation-world';
import { warmUp, type WarmupSummary } from '../../../local/simulator/warmup';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const WARMUP_BOUND_MS = 15_000;
const SCENARIO: Scenario = {
  name: 'warm-healthy',
  durationMinutes: 10,
  requestsPerMinute: 20,
  seed: 12,
  traffic: { model: 'gpt-4o-mini', latencyMs: { median: 1200, p95: 3000 }, promptTokens: 1500, completionTokens: 300, toolCallsPerRequest: 1, quality: 0.9 },
  phases: [],
  warmupHours: 24,
};

describe('warmUp: 24 hours of steady traffic before minute 0', () => {
  const start = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS - 10 * MINUTE_MS;
  let world: SimulationWorld;
  let summary: WarmupSummary;
  let elapsedMs: number;

  beforeAll(async () => {
    world = await startSimulationWorld(SCENARIO, { start, sampleRate: 0.1 });
    const began = performance.now();
    summary = await warmUp(world, SCENARIO, { start, sampleRate: 0.1, judgeEveryMinutes: 5 });
    elapsedMs = performance.now() - began;
  }, 60_000);

  afterAll(async () => world.stop());

  /** One statistic of a series over the whole warm-up day (and the judge run at its end, on minute 0). */
  function day(metric: MetricSpec, statistic: string, dimensions: Record<string, string> = { [DIMENSIONS.service]: world.monitoring.serviceName }, namespace = world.monitoring.metricNamespace): number {
    const [value] = world.store.query({ namespace, metric, dimensions, statistic }, { end: start + MINUTE_MS, periodSeconds: DAY_MS / 1000 + 60, count: 1 });
    if (value === undefined) throw new Error(`no ${metric.name} ${statistic} in the warm-up`);
    return value;
  }

  it('takes seconds, not minutes: aggregates per minute, not requests through the handler', () => {
    // Assess: under a second with tsx on an idle 2-core machine (1,440 minutes written, 384 evaluations); the
    // bound leaves room for a machine shared with other work (the run's own 24 h take minutes)
    expect(summary).toEqual({ minutes: 1440, requests: expect.any(Number), judgeRuns: 288, evaluations: (1440 - 120) / 5 + 120 });
    expect(elapsedMs).toBeLessThan(WARMUP_BOUND_MS);
  });

  it('writes the requests, durations, tokens, cost and tool calls the wrapper writes, under service and service+model', () => {
    // Prepare
    const service = world.monitoring.serviceName;
    const byModel = { [DIMENSIONS.service]: service, [DIMENSIONS.model]: 'gpt-4o-mini' };
    const requests = day(METRICS.requests, 'Sum');

    // Assess: 20 requests a minute for 1,440 minutes, the latency profile's median and p95, the token means
    expect(requests).toBe(summary.requests);
    expect(requests).toBeGreaterThan(28_800 * 0.97);
    expect(requests).toBeLessThan(28_800 * 1.03);
    expect(day(METRICS.requests, 'Sum', byModel)).toBe(requests);
    expect(day(METRICS.duration, 'SampleCount')).toBe(requests);
    expect(day(METRICS.duration, 'p50')).toBeCloseTo(1.2, 1);
    expect(day(METRICS.duration, 'p95') / 3).toBeCloseTo(1, 1);
    expect(day(METRICS.tokensTotal, 'Sum') / requests).toBeCloseTo(1800, -1);
    // gpt-4o-mini: 0.15 USD per 1M prompt tokens, 0.6 per 1M completion tokens
    expect(day(METRICS.costUsd, 'Sum') / requests).toBeCloseTo((1500 * 0.15 + 300 * 0.6) / 1e6, 6);
    expect(day(METRICS.toolCalls, 'Sum', { [DIMENSIONS.service]: service, [DIMENSIONS.tool]: 'calculator' }) / requests).toBeCloseTo(1, 1);
    expect(() => day(METRICS.errors, 'Sum')).toThrow('no agent.requests.errors Sum in the warm-up');
  });

  it("writes the agent function's AWS/Lambda metrics: an invocation per request, no error, no throttle", () => {
    // Prepare
    const requests = day(METRICS.requests, 'Sum');
    const fn = { [AWS_LAMBDA_FUNCTION_DIMENSION]: `${world.monitoring.serviceName}-agent` };
    const lambda = (metric: MetricSpec, statistic: string, dimensions: Record<string, string> = fn) => day(metric, statistic, dimensions, AWS_LAMBDA_NAMESPACE);

    // Assess
    expect(lambda(AWS_LAMBDA_METRICS.invocations, 'Sum')).toBe(requests);
    expect(lambda(AWS_LAMBDA_METRICS.errors, 'Sum')).toBe(0);
    expect(lambda(AWS_LAMBDA_METRICS.throttles, 'Sum')).toBe(0);
    expect(lambda(AWS_LAMBDA_METRICS.duration, 'Average')).toBeCloseTo(day(METRICS.duration, 'Average') * 1000, 0);
    expect(lambda(AWS_LAMBDA_METRICS.concurrentExecutions, 'Maximum', {})).toBeGreaterThanOrEqual(2);
    expect(lambda(AWS_LAMBDA_METRICS.concurrentExecutions, 'Minimum', {})).toBe(1);
  });

  it("publishes the judge's scores and run metrics on its schedule: every sampled answer scored, nothing pending, no drift", () => {
    // Prepare
    const requests = day(METRICS.requests, 'Sum');

    // Assess
    expect(day(JUDGE_METRICS.qualityScore, 'Average')).toBeCloseTo(0.9, 2);
    expect(day(JUDGE_METRICS.qualityScore, 'SampleCount')).toBe(day(METRICS.captureSampled, 'Sum'));
    expect(day(JUDGE_METRICS.qualityScore, 'SampleCount') / requests).toBeCloseTo(0.1, 2);
    expect(day(JUDGE_METRICS.evaluations, 'SampleCount')).toBe(288);
    expect(day(JUDGE_METRICS.evaluations, 'Sum')).toBe(day(JUDGE_METRICS.qualityScore, 'SampleCount'));
    expect(day(JUDGE_METRICS.failures, 'Sum')).toBe(0);
    expect(day(JUDGE_METRICS.oldestPendingAgeSeconds, 'Maximum')).toBe(0);
    expect(day(JUDGE_METRICS.qualityDrift, 'Maximum')).toBe(0);
    expect(day(JUDGE_METRICS.costUsd, 'Sum')).toBeGreaterThan(0);
  });

  it('leaves every alarm in OK (the conditions as on a running service), having sent no notification', () => {
    // Act
    const states = world.evaluator.states();

    // Assess
    const conditions = world.definitions.filter((d) => CONDITION_ALARM_IDS.includes(d.id)).map((d) => d.name);
    expect(states.filter((s) => !conditions.includes(s.name) && s.state !== 'OK').map((s) => `${s.name} ${s.state}`)).toEqual([]);
    expect(states.filter((s) => s.state === 'INSUFFICIENT_DATA')).toEqual([]);
    expect(world.evaluator.notifications()).toEqual([]);
  });
});
