import type { ChartSpec } from './chart-options';
import { escapeHtml, inlineScript, jsonForScript } from './escape';
import type { ReportData } from './report-data';

/** Nothing may be fetched: scripts and styles are inline, images only data: URLs. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 24px auto; max-width: 1500px; padding: 0 16px; color: #1d2430; }
h1 { font-size: 22px; margin-bottom: 4px; }
h2 { font-size: 17px; margin-top: 28px; }
p.facts { color: #4a5565; margin-top: 0; }
table { border-collapse: collapse; font-size: 14px; margin: 8px 0; }
th, td { text-align: left; padding: 4px 12px 4px 0; border-bottom: 1px solid #e3e7ee; vertical-align: top; }
td.number { font-variant-numeric: tabular-nums; }
.chart { width: 100%; margin: 10px 0 18px; }
.critical { color: #d62728; font-weight: 600; } .warning { color: #c25e00; font-weight: 600; } .info { color: #1f77b4; }
`;

/** The whole page: the summary, the phases, the charts, the alarms and notifications tables, ECharts and the page script inlined. */
export function reportPage(data: ReportData, charts: readonly ChartSpec[], echartsSource: string, clientScript: string): string {
  const title = `Fire drill ${data.scenario.name}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="facts">${escapeHtml(factsLine(data))}</p>
<h2>Summary</h2>
${table(['summary', 'value'], summaryRows(data))}
<h2>Phases</h2>
${data.phases.length === 0 ? '<p>No phase: the base traffic profile throughout.</p>' : table(['minutes', 'what changes'], data.phases.map((phase) => [`${phase.fromMinute}–${phase.toMinute}`, phase.label]))}
<h2>Over virtual time</h2>
${charts.map((chart) => `<div class="chart" id="chart-${escapeHtml(chart.id)}" data-chart="${escapeHtml(chart.id)}" style="height: ${chart.heightPx}px"></div>`).join('\n')}
<h2>Alarms that went to ALARM (${data.alarms.length})</h2>
${data.alarms.length === 0 ? '<p>No alarm went to ALARM.</p>' : alarmsTable(data)}
<h2>Notifications sent (${data.notifications.length})</h2>
${data.notifications.length === 0 ? '<p>No notification was sent.</p>' : notificationsTable(data)}
<script type="application/json" id="report-data">${jsonForScript(data)}</script>
<script type="application/json" id="report-charts">${jsonForScript(charts)}</script>
<script>${inlineScript(echartsSource)}</script>
<script>${inlineScript(clientScript)}</script>
</body>
</html>
`;
}

function factsLine(data: ReportData): string {
  const { scenario, facts } = data;
  return (
    `${scenario.durationMinutes} virtual minutes from ${new Date(data.start).toISOString()}, ${scenario.requestsPerMinute} requests/min on average, ` +
    `model ${scenario.model}, seed ${scenario.seed}; SAMPLE_RATE ${facts.sampleRate}, judge every ${facts.judgeEveryMinutes} minutes; ` +
    `simulated in ${facts.elapsedSeconds.toFixed(1)} s. Minute m's datapoints are drawn at m; the alarms are evaluated at the end of each minute.`
  );
}

function summaryRows(data: ReportData): string[][] {
  const { summary, judge } = data;
  return [
    ['requests', String(summary.total_requests)],
    ['error rate', `${(summary.error_rate * 100).toFixed(2)} %`],
    ['latency P50', `${summary.p50_latency.toFixed(3)} s`],
    ['latency P95', `${summary.p95_latency.toFixed(3)} s`],
    ['latency P99', `${summary.p99_latency.toFixed(3)} s`],
    ['tokens', String(summary.total_tokens)],
    ['cost', `${summary.total_cost.toFixed(6)} USD`],
    ['replies', Object.entries(data.replies).map(([outcome, count]) => `${outcome} ${count}`).join(', ') || 'none'],
    ['judged samples', `${judge.samples} in ${judge.runs} judge runs, ${judge.failures} failed evaluations`],
    ...judge.errors.map((error) => ['judge error', error]),
  ];
}

function alarmsTable(data: ReportData): string {
  const rows = data.alarms.map((alarm) => [alarm.name, alarm.severity, alarm.spans.map((span) => `${span.fromMinute}–${span.toMinute}`).join(', ') || 'none']);
  return table(['alarm', 'severity', 'ALARM spans (minutes)'], rows, 1);
}

function notificationsTable(data: ReportData): string {
  return table(['minute', 'topic', 'alarm'], data.notifications.map((notification) => [String(notification.minute), notification.severity, notification.alarm]), 1);
}

/** A table of escaped cells; `severityColumn` is styled by its value (critical, warning, info). */
function table(header: readonly string[], rows: readonly (readonly string[])[], severityColumn?: number): string {
  const head = `<tr>${header.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr>`;
  const body = rows.map((row) => `<tr>${row.map((cell, column) => `<td${column === severityColumn ? ` class="${escapeHtml(cell)}"` : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`);
  return `<table>\n${head}\n${body.join('\n')}\n</table>`;
}
