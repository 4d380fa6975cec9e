import { runSimulation, type SimulationReport } from '../local/simulator/run-simulation';
import type { Scenario } from '../local/simulator/scenario';
import { loadScenario } from '../local/simulator/scenario-loader';

/** What the simulator benchmark measured: real seconds per run, and the requests each replayed. */
export interface SimulatorThroughput {
  readonly oneHourSeconds: number;
  readonly oneHourRequests: number;
  readonly baseline24hSeconds: number;
  readonly baseline24hRequests: number;
}

/** Issue 5's target for one simulated hour at 10 requests a second, in real seconds. */
export const ONE_HOUR_TARGET_SECONDS = 60;
/** Issue 5's target for the 24 simulated hours of baseline-24h, in real seconds. */
export const BASELINE_24H_TARGET_SECONDS = 600;

/**
 * One hour at 10 requests a second (36,000 requests on average): the healthy profile of the
 * built-ins at 600 requests a minute, with the simulator's default SAMPLE_RATE (0.1), so the
 * judge scores about 3,600 samples through dynalite on its 5-minute schedule.
 */
export const ONE_HOUR_AT_10_RPS: Scenario = {
  name: 'bench-one-hour-10-rps',
  durationMinutes: 60,
  requestsPerMinute: 600,
  seed: 10,
  traffic: { model: 'gpt-4o-mini', latencyMs: { median: 1200, p95: 3000 }, promptTokens: 1500, completionTokens: 300, toolCallsPerRequest: 1, quality: 0.9 },
  phases: [],
};

/**
 * Simulator throughput: the one-hour 10 requests/s scenario, then the built-in baseline-24h,
 * each a whole `runSimulation` (dynalite start, every request through the real agent handler,
 * the judge every 5 virtual minutes, the alarm catalog evaluated every virtual minute).
 * Targets: at most 60 s for the hour, 10 minutes for the day.
 */
export async function measureSimulator(): Promise<SimulatorThroughput> {
  const hour = await timed(ONE_HOUR_AT_10_RPS);
  const day = await timed(loadScenario('baseline-24h'));
  return {
    oneHourSeconds: hour.seconds,
    oneHourRequests: hour.report.result.summary.total_requests,
    baseline24hSeconds: day.seconds,
    baseline24hRequests: day.report.result.summary.total_requests,
  };
}

async function timed(scenario: Scenario): Promise<{ seconds: number; report: SimulationReport }> {
  const started = performance.now();
  const report = await runSimulation(scenario);
  return { seconds: (performance.now() - started) / 1000, report };
}

if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  measureSimulator()
    .then((result) => console.log(JSON.stringify(result)))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
