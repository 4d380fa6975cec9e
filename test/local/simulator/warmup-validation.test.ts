import { MAX_WARMUP_HOURS, ScenarioError } from '../../../local/simulator/scenario';
import { loadScenario } from '../../../local/simulator/scenario-loader';
import { parseScenario } from '../../../local/simulator/scenario-validation';
import { withWarmupHours } from '../../../local/simulator/warmup-hours';

function scenarioWith(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    name: 'warm',
    durationMinutes: 60,
    requestsPerMinute: 20,
    seed: 1,
    traffic: { model: 'gpt-4o-mini', latencyMs: { median: 1000, p95: 2500 }, promptTokens: 1000, completionTokens: 200, toolCallsPerRequest: 1, quality: 0.9 },
    phases: [],
    ...fields,
  };
}

function problemOf(fields: Record<string, unknown>): string {
  try {
    parseScenario(scenarioWith(fields));
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as Error).message;
  }
  throw new Error('the scenario was accepted');
}

describe('scenario warmupHours', () => {
  it('is read as given, and a scenario without it (or with 0) starts cold', () => {
    // Act
    const warm = parseScenario(scenarioWith({ warmupHours: 24 }));
    const longest = parseScenario(scenarioWith({ warmupHours: MAX_WARMUP_HOURS }));
    const cold = parseScenario(scenarioWith({}));
    const zero = parseScenario(scenarioWith({ warmupHours: 0 }));

    // Assess
    expect(warm.warmupHours).toBe(24);
    expect(longest.warmupHours).toBe(48);
    expect(cold).not.toHaveProperty('warmupHours');
    expect(zero).not.toHaveProperty('warmupHours');
  });

  it.each([
    [-1, '-1'],
    [1.5, '1.5'],
    [49, '49'],
    ['24', '"24"'],
    [null, 'null'],
  ])('refuses %p, naming the field and its range', (value, shown) => {
    // Act
    const message = problemOf({ warmupHours: value });

    // Assess
    expect(message).toBe(`warmupHours must be a whole number in [0, 48], got ${shown}`);
  });

  it('refuses a warm-up of more requests than it can hold, naming warmupHours, the rate and the limit', () => {
    // Act: 48 h at 2,000 requests a minute is 5.76 million
    const message = problemOf({ warmupHours: 48, requestsPerMinute: 2000 });

    // Assess
    expect(message).toBe(
      'warmupHours 48 at requestsPerMinute 2000 would write about 5,760,000 warm-up requests; the limit is 5,000,000: shorten warmupHours (the longest alarm window is 24 hours)',
    );
  });

  it('withWarmupHours sets the hours of a loaded scenario, and refuses bad hours naming the option it was given as', () => {
    // Prepare
    const scenario = loadScenario('provider-outage');

    // Act
    const warm = withWarmupHours(scenario, 24);
    const refuse = () => withWarmupHours(scenario, 72, '--warmup-hours');

    // Assess
    expect(warm).toEqual({ ...scenario, warmupHours: 24 });
    expect(refuse).toThrow(ScenarioError);
    expect(refuse).toThrow('scenario provider-outage: --warmup-hours must be a whole number in [0, 48], got 72');
  });
});
