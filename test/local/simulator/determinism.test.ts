import { runSimulation } from '../../../local/simulator/run-simulation';
import type { Scenario } from '../../../local/simulator/scenario';
import { loadScenario } from '../../../local/simulator/scenario-loader';

const HOUR_MS = 3_600_000;

describe('determinism', () => {
  it('gives identical JSON for the same scenario and seed, whenever it runs', async () => {
    // Prepare
    const scenario = loadScenario('rate-limit-storm');

    // Act
    const first = await runSimulation(scenario);
    const second = await runSimulation(scenario, { endAt: Date.now() - 5 * HOUR_MS });

    // Assess
    expect(first.details.start).not.toBe(second.details.start);
    expect(JSON.stringify(second.result)).toBe(JSON.stringify(first.result));
    expect(first.result.alarms.length).toBeGreaterThan(0);
  }, 60_000);

  it('gives another run for another seed', async () => {
    // Prepare
    const scenario = loadScenario('rate-limit-storm');
    const reseeded: Scenario = { ...scenario, seed: scenario.seed + 1 };

    // Act
    const [first, second] = [await runSimulation(scenario), await runSimulation(reseeded)];

    // Assess
    expect(second.result.summary).not.toEqual(first.result.summary);
  }, 60_000);
});
