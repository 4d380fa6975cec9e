/**
 * One Grafana panel per panel view of the dashboard definition: single values become stat
 * panels, time series timeseries panels; what Grafana's CloudWatch data source cannot draw
 * (alarm states, the notifications sent, a Contributor Insights ranking) becomes the nearest
 * honest equivalent, and the panel says so.
 */
import type {
  AlarmStatusPanel,
  DashboardAlarm,
  DashboardPanel,
  PanelUnit,
  RecentAlertsPanel,
  SingleValuePanel,
  TimeseriesPanel,
  TopContributorsPanel,
} from '../catalog/dashboard';
import { CLOUDWATCH_DATASOURCE, type GrafanaPanelJson, type StatOptionsJson, type TextOptionsJson, type TimeSeriesFieldConfigJson, type TimeSeriesOptionsJson } from './grafana-json';
import { grafanaTargets } from './grafana-queries';

/** Where a panel sits on Grafana's 24-column grid, and its numeric id. */
export interface Placement {
  readonly id: number;
  readonly x: number;
  readonly y: number;
}

const UNITS: Record<PanelUnit, string> = {
  count: 'short',
  'requests-per-minute': 'reqpm',
  percent: 'percent',
  seconds: 's',
  milliseconds: 'ms',
  usd: 'currencyUSD',
  score: 'none',
  tokens: 'short',
};

/** The Grafana panel of one panel of the definition; `alarmNamePrefix` finds the service's alarms in the console. */
export function grafanaPanel(panel: DashboardPanel, at: Placement, alarmNamePrefix: string): GrafanaPanelJson {
  const common = { id: at.id, title: panel.title, description: panel.description, gridPos: { x: at.x, y: at.y, w: panel.width, h: panel.height } };
  switch (panel.view) {
    case 'single-value':
      return { ...common, ...stat(panel) };
    case 'timeseries':
      return { ...common, ...timeseries(panel) };
    case 'top-contributors':
      return { ...common, ...topContributors(panel) };
    case 'alarm-status':
      return { ...common, description: `${panel.description} Shown as a list: Grafana's CloudWatch data source cannot read alarm states.`, ...text(alarmStatusText(panel, alarmNamePrefix)) };
    case 'recent-alerts':
      return { ...common, description: `${panel.description} Shown as where to find them: Grafana's CloudWatch data source cannot read alarm history.`, ...text(recentAlertsText(panel)) };
  }
}

function stat(panel: SingleValuePanel) {
  const color = panel.queries[0]?.color ?? '#7f7f7f';
  const options: StatOptionsJson = {
    reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
    orientation: 'auto',
    colorMode: 'value',
    graphMode: 'area',
    justifyMode: 'auto',
    textMode: 'auto',
    wideLayout: true,
    showPercentChange: false,
    percentChangeColorMode: 'standard',
  };
  return {
    type: 'stat',
    datasource: CLOUDWATCH_DATASOURCE,
    targets: grafanaTargets(panel.id, panel.queries),
    fieldConfig: {
      defaults: { unit: UNITS[panel.unit], color: { mode: 'fixed' as const, fixedColor: color }, thresholds: { mode: 'absolute' as const, steps: [{ color, value: null }] } },
      overrides: [],
    },
    options,
  };
}

function timeseries(panel: TimeseriesPanel) {
  const targets = grafanaTargets(panel.id, panel.queries);
  const refIdOf = (queryId: string) => targets.find((target) => target.id === queryId)!.refId;
  const thresholds = panel.thresholds ?? [];
  const custom: TimeSeriesFieldConfigJson = {
    drawStyle: 'line',
    lineWidth: 1,
    fillOpacity: panel.stacked ? 40 : 0,
    showPoints: 'never',
    spanNulls: false,
    axisLabel: panel.leftAxis.label,
    stacking: { mode: panel.stacked ? 'normal' : 'none', group: 'A' },
    thresholdsStyle: { mode: thresholds.length > 0 ? 'line' : 'off' },
  };
  const colored = panel.queries.filter((query) => query.color !== undefined).map((query) => override(refIdOf(query.id), [{ id: 'color', value: { mode: 'fixed', fixedColor: query.color } }]));
  const right = panel.queries.filter((query) => query.axis === 'right').map((query) => override(refIdOf(query.id), rightAxis(panel)));
  const options: TimeSeriesOptionsJson = {
    legend: { showLegend: true, displayMode: 'list', placement: 'bottom', calcs: [] },
    tooltip: { mode: 'multi', sort: 'none' },
  };
  return {
    type: 'timeseries',
    datasource: CLOUDWATCH_DATASOURCE,
    targets,
    fieldConfig: {
      defaults: {
        unit: UNITS[panel.unit],
        min: panel.leftAxis.min ?? 0,
        ...(panel.leftAxis.max !== undefined ? { max: panel.leftAxis.max } : {}),
        color: { mode: 'palette-classic' as const },
        custom,
        thresholds: { mode: 'absolute' as const, steps: [{ color: 'transparent', value: null }, ...thresholds.map(({ color, value }) => ({ color, value }))] },
      },
      overrides: [...colored, ...right],
    },
    options,
  };
}

function rightAxis(panel: TimeseriesPanel): { id: string; value: unknown }[] {
  const axis = panel.rightAxis ?? { label: '' };
  return [
    { id: 'custom.axisPlacement', value: 'right' },
    { id: 'custom.axisLabel', value: axis.label },
    { id: 'custom.thresholdsStyle', value: { mode: 'off' } },
    { id: 'unit', value: 'short' },
    { id: 'min', value: axis.min ?? 0 },
    ...(axis.max !== undefined ? [{ id: 'max', value: axis.max }] : []),
  ];
}

function override(refId: string, properties: { id: string; value: unknown }[]) {
  return { matcher: { id: 'byFrameRefID', options: refId }, properties };
}

/**
 * Grafana's CloudWatch data source reads GetMetricData, which gives a Contributor Insights rule's
 * statistics (INSIGHT_RULE_METRIC) but not its per-contributor ranking: the panel draws the
 * top contributor's value and the number of contributors, and says where the ranking is.
 */
function topContributors(panel: TopContributorsPanel) {
  if (/['\\]/.test(panel.ruleName)) throw new Error(`dashboard panel ${panel.id}: the rule name ${JSON.stringify(panel.ruleName)} cannot sit in INSIGHT_RULE_METRIC('...'): it contains a quote or a backslash`);
  const rule = panel.ruleName;
  const insight = (id: string, statistic: string, label: string) => ({ id, kind: 'expression' as const, expression: `INSIGHT_RULE_METRIC('${rule}', '${statistic}')`, metrics: {}, periodSeconds: panel.periodSeconds, label });
  const timeseriesPanel: TimeseriesPanel = {
    ...panel,
    view: 'timeseries',
    description: `${panel.description} Grafana's CloudWatch data source cannot draw the ranking of a Contributor Insights rule: this panel draws the top spender's value and the number of users with spend; the ranking by userId is in CloudWatch > Insights > Contributor Insights > ${panel.ruleName}.`,
    queries: [insight('top', 'MaxContributorValue', 'Top spender (USD)'), { ...insight('users', 'UniqueContributors', 'Users with spend'), axis: 'right' }],
    leftAxis: { min: 0, label: 'USD' },
    rightAxis: { min: 0, label: 'users' },
  };
  return { ...timeseries(timeseriesPanel), description: timeseriesPanel.description };
}

function text(content: string) {
  const options: TextOptionsJson = { mode: 'markdown', content };
  return { type: 'text', options };
}

function alarmStatusText(panel: AlarmStatusPanel, alarmNamePrefix: string): string {
  const severities = ['critical', 'warning', 'info'] as const;
  const lines = [
    `Grafana's CloudWatch data source cannot read alarm states, so this panel lists the alarms that notify, by severity; their current states are in the [CloudWatch alarms console](${alarmsConsole(alarmNamePrefix)}).`,
    '',
  ];
  for (const severity of severities) {
    const alarms = panel.alarms.filter((alarm) => alarm.severity === severity);
    if (alarms.length > 0) lines.push(`**${severity}**: ${alarms.map(alarmText).join(', ')}`, '');
  }
  const unrated = panel.alarms.filter((alarm) => alarm.severity === undefined);
  if (unrated.length > 0) lines.push(`**other**: ${unrated.map(alarmText).join(', ')}`);
  return lines.join('\n').trim();
}

function recentAlertsText(panel: RecentAlertsPanel): string {
  return [
    `Grafana's CloudWatch data source cannot read alarm history, so the alerts sent are not drawn here. Each alarm notifies its severity's SNS topic on ALARM and on OK.`,
    `The [${panel.alarmNamePrefix}* alarms](${alarmsConsole(panel.alarmNamePrefix)}) show their last state change; an alarm's History tab lists every change and notification.`,
    `The latest notifications of the region's alarms: \`${panel.historyCommand}\``,
  ].join('\n\n');
}

function alarmText(alarm: DashboardAlarm): string {
  return `\`${alarm.name}\``;
}

/** The CloudWatch alarms list filtered by name (the console opens in the region last used). */
function alarmsConsole(search: string): string {
  return `https://console.aws.amazon.com/cloudwatch/home#alarmsV2:?~(search~'${encodeURIComponent(search)}')`;
}
