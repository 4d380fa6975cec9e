/**
 * The fire drill's HTML report of baseline-24h (24 virtual hours, one point a minute in every
 * chart): its size, and how long headless Chromium takes from navigation start to every chart
 * drawn (`window.reportRenderMs`, set by the page once each ECharts instance has finished).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeSimulationReport } from '../local/simulator/report-html';
import { DEFAULT_JUDGE_EVERY_MINUTES, runSimulation, type SimulationReport } from '../local/simulator/run-simulation';
import type { Scenario } from '../local/simulator/scenario';
import { loadScenario } from '../local/simulator/scenario-loader';
import { DEFAULT_SIMULATION_SAMPLE_RATE } from '../local/simulator/simulation-world';
import { launchBrowser } from '../test/support/browser';

/** Issue 11's targets for the baseline-24h report. */
export const REPORT_SIZE_TARGET_BYTES = 2_000_000;
export const REPORT_RENDER_TARGET_MS = 2000;

/** What one measurement found. */
export interface ReportMeasurement {
  readonly bytes: number;
  /** Navigation start to every chart drawn, per page load (each in a fresh browser context), in milliseconds. */
  readonly loadsMs: readonly number[];
  readonly medianMs: number;
  readonly fastestMs: number;
}

/** A finished run of a scenario, e.g. the one `measureSimulator` or a test already made. */
export interface FinishedRun {
  readonly scenario: Scenario;
  readonly report: SimulationReport;
  /** Real seconds the run took, for the report's heading. @default 0 */
  readonly elapsedSeconds?: number;
}

/**
 * Writes the HTML report of `run` (by default a fresh run of baseline-24h, about 40 s) to a
 * temporary file and loads it `loads` times in headless Chromium.
 *
 * @example
 * const { bytes, medianMs } = await measureSimulationReport();
 */
export async function measureSimulationReport(run?: FinishedRun, loads = 3): Promise<ReportMeasurement> {
  const { scenario, report, elapsedSeconds } = run ?? (await baseline24h());
  const dir = mkdtempSync(join(tmpdir(), 'report-bench-'));
  try {
    const file = join(dir, `${scenario.name}.html`);
    const facts = { durationMinutes: scenario.durationMinutes, sampleRate: DEFAULT_SIMULATION_SAMPLE_RATE, judgeEveryMinutes: DEFAULT_JUDGE_EVERY_MINUTES, elapsedSeconds: elapsedSeconds ?? 0 };
    const bytes = writeSimulationReport(file, { scenario, report, facts });
    const loadsMs = await renderTimes(file, loads);
    const sorted = [...loadsMs].sort((a, b) => a - b);
    return { bytes, loadsMs, medianMs: sorted[Math.floor(sorted.length / 2)], fastestMs: sorted[0] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Navigation start to every chart drawn, for each of `loads` loads of the report file in a fresh context. */
export async function renderTimes(file: string, loads: number): Promise<number[]> {
  const browser = await launchBrowser();
  try {
    const times: number[] = [];
    for (let load = 0; load < loads; load++) {
      const context = await browser.newContext({ viewport: { width: 1600, height: 1200 } });
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector('body[data-rendered="true"]', { timeout: 60_000 });
      times.push(await page.evaluate(() => (globalThis as unknown as { reportRenderMs: number }).reportRenderMs));
      await context.close();
    }
    return times;
  } finally {
    await browser.close();
  }
}

async function baseline24h(): Promise<FinishedRun> {
  const scenario = loadScenario('baseline-24h');
  const started = performance.now();
  const report = await runSimulation(scenario);
  return { scenario, report, elapsedSeconds: (performance.now() - started) / 1000 };
}

if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  measureSimulationReport()
    .then((result) => console.log(JSON.stringify(result)))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
