import type { RunFacts } from '../report-text';
import type { SimulatedNotification, SimulationSummary } from '../result';
import type { SimulationReport } from '../run-simulation';
import type { Scenario } from '../scenario';
import { alarmRows, phaseBands, timelineRows, type AlarmRow, type PhaseBand } from './marks';
import { minuteColumns, type MinuteColumns } from './minute-series';

/** What the HTML report is made from: a finished run, its scenario, and how it was run. */
export interface ReportInput {
  readonly scenario: Scenario;
  readonly report: SimulationReport;
  readonly facts: RunFacts;
}

/** Everything the report shows, as plain JSON-serializable data. */
export interface ReportData {
  readonly scenario: { readonly name: string; readonly durationMinutes: number; readonly requestsPerMinute: number; readonly seed: number; readonly model: string };
  readonly facts: RunFacts;
  /** Epoch ms of the run's first virtual minute. */
  readonly start: number;
  readonly summary: SimulationSummary;
  /** Requests by the category of their failure reply; `ok` for successes. */
  readonly replies: Readonly<Record<string, number>>;
  readonly judge: { readonly runs: number; readonly samples: number; readonly failures: number; readonly errors: readonly string[] };
  readonly columns: MinuteColumns;
  readonly phases: readonly PhaseBand[];
  /** The timeline's rows: every alarm that went to ALARM, with its spans. */
  readonly alarms: readonly AlarmRow[];
  readonly notifications: readonly SimulatedNotification[];
}

/**
 * Extracts what the report shows from a run: the per-minute series from its metric store, the
 * scenario's phases, each alarm's ALARM spans and the notifications, as the result reports them.
 *
 * @example
 * const data = reportData({ scenario, report: await runSimulation(scenario), facts });
 * data.alarms[0].spans; // [{ fromMinute: 31, toMinute: 60 }]
 */
export function reportData(input: ReportInput): ReportData {
  const { scenario, report, facts } = input;
  const { result, details } = report;
  const columns = minuteColumns(report.metrics);
  return {
    scenario: { name: result.scenario, durationMinutes: scenario.durationMinutes, requestsPerMinute: scenario.requestsPerMinute, seed: scenario.seed, model: scenario.traffic.model },
    facts,
    start: report.metrics.start,
    summary: result.summary,
    replies: details.replies,
    judge: { runs: details.judgeRuns, samples: details.judgedSamples, failures: details.judgeFailures, errors: details.judgeErrors },
    columns,
    phases: phaseBands(scenario.phases),
    alarms: timelineRows(alarmRows(result.alarms, scenario.durationMinutes), result.notifications),
    notifications: result.notifications,
  };
}
