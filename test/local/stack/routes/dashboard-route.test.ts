import { alarmCatalog } from '../../../../lib/catalog/alarms';
import { METRICS } from '../../../../lib/catalog/metrics';
import { AlarmEvaluator } from '../../../../local/alarms';
import { localDashboardDefinition } from '../../../../local/dashboard/local-dashboard';
import type { AlarmStatusData, DashboardData, SingleValueData, TimeseriesData } from '../../../../local/dashboard/panel-data';
import { alignedPeriodEnd, MetricStore } from '../../../../local/metrics';
import type { LocalStackView } from '../../../../local/stack/routes/view';
import { serveDashboard, type DashboardServer } from '../../../support/dashboard-server';

const agent = (metric: { name: string }, dimensions: Record<string, string> = {}, service = 'agent') => ({
  namespace: 'AgentMonitoring',
  metricName: metric.name,
  dimensions: { service, ...dimensions },
});

describe('/dashboard routes of the local stack', () => {
  const store = new MetricStore();
  const now = Date.now();
  let server: DashboardServer;
  let bare: DashboardServer;

  beforeAll(async () => {
    store.addDatapoint(agent(METRICS.requests), now, 10);
    store.addDatapoint(agent(METRICS.toolCalls, { tool: 'search_docs' }), now, 2);
    store.addDatapoint(agent(METRICS.toolCalls, { tool: 'calculator' }), now, 3);
    store.addDatapoint(agent(METRICS.toolCalls, { tool: 'weather' }, 'another-service'), now, 7);
    const view: LocalStackView = { store, evaluator: new AlarmEvaluator({ definitions: alarmCatalog(), store }), serviceName: 'agent', namespace: 'AgentMonitoring' };
    server = await serveDashboard({ ...view, dashboard: localDashboardDefinition({}) });
    bare = await serveDashboard(view);
  });

  afterAll(async () => {
    await server?.close();
    await bare?.close();
  });

  it.each(['0', '25', '1.5', 'day'])('refuses ?hours=%s with a message naming the allowed range', async (hours) => {
    // Act
    const responses = await Promise.all([fetch(`${server.url}?hours=${hours}`), fetch(`${server.url}/data.json?hours=${hours}`)]);

    // Assess
    for (const response of responses) {
      expect(response.status).toBe(400);
      expect(await response.text()).toBe(`hours must be a whole number from 1 to 24, got "${hours}"`);
    }
  });

  it('answers an unknown dashboard file with 404 naming it', async () => {
    // Act
    const response = await fetch(`${server.url}/secrets.json`);

    // Assess
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('no dashboard file "secrets.json"');
  });

  it('says so when the stack has no dashboard definition', async () => {
    // Act
    const response = await fetch(bare.url);

    // Assess
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('this local stack has no dashboard definition');
  });

  it('serves the page with its scripts and styles from the stack itself, nothing from elsewhere', async () => {
    // Act
    const html = await (await fetch(server.url)).text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    const assets = await Promise.all(sources.map(async (source) => (await fetch(new URL(source, server.url))).status));

    // Assess
    expect(sources).toEqual(['/dashboard/dashboard.css', '/dashboard/echarts.js', '/dashboard/renderers.js', '/dashboard/dashboard.js']);
    expect(assets).toEqual([200, 200, 200, 200]);
    expect(html).not.toMatch(/https?:\/\//);
  }, 30_000);

  it('draws one line per tool of this service, and the newest period as the single value', async () => {
    // Act
    const data = (await (await fetch(`${server.url}/data.json?hours=1`)).json()) as DashboardData;

    // Assess
    const tools = data.panels.find((panel) => panel.id === 'tool-usage') as TimeseriesData;
    expect(tools.lines.map((line) => line.label).filter((label) => label.startsWith('calls'))).toEqual(['calls calculator', 'calls search_docs']);
    expect(tools.lines.find((line) => line.label === 'calls calculator')?.values.at(-1)).toBe(3);
    const rate = data.panels.find((panel) => panel.id === 'request-rate') as SingleValueData;
    expect(rate).toMatchObject({ value: 2, time: alignedPeriodEnd(now, 300) - 300_000, unit: 'requests-per-minute' });
    expect(data.storeVersion).toBe(store.version);
  });

  it('lists the alarms that notify, those in ALARM first when they changed state at the same time', async () => {
    // Prepare
    const failing = new MetricStore();
    const evaluator = new AlarmEvaluator({ definitions: alarmCatalog(), store: failing });
    const last = Math.floor(now / 60_000) - 1;
    for (let minute = last - 4; minute <= last; minute++) {
      failing.addDatapoint(agent(METRICS.requests), minute * 60_000, 20);
      failing.addDatapoint(agent(METRICS.errors), minute * 60_000, 10);
      failing.addDatapoint(agent(METRICS.clientErrors), minute * 60_000, 0);
    }
    evaluator.evaluate(now);
    const alarms = await serveDashboard({ store: failing, evaluator, serviceName: 'agent', namespace: 'AgentMonitoring', dashboard: localDashboardDefinition({}) });

    // Act
    const data = (await (await fetch(`${alarms.url}/data.json?hours=1`)).json()) as DashboardData;
    await alarms.close();

    // Assess
    const panel = data.panels.find((candidate) => candidate.id === 'alarm-status') as AlarmStatusData;
    const states = panel.alarms.map((alarm) => alarm.state);
    expect(panel.alarms.map((alarm) => alarm.name).sort()).toEqual(alarmCatalog().filter((alarm) => alarm.notify).map((alarm) => alarm.name).sort());
    expect(states).toContain('ALARM');
    expect(states.slice(0, states.filter((state) => state === 'ALARM').length).every((state) => state === 'ALARM')).toBe(true);
    expect(panel.alarms.find((alarm) => alarm.name === 'agent-error-rate-critical')).toMatchObject({ state: 'ALARM', severity: 'critical', since: now });
  });
});
