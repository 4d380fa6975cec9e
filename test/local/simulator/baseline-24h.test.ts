import { measureSimulationReport, REPORT_RENDER_TARGET_MS, REPORT_SIZE_TARGET_BYTES } from '../../../bench/simulation-report';
import { ALARM_IDS } from '../../../lib/catalog/alarms';
import { expectationFor } from '../../../local/simulator/builtin-expectations';
import { expectationProblems } from '../../../local/simulator/expectation-check';
import { runSimulation, type SimulationReport } from '../../../local/simulator/run-simulation';
import { loadScenario } from '../../../local/simulator/scenario-loader';
import { simulatorAlarmCatalog } from '../../../local/simulator/simulation-world';

/** A full 24 virtual hours: about 25 s on the 2-core CI machine. */
const FULL_DAY_TIMEOUT_MS = 180_000;
/** Three loads of the report in headless Chromium, with the browser's start. */
const REPORT_TIMEOUT_MS = 120_000;

describe('baseline-24h', () => {
  let report: SimulationReport;

  beforeAll(async () => {
    report = await runSimulation(loadScenario('baseline-24h'));
  }, FULL_DAY_TIMEOUT_MS);

  it('fires no alarm and sends no notification in 24 hours of healthy traffic: only the invoked condition is in ALARM', () => {
    // Act
    const catalog = simulatorAlarmCatalog();
    const problems = expectationProblems(expectationFor('baseline-24h'), report.result, catalog);

    // Assess: invoked is in ALARM whenever the agent serves traffic (a building block of monitoring-silent).
    expect(report.result.alarms.map((a) => a.name)).toEqual([catalog.find((d) => d.id === ALARM_IDS.agentInvoked)!.name]);
    expect(report.result.notifications).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('served a realistic day: about 20 requests a minute, background errors under the error-rate alarm, judged quality samples', () => {
    // Prepare
    const { summary } = report.result;
    const { details } = report;

    // Assess
    expect(summary.total_requests).toBeGreaterThan(0.95 * 20 * 1440);
    expect(summary.total_requests).toBeLessThan(1.05 * 20 * 1440);
    expect(summary.error_rate).toBeGreaterThan(0);
    expect(summary.error_rate).toBeLessThan(0.01);
    expect(summary.p95_latency).toBeGreaterThan(2.5);
    expect(summary.p95_latency).toBeLessThan(3.5);
    expect(details.judgedSamples).toBeGreaterThan(0.08 * summary.total_requests);
    expect(details.judgeFailures).toBe(0);
    expect(details.judgeErrors).toEqual([]);
  });

  it('makes an HTML report (--report) under 2 MB that headless Chromium draws in under 2 s (the fastest of 3 loads: the machine is shared)', async () => {
    // Act
    const measured = await measureSimulationReport({ scenario: loadScenario('baseline-24h'), report });

    // Assess
    expect(measured.bytes).toBeLessThan(REPORT_SIZE_TARGET_BYTES);
    expect(measured.fastestMs).toBeLessThan(REPORT_RENDER_TARGET_MS);
  }, REPORT_TIMEOUT_MS);
});
