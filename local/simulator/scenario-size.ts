/**
 * How big a scenario is, and the limit past which a run is refused: a run replays every request
 * through the real handler, at roughly 2,000 requests a second on a 2-core machine, so 363
 * million requests would run for two days.
 */
import { ScenarioError, type Scenario } from './scenario';
import { trafficSegments } from './traffic';

/** About 15-20 minutes of simulation on a 2-core machine. */
export const DEFAULT_MAX_SIMULATED_REQUESTS = 2_000_000;
/** Measured by `npm run bench` (simulator, 1 h at 10 req/s): used for the estimate in messages. */
const REQUESTS_PER_SECOND_ESTIMATE = 2_000;

/** The mean number of requests of a run: each segment's rate times its minutes. */
export function expectedRequests(scenario: Scenario): number {
  return trafficSegments(scenario).reduce((sum, segment) => {
    const minutes = Math.min(segment.toMinute, scenario.durationMinutes) - segment.fromMinute;
    return sum + Math.max(0, minutes) * segment.requestsPerMinute;
  }, 0);
}

/**
 * Throws a ScenarioError naming durationMinutes, requestsPerMinute and the limit when the
 * scenario would send more than `maxRequests` requests.
 */
export function checkScenarioSize(scenario: Scenario, maxRequests = DEFAULT_MAX_SIMULATED_REQUESTS): void {
  const requests = Math.round(expectedRequests(scenario));
  if (requests <= maxRequests) return;
  const hours = requests / REQUESTS_PER_SECOND_ESTIMATE / 3600;
  throw new ScenarioError(
    `scenario ${scenario.name} would send about ${requests.toLocaleString('en-US')} requests ` +
      `(durationMinutes ${scenario.durationMinutes} × requestsPerMinute ${scenario.requestsPerMinute}, with its phases), ` +
      `about ${hours.toFixed(1)} hours of simulation; the limit is ${maxRequests.toLocaleString('en-US')} requests. ` +
      'Shorten durationMinutes or lower requestsPerMinute, or raise the limit (agent-monitor simulate --max-requests).',
  );
}
