import { alarmCatalog } from '../../../lib/catalog/alarms';
import { dashboardAlarms, dashboardDefinition, panelsOf, type DashboardDefinition } from '../../../lib/catalog/dashboard';
import { METRICS } from '../../../lib/catalog/metrics';
import { monitoringConfigFrom } from '../../../lib/config/monitoring-config';
import { grafanaDashboard, grafanaDashboardFor } from '../../../lib/grafana';
import { grafanaSchemaDiagnostics } from '../../support/grafana-schema-check';

const CONFIG = monitoringConfigFrom({ serviceName: 'support-bot', qualityThreshold: 0.7 });
const DASHBOARD = grafanaDashboardFor(CONFIG, { agent: 'support-bot-agent', region: 'eu-west-1' });
const PANELS: any[] = DASHBOARD.panels ?? [];

function panelTitled(title: string): any {
  const panel = PANELS.find((p) => p.title === title);
  if (!panel) throw new Error(`no panel titled ${title}; titles: ${PANELS.map((p) => p.title).join(' | ')}`);
  return panel;
}

describe('grafanaDashboard', () => {
  it("is accepted by Grafana's published types: dashboard, CloudWatch queries, stat, timeseries and text options", () => {
    // Act
    const diagnostics = grafanaSchemaDiagnostics(DASHBOARD as any);

    // Assess
    expect(diagnostics).toEqual([]);
  }, 60_000);

  it("reports what Grafana's types refuse: a misplaced, a mistyped and an unknown field", () => {
    // Prepare
    const wrong = JSON.parse(JSON.stringify(DASHBOARD));
    wrong.schemaVersion = '39';
    wrong.panels[0].gridPos.width = 6;
    wrong.panels[4].targets[0].metricEditorMode = 2;
    wrong.panels[0].options.colorMode = 'rainbow';

    // Act
    const diagnostics = grafanaSchemaDiagnostics(wrong);

    // Assess
    expect(diagnostics).toEqual([
      expect.stringMatching(/Type 'string' is not assignable to type 'number'/),
      expect.stringMatching(/'"width"' does not exist in type/),
      expect.stringMatching(/Type '2' is not assignable to type 'MetricEditorMode/),
      expect.stringMatching(/Type '"rainbow"' is not assignable/),
    ]);
  }, 60_000);

  it('draws every panel of the definition, in its order, on a grid without overlaps', () => {
    // Prepare
    const definition = dashboardDefinition({
      serviceName: 'support-bot',
      qualityThreshold: 0.7,
      agentFunctionName: '$agent_function',
      judgeFunctionName: '$judge_function',
      topSpendersRuleName: 'support-bot-top-spenders',
      alarms: dashboardAlarms(alarmCatalog({ serviceName: 'support-bot', qualityThreshold: 0.7 })),
    });

    // Act
    const cells = new Set<string>();
    for (const { gridPos } of PANELS) {
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++) for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) cells.add(`${x},${y}`);
    }

    // Assess
    expect(PANELS.map((panel) => panel.title)).toEqual(panelsOf(definition).map((panel) => panel.title));
    expect(PANELS.map((panel) => panel.id)).toEqual(PANELS.map((_, index) => index + 1));
    expect(cells.size).toBe(PANELS.reduce((sum, panel) => sum + panel.gridPos.w * panel.gridPos.h, 0));
    expect(PANELS.every((panel) => panel.gridPos.x + panel.gridPos.w <= 24)).toBe(true);
  });

  it('reads the CloudWatch data source and region of the dashboard variables, and the Lambda functions of theirs', () => {
    // Act
    const variables = DASHBOARD.templating?.list ?? [];
    const lambda = panelTitled('Lambda errors and throttles (5 minutes)');

    // Assess
    expect(variables.map((v) => [v.name, v.type])).toEqual([
      ['datasource', 'datasource'],
      ['region', 'query'],
      ['agent_function', 'textbox'],
      ['judge_function', 'textbox'],
    ]);
    expect(variables.map((v) => v.current?.value)).toEqual([undefined, 'eu-west-1', 'support-bot-agent', 'support-bot-judge']);
    expect(lambda.targets.map((t: any) => [t.namespace, t.metricName, t.dimensions.FunctionName])).toEqual([
      ['AWS/Lambda', 'Errors', '$agent_function'],
      ['AWS/Lambda', 'Throttles', '$agent_function'],
      ['AWS/Lambda', 'Errors', '$judge_function'],
      ['AWS/Lambda', 'Throttles', '$judge_function'],
    ]);
    expect(PANELS.flatMap((panel) => panel.targets ?? []).every((t: any) => t.region === '$region' && t.datasource.uid === '${datasource}')).toBe(true);
  });

  it('draws by-dimension panels as SEARCH in Code mode and math over hidden Builder queries', () => {
    // Act
    const tools = panelTitled('Tool calls and errors by tool (5 minutes)');
    const errorRate = panelTitled('Error rate');

    // Assess
    expect(tools.targets[0]).toEqual(
      expect.objectContaining({
        metricEditorMode: 1,
        metricQueryType: 0,
        expression: `SEARCH('{"AgentMonitoring","service","tool"} MetricName="${METRICS.toolCalls.name}" service="support-bot"', 'Sum', 300)`,
        label: "calls ${PROP('Dim.tool')}",
      }),
    );
    expect(tools.fieldConfig.overrides).toEqual([expect.objectContaining({ matcher: { id: 'byFrameRefID', options: 'B' } })]);
    expect(errorRate.targets.map((t: any) => [t.refId, t.id, t.metricEditorMode, t.hide ?? false, t.metricName ?? t.expression])).toEqual([
      ['A', 'error_rate', 1, false, '100 * (FILL(errors, 0) - FILL(client_errors, 0)) / (requests - FILL(client_errors, 0))'],
      ['B', 'requests', 0, true, METRICS.requests.name],
      ['C', 'errors', 0, true, METRICS.errors.name],
      ['D', 'client_errors', 0, true, METRICS.clientErrors.name],
    ]);
  });

  it('draws the latency targets and the quality threshold as threshold lines', () => {
    // Act
    const steps = (title: string) => panelTitled(title).fieldConfig.defaults.thresholds.steps.map((s: any) => s.value);

    // Assess
    expect(steps('Latency (tier real-time-chat)')).toEqual([null, 2, 5, 10]);
    expect(steps('Quality score and drift')).toEqual([null, 0.7]);
    expect(panelTitled('Quality score and drift').fieldConfig.defaults.custom.thresholdsStyle).toEqual({ mode: 'line' });
  });

  it('says in the panel what Grafana cannot draw: alarm states, alerts sent, the spender ranking', () => {
    // Act
    const status = panelTitled('Alarm status');
    const alerts = panelTitled('Recent alerts');
    const spenders = panelTitled('Top spenders (USD per hour, by userId)');

    // Assess
    expect(status.type).toBe('text');
    expect(status.options.content).toMatch(/^Grafana's CloudWatch data source cannot read alarm states/);
    for (const alarm of dashboardAlarms(alarmCatalog({ serviceName: 'support-bot', qualityThreshold: 0.7 }))) expect(status.options.content).toContain(`\`${alarm.name}\``);
    expect(alerts.options.content).toMatch(/cannot read alarm history/);
    expect(alerts.options.content).toContain('describe-alarm-history');
    expect(spenders.description).toMatch(/cannot draw the ranking of a Contributor Insights rule/);
    expect(spenders.targets.map((t: any) => t.expression)).toEqual([
      "INSIGHT_RULE_METRIC('support-bot-top-spenders', 'MaxContributorValue')",
      "INSIGHT_RULE_METRIC('support-bot-top-spenders', 'UniqueContributors')",
    ]);
  });

  it('refuses an expression naming a metric id that another query of its panel uses', () => {
    // Prepare
    const base = dashboardDefinition();
    const [summary] = base.rows;
    const [rate] = summary.panels as any[];
    const clash = { ...rate, queries: [...rate.queries, { ...rate.queries[0], kind: 'metric', id: 'requests', ...Object.values(rate.queries[0].metrics)[0] as object }] };
    const definition: DashboardDefinition = { ...base, rows: [{ id: 'summary', panels: [clash] }] };

    // Act
    const render = () => grafanaDashboard(definition);

    // Assess
    expect(render).toThrow('dashboard panel request-rate: the expression request_rate names the metric id requests, which another query of the panel also uses');
  });
});
