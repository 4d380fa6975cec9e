import type { Severity } from '../../../lib/catalog/error-categories';
import type { PhaseBand } from './marks';
import type { SeriesColumn } from './minute-series';
import type { ReportData } from './report-data';

/** One chart of the report: its element id, height, and ECharts option (plain JSON). */
export interface ChartSpec {
  readonly id: string;
  readonly title: string;
  readonly heightPx: number;
  /** Whether the page gives it the shared per-minute dataset (`ReportData.columns`). */
  readonly usesColumns: boolean;
  readonly option: Record<string, unknown>;
}

/** The colour of each severity, for alarm spans and notification topics. */
export const SEVERITY_COLORS: Readonly<Record<Severity, string>> = { critical: '#d62728', warning: '#ff7f0e', info: '#1f77b4' };

/** Left margin of every chart, wide enough for the timeline's alarm names, so that all time axes line up. */
const GRID_LEFT_PX = 250;
const CHART_HEIGHT_PX = 260;
const TIMELINE_ROW_PX = 24;
const PHASE_COLOR = 'rgba(255, 170, 40, 0.16)';
const COLORS = { blue: '#3b6fd4', red: '#d62728', orange: '#e8743b', grey: '#6b7a90', purple: '#9a60b4', green: '#2f9e5b' } as const;
const TIMELINE_LEGEND = 'bar: the alarm in ALARM, coloured by its severity (critical red, warning orange, info blue); ◆ a notification, labelled with its topic';

/**
 * The report's charts over virtual time: requests and errors, error rate, latency
 * P50/P95/P99, cost, quality, each with the scenario's phases shaded (markArea), and the
 * alarm timeline: one row per alarm, its ALARM spans as bars (a custom series the page draws
 * with `renderItem`), each notification a markPoint labelled with its topic.
 *
 * @example
 * chartSpecs(reportData(input)).map((chart) => chart.id); // ['requests', 'error-rate', 'latency', 'cost', 'quality', 'alarms']
 */
export function chartSpecs(data: ReportData): ChartSpec[] {
  const axis = timeAxis(data);
  const metric = (id: string, title: string, unit: string, lines: readonly Line[], yAxis: Record<string, unknown> = {}): ChartSpec => ({
    id,
    title,
    heightPx: CHART_HEIGHT_PX,
    usesColumns: true,
    option: {
      ...common(title),
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      legend: { top: 4, right: 16 },
      xAxis: axis,
      yAxis: { type: 'value', name: unit, ...yAxis },
      series: lines.map((line, index) => lineSeries(line, index === 0 ? data.phases : [])),
    },
  });
  return [
    metric('requests', 'Requests and errors per minute', 'count', [
      { name: 'agent requests', column: 'requests', color: COLORS.blue },
      { name: 'agent errors', column: 'errors', color: COLORS.red },
      { name: 'Lambda invocations', column: 'lambdaInvocations', color: COLORS.grey, dashed: true },
      { name: 'Lambda errors', column: 'lambdaErrors', color: COLORS.orange, dashed: true },
      { name: 'Lambda throttles', column: 'lambdaThrottles', color: COLORS.purple, dashed: true },
    ]),
    metric('error-rate', 'Error rate', '%', [
      { name: 'agent error rate', column: 'errorRate', color: COLORS.red },
      { name: 'Lambda error rate', column: 'lambdaErrorRate', color: COLORS.orange, dashed: true },
    ]),
    metric('latency', 'Latency P50 / P95 / P99', 'seconds', [
      { name: 'P50', column: 'p50', color: COLORS.green },
      { name: 'P95', column: 'p95', color: COLORS.orange },
      { name: 'P99', column: 'p99', color: COLORS.red },
    ]),
    metric('cost', 'Cost per minute', 'USD', [
      { name: 'agent cost', column: 'cost', color: COLORS.blue },
      { name: 'judge cost', column: 'judgeCost', color: COLORS.purple, dashed: true },
    ]),
    metric('quality', 'Quality (judge score, mean per minute)', 'score', [
      { name: 'quality score', column: 'quality', color: COLORS.green, connectNulls: true },
      { name: 'drift reported', column: 'drift', color: COLORS.red, dashed: true, step: true, connectNulls: true },
    ], { min: 0, max: 1 }),
    alarmTimeline(data, axis),
  ];
}

interface Line {
  readonly name: string;
  readonly column: SeriesColumn;
  readonly color: string;
  readonly dashed?: boolean;
  readonly step?: boolean;
  readonly connectNulls?: boolean;
}

function common(title: string): Record<string, unknown> {
  return {
    animation: false,
    title: { text: title, left: 8, top: 4, textStyle: { fontSize: 14 } },
    grid: { left: GRID_LEFT_PX, right: 40, top: 44, bottom: 44 },
  };
}

function timeAxis(data: ReportData): Record<string, unknown> {
  const last = Math.max(data.scenario.durationMinutes, data.columns.minute.length - 1);
  return { type: 'value', name: 'virtual minute', nameLocation: 'middle', nameGap: 26, min: 0, max: last, minInterval: 1 };
}

function lineSeries(line: Line, phases: readonly PhaseBand[]): Record<string, unknown> {
  return {
    type: 'line',
    name: line.name,
    encode: { x: 'minute', y: line.column },
    color: line.color,
    showSymbol: false,
    sampling: 'lttb',
    connectNulls: line.connectNulls ?? false,
    ...(line.step && { step: 'end' }),
    lineStyle: { width: 1.5, ...(line.dashed && { type: 'dashed' }) },
    ...(phases.length > 0 && { markArea: phaseArea(phases) }),
  };
}

function phaseArea(phases: readonly PhaseBand[]): Record<string, unknown> {
  return {
    silent: true,
    itemStyle: { color: PHASE_COLOR },
    label: { show: true, position: 'top', color: '#8a5a00', fontSize: 11 },
    data: phases.map((phase) => [{ name: phase.label, xAxis: phase.fromMinute }, { xAxis: phase.toMinute }]),
  };
}

function alarmTimeline(data: ReportData, axis: Record<string, unknown>): ChartSpec {
  const title = data.alarms.length > 0 ? 'Alarms: ALARM spans, and notifications by topic' : 'Alarms: no alarm went to ALARM';
  const rows = data.alarms.map((alarm) => alarm.name);
  const spans = data.alarms.flatMap((alarm, row) =>
    alarm.spans.map((span) => ({ name: alarm.name, value: [row, span.fromMinute, span.toMinute], itemStyle: { color: SEVERITY_COLORS[alarm.severity] } })),
  );
  const notifications = data.notifications.map((notification) => ({
    name: notification.alarm,
    coord: [notification.minute, rows.indexOf(notification.alarm)],
    value: notification.severity,
    itemStyle: { color: SEVERITY_COLORS[notification.severity] },
  }));
  return {
    id: 'alarms',
    title,
    heightPx: 120 + TIMELINE_ROW_PX * Math.max(rows.length, 1),
    usesColumns: false,
    option: {
      ...common(title),
      title: { text: title, subtext: data.alarms.length > 0 ? TIMELINE_LEGEND : '', left: 8, top: 4, textStyle: { fontSize: 14 }, subtextStyle: { fontSize: 11 } },
      grid: { left: GRID_LEFT_PX, right: 40, top: 64, bottom: 44 },
      tooltip: { trigger: 'item', renderMode: 'richText' },
      xAxis: axis,
      yAxis: { type: 'category', data: rows, inverse: true, axisLabel: { fontSize: 11 }, splitLine: { show: true } },
      series: [
        {
          type: 'custom',
          name: 'ALARM',
          encode: { x: [1, 2], y: 0 },
          data: spans,
          ...(data.phases.length > 0 && { markArea: phaseArea(data.phases) }),
          markPoint: {
            symbol: 'diamond',
            symbolSize: 16,
            itemStyle: { borderColor: '#1d2430', borderWidth: 1 },
            label: { show: true, position: 'right', distance: 4, formatter: '{c}', fontSize: 11, lineHeight: 14, fontWeight: 'bold', color: '#1d2430', textBorderColor: 'transparent', textBorderWidth: 0, backgroundColor: '#ffffff', borderColor: '#1d2430', borderWidth: 1, borderRadius: 3, padding: [2, 5] },
            data: notifications,
          },
        },
      ],
    },
  };
}
