/**
 * How long the browser dashboard takes to draw a full day: a metric store holding 24 hours of
 * minute data for every query of the dashboard definition, served by the dashboard route, and
 * loaded in headless Chromium with `?hours=24`; measured from navigation start to every panel
 * drawn (`window.__dashboardRendered`).
 */
import { alarmCatalog } from '../lib/catalog/alarms';
import { panelsOf, type DashboardDefinition, type DashboardQuery, type MetricRef } from '../lib/catalog/dashboard';
import { AlarmEvaluator } from '../local/alarms';
import { localDashboardDefinition } from '../local/dashboard/local-dashboard';
import type { DashboardData } from '../local/dashboard/panel-data';
import { searchRef, type QueryLine } from '../local/dashboard/query-lines';
import { METRICS } from '../lib/catalog/metrics';
import { MINUTE_MS, MetricStore } from '../local/metrics';
import { launchBrowser } from '../test/support/browser';
import { serveDashboard } from '../test/support/dashboard-server';

/** Issue 11's target: every panel drawn with 24 hours of minute data, in milliseconds. */
export const DASHBOARD_24H_TARGET_MS = 1000;

/** What one measurement found. */
export interface DashboardRenderTimes {
  /** Navigation start to every panel drawn, per page load, in milliseconds. */
  readonly loadsMs: readonly number[];
  readonly bestMs: number;
  readonly medianMs: number;
  readonly maxMs: number;
  /** The size of `/dashboard/data.json?hours=24`. */
  readonly dataBytes: number;
  readonly panels: number;
  /** The ids of the chart panels whose data spans the whole day (a value in its first and last hour). */
  readonly fullDayPanels: readonly string[];
}

const DAY_MINUTES = 24 * 60;
/** Values of the `groupBy` dimension written for each search query: three tools, models or categories. */
const GROUP_VALUES = ['alpha', 'beta', 'gamma'];
/** Raw values per minute of a percentile metric (the request duration, the Lambda duration). */
const VALUES_PER_MINUTE = 6;

/** A value of a plausible size for the metric's unit, varying over the day. */
function sample(ref: MetricRef, minute: number, index: number): number {
  const wave = 1 + 0.5 * Math.sin((minute + index * 7) / 90);
  switch (ref.metric.unit) {
    case 'Seconds':
      return 0.4 * wave + (index % VALUES_PER_MINUTE) * 0.3;
    case 'Milliseconds':
      return 400 * wave + (index % VALUES_PER_MINUTE) * 250;
    case 'Percent':
      return 30 * wave;
    case 'None':
      return 0.55 * wave * (ref.metric.name.includes('cost') ? 0.01 : 1);
    default:
      // Requests outnumber every other count, so that rates of them stay rates
      return Math.round((ref.metric.name === METRICS.requests.name ? 40 : 1 + (nameHash(ref.metric.name) % 6)) * wave);
  }
}

function nameHash(name: string): number {
  let hash = 0;
  for (let index = 0; index < name.length; index++) hash = (hash * 31 + name.charCodeAt(index)) >>> 0;
  return hash;
}

/** Every series the queries read (a search query: one per GROUP_VALUES). */
function refsOf(query: DashboardQuery): MetricRef[] {
  if (query.kind === 'expression') return Object.values(query.metrics);
  if (query.kind === 'search') return GROUP_VALUES.map((value) => searchRef(query, value));
  return [query];
}

/**
 * A store holding the 24 hours before `now` at one datapoint a minute (VALUES_PER_MINUTE for
 * percentile metrics) for every series the definition's queries read.
 */
export function dayOfMinuteData(definition: DashboardDefinition, now: number): MetricStore {
  const store = new MetricStore();
  const refs = new Map<string, MetricRef>();
  for (const panel of panelsOf(definition)) {
    if (!('queries' in panel)) continue;
    for (const ref of panel.queries.flatMap(refsOf)) refs.set(JSON.stringify([ref.namespace, ref.metric.name, ref.dimensions]), ref);
  }
  const last = Math.floor(now / MINUTE_MS);
  for (const ref of refs.values()) {
    const identity = { namespace: ref.namespace, metricName: ref.metric.name, dimensions: ref.dimensions };
    const raw = ref.statistic.startsWith('p');
    if (raw) store.retainRawValues(ref.metric.name);
    for (let minute = last - DAY_MINUTES + 1; minute <= last; minute++) {
      for (let index = 0; index < (raw ? VALUES_PER_MINUTE : 1); index++) store.addDatapoint(identity, minute * MINUTE_MS, sample(ref, minute, index), ref.metric.unit);
    }
  }
  return store;
}

/** Chart panels with a value in the first and in the last hour of every line. */
function fullDayPanels(data: DashboardData): string[] {
  const spans = (line: QueryLine) => {
    const perHour = Math.max(1, Math.round(3600 / line.periodSeconds));
    return line.values.slice(0, perHour).some((v) => v !== null) && line.values.slice(-perHour).some((v) => v !== null);
  };
  return data.panels
    .filter((panel) => (panel.view === 'timeseries' ? panel.lines.length > 0 && panel.lines.every(spans) : panel.view === 'single-value' && panel.line !== undefined && spans(panel.line)))
    .map((panel) => panel.id);
}

/**
 * Loads the 24-hour dashboard `loads` times, each in a fresh page (nothing cached), and
 * reports navigation start to every panel drawn.
 */
export async function measureDashboardRender(loads = 3): Promise<DashboardRenderTimes> {
  const definition = localDashboardDefinition({});
  const store = dayOfMinuteData(definition, Date.now());
  const evaluator = new AlarmEvaluator({ definitions: alarmCatalog(), store });
  evaluator.evaluate(Date.now());
  const server = await serveDashboard({ store, evaluator, serviceName: definition.serviceName, namespace: definition.namespace, recentAlerts: () => [], dashboard: definition });
  const url = `${server.url}?hours=24`;
  const browser = await launchBrowser();
  try {
    // The server bundles ECharts once, on first request: a start-up cost, not a render cost.
    await (await fetch(new URL('/dashboard/echarts.js', url))).arrayBuffer();
    const dataText = await (await fetch(url.replace('/dashboard?', '/dashboard/data.json?'))).text();
    const loadsMs: number[] = [];
    for (let load = 0; load < loads; load++) {
      const context = await browser.newContext({ viewport: { width: 1600, height: 1200 } });
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction(() => (globalThis as unknown as { __dashboardRendered?: number }).__dashboardRendered !== undefined, null, { timeout: 30_000 });
      loadsMs.push(await page.evaluate(() => (globalThis as unknown as { __dashboardRendered: number }).__dashboardRendered));
      await context.close();
    }
    const sorted = [...loadsMs].sort((a, b) => a - b);
    return {
      loadsMs,
      bestMs: sorted[0],
      medianMs: sorted[Math.floor(sorted.length / 2)],
      maxMs: sorted[sorted.length - 1],
      dataBytes: Buffer.byteLength(dataText),
      panels: panelsOf(definition).length,
      fullDayPanels: fullDayPanels(JSON.parse(dataText) as DashboardData),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
