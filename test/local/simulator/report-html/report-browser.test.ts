import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { main } from '../../../../bin/agent-monitor';
import type { CliContext } from '../../../../bin/commands/context';
import { simulationReportHtml } from '../../../../local/simulator/report-html';
import type { SimulationResult } from '../../../../local/simulator/result';
import { loadScenario } from '../../../../local/simulator/scenario-loader';
import { launchBrowser, screenshot, watchedPage } from '../../../support/browser';
import { HOSTILE, hostileInput } from './hostile-input';

/** A drill with an init-failure phase: alarms of three severities and notifications to three topics, 60 virtual minutes. */
const SCENARIO = 'bad-deploy';
const RUN_TIMEOUT_MS = 180_000;
/** Series per chart: what the report promises to draw. */
const EXPECTED_SERIES = { requests: 5, 'error-rate': 2, latency: 3, cost: 2, quality: 2, alarms: 1 };

interface Drawn {
  readonly id: string;
  readonly series: number;
  readonly dataPoints: number;
  readonly canvases: number;
  readonly phases: [number, number][];
}

interface Marks {
  readonly spans: { alarm: string; fromMinute: number; toMinute: number }[];
  readonly notifications: { minute: number; alarm: string; severity: string }[];
}

/** What the tests read in the page, typed without the DOM library (the project compiles for Node). */
interface ChartElement {
  readonly dataset: Record<string, string | undefined>;
  querySelectorAll(selector: string): ArrayLike<unknown>;
}
interface ReportWindow {
  readonly document: { querySelectorAll(selector: string): ArrayLike<ChartElement>; querySelector(selector: string): ChartElement | null };
  readonly echarts: { getInstanceByDom(element: ChartElement): { getOption(): any } | undefined };
  readonly pwned?: number;
}

function cli(): CliContext & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  const dynamo = () => {
    throw new Error('simulate uses its own embedded dynalite');
  };
  return { env: {}, dynamo, now: Date.now, out: (line) => lines.push(line), err: (line) => errors.push(line), lines, errors };
}

/** The ALARM spans the --json transitions describe: each ALARM until the next transition, or the end of the run. */
function spansOf(result: SimulationResult, endMinute: number): Marks['spans'] {
  return result.alarms.flatMap((alarm) =>
    alarm.transitions.flatMap((transition, index) =>
      transition.state === 'ALARM' ? [{ alarm: alarm.name, fromMinute: transition.minute, toMinute: alarm.transitions[index + 1]?.minute ?? endMinute }] : [],
    ),
  );
}

async function open(browser: Browser, file: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const { page, errors } = await watchedPage(browser);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('body[data-rendered="true"]', { timeout: 30_000 });
  return { page, errors, requests };
}

function drawnCharts(page: Page): Promise<Drawn[]> {
  return page.evaluate(() => {
    const { document, echarts } = globalThis as unknown as ReportWindow;
    return Array.from(document.querySelectorAll('[data-chart]')).map((element) => {
      const option = echarts.getInstanceByDom(element)!.getOption();
      const first = option.series[0];
      const source = option.dataset?.[0]?.source;
      return {
        id: element.dataset.chart!,
        series: option.series.length,
        dataPoints: source ? source.minute.length : first.data.length,
        canvases: element.querySelectorAll('canvas').length,
        phases: (first.markArea?.data ?? []).map((band: { xAxis: number }[]) => [band[0].xAxis, band[1].xAxis]),
      };
    });
  });
}

function timelineMarks(page: Page): Promise<Marks> {
  return page.evaluate(() => {
    const { document, echarts } = globalThis as unknown as ReportWindow;
    const option = echarts.getInstanceByDom(document.querySelector('[data-chart="alarms"]')!)!.getOption();
    const rows: string[] = option.yAxis[0].data;
    const series = option.series[0];
    return {
      spans: series.data.map((span: { value: number[] }) => ({ alarm: rows[span.value[0]], fromMinute: span.value[1], toMinute: span.value[2] })),
      notifications: series.markPoint.data.map((mark: { coord: number[]; value: string }) => ({ minute: mark.coord[0], alarm: rows[mark.coord[1]], severity: mark.value })),
    };
  });
}

describe(`the HTML report of ${SCENARIO} in Chromium`, () => {
  let browser: Browser;
  let dir: string;
  let file: string;
  let result: SimulationResult;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'report-'));
    file = join(dir, `${SCENARIO}.html`);
    const context = cli();
    const code = await main(['simulate', '--scenario', SCENARIO, '--json', '--report', file], context);
    if (code !== 0) throw new Error(`simulate exited ${code}: ${context.errors.join('\n')}`);
    result = JSON.parse(context.lines.join('\n'));
    browser = await launchBrowser();
  }, RUN_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens from the file with no network request and no console error, and draws every chart with its series and the phase shaded', async () => {
    // Act
    const { page, errors, requests } = await open(browser, file);
    const charts = await drawnCharts(page);
    await screenshot(page, `simulation-report-${SCENARIO}`);

    // Assess
    expect(errors).toEqual([]);
    expect(requests.filter((url) => url !== pathToFileURL(file).href && !url.startsWith('data:'))).toEqual([]);
    expect(Object.fromEntries(charts.map((chart) => [chart.id, chart.series]))).toEqual(EXPECTED_SERIES);
    for (const chart of charts) {
      expect({ id: chart.id, canvases: chart.canvases }).toEqual({ id: chart.id, canvases: 1 });
      expect(chart.dataPoints).toBeGreaterThan(0);
      expect({ id: chart.id, phases: chart.phases }).toEqual({ id: chart.id, phases: loadScenario(SCENARIO).phases.map((phase) => [phase.fromMinute, phase.toMinute]) });
    }
    await expect(page.locator('h1').textContent()).resolves.toBe(`Fire drill ${SCENARIO}`);
  });

  it('marks exactly the ALARM spans and the notifications, with their topics, of the drill\'s --json', async () => {
    // Prepare
    const { page } = await open(browser, file);

    // Act
    const marks = await timelineMarks(page);

    // Assess
    expect(result.alarms.length).toBeGreaterThan(3);
    expect(new Set(result.notifications.map((n) => n.severity))).toEqual(new Set(['critical', 'warning', 'info']));
    expect(marks.spans).toEqual(spansOf(result, loadScenario(SCENARIO).durationMinutes));
    expect(marks.notifications).toEqual(result.notifications.map(({ minute, alarm, severity }) => ({ minute, alarm, severity })));
    const listed = await page.locator('h2:has-text("Notifications sent") + table tr').allTextContents();
    expect(listed.slice(1)).toEqual(result.notifications.map((n) => `${n.minute}${n.severity}${n.alarm}`));
  });

  it('shows a hostile scenario name as text: no script of it runs, nothing is fetched', async () => {
    // Prepare
    const hostile = join(dir, 'hostile.html');
    writeFileSync(hostile, simulationReportHtml(hostileInput()));

    // Act
    const { page, errors, requests } = await open(browser, hostile);

    // Assess
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(hostile).href]);
    await expect(page.evaluate(() => (globalThis as unknown as ReportWindow).pwned)).resolves.toBeUndefined();
    await expect(page.locator('h1').textContent()).resolves.toBe(`Fire drill ${HOSTILE}`);
    await expect(page.title()).resolves.toBe(`Fire drill ${HOSTILE}`);
    expect(await page.locator('img').count()).toBe(0);
  });
});
