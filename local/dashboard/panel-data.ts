/**
 * What the browser page draws, per panel of the dashboard definition, read from the local
 * metric store, the alarm evaluator and the recent alerts. Every panel of the definition gets
 * its data by its view; a view the local stack cannot answer says so in the panel.
 */
import { panelsOf } from '../../lib/catalog/dashboard/expressions';
import type { AxisSettings, DashboardAlarm, DashboardDefinition, DashboardPanel, PanelUnit, Threshold } from '../../lib/catalog/dashboard/types';
import type { AlarmStatus } from '../alarms';
import type { LocalStackView } from '../stack/routes/view';
import type { RecentAlert } from '../stack/recent-alerts';
import { queryLines, type QueryLine } from './query-lines';

interface PanelDataCommon {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Set when the panel could not be answered locally, or has something to say about its data. */
  readonly note?: string;
}

/** The latest value of the panel's query, and its line over the range for the sparkline. */
export interface SingleValueData extends PanelDataCommon {
  readonly view: 'single-value';
  readonly unit: PanelUnit;
  /** The newest period with a datapoint; null when the range holds none. */
  readonly value: number | null;
  /** Epoch milliseconds: the start of that period. */
  readonly time: number | null;
  readonly line?: QueryLine;
}

export interface TimeseriesData extends PanelDataCommon {
  readonly view: 'timeseries';
  readonly unit: PanelUnit;
  readonly stacked: boolean;
  readonly leftAxis: AxisSettings;
  readonly rightAxis?: AxisSettings;
  readonly thresholds: readonly Threshold[];
  readonly lines: readonly QueryLine[];
  /** Epoch milliseconds: the time axis, from the earliest period start (or the range start) to the reading time. */
  readonly from: number;
  readonly to: number;
}

/** One alarm of an alarm status panel, as the local evaluator sees it now. */
export interface AlarmRow {
  readonly name: string;
  readonly title: string;
  readonly severity?: DashboardAlarm['severity'];
  readonly state: AlarmStatus['state'];
  /** Epoch milliseconds; absent before the alarm's first evaluation. */
  readonly since?: number;
  readonly reason: string;
}

export interface AlarmStatusData extends PanelDataCommon {
  readonly view: 'alarm-status';
  readonly alarms: readonly AlarmRow[];
}

export interface RecentAlertsData extends PanelDataCommon {
  readonly view: 'recent-alerts';
  readonly alerts: readonly RecentAlert[];
}

export interface UnavailableData extends PanelDataCommon {
  readonly view: 'unavailable';
  readonly note: string;
}

export type PanelData = SingleValueData | TimeseriesData | AlarmStatusData | RecentAlertsData | UnavailableData;

/** Everything the page draws, at one time. */
export interface DashboardData {
  readonly name: string;
  /** Epoch milliseconds. */
  readonly generatedAt: number;
  /** The metric store's version when the data was read: grows with every datapoint. */
  readonly storeVersion: number;
  readonly rangeSeconds: number;
  readonly panels: readonly PanelData[];
}

/**
 * The data of every panel of `definition`, over the `rangeSeconds` before `now`. It yields to
 * the event loop between panels, so that the page's scripts and the agent's requests are
 * served while a long range is read; the store version is the one read before the first panel.
 */
export async function dashboardData(definition: DashboardDefinition, view: LocalStackView, now: number, rangeSeconds: number): Promise<DashboardData> {
  const storeVersion = view.store.version;
  const states = new Map(view.evaluator.states().map((status) => [status.name, status]));
  const panels: PanelData[] = [];
  for (const panel of panelsOf(definition)) {
    panels.push(panelData(panel, { view, now, rangeSeconds, states }));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { name: definition.name, generatedAt: now, storeVersion, rangeSeconds, panels };
}

interface Reading {
  readonly view: LocalStackView;
  readonly now: number;
  readonly rangeSeconds: number;
  readonly states: ReadonlyMap<string, AlarmStatus>;
}

/** One panel's data; a panel whose query fails shows the error as its note, the others still draw. */
function panelData(panel: DashboardPanel, reading: Reading): PanelData {
  const common = { id: panel.id, title: panel.title, description: panel.description };
  try {
    return answer(panel, reading, common);
  } catch (error) {
    return { ...common, view: 'unavailable', note: `could not read this panel locally: ${(error as Error).message}` };
  }
}

function answer(panel: DashboardPanel, reading: Reading, common: PanelDataCommon): PanelData {
  const { view, now, rangeSeconds } = reading;
  switch (panel.view) {
    case 'single-value':
      return singleValue(panel.unit, queryLines(view.store, panel.queries[0], now, rangeSeconds)[0], common);
    case 'timeseries': {
      const lines = panel.queries.flatMap((query) => queryLines(view.store, query, now, rangeSeconds));
      return {
        ...common,
        view: 'timeseries',
        unit: panel.unit,
        stacked: panel.stacked ?? false,
        leftAxis: panel.leftAxis,
        ...(panel.rightAxis ? { rightAxis: panel.rightAxis } : {}),
        thresholds: panel.thresholds ?? [],
        lines,
        from: Math.min(now - rangeSeconds * 1000, ...lines.map((line) => line.start)),
        to: now,
      };
    }
    case 'alarm-status':
      return { ...common, view: 'alarm-status', alarms: alarmRows(panel.alarms, reading.states) };
    case 'recent-alerts':
      return {
        ...common,
        view: 'recent-alerts',
        alerts: view.recentAlerts?.() ?? [],
        ...(view.recentAlerts ? {} : { note: 'this local stack keeps no alerts' }),
      };
    case 'top-contributors':
      return {
        ...common,
        view: 'unavailable',
        note: `Contributor Insights (rule ${panel.ruleName}) runs in CloudWatch only: the local metric store keeps metrics, not the log properties it ranks.`,
      };
  }
}

function singleValue(unit: PanelUnit, line: QueryLine | undefined, common: PanelDataCommon): SingleValueData {
  let index = line ? line.values.length - 1 : -1;
  while (index >= 0 && line?.values[index] === null) index--;
  const found = line !== undefined && index >= 0;
  return {
    ...common,
    view: 'single-value',
    unit,
    value: found ? line.values[index] : null,
    time: found ? line.start + index * line.periodSeconds * 1000 : null,
    ...(line ? { line } : {}),
  };
}

/** The panel's alarms, most recently changed first (those in ALARM first among equals); an alarm the evaluator does not run is shown as such. */
function alarmRows(alarms: readonly DashboardAlarm[], states: ReadonlyMap<string, AlarmStatus>): AlarmRow[] {
  const rows = alarms.map((alarm): AlarmRow => {
    const status = states.get(alarm.name);
    return {
      name: alarm.name,
      title: alarm.title ?? alarm.name,
      ...(alarm.severity ? { severity: alarm.severity } : {}),
      state: status?.state ?? 'INSUFFICIENT_DATA',
      ...(status?.since !== undefined ? { since: status.since } : {}),
      reason: status ? status.reason : 'not evaluated by the local stack',
    };
  });
  return rows.sort((a, b) => (b.since ?? 0) - (a.since ?? 0) || Number(b.state === 'ALARM') - Number(a.state === 'ALARM'));
}
