/** The checks of a scenario's `warmupHours`, shared by the scenario file and `agent-monitor simulate --warmup-hours`. */
import { describeValue } from './describe-value';
import { MAX_WARMUP_HOURS, MAX_WARMUP_REQUESTS, ScenarioError, type Scenario } from './scenario';

/**
 * What is wrong with `hours` as the warm-up of a scenario at `requestsPerMinute`, each problem
 * naming `field`; empty when it can be used (a whole number 0 to MAX_WARMUP_HOURS, at most
 * MAX_WARMUP_REQUESTS warm-up requests).
 *
 * @example
 * warmupHoursProblems(72, 20, 'warmupHours'); // ['warmupHours must be a whole number in [0, 48], got 72']
 */
export function warmupHoursProblems(hours: unknown, requestsPerMinute: number, field: string): string[] {
  if (typeof hours !== 'number' || !Number.isInteger(hours) || hours < 0 || hours > MAX_WARMUP_HOURS) {
    return [`${field} must be a whole number in [0, ${MAX_WARMUP_HOURS}], got ${describeValue(hours)}`];
  }
  const requests = Math.round(hours * 60 * requestsPerMinute);
  if (requests <= MAX_WARMUP_REQUESTS) return [];
  return [
    `${field} ${hours} at requestsPerMinute ${requestsPerMinute} would write about ${requests.toLocaleString('en-US')} warm-up requests; ` +
      `the limit is ${MAX_WARMUP_REQUESTS.toLocaleString('en-US')}: shorten ${field} (the longest alarm window is 24 hours)`,
  ];
}

/**
 * The scenario with `hours` of warm-up instead of its own (`agent-monitor simulate --warmup-hours`).
 *
 * @throws ScenarioError naming `field` when the hours cannot be used.
 * @example
 * runSimulation(withWarmupHours(loadScenario('provider-outage'), 24));
 */
export function withWarmupHours(scenario: Scenario, hours: number, field = 'warmupHours'): Scenario {
  const problems = warmupHoursProblems(hours, scenario.requestsPerMinute, field);
  if (problems.length > 0) throw new ScenarioError(`scenario ${scenario.name}: ${problems.join('\n')}`);
  return { ...scenario, warmupHours: hours };
}
