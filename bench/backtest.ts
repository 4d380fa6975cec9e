import { alarmCatalog } from '../lib/catalog/alarms';
import { datapointsOf, fetchPlan, type FetchPlan, type FetchQuery } from '../local/backtest/fetch-plan';
import { MetricHistory } from '../local/backtest/metric-history';
import { replayAlarms } from '../local/backtest/replay';
import { Random } from '../local/simulator/random';

/** Issue 12's target: replaying 14 days of every alarm at one-minute resolution, in real seconds. */
export const BACKTEST_14D_TARGET_SECONDS = 10;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** What the backtest benchmark measured. */
export interface BacktestThroughput {
  readonly seconds: number;
  readonly alarms: number;
  readonly evaluations: number;
  readonly episodes: number;
}

/**
 * A 14-day backtest of the default catalog (one more day read before it to warm the 1-day
 * windows up, as the command reads it): a synthetic history of every series the fetch plan
 * names, about 10 requests a minute with a 40-minute incident (errors, latency, throttles)
 * every other day, replayed minute by minute through the alarm evaluator. Only the replay is
 * timed: the fetch is I/O.
 */
export function measureBacktest(): BacktestThroughput {
  const definitions = alarmCatalog({ monitoredTools: ['search_docs', 'lookup_order'] });
  const to = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
  const from = to - 14 * DAY_MS;
  const plan = fetchPlan(definitions, { start: from - DAY_MS, end: to });
  const history = syntheticHistory(plan);
  const started = performance.now();
  const result = replayAlarms(definitions, history, { replayStart: plan.start, from, to });
  const seconds = (performance.now() - started) / 1000;
  return { seconds, alarms: definitions.length, evaluations: (to - plan.start) / MINUTE_MS, episodes: result.alarms.reduce((sum, alarm) => sum + alarm.episodes.length, 0) };
}

function syntheticHistory(plan: FetchPlan): MetricHistory {
  const history = new MetricHistory(plan.start, plan.end);
  const random = new Random(12);
  const incident = (time: number) => (time - plan.start) % (2 * DAY_MS) < 40 * MINUTE_MS && time - plan.start > DAY_MS;
  for (const query of plan.queries) {
    const timestamps: number[] = [];
    const values: number[] = [];
    const points = datapointsOf(query, plan);
    for (let i = 0; i < points; i++) {
      const time = plan.start + query.offsetMinutes * MINUTE_MS + i * query.periodSeconds * 1000;
      timestamps.push(time);
      values.push(valueOf(query, incident(time), random.next()));
    }
    if (query.periodSeconds === 60 && !query.stat.startsWith('p')) history.addMinuteValues(query.key, query.stat as 'Sum', timestamps, values);
    else history.addPercentileValues(query.key, query.stat, query.periodSeconds, timestamps, values);
  }
  return history;
}

function valueOf(query: FetchQuery, incident: boolean, noise: number): number {
  const name = query.series.metricName.toLowerCase();
  if (query.stat.startsWith('p')) return (incident ? 9 : 1.2) + noise;
  const count = 10;
  const failing = /error|throttle|rejection|failure|unpriced|overrun|dead|drift/.test(name);
  const share = failing ? (incident ? 0.5 : noise < 0.02 ? 0.1 : 0) : 1;
  const value = name.includes('quality.score') ? 0.9 : name.includes('cost') ? 0.002 : name.includes('age') ? 120 : name.includes('concurrent') ? 20 : 1;
  switch (query.stat) {
    case 'SampleCount':
      return count;
    case 'Sum':
      return count * share * value;
    default:
      return share * value;
  }
}
