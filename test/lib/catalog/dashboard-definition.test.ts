import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { AWS_LAMBDA_METRICS, alarmCatalog } from '../../../lib/catalog/alarms';
import {
  dashboardAlarms,
  dashboardDefinition,
  panelsOf,
  resolvePeriods,
  searchExpression,
  type DashboardPanel,
  type DashboardQuery,
} from '../../../lib/catalog/dashboard';
import { JUDGE_METRICS } from '../../../lib/catalog/judge-metrics';
import { METRICS } from '../../../lib/catalog/metrics';
import { parseMetricMath } from '../../../local/alarms/metric-math-parser';

const CATALOG_NAMES = new Set([...Object.values(METRICS), ...Object.values(JUDGE_METRICS), ...Object.values(AWS_LAMBDA_METRICS)].map((m) => m.name));

const FULL = dashboardDefinition({
  serviceName: 'support-bot',
  agentFunctionName: 'agent-fn',
  judgeFunctionName: 'judge-fn',
  topSpendersRuleName: 'support-bot-top-spenders',
  alarms: dashboardAlarms(alarmCatalog({ serviceName: 'support-bot' })),
});

function queriesOf(panel: DashboardPanel): readonly DashboardQuery[] {
  return 'queries' in panel ? panel.queries : [];
}

describe('dashboardDefinition', () => {
  it('lays out the lesson panels, then what the deployed dashboard has besides, top to bottom', () => {
    // Act
    const rows = FULL.rows.map((row) => row.panels.map((panel) => panel.id));

    // Assess
    expect(rows).toEqual([
      ['request-rate', 'error-rate', 'p95-latency', 'cost-per-hour'],
      ['requests-over-time', 'latency'],
      ['tool-usage', 'errors-by-category'],
      ['cost-by-model', 'top-spenders', 'tokens'],
      ['quality', 'judge-backlog', 'judge-throughput'],
      ['lambda-health', 'lambda-duration'],
      ['alarm-status'],
      ['recent-alerts'],
    ]);
    expect(FULL.name).toBe('support-bot-monitoring');
  });

  it('fills every row to the 24-column grid, with unique panel ids', () => {
    // Act
    const widths = FULL.rows.map((row) => row.panels.reduce((sum, panel) => sum + panel.width, 0));
    const ids = panelsOf(FULL).map((panel) => panel.id);

    // Assess
    expect(widths.every((width) => width === 24)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reads only catalog metrics, with query ids a metric math expression can name', () => {
    // Act
    const queries = panelsOf(FULL).flatMap(queriesOf);
    const names = queries.flatMap((query) => (query.kind === 'expression' ? Object.values(query.metrics).map((ref) => ref.metric.name) : [query.metric.name]));

    // Assess
    expect(queries.length).toBeGreaterThan(25);
    expect(names.filter((name) => !CATALOG_NAMES.has(name))).toEqual([]);
    for (const panel of panelsOf(FULL)) {
      const ids = queriesOf(panel).map((query) => query.id);
      expect(ids.filter((id) => !/^[a-z][A-Za-z0-9_]*$/.test(id))).toEqual([]);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('writes every expression in the metric math the local evaluator parses, once PERIOD is resolved', () => {
    // Act
    const expressions = panelsOf(FULL)
      .flatMap(queriesOf)
      .filter((query) => query.kind === 'expression');

    // Assess
    expect(expressions.map((query) => query.expression)).toEqual([
      'requests / (PERIOD(requests) / 60)',
      '100 * (FILL(errors, 0) - FILL(client_errors, 0)) / (requests - FILL(client_errors, 0))',
      'FILL(errors, 0)',
    ]);
    for (const query of expressions) {
      expect(() => parseMetricMath(resolvePeriods(query.expression, query.periodSeconds), Object.keys(query.metrics))).not.toThrow();
    }
    expect(resolvePeriods('requests / (PERIOD(requests) / 60)', 300)).toBe('requests / (300 / 60)');
  });

  it('draws the tier targets and the quality threshold as thresholds', () => {
    // Act
    const definition = dashboardDefinition({ latencyTier: 'batch-processing', qualityThreshold: 0.65 });
    const panel = (id: string) => panelsOf(definition).find((p) => p.id === id);

    // Assess
    const latency = panel('latency');
    const quality = panel('quality');
    expect(latency?.view === 'timeseries' && latency.thresholds?.map((t) => t.label)).toEqual(['P50 target 30 s', 'P95 target 120 s', 'P99 target 300 s']);
    expect(quality?.view === 'timeseries' && quality.thresholds?.map((t) => t.value)).toEqual([0.65]);
  });

  it('groups tools, models and error categories by dimension, as a SEARCH expression', () => {
    // Act
    const tools = panelsOf(FULL).find((panel) => panel.id === 'tool-usage');
    const [calls] = tools ? queriesOf(tools) : [];

    // Assess
    expect(calls.kind === 'search' && searchExpression(calls)).toBe(
      `SEARCH('{"AgentMonitoring","service","tool"} MetricName="${METRICS.toolCalls.name}" service="support-bot"', 'Sum', 300)`,
    );
  });

  it('lists the alarms that notify, with their severity, and leaves out the Lambda, spender and alarm panels when not given', () => {
    // Act
    const status = panelsOf(FULL).find((panel) => panel.id === 'alarm-status');
    const bare = dashboardDefinition();

    // Assess
    expect(status?.view === 'alarm-status' && status.alarms).toEqual(
      expect.arrayContaining([{ name: 'support-bot-error-rate-critical', severity: 'critical', title: expect.any(String) }]),
    );
    const silent = alarmCatalog({ serviceName: 'support-bot' }).filter((alarm) => alarm.notify === undefined).map((alarm) => alarm.name);
    expect(silent.length).toBeGreaterThan(0);
    expect(status?.view === 'alarm-status' && status.alarms.filter((alarm) => silent.includes(alarm.name))).toEqual([]);
    expect(panelsOf(bare).some((panel) => ['top-spenders', 'alarm-status', 'recent-alerts', 'lambda-health'].includes(panel.id))).toBe(false);
  });

  it.each([
    ['an unknown latency tier', { latencyTier: 'instant' as never }, /latencyTier must be one of real-time-chat, document-analysis/],
    ['a quality threshold above 1', { qualityThreshold: 1.5 }, /qualityThreshold must be in \(0, 1\], got 1.5/],
    ['a namespace with a quote', { namespace: 'Agent"s' }, /cannot use the name "Agent\\"s"/],
  ])('refuses %s', (_case, options, message) => {
    // Act
    const build = () => dashboardDefinition(options);

    // Assess
    expect(build).toThrow(message);
  });

  it('is plain data: the module imports no CDK', () => {
    // Prepare
    const folder = path.join(__dirname, '../../../lib/catalog/dashboard');

    // Act
    const sources = readdirSync(folder).map((file) => readFileSync(path.join(folder, file), 'utf8'));

    // Assess
    expect(sources.filter((source) => /from '(aws-cdk-lib|constructs)/.test(source))).toEqual([]);
    expect(JSON.parse(JSON.stringify(FULL))).toEqual(FULL);
  });
});
