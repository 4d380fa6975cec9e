import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScenarioError, type Scenario } from './scenario';
import { parseScenario } from './scenario-validation';

/** The built-in scenarios, each a JSON file in local/simulator/scenarios/. */
export const BUILTIN_SCENARIOS = [
  'baseline-24h',
  'provider-outage',
  'rate-limit-storm',
  'latency-spike',
  'cost-spike',
  'quality-drift',
  'auth-failure',
  'bad-deploy',
  'lambda-throttling',
  'lambda-timeouts',
  'lambda-crashes',
  'metrics-silent',
] as const;

/** The name of a built-in scenario. */
export type BuiltinScenarioName = (typeof BUILTIN_SCENARIOS)[number];

/** The directory holding the built-in scenario files. */
export const BUILTIN_SCENARIO_DIRECTORY = join(__dirname, 'scenarios');

/** Whether `name` is a built-in scenario. */
export function isBuiltinScenario(name: string): name is BuiltinScenarioName {
  return (BUILTIN_SCENARIOS as readonly string[]).includes(name);
}

/** The file of a built-in scenario. */
export function builtinScenarioPath(name: BuiltinScenarioName): string {
  return join(BUILTIN_SCENARIO_DIRECTORY, `${name}.json`);
}

/**
 * Reads a scenario from a file path or a built-in name (a path wins when both exist) and
 * validates it.
 *
 * @throws ScenarioError saying what is wrong: a file that cannot be read, text that is not
 *   JSON, or each invalid field by its path.
 * @example
 * const scenario = loadScenario('provider-outage');
 * const mine = loadScenario('./scenarios/black-friday.json');
 */
export function loadScenario(fileOrName: string): Scenario {
  const file = !existsSync(fileOrName) && isBuiltinScenario(fileOrName) ? builtinScenarioPath(fileOrName) : fileOrName;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const builtins = `built-in scenarios: ${BUILTIN_SCENARIOS.join(', ')}`;
    throw new ScenarioError(`cannot read scenario file ${file}: ${(error as Error).message} (${builtins})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(`scenario file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return parseScenario(value);
  } catch (error) {
    if (error instanceof ScenarioError) throw new ScenarioError(`invalid scenario ${file}:\n${error.message}`);
    throw error;
  }
}
