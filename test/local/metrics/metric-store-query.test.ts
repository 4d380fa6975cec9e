import { JUDGE_METRICS } from '../../../lib/catalog/judge-metrics';
import { METRICS } from '../../../lib/catalog/metrics';
import { alignedPeriodEnd, MetricStore, type MetricSelector } from '../../../local/metrics';
import { at, emfLine } from '../../support/emf-lines';

const SERVICE = { service: 'agent' };
const DURATION: MetricSelector = { namespace: 'AgentMonitoring', metricName: METRICS.duration.name, dimensions: SERVICE, statistic: 'Average' };
const REQUESTS: MetricSelector = { namespace: 'AgentMonitoring', metricName: METRICS.requests.name, dimensions: SERVICE, statistic: 'Sum' };

function durations(timestamp: number, values: number[]): string {
  return emfLine(timestamp, [{ dimensions: [['service']], metrics: [METRICS.duration.name] }], { service: 'agent', [METRICS.duration.name]: values });
}

function requests(timestamp: number, count: number): string {
  return emfLine(timestamp, [{ dimensions: [['service']], metrics: [METRICS.requests.name] }], { service: 'agent', [METRICS.requests.name]: count });
}

/** 1..n in a scrambled order, so that no statistic can rely on arrival order. */
function scrambled(n: number): number[] {
  return Array.from({ length: n }, (_, i) => ((i * 37) % n) + 1);
}

describe('MetricStore statistics', () => {
  it.each([
    ['p0', 100, 1],
    ['p50', 100, 50],
    ['p95', 100, 95],
    ['p99', 100, 99],
    ['p99.9', 100, 100],
    ['p100', 100, 100],
    ['p50', 10, 5],
    ['p95', 10, 10],
    ['p90', 10, 9],
    ['p25', 4, 1],
  ])('%s of 1..%i is the nearest-rank value %d', (statistic, n, expected) => {
    // Prepare
    const store = new MetricStore();
    store.ingestEmf(durations(at(0), scrambled(n)));

    // Act
    const [value] = store.query({ ...DURATION, statistic }, { end: at(1), periodSeconds: 60, count: 1 });

    // Assess
    expect(value).toBe(expected);
  });

  it('computes percentiles over every minute of a longer period', () => {
    // Prepare
    const store = new MetricStore();
    for (let minute = 0; minute < 5; minute++) store.ingestEmf(durations(at(minute + 0.5), [minute * 20 + 1, minute * 20 + 2]));

    // Act
    const [p50, p90] = ['p50', 'p90'].map((statistic) => store.query({ ...DURATION, statistic }, { end: at(5), periodSeconds: 300, count: 1 })[0]);

    // Assess: values 1, 2, 21, 22, 41, 42, 61, 62, 81, 82 → ranks 5 and 9.
    expect(p50).toBe(41);
    expect(p90).toBe(81);
  });

  it('computes a percentile exactly on the first query over more values than its scratch buffer holds', () => {
    // Prepare: 3,000 values over 3 minutes, more than the 1,024 the buffer starts with.
    const store = new MetricStore();
    const values = scrambled(3000);
    for (let minute = 0; minute < 3; minute++) store.ingestEmf(durations(at(minute + 0.5), values.slice(minute * 1000, minute * 1000 + 1000)));

    // Act
    const [p50] = store.query({ ...DURATION, statistic: 'p50' }, { end: at(3), periodSeconds: 180, count: 1 });

    // Assess
    expect(p50).toBe(1500);
  });

  it('starts keeping raw values when asked: percentiles then cover the datapoints received since', () => {
    // Prepare
    const store = new MetricStore();
    const selector = { ...REQUESTS, statistic: 'p50' };
    store.ingestEmf(requests(at(0.2), 100));

    // Act
    store.retainRawValues(METRICS.requests.name);
    store.ingestEmf(requests(at(0.4), 1));
    store.ingestEmf(requests(at(0.6), 3));
    store.ingestEmf(requests(at(0.8), 2));

    // Assess
    expect(store.keepsRawValues(METRICS.requests.name)).toBe(true);
    expect(store.query(selector, { end: at(1), periodSeconds: 60, count: 1 })).toEqual([2]);
    expect(store.query(REQUESTS, { end: at(1), periodSeconds: 60, count: 1 })).toEqual([106]);
  });

  it('refuses statistics CloudWatch does not have, and percentiles on metrics without raw values', () => {
    // Prepare
    const store = new MetricStore();
    store.ingestEmf(requests(at(0), 1));
    const range = { end: at(1), periodSeconds: 60, count: 1 };

    // Act
    const median = () => store.query({ ...DURATION, statistic: 'Median' }, range);
    const p101 = () => store.query({ ...DURATION, statistic: 'p101' }, range);
    const requestsP95 = () => store.query({ ...REQUESTS, statistic: 'p95' }, range);

    // Assess
    expect(median).toThrow('Unsupported statistic "Median"');
    expect(p101).toThrow('Unsupported statistic "p101"');
    expect(requestsP95).toThrow(`p95 of ${METRICS.requests.name}: percentiles need raw values`);
  });
});

describe('MetricStore periods', () => {
  /** Minute m of the first ten holds m + 1 requests. */
  function tenMinutes(): MetricStore {
    const store = new MetricStore();
    for (let minute = 0; minute < 10; minute++) store.ingestEmf(requests(at(minute + 0.5), minute + 1));
    return store;
  }

  it('splits a range into consecutive periods ending at its end, oldest first', () => {
    // Prepare
    const store = tenMinutes();

    // Act
    const aligned = store.query(REQUESTS, { end: at(10), periodSeconds: 300, count: 2 });
    const sliding = store.query(REQUESTS, { end: at(7), periodSeconds: 300, count: 1 });
    const perMinute = store.query(REQUESTS, { end: at(12), periodSeconds: 60, count: 4 });

    // Assess
    expect(aligned).toEqual([1 + 2 + 3 + 4 + 5, 6 + 7 + 8 + 9 + 10]);
    expect(sliding).toEqual([3 + 4 + 5 + 6 + 7]);
    expect(perMinute).toEqual([9, 10, undefined, undefined]);
  });

  it('puts a datapoint in the minute that contains it: starts inclusive, ends exclusive', () => {
    // Prepare
    const store = new MetricStore();
    store.ingestEmf(requests(at(5) - 1, 1));
    store.ingestEmf(requests(at(5), 10));

    // Act
    const values = store.query(REQUESTS, { end: at(6), periodSeconds: 60, count: 2 });

    // Assess
    expect(values).toEqual([1, 10]);
  });

  it('aligns periods to the epoch as GetMetricData does', () => {
    // Act
    const fiveMinutes = alignedPeriodEnd(at(7) + 30_000, 300);
    const oneHour = alignedPeriodEnd(at(59), 3600);
    const onBoundary = alignedPeriodEnd(at(10), 300);

    // Assess
    expect(fiveMinutes).toBe(at(10));
    expect(oneHour).toBe(at(60));
    expect(onBoundary).toBe(at(15));
  });

  it('refuses a range that does not end on a whole minute or a period that is not whole minutes', () => {
    // Prepare
    const store = tenMinutes();

    // Act
    const offMinute = () => store.query(REQUESTS, { end: at(5) + 1_000, periodSeconds: 60, count: 1 });
    const ninetySeconds = () => store.query(REQUESTS, { end: at(5), periodSeconds: 90, count: 1 });

    // Assess
    expect(offMinute).toThrow('is not on a whole minute');
    expect(ninetySeconds).toThrow('period 90 s is not a positive multiple of 60 s');
  });
});

describe('MetricStore.putMetricData', () => {
  const SCORE = { namespace: 'AgentMonitoring', metricName: JUDGE_METRICS.qualityScore.name, dimensions: SERVICE };

  it('accepts the judge shape: Value, Values with Counts, StatisticValues, dimensions and Date timestamps', () => {
    // Prepare
    const store = new MetricStore({ rawValueMetrics: [JUDGE_METRICS.qualityScore.name] });
    const dimensions = [{ Name: 'service', Value: 'agent' }];

    // Act
    const added = store.putMetricData('AgentMonitoring', [
      { MetricName: JUDGE_METRICS.qualityScore.name, Dimensions: dimensions, Timestamp: new Date(at(0.5)), Value: 0.5, Unit: 'None' },
      { MetricName: JUDGE_METRICS.qualityScore.name, Dimensions: dimensions, Timestamp: at(0.7), Values: [0.2, 0.9], Counts: [3, 1] },
      { MetricName: JUDGE_METRICS.evaluations.name, Dimensions: dimensions, Timestamp: new Date(at(0.9)).toISOString(), StatisticValues: { SampleCount: 4, Sum: 4, Minimum: 1, Maximum: 1 } },
    ]);

    // Assess
    const minute = { end: at(1), periodSeconds: 60, count: 1 };
    const score = (statistic: string) => store.query({ ...SCORE, statistic }, minute)[0];
    expect(added).toBe(4);
    expect([score('SampleCount'), score('Sum'), score('Minimum'), score('Maximum')]).toEqual([5, 0.5 + 0.6 + 0.9, 0.2, 0.9]);
    expect([score('p50'), score('p80'), score('p100')]).toEqual([0.2, 0.5, 0.9]);
    expect(store.query({ ...SCORE, metricName: JUDGE_METRICS.evaluations.name, statistic: 'Sum' }, minute)).toEqual([4]);
  });

  it('uses the store clock for a datum without a Timestamp', () => {
    // Prepare
    const store = new MetricStore({ now: () => at(3.5) });

    // Act
    store.putMetricData('AgentMonitoring', [{ MetricName: JUDGE_METRICS.backlog.name, Dimensions: [{ Name: 'service', Value: 'agent' }], Value: 7 }]);

    // Assess
    expect(store.query({ ...SCORE, metricName: JUDGE_METRICS.backlog.name, statistic: 'Maximum' }, { end: at(4), periodSeconds: 60, count: 2 })).toEqual([undefined, 7]);
  });

  it.each([
    [{ Value: 1 }, 'MetricData[0]: MetricName is required'],
    [{ MetricName: 'x', Value: 1, Values: [1] }, 'exactly one of Value, Values and StatisticValues is required'],
    [{ MetricName: 'x', Values: [1, 2], Counts: [1] }, 'Values and Counts must have the same length'],
    [{ MetricName: 'x', Value: Number.NaN }, 'MetricData[0].Value: must be a finite number'],
    [{ MetricName: 'x', Value: 1, Timestamp: 'yesterday' }, 'MetricData[0].Timestamp: yesterday is not a valid time'],
    [{ MetricName: 'x', Value: 1, Dimensions: [{ Name: 'service' }] }, 'MetricData[0].Dimensions[0]: Name and Value must be strings'],
  ])('refuses an invalid datum %j, naming the field', (datum, message) => {
    // Prepare
    const store = new MetricStore();

    // Act
    const put = () => store.putMetricData('AgentMonitoring', [datum]);

    // Assess
    expect(put).toThrow(message);
    expect(store.series()).toEqual([]);
  });
});

describe('MetricStore retention', () => {
  it('forgets data older than the retention, measured back from the newest datapoint', () => {
    // Prepare
    const store = new MetricStore({ retentionSeconds: 3600 });
    store.ingestEmf(requests(at(0.5), 1));
    store.ingestEmf(requests(at(1.5), 2));

    // Act
    store.ingestEmf(requests(at(61.5), 3));
    const late = store.ingestEmf(requests(at(0.5), 4));

    // Assess
    expect(late).toBe(0);
    expect(store.query(REQUESTS, { end: at(2), periodSeconds: 60, count: 2 })).toEqual([undefined, 2]);
    expect(store.query(REQUESTS, { end: at(62), periodSeconds: 3600, count: 2 })).toEqual([2, 3]);
  });

  it('keeps one day by default, and memory stays bounded as the ring of minutes is reused', () => {
    // Prepare
    const store = new MetricStore();
    for (let minute = 0; minute <= 2 * 1440; minute += 60) store.ingestEmf(requests(at(minute), 1));

    // Act
    const lastDay = store.query(REQUESTS, { end: at(2 * 1440 + 1), periodSeconds: 86_400, count: 1 });
    const dayBefore = store.query(REQUESTS, { end: at(1441), periodSeconds: 86_400, count: 1 });

    // Assess: [1 day + 1 min, 2 days + 1 min) holds the 24 hourly datapoints from 1 day + 60 min on;
    // of [1 min, 1 day + 1 min) only the datapoint at 1 day is within the day kept.
    expect(lastDay).toEqual([24]);
    expect(dayBefore).toEqual([1]);
  });

  it('expire() drops the series that received nothing within the retention', () => {
    // Prepare
    const store = new MetricStore({ retentionSeconds: 600 });
    store.ingestEmf(emfLine(at(0), [{ dimensions: [['service', 'tool']], metrics: ['agent.tools.calls'] }], { service: 'agent', tool: 'old_tool', 'agent.tools.calls': 1 }));
    store.ingestEmf(requests(at(30), 1));

    // Act
    const dropped = store.expire();

    // Assess
    expect(dropped).toBe(1);
    expect(store.series().map((series) => series.metricName)).toEqual([METRICS.requests.name]);
  });
});
