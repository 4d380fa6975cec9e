/**
 * The fire drill's HTML report (`agent-monitor simulate --report <file.html>`): one
 * self-contained file with the summary, charts over virtual time drawn by Apache ECharts
 * (inlined, so the file opens offline), the phases shaded, each alarm's ALARM spans and each
 * notification marked with its topic.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chartSpecs } from './chart-options';
import { CLIENT_SCRIPT } from './client-script';
import { reportPage } from './page-template';
import { reportData, type ReportInput } from './report-data';

export { chartSpecs, SEVERITY_COLORS, type ChartSpec } from './chart-options';
export { alarmRows, phaseBands, phaseLabel, type AlarmRow, type AlarmSpan, type PhaseBand } from './marks';
export { minuteColumns, minutesCovered, type MinuteColumns, type MinuteValues, type SeriesColumn } from './minute-series';
export { reportData, type ReportData, type ReportInput } from './report-data';

/** The minified ECharts build the report inlines. */
export const ECHARTS_PATH = join(dirname(require.resolve('echarts/package.json')), 'dist', 'echarts.min.js');

let echartsSource: string | undefined;

/**
 * The report of a finished run as one HTML document, every value from the run escaped.
 *
 * @example
 * const report = await runSimulation(scenario);
 * writeFileSync('drill.html', simulationReportHtml({ scenario, report, facts }));
 */
export function simulationReportHtml(input: ReportInput): string {
  const data = reportData(input);
  echartsSource ??= readFileSync(ECHARTS_PATH, 'utf8');
  return reportPage(data, chartSpecs(data), echartsSource, CLIENT_SCRIPT);
}

/** Writes the report to `file`; returns its size in bytes. Throws the file system's error (ENOENT, EACCES, EISDIR) as is. */
export function writeSimulationReport(file: string, input: ReportInput): number {
  const html = simulationReportHtml(input);
  writeFileSync(file, html);
  return Buffer.byteLength(html);
}
