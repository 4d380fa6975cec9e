import type { Browser, Page } from 'playwright-core';
import { alarmCatalog } from '../../../lib/catalog/alarms';
import { METRICS } from '../../../lib/catalog/metrics';
import { AlarmEvaluator } from '../../../local/alarms';
import { localDashboardDefinition } from '../../../local/dashboard/local-dashboard';
import { MetricStore, MINUTE_MS } from '../../../local/metrics';
import { alertOutput } from '../../../local/stack/alert-output';
import { RecentAlerts } from '../../../local/stack/recent-alerts';
import { launchBrowser, screenshot, watchedPage } from '../../support/browser';
import { openDashboard } from '../../support/dashboard-page';
import { serveDashboard, type DashboardServer } from '../../support/dashboard-server';

const SEVERITY_COLOURS = { critical: 'rgb(214, 39, 40)', warning: 'rgb(255, 127, 14)', info: 'rgb(31, 119, 180)' };
const OK_COLOUR = 'rgb(44, 160, 44)';

/** Ten minutes of 20 requests a minute, half of them failing as service_unavailable, evaluated minute by minute. */
function failingTenMinutes(store: MetricStore, evaluator: AlarmEvaluator, now: number): void {
  const service = { service: 'agent' };
  const series = (metric: { name: string }, dimensions: Record<string, string> = {}) => ({ namespace: 'AgentMonitoring', metricName: metric.name, dimensions: { ...service, ...dimensions } });
  const last = Math.floor(now / MINUTE_MS) - 1;
  for (let minute = last - 9; minute <= last; minute++) {
    const time = minute * MINUTE_MS;
    store.addDatapoint(series(METRICS.requests), time, 20);
    store.addDatapoint(series(METRICS.errors), time, 10);
    store.addDatapoint(series(METRICS.clientErrors), time, 0);
    store.addDatapoint(series(METRICS.errors, { error_category: 'service_unavailable' }), time, 10);
    for (let index = 0; index < 20; index++) store.addDatapoint(series(METRICS.duration), time, 0.5 + index * 0.05);
    evaluator.evaluate(time + MINUTE_MS + 1000);
  }
}

/** The browser's getComputedStyle, named without the DOM library (the project compiles for Node). */
interface ComputedStyles {
  getComputedStyle(node: unknown): { backgroundColor: string };
}

interface Tile {
  readonly alarm: string;
  readonly state: string;
  readonly badge: string;
  readonly severity: string;
}

interface AlertRow {
  readonly time: string;
  readonly topic: string;
  readonly title: string;
  readonly badge: string;
}

describe('the dashboard’s alarm status and recent alerts in the browser', () => {
  const definition = localDashboardDefinition({});
  const recent = new RecentAlerts();
  let server: DashboardServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    const store = new MetricStore();
    const alerts = recent.recording(alertOutput({ print: () => undefined }));
    const evaluator = new AlarmEvaluator({ definitions: alarmCatalog(), store, notifyOkFromInsufficientData: false, onNotification: (n) => void alerts.deliver(n.alert) });
    failingTenMinutes(store, evaluator, Date.now());
    server = await serveDashboard({ store, evaluator, serviceName: 'agent', namespace: 'AgentMonitoring', recentAlerts: () => recent.list(), dashboard: definition });
    browser = await launchBrowser();
    ({ page, errors } = await watchedPage(browser));
    await openDashboard(page, `${server.url}?hours=1`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows each alarm’s state, ALARM in its severity’s colour and OK in green', async () => {
    // Act
    const tiles: Tile[] = await page.$$eval('.alarm', (nodes) =>
      nodes.map((node) => ({
        alarm: node.getAttribute('data-alarm') ?? '',
        state: node.getAttribute('data-state') ?? '',
        badge: (globalThis as unknown as ComputedStyles).getComputedStyle(node.querySelector('.badge')).backgroundColor,
        severity: node.querySelector('.severity')?.textContent ?? '',
      })),
    );
    await screenshot(page, 'dashboard-alarms');

    // Assess
    expect(errors).toEqual([]);
    const errorRate = alarmCatalog().find((alarm) => alarm.id === 'error-rate');
    expect(tiles.find((tile) => tile.alarm === errorRate?.name)).toEqual({ alarm: errorRate?.name, state: 'ALARM', badge: SEVERITY_COLOURS.critical, severity: 'critical' });
    for (const tile of tiles.filter((shown) => shown.state === 'ALARM')) expect(tile.badge).toBe(SEVERITY_COLOURS[tile.severity as keyof typeof SEVERITY_COLOURS]);
    expect(tiles.filter((tile) => tile.state === 'OK').every((tile) => tile.badge === OK_COLOUR)).toBe(true);
    expect(tiles.filter((tile) => tile.state === 'OK').length).toBeGreaterThan(0);
  });

  it('lists the recent alerts, newest first, with their time and severity topic', async () => {
    // Act
    const rows: AlertRow[] = await page.$$eval('tr.alert', (nodes) =>
      nodes.map((node) => ({
        time: node.querySelector('.time')?.textContent ?? '',
        topic: node.getAttribute('data-topic') ?? '',
        title: node.querySelector('.alert-title')?.textContent ?? '',
        badge: node.querySelector('.badge')?.textContent ?? '',
      })),
    );

    // Assess
    const kept = recent.list();
    expect(kept.length).toBeGreaterThan(0);
    const timeOf = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    expect(rows).toEqual(kept.map((alert) => ({ time: timeOf(alert.time), topic: `agent-alerts-${alert.severity}`, title: alert.alarm ?? alert.title, badge: alert.state ?? 'ALARM' })));
    const errorRate = alarmCatalog().find((alarm) => alarm.id === 'error-rate');
    expect(rows).toContainEqual(expect.objectContaining({ title: errorRate?.name, topic: `agent-alerts-${errorRate?.notify}`, badge: 'ALARM' }));
  });
});
