import { expectationFor } from '../../../local/simulator/builtin-expectations';
import { expectationProblems, measureDetection } from '../../../local/simulator/expectation-check';
import { runSimulation, type SimulationReport } from '../../../local/simulator/run-simulation';
import { BUILTIN_SCENARIOS, loadScenario, type BuiltinScenarioName } from '../../../local/simulator/scenario-loader';
import { withProvider } from '../../../local/simulator/scenario-provider';
import { simulatorAlarmCatalog } from '../../../local/simulator/simulation-world';

const definitions = simulatorAlarmCatalog();
/**
 * Every fault drill, on Bedrock. baseline-24h is left to builtin-scenarios.test.ts and
 * baseline-24h.test.ts on OpenAI: 24 virtual hours take about 40 s, and its only claim (no
 * alarm on healthy traffic) is checked on Bedrock by the fault drills' forbidden alarms.
 */
const FAULT_SCENARIOS = BUILTIN_SCENARIOS.filter((name) => name !== 'baseline-24h');

describe('built-in fault scenarios on Amazon Bedrock (--provider bedrock)', () => {
  const reports = new Map<BuiltinScenarioName, SimulationReport>();

  beforeAll(async () => {
    for (const name of FAULT_SCENARIOS) reports.set(name, await runSimulation(withProvider(loadScenario(name), 'bedrock')));
  }, 300_000);

  it.each(FAULT_SCENARIOS)('%s fires its intended alarms within the documented detection time, and none it must not', (name) => {
    // Prepare
    const expectation = expectationFor(name);
    const { result, details } = reports.get(name)!;

    // Act
    const problems = expectationProblems(expectation, result, definitions);
    const measured = measureDetection(expectation, result, definitions);

    // Assess
    expect(problems).toEqual([]);
    expect(measured.length).toBeGreaterThan(0);
    expect(details.judgeErrors).toEqual([]);
    expect(result.summary.total_cost).toBeGreaterThan(0);
  });

  it('auth-failure fails every request of its fault with auth_error (AccessDeniedException through the Bedrock classifier)', () => {
    // Prepare
    const { details } = reports.get('auth-failure')!;

    // Assess
    expect(details.replies.auth_error).toBeGreaterThan(0);
    expect(Object.keys(details.replies).sort()).toEqual(['auth_error', 'ok']);
  });

  it('quality-drift is judged on Bedrock without a failed evaluation', () => {
    // Prepare
    const { details } = reports.get('quality-drift')!;

    // Assess
    expect(details.judgedSamples).toBeGreaterThan(0);
    expect(details.judgeFailures).toBe(0);
  });
});
