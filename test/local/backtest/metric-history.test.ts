import { alarmCatalog } from '../../../lib/catalog/alarms';
import { fetchPlan, historySeriesKey } from '../../../local/backtest/fetch-plan';
import { MetricHistory } from '../../../local/backtest/metric-history';
import { replayAlarms } from '../../../local/backtest/replay';
import { MetricStore } from '../../../local/metrics';

const MINUTE_MS = 60_000;
const START = Date.UTC(2026, 10, 20, 0, 0);
const series = { namespace: 'AgentMonitoring', metricName: 'agent.cost.usd', dimensions: { service: 'agent' } };
const selector = (statistic: string) => ({ ...series, statistic });

/** The same minutes in a MetricStore and, as GetMetricData's minute statistics would give them, in a MetricHistory. */
function both(values: readonly (readonly number[])[]): { store: MetricStore; history: MetricHistory } {
  const store = new MetricStore({ retentionSeconds: 7 * 86_400 });
  const history = new MetricHistory(START, START + values.length * MINUTE_MS);
  const stats: Record<'SampleCount' | 'Sum' | 'Minimum' | 'Maximum', [number[], number[]]> = { SampleCount: [[], []], Sum: [[], []], Minimum: [[], []], Maximum: [[], []] };
  values.forEach((minute, index) => {
    const time = START + index * MINUTE_MS;
    for (const value of minute) store.addDatapoint(series, time, value);
    if (minute.length === 0) return;
    const add = (stat: keyof typeof stats, value: number) => (stats[stat][0].push(time), stats[stat][1].push(value));
    add('SampleCount', minute.length);
    add('Sum', minute.reduce((a, b) => a + b, 0));
    add('Minimum', Math.min(...minute));
    add('Maximum', Math.max(...minute));
  });
  for (const [stat, [times, sums]] of Object.entries(stats)) history.addMinuteValues(historySeriesKey(series), stat as 'Sum', times, sums);
  return { store, history };
}

describe('MetricHistory', () => {
  it('answers every aggregate over longer periods as the metric store does from the same minutes, gaps and range edges included', () => {
    // Prepare
    const minutes = Array.from({ length: 600 }, (_, i) => (i % 7 === 3 ? [] : [i % 5, (i * 3) % 11, 2]));
    const { store, history } = both(minutes);

    // Act / Assess
    for (const statistic of ['Sum', 'SampleCount', 'Average', 'Minimum', 'Maximum']) {
      for (const periodSeconds of [60, 300, 3600]) {
        const range = { end: START + 620 * MINUTE_MS, periodSeconds, count: 12 };
        const expected = Array.from(store.querySeries(selector(statistic), range));
        const actual = Array.from(history.querySeries(selector(statistic), range));
        actual.forEach((value, i) => (Number.isNaN(expected[i]) ? expect(value).toBeNaN() : expect(value).toBeCloseTo(expected[i], 9)));
      }
    }
  });

  it('answers a percentile from the window ending at each period end, and refuses one it was not given', () => {
    // Prepare
    const history = new MetricHistory(START, START + 60 * MINUTE_MS);
    const key = historySeriesKey(series);
    history.addPercentileValues(key, 'p95', 300, [START, START + 60_000, START + 300_000], [1.5, 2.5, 3.5]);

    // Act
    const values = history.querySeries(selector('p95'), { end: START + 10 * MINUTE_MS, periodSeconds: 300, count: 2 });
    const shifted = history.querySeries(selector('p95'), { end: START + 6 * MINUTE_MS, periodSeconds: 300, count: 1 });

    // Assess
    expect(Array.from(values)).toEqual([1.5, 3.5]);
    expect(Array.from(shifted)).toEqual([2.5]);
    expect(() => history.querySeries(selector('p99'), { end: START + 10 * MINUTE_MS, periodSeconds: 300, count: 1 })).toThrow('p99 of agent.cost.usd over 300 s was not fetched');
  });
});

describe('replayAlarms', () => {
  it('cuts an episode begun before the window at its start, and leaves one still in ALARM open (spend over 3 USD in a rolling hour)', () => {
    // Prepare
    const definitions = alarmCatalog({ dailyBudgetUsd: 24 }).filter((definition) => definition.id === 'spend-hourly-spike');
    const minutes = Array.from({ length: 240 }, (_, i) => (i >= 60 && i < 120) || i >= 200 ? [0.2] : [0.001]);
    const { history } = both(minutes);
    const plan = fetchPlan(definitions, { start: START, end: START + 240 * MINUTE_MS });
    const from = START + 90 * MINUTE_MS;

    // Act
    const result = replayAlarms(definitions, history, { replayStart: plan.start, from, to: plan.end });

    // Assess
    const [spike] = result.alarms;
    expect(spike.episodes.map((episode) => [(episode.start - START) / MINUTE_MS, episode.end === undefined ? undefined : (episode.end - START) / MINUTE_MS])).toEqual([
      [90, 166],
      [215, undefined],
    ]);
    expect(spike.minutesInAlarm).toBe(76 + 25);
    expect(spike.notifications.map((notification) => [(notification.time - START) / MINUTE_MS, notification.topic])).toEqual([
      [166, 'warning'],
      [215, 'warning'],
    ]);
  });
});
