import { logNormalSigma, Random } from '../../../local/simulator/random';
import type { Scenario } from '../../../local/simulator/scenario';
import { RequestPlan, TrafficModel, trafficSegments } from '../../../local/simulator/traffic';

const SCENARIO: Scenario = {
  name: 'traffic',
  durationMinutes: 100,
  requestsPerMinute: 20,
  seed: 11,
  traffic: { model: 'gpt-4o-mini', latencyMs: { median: 1200, p95: 3000 }, promptTokens: 1500, completionTokens: 300, toolCallsPerRequest: 1, quality: 0.9 },
  phases: [
    { fromMinute: 60, toMinute: 80, errors: { rate_limit: 0.2, auth_error: 0.1 }, latencyMultiplier: 2, model: 'gpt-4o', requestsPerMinute: 100 },
    { fromMinute: 10, toMinute: 20, quality: 0.5 },
  ],
};

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(q * sorted.length) - 1];
}

describe('Random', () => {
  it('gives the same sequence for the same seed, and another for another seed', () => {
    // Prepare
    const draw = (seed: number) => {
      const random = new Random(seed);
      return Array.from({ length: 5 }, () => random.next());
    };

    // Act & Assess
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    for (const value of draw(7)) expect(value >= 0 && value < 1).toBe(true);
  });

  it('draws log-normal values with the given median and p95', () => {
    // Prepare
    const random = new Random(1);
    const sigma = logNormalSigma(1200, 3000);

    // Act
    const values = Array.from({ length: 40_000 }, () => random.logNormal(1200, sigma));

    // Assess
    expect(quantile(values, 0.5)).toBeGreaterThan(1200 * 0.97);
    expect(quantile(values, 0.5)).toBeLessThan(1200 * 1.03);
    expect(quantile(values, 0.95)).toBeGreaterThan(3000 * 0.95);
    expect(quantile(values, 0.95)).toBeLessThan(3000 * 1.05);
  });

  it.each([0.5, 5, 600])('draws Poisson counts with mean %d', (mean) => {
    // Prepare
    const random = new Random(2);

    // Act
    const counts = Array.from({ length: 20_000 }, () => random.poisson(mean));

    // Assess
    const average = counts.reduce((sum, count) => sum + count, 0) / counts.length;
    expect(Math.abs(average - mean)).toBeLessThan(0.03 * mean + 0.02);
    expect(counts.every((count) => Number.isInteger(count) && count >= 0)).toBe(true);
  });
});

describe('trafficSegments', () => {
  it('covers the whole duration with the phases and the profile between them', () => {
    // Act
    const segments = trafficSegments(SCENARIO);

    // Assess
    expect(segments.map((s) => [s.fromMinute, s.toMinute, s.quality, s.model, s.requestsPerMinute])).toEqual([
      [0, 10, 0.9, 'gpt-4o-mini', 20],
      [10, 20, 0.5, 'gpt-4o-mini', 20],
      [20, 60, 0.9, 'gpt-4o-mini', 20],
      [60, 80, 0.9, 'gpt-4o', 100],
      [80, 100, 0.9, 'gpt-4o-mini', 20],
    ]);
    expect(segments[3].latencyMedianMs).toBe(2400);
    expect(segments[3].errors).toEqual([
      ['rate_limit', 0.2],
      ['auth_error', expect.closeTo(0.3, 12)],
    ]);
  });
});

describe('TrafficModel', () => {
  it('spreads each minute’s requests over the minute and draws outcomes with the phase’s probabilities', () => {
    // Prepare
    const traffic = new TrafficModel(SCENARIO, { maxToolCalls: 4, deadlineMs: 25_000, llmTimeoutMs: 20_000 });
    const plan = new RequestPlan();
    const outcomes: Record<string, number> = {};
    let requests = 0;

    // Act
    for (let minute = 60; minute < 80; minute++) {
      const minuteStart = minute * 60_000;
      const segment = traffic.segmentAt(minute);
      const count = traffic.requestCount(segment);
      let previous = minuteStart - 1;
      for (let i = 0; i < count; i++) {
        traffic.draw(plan, segment, minuteStart, i, count);
        expect(plan.startMs).toBeGreaterThanOrEqual(previous);
        expect(plan.startMs).toBeLessThan(minuteStart + 60_000);
        expect(plan.toolCalls).toBeLessThanOrEqual(4);
        expect(plan.model).toBe('gpt-4o');
        previous = plan.startMs;
        outcomes[plan.error ?? 'ok'] = (outcomes[plan.error ?? 'ok'] ?? 0) + 1;
        requests++;
      }
    }

    // Assess
    expect(requests).toBeGreaterThan(1800);
    expect(requests).toBeLessThan(2200);
    expect(outcomes.rate_limit / requests).toBeCloseTo(0.2, 1);
    expect(outcomes.auth_error / requests).toBeCloseTo(0.1, 1);
    expect(outcomes.ok / requests).toBeCloseTo(0.7, 1);
  });
});
