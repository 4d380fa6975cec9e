import type { SimulationReport } from './run-simulation';

/** How the run was set up, for the heading of the report. */
export interface RunFacts {
  readonly durationMinutes: number;
  readonly sampleRate: number;
  readonly judgeEveryMinutes: number;
  /** Real seconds the simulation took. */
  readonly elapsedSeconds: number;
}

/**
 * The human-readable report of a run: the summary table, each alarm that went to ALARM with
 * its severity, first ALARM minute and transitions, and the notifications sent.
 *
 * @example
 * for (const line of reportLines(report, facts)) console.log(line);
 */
export function reportLines(report: SimulationReport, facts: RunFacts): string[] {
  const { result, details } = report;
  const { summary } = result;
  const lines = [
    `Scenario ${result.scenario}: ${facts.durationMinutes} virtual minutes simulated in ${facts.elapsedSeconds.toFixed(1)} s ` +
      `(SAMPLE_RATE ${facts.sampleRate}, judge every ${facts.judgeEveryMinutes} minutes).`,
    '',
    ...table(
      ['summary', 'value'],
      [
        ['requests', String(summary.total_requests)],
        ['error rate', `${(summary.error_rate * 100).toFixed(2)} %`],
        ['latency P50', `${summary.p50_latency.toFixed(3)} s`],
        ['latency P95', `${summary.p95_latency.toFixed(3)} s`],
        ['latency P99', `${summary.p99_latency.toFixed(3)} s`],
        ['tokens', String(summary.total_tokens)],
        ['cost', `${summary.total_cost.toFixed(6)} USD`],
        ['replies', Object.entries(details.replies).map(([outcome, count]) => `${outcome} ${count}`).join(', ') || 'none'],
        ['judged samples', `${details.judgedSamples} in ${details.judgeRuns} judge runs, ${details.judgeFailures} failed evaluations`],
      ],
    ),
    ...details.judgeErrors.map((error) => `  judge error: ${error}`),
    '',
  ];
  if (result.alarms.length === 0) lines.push('No alarm went to ALARM.');
  else {
    lines.push(`Alarms that went to ALARM (${result.alarms.length}):`);
    const rows = result.alarms.map((alarm) => [
      alarm.name,
      alarm.severity,
      `minute ${alarm.firstAlarmMinute}`,
      alarm.transitions.map((transition) => `${transition.minute} ${transition.state}`).join(', '),
    ]);
    lines.push(...table(['alarm', 'severity', 'first ALARM', 'transitions (minute state)'], rows));
  }
  lines.push('');
  if (result.notifications.length === 0) lines.push('No notification was sent.');
  else {
    lines.push(`Notifications sent (${result.notifications.length}):`);
    lines.push(...table(['minute', 'topic', 'alarm'], result.notifications.map((n) => [String(n.minute), n.severity, n.alarm])));
  }
  return lines;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: readonly string[]) => `  ${cells.map((cell, column) => cell.padEnd(widths[column])).join('  ')}`.trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}
