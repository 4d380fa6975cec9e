/**
 * Replays a metric history through the local alarm evaluator, minute by minute as CloudWatch
 * evaluates, and records what each alarm would have done in the reported window.
 */
import type { AlarmDefinition, Severity } from '../../lib/catalog/alarms';
import { AlarmEvaluator } from '../alarms/alarm-evaluator';
import type { AlarmMetricSource } from '../alarms/metric-source';
import { MINUTE_MS } from '../metrics/constants';

/** One stay in ALARM; `end` undefined while still in ALARM at the end of the window. */
export interface AlarmEpisode {
  /** Epoch ms. */
  readonly start: number;
  readonly end?: number;
}

/** One notification to a severity topic (an ALARM, or the OK that resolves it). */
export interface BacktestNotification {
  readonly time: number;
  /** The severity topic: `critical`, `warning` or `info`. */
  readonly topic: Severity;
}

/** What one alarm would have done over the window. */
export interface AlarmBacktest {
  readonly id: string;
  readonly name: string;
  readonly severity: Severity;
  readonly episodes: readonly AlarmEpisode[];
  readonly minutesInAlarm: number;
  readonly notifications: readonly BacktestNotification[];
}

/** A backtest of every alarm of a catalog over [from, to]. */
export interface BacktestResult {
  readonly from: number;
  readonly to: number;
  readonly alarms: readonly AlarmBacktest[];
}

/** The minutes to replay and the window reported. */
export interface ReplayWindow {
  /** Epoch ms, a whole minute: the first evaluation is one minute later. Before it, the alarms do not exist. */
  readonly replayStart: number;
  /** Epoch ms: episodes and notifications before it are left out (the replay before it only warms the windows up). */
  readonly from: number;
  /** Epoch ms, a whole minute: the last evaluation. */
  readonly to: number;
}

/**
 * Evaluates every alarm of `definitions` at each minute after `replayStart` up to `to`, as a
 * newly created set of alarms would be (INSUFFICIENT_DATA first, no OK notification for the
 * first INSUFFICIENT_DATA → OK, as the simulator does), and returns the episodes and the
 * notifications inside [from, to], episodes cut at `from`.
 *
 * @example
 * const result = replayAlarms(alarmCatalog(settings), history, { replayStart, from, to });
 * result.alarms.filter((alarm) => alarm.episodes.length > 0);
 */
export function replayAlarms(definitions: readonly AlarmDefinition[], source: AlarmMetricSource, window: ReplayWindow, onMinute?: (done: number, total: number) => void): BacktestResult {
  const open = new Map<string, number>();
  const episodes = new Map<string, AlarmEpisode[]>(definitions.map((definition) => [definition.id, []]));
  const notifications = new Map<string, BacktestNotification[]>(definitions.map((definition) => [definition.id, []]));
  const evaluator = new AlarmEvaluator({
    definitions,
    store: source,
    notifyOkFromInsufficientData: false,
    onTransition: (transition) => {
      if (transition.to === 'ALARM') open.set(transition.alarmId, transition.time);
      const start = open.get(transition.alarmId);
      if (transition.from === 'ALARM' && start !== undefined) {
        episodes.get(transition.alarmId)!.push({ start, end: transition.time });
        open.delete(transition.alarmId);
      }
    },
    onNotification: (notification) => {
      if (notification.time >= window.from) notifications.get(notification.alarmId)!.push({ time: notification.time, topic: notification.severity });
    },
  });
  const total = Math.max(0, (window.to - window.replayStart) / MINUTE_MS);
  for (let minute = 1; minute <= total; minute++) {
    evaluator.evaluate(window.replayStart + minute * MINUTE_MS);
    if (onMinute && (minute % 60 === 0 || minute === total)) onMinute(minute, total);
  }
  for (const [id, start] of open) episodes.get(id)!.push({ start });
  return {
    from: window.from,
    to: window.to,
    alarms: definitions.map((definition) => {
      const inWindow = clip(episodes.get(definition.id)!, window);
      return {
        id: definition.id,
        name: definition.name,
        severity: definition.severity,
        episodes: inWindow,
        minutesInAlarm: inWindow.reduce((sum, episode) => sum + episodeMinutes(episode, window.to), 0),
        notifications: notifications.get(definition.id)!,
      };
    }),
  };
}

/** Minutes an episode lasted, up to `to` while still open. */
export function episodeMinutes(episode: AlarmEpisode, to: number): number {
  return ((episode.end ?? to) - episode.start) / MINUTE_MS;
}

/** The longest episode, the earliest among equals; undefined when there is none. */
export function worstEpisode(alarm: AlarmBacktest, to: number): AlarmEpisode | undefined {
  let worst: AlarmEpisode | undefined;
  for (const episode of alarm.episodes) if (!worst || episodeMinutes(episode, to) > episodeMinutes(worst, to)) worst = episode;
  return worst;
}

function clip(episodes: readonly AlarmEpisode[], window: ReplayWindow): AlarmEpisode[] {
  return episodes
    .filter((episode) => episode.end === undefined || episode.end > window.from)
    .map((episode) => (episode.start >= window.from ? episode : { ...episode, start: window.from }));
}
