import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScenarioError } from '../../../local/simulator/scenario';
import { BUILTIN_SCENARIOS, builtinScenarioPath, loadScenario } from '../../../local/simulator/scenario-loader';
import { parseScenario } from '../../../local/simulator/scenario-validation';

/** A valid scenario, changed by `edit` (which may delete fields). */
function scenarioWith(edit: (scenario: Record<string, any>) => void = () => undefined): Record<string, any> {
  const scenario: Record<string, any> = {
    name: 'test',
    durationMinutes: 60,
    requestsPerMinute: 20,
    seed: 1,
    traffic: { model: 'gpt-4o-mini', latencyMs: { median: 1000, p95: 2500 }, promptTokens: 1000, completionTokens: 200, toolCallsPerRequest: 1, quality: 0.9 },
    phases: [
      { fromMinute: 10, toMinute: 20, errors: { rate_limit: 0.1 } },
      { fromMinute: 30, toMinute: 40, latencyMultiplier: 2, quality: 0.7, model: 'gpt-4o', requestsPerMinute: 40 },
    ],
  };
  edit(scenario);
  return scenario;
}

describe('parseScenario', () => {
  it('accepts a valid scenario and returns it typed', () => {
    // Act
    const scenario = parseScenario(scenarioWith());

    // Assess
    expect(scenario.phases[1]).toEqual({ fromMinute: 30, toMinute: 40, latencyMultiplier: 2, quality: 0.7, model: 'gpt-4o', requestsPerMinute: 40 });
    expect(scenario.traffic.latencyMs).toEqual({ median: 1000, p95: 2500 });
  });

  it.each<[string, (scenario: Record<string, any>) => void, RegExp]>([
    ['a probability over 1', (s) => (s.phases[1].errors = { rate_limit: 1.5 }), /^phases\[1\]\.errors\.rate_limit must be a probability in \[0, 1\], got 1\.5$/m],
    ['a negative probability', (s) => (s.phases[0].errors.rate_limit = -0.1), /^phases\[0\]\.errors\.rate_limit must be a probability in \[0, 1\], got -0\.1$/m],
    ['probabilities summing over 1', (s) => (s.phases[0].errors = { rate_limit: 0.6, auth_error: 0.5 }), /^phases\[0\]\.errors probabilities must sum to at most 1, got 1\.1$/m],
    ['an unknown error category', (s) => (s.phases[0].errors = { meltdown: 0.1 }), /^phases\[0\]\.errors\.meltdown is not an error category the simulator can produce; use one of network_error, rate_limit/m],
    ['budget_exceeded (no budget is wired)', (s) => (s.phases[0].errors = { budget_exceeded: 0.1 }), /^phases\[0\]\.errors\.budget_exceeded is not an error category/m],
    ['an api_error status that has its own category', (s) => (s.phases[0].errors = { api_error_429: 0.1 }), /^phases\[0\]\.errors\.api_error_429 is not an error category/m],
    ['a missing field', (s) => delete s.durationMinutes, /^durationMinutes is required$/m],
    ['a missing nested field', (s) => delete s.traffic.latencyMs.p95, /^traffic\.latencyMs\.p95 is required$/m],
    ['a missing traffic', (s) => delete s.traffic, /^traffic is required$/m],
    ['missing phases', (s) => delete s.phases, /^phases is required \(use \[\] for none\)$/m],
    ['a wrong-typed field', (s) => (s.requestsPerMinute = '20'), /^requestsPerMinute must be a number in \[0, 36000\], got "20"$/m],
    ['a wrong-typed name', (s) => (s.name = 42), /^name must be a non-empty string, got 42$/m],
    ['a wrong-typed phase list', (s) => (s.phases = {}), /^phases must be a list, got an object$/m],
    ['a phase that is not an object', (s) => (s.phases[1] = 5), /^phases\[1\] must be an object, got 5$/m],
    ['a negative number', (s) => (s.traffic.promptTokens = -5), /^traffic\.promptTokens must be a number in \[0, 1000000\], got -5$/m],
    ['a fractional duration', (s) => (s.durationMinutes = 10.5), /^durationMinutes must be a whole number in \[1, 10080\], got 10\.5$/m],
    ['a quality over 1', (s) => (s.phases[1].quality = 1.2), /^phases\[1\]\.quality must be a number in \[0, 1\], got 1\.2$/m],
    ['a zero latency multiplier', (s) => (s.phases[1].latencyMultiplier = 0), /^phases\[1\]\.latencyMultiplier must be a number in \(0, 100\], got 0$/m],
    ['a p95 under the median', (s) => (s.traffic.latencyMs.p95 = 500), /^traffic\.latencyMs\.p95 must be at least traffic\.latencyMs\.median \(1000\), got 500$/m],
    ['a phase past the duration', (s) => (s.phases[1].toMinute = 90), /^phases\[1\]\.toMinute must be at most durationMinutes \(60\), got 90$/m],
    ['a phase ending before it starts', (s) => (s.phases[0].toMinute = 5), /^phases\[0\]\.toMinute must be greater than phases\[0\]\.fromMinute \(10\), got 5$/m],
    ['overlapping phases', (s) => (s.phases[1].fromMinute = 15), /^phases\[1\] \(minutes 15-40\) overlaps phases\[0\] \(minutes 10-20\)$/m],
    ['a misspelled field', (s) => (s.phases[1].latencyMultipler = 2), /^phases\[1\]\.latencyMultipler is not a scenario field; allowed here: fromMinute, toMinute, errors/m],
  ])('refuses %s, naming the field', (_case, edit, message) => {
    // Prepare
    const value = scenarioWith(edit);

    // Act & Assess
    expect(() => parseScenario(value)).toThrow(ScenarioError);
    expect(() => parseScenario(value)).toThrow(message);
  });

  it('refuses a file whose top level is not an object', () => {
    expect(() => parseScenario([])).toThrow(/^the scenario must be an object, got a list$/);
  });

  it('reports every problem of a file at once', () => {
    // Prepare
    const value = scenarioWith((s) => {
      s.seed = -1;
      s.traffic.quality = 2;
    });

    // Act & Assess
    expect(() => parseScenario(value)).toThrow(/^seed must be a whole number in \[0, 4294967295\], got -1\ntraffic\.quality must be a number in \[0, 1\], got 2$/);
  });

  it('accepts every category the simulator produces, and api_error_<status> for a 4xx status without a category', () => {
    // Prepare
    const errors = { network_error: 0.05, timeout: 0.05, bad_request: 0.05, provider_error: 0.05, service_unavailable: 0.05, validation_error: 0.05, agent_timeout: 0.05, invalid_input: 0.05, unknown_error: 0.05, api_error_404: 0.05 };

    // Act
    const scenario = parseScenario(scenarioWith((s) => (s.phases[0].errors = errors)));

    // Assess
    expect(scenario.phases[0].errors).toEqual(errors);
  });
});

describe('loadScenario', () => {
  const directory = mkdtempSync(join(tmpdir(), 'scenario-'));

  it.each(BUILTIN_SCENARIOS)('loads the built-in %s by name', (name) => {
    // Act
    const scenario = loadScenario(name);

    // Assess
    expect(scenario.name).toBe(name);
    expect(builtinScenarioPath(name)).toMatch(new RegExp(`local/simulator/scenarios/${name}\\.json$`));
  });

  it('refuses a file that cannot be read, naming it and the built-ins', () => {
    expect(() => loadScenario(join(directory, 'missing.json'))).toThrow(/cannot read scenario file .*missing\.json: ENOENT.*built-in scenarios: baseline-24h, provider-outage/);
  });

  it('refuses a file that is not JSON', () => {
    // Prepare
    const file = join(directory, 'broken.json');
    writeFileSync(file, '{"name": "broken",');

    // Act & Assess
    expect(() => loadScenario(file)).toThrow(/scenario file .*broken\.json is not valid JSON/);
  });

  it('names the file and the field of an invalid scenario', () => {
    // Prepare
    const file = join(directory, 'invalid.json');
    writeFileSync(file, JSON.stringify(scenarioWith((s) => (s.phases[1].errors = { rate_limit: 1.5 }))));

    // Act & Assess
    expect(() => loadScenario(file)).toThrow(/invalid scenario .*invalid\.json:\nphases\[1\]\.errors\.rate_limit must be a probability in \[0, 1\], got 1\.5/);
  });
});
