import { main } from '../../../bin/agent-monitor';
import { expectationFor } from '../../../local/simulator/builtin-expectations';
import { expectationProblems } from '../../../local/simulator/expectation-check';
import type { SimulationResult } from '../../../local/simulator/result';
import { BUILTIN_SCENARIOS, type BuiltinScenarioName } from '../../../local/simulator/scenario-loader';
import { simulatorAlarmCatalog } from '../../../local/simulator/simulation-world';
import { capturingCli, type CapturedCli } from '../../support/cli-context';

const definitions = simulatorAlarmCatalog();
const FAULT_SCENARIOS = BUILTIN_SCENARIOS.filter((name) => name !== 'baseline-24h');

function inProcess(): CapturedCli {
  return capturingCli({ noDynamo: 'simulate uses its own embedded dynalite' });
}

describe('built-in fault scenarios on a warm service (agent-monitor simulate --warmup-hours 24)', () => {
  const results = new Map<BuiltinScenarioName, SimulationResult>();

  beforeAll(async () => {
    for (const name of FAULT_SCENARIOS) {
      const context = inProcess();
      const code = await main(['simulate', '--scenario', name, '--warmup-hours', '24', '--json'], context);
      if (code !== 0) throw new Error(`simulate ${name} exited ${code}: ${context.errors.join('\n')}`);
      results.set(name, JSON.parse(context.lines.join('\n')) as SimulationResult);
    }
  }, 600_000);

  it.each(FAULT_SCENARIOS)('%s fires its intended alarms within the documented warm detection time, and none it must not', (name) => {
    // Act
    const problems = expectationProblems(expectationFor(name), results.get(name)!, definitions, 'warm');

    // Assess
    expect(problems).toEqual([]);
  });

  it.each(FAULT_SCENARIOS)('%s reports only its own minutes: nothing before minute 0', (name) => {
    // Prepare
    const result = results.get(name)!;

    // Assess
    for (const notification of result.notifications) expect(notification.minute).toBeGreaterThan(0);
    for (const alarm of result.alarms) for (const transition of alarm.transitions) expect(transition.minute).toBeGreaterThan(0);
  });
});

describe('agent-monitor simulate --warmup-hours', () => {
  it('says the run started warm', async () => {
    // Prepare
    const context = inProcess();

    // Act
    const code = await main(['simulate', '--scenario', 'lambda-timeouts', '--warmup-hours', '2'], context);

    // Assess
    expect(code).toBe(0);
    expect(context.lines.join('\n')).toMatch(/^Warm start: 2 h of steady traffic before minute 0 \(warmupHours\), evaluated but not reported\.$/m);
  }, 120_000);

  it.each(['49', '-1', '1.5', 'a day'])('refuses %p, naming the option and the range', async (hours) => {
    // Prepare
    const context = inProcess();

    // Act
    const code = await main(['simulate', '--scenario', 'lambda-timeouts', '--warmup-hours', hours], context);

    // Assess
    expect(code).not.toBe(0);
    expect(context.errors.join('\n')).toContain(`option '--warmup-hours <hours>' argument '${hours}' is invalid. must be a whole number of hours from 0 to 48, got "${hours}"`);
    expect(context.lines).toEqual([]);
  });

});
