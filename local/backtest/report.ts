/** What `agent-monitor backtest` prints: the JSON object of `--json`, or text tables. */
import type { Severity } from '../../lib/catalog/alarms';
import { episodeMinutes, worstEpisode, type AlarmBacktest, type BacktestResult } from './replay';

/** The `--json` shape of one backtest (times in ISO 8601, `end` null while still in ALARM). */
export interface BacktestJson {
  readonly from: string;
  readonly to: string;
  readonly alarms: readonly {
    readonly name: string;
    readonly severity: Severity;
    readonly episodes: readonly { readonly start: string; readonly end: string | null }[];
    readonly minutesInAlarm: number;
    readonly notifications: readonly { readonly time: string; readonly topic: Severity }[];
  }[];
}

/** A backtest as `--json` prints it. */
export function backtestJson(result: BacktestResult): BacktestJson {
  return {
    from: iso(result.from),
    to: iso(result.to),
    alarms: result.alarms.map((alarm) => ({
      name: alarm.name,
      severity: alarm.severity,
      episodes: alarm.episodes.map((episode) => ({ start: iso(episode.start), end: episode.end === undefined ? null : iso(episode.end) })),
      minutesInAlarm: alarm.minutesInAlarm,
      notifications: alarm.notifications.map((notification) => ({ time: iso(notification.time), topic: notification.topic })),
    })),
  };
}

/** The text report of one backtest: the alarms that went to ALARM, then those that never did. */
export function backtestLines(result: BacktestResult): string[] {
  const fired = result.alarms.filter((alarm) => alarm.episodes.length > 0);
  const rows = fired.map((alarm) => [alarm.name, alarm.severity, String(alarm.episodes.length), duration(alarm.minutesInAlarm), worst(alarm, result.to), byTopic(alarm)]);
  return [
    `Backtest of ${result.alarms.length} alarms from ${text(result.from)} to ${text(result.to)} (${duration((result.to - result.from) / 60_000)})`,
    '',
    ...(fired.length > 0 ? table(['alarm', 'severity', 'times in ALARM', 'time in ALARM', 'worst episode', 'notifications by topic'], rows) : ['No alarm would have gone to ALARM.']),
    ...quiet(result.alarms),
  ];
}

/** Current and proposed settings side by side, alarm by alarm (matched by catalog id). */
export function comparisonLines(current: BacktestResult, proposed: BacktestResult): string[] {
  const before = new Map(current.alarms.map((alarm) => [alarm.id, alarm]));
  const after = new Map(proposed.alarms.map((alarm) => [alarm.id, alarm]));
  const ids = [...new Set([...before.keys(), ...after.keys()])];
  const changed = ids.filter((id) => (before.get(id)?.episodes.length ?? 0) + (after.get(id)?.episodes.length ?? 0) > 0);
  const cell = (alarm: AlarmBacktest | undefined) =>
    alarm === undefined ? 'not in this catalog' : alarm.episodes.length === 0 ? '-' : `${alarm.episodes.length}× / ${duration(alarm.minutesInAlarm)} / ${byTopic(alarm)}`;
  const rows = changed.map((id) => [(after.get(id) ?? before.get(id))!.name, cell(before.get(id)), cell(after.get(id))]);
  const total = (result: BacktestResult) => result.alarms.reduce((sum, alarm) => sum + alarm.notifications.length, 0);
  return [
    `Backtest of current and proposed settings from ${text(current.from)} to ${text(current.to)} (${duration((current.to - current.from) / 60_000)})`,
    '',
    ...(rows.length > 0 ? table(['alarm', 'current: times / time in ALARM / notifications', 'proposed: times / time in ALARM / notifications'], rows) : ['No alarm would have gone to ALARM with either.']),
    '',
    `Notifications: ${total(current)} current, ${total(proposed)} proposed.`,
  ];
}

/** Minutes as `3 d 4 h`, `2 h 5 min`, `12 min`. */
export function duration(minutes: number): string {
  const whole = Math.round(minutes);
  const days = Math.floor(whole / 1440);
  const hours = Math.floor((whole % 1440) / 60);
  const rest = whole % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return rest > 0 ? `${hours} h ${rest} min` : `${hours} h`;
  return `${rest} min`;
}

function worst(alarm: AlarmBacktest, to: number): string {
  const episode = worstEpisode(alarm, to)!;
  return `${text(episode.start)}, ${duration(episodeMinutes(episode, to))}${episode.end === undefined ? ' (still in ALARM)' : ''}`;
}

function byTopic(alarm: AlarmBacktest): string {
  const counts = new Map<Severity, number>();
  for (const notification of alarm.notifications) counts.set(notification.topic, (counts.get(notification.topic) ?? 0) + 1);
  return counts.size === 0 ? 'none' : [...counts].map(([topic, count]) => `${topic} ${count}`).join(', ');
}

function quiet(alarms: readonly AlarmBacktest[]): string[] {
  const names = alarms.filter((alarm) => alarm.episodes.length === 0).map((alarm) => alarm.name);
  return names.length === 0 ? [] : ['', `Never in ALARM (${names.length}): ${names.join(', ')}`];
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column].length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}

function iso(time: number): string {
  return new Date(time).toISOString();
}

function text(time: number): string {
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
