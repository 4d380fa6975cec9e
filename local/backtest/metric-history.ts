/**
 * The metrics a backtest fetched, as the alarm evaluator reads them (an AlarmMetricSource):
 * one-minute SampleCount, Sum, Minimum and Maximum per series, from which any aggregate over
 * whole minutes is computed (Sum and SampleCount through prefix sums, in O(1) per period, so
 * that a 1-day window costs what a 1-minute one does), and percentiles fetched per window end
 * at their alarm's period.
 */
import type { AlarmMetricSource } from '../alarms/metric-source';
import { MINUTE_MS } from '../metrics/constants';
import type { MetricSelector, PeriodRange } from '../metrics/metric-store';
import { dimensionsKey, seriesKey } from '../metrics/series-key';
import { parseStatistic, type ParsedStatistic } from '../metrics/statistics';
import { percentileKey, type MinuteStatistic } from './fetch-plan';

interface MinuteSeries {
  readonly count: Float64Array;
  readonly sum: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
  countPrefix?: Float64Array;
  sumPrefix?: Float64Array;
}

/**
 * A metric history over [start, end) (whole minutes), filled from GetMetricData results and
 * queried by the evaluator.
 *
 * @example
 * const history = new MetricHistory(start, end);
 * history.addMinuteValues(key, 'Sum', timestamps, values);
 * new AlarmEvaluator({ definitions, store: history });
 */
export class MetricHistory implements AlarmMetricSource {
  readonly #startMinute: number;
  readonly #minutes: number;
  readonly #series = new Map<string, MinuteSeries>();
  readonly #percentiles = new Map<string, Float64Array>();
  readonly #keys = new WeakMap<object, string>();
  #firstMinute = Infinity;

  constructor(start: number, end: number) {
    this.#startMinute = start / MINUTE_MS;
    this.#minutes = (end - start) / MINUTE_MS;
  }

  /** Epoch ms of the first minute holding any datapoint; undefined when the history is empty. */
  get firstDataTime(): number | undefined {
    return Number.isFinite(this.#firstMinute) ? this.#firstMinute * MINUTE_MS : undefined;
  }

  /** Adds one-minute values of one statistic of a series (timestamps in epoch ms, each a minute's start). */
  addMinuteValues(key: string, stat: MinuteStatistic, timestamps: readonly number[], values: readonly number[]): void {
    const series = this.#seriesFor(key);
    const target = { SampleCount: series.count, Sum: series.sum, Minimum: series.min, Maximum: series.max }[stat];
    for (let i = 0; i < timestamps.length; i++) {
      const index = this.#index(timestamps[i]);
      if (index === undefined || !Number.isFinite(values[i])) continue;
      target[index] = values[i];
      if (stat === 'SampleCount' && values[i] > 0) this.#firstMinute = Math.min(this.#firstMinute, this.#startMinute + index);
    }
    series.countPrefix = undefined;
    series.sumPrefix = undefined;
  }

  /** Adds percentile values of periods of `periodSeconds` starting at `timestamps`: each is the window ending a period later. */
  addPercentileValues(key: string, stat: string, periodSeconds: number, timestamps: readonly number[], values: readonly number[]): void {
    const tableKey = percentileKey(key, stat, periodSeconds);
    let table = this.#percentiles.get(tableKey);
    if (!table) this.#percentiles.set(tableKey, (table = new Float64Array(this.#minutes + 1).fill(NaN)));
    for (let i = 0; i < timestamps.length; i++) {
      const endIndex = Math.round((timestamps[i] + periodSeconds * 1000) / MINUTE_MS) - this.#startMinute;
      if (endIndex >= 0 && endIndex <= this.#minutes && Number.isFinite(values[i])) table[endIndex] = values[i];
    }
  }

  /** Percentiles are fetched already computed: nothing to keep. */
  retainRawValues(): void {}

  /** One value per period of `range`, oldest first, NaN where a period has no datapoint (MetricStore's contract). */
  querySeries(selector: MetricSelector, range: PeriodRange, statistic: ParsedStatistic = parseStatistic(selector.statistic)): Float64Array {
    const values = new Float64Array(range.count).fill(NaN);
    const key = this.#keyOf(selector);
    const periodMinutes = range.periodSeconds / 60;
    const first = range.end / MINUTE_MS - range.count * periodMinutes - this.#startMinute;
    if (statistic.kind === 'percentile') {
      const table = this.#percentiles.get(percentileKey(key, selector.statistic, range.periodSeconds));
      if (!table) throw new Error(`${selector.statistic} of ${key.split('\u0001')[1]} over ${range.periodSeconds} s was not fetched`);
      for (let i = 0; i < range.count; i++) {
        const end = first + (i + 1) * periodMinutes;
        if (end >= 0 && end <= this.#minutes) values[i] = table[end];
      }
      return values;
    }
    const series = this.#series.get(key);
    if (!series) return values;
    for (let i = 0; i < range.count; i++) {
      const from = Math.max(0, first + i * periodMinutes);
      const to = Math.min(this.#minutes, first + (i + 1) * periodMinutes);
      if (to > from) values[i] = this.#aggregate(series, from, to, statistic.name);
    }
    return values;
  }

  #aggregate(series: MinuteSeries, from: number, to: number, name: string): number {
    const countPrefix = (series.countPrefix ??= prefixSums(series.count));
    const count = countPrefix[to] - countPrefix[from];
    if (!(count > 0)) return NaN;
    if (name === 'SampleCount') return count;
    if (name === 'Sum' || name === 'Average') {
      const sumPrefix = (series.sumPrefix ??= prefixSums(series.sum));
      const sum = sumPrefix[to] - sumPrefix[from];
      return name === 'Sum' ? sum : sum / count;
    }
    const source = name === 'Minimum' ? series.min : series.max;
    let best = NaN;
    for (let minute = from; minute < to; minute++) {
      const value = source[minute];
      if (series.count[minute] > 0 && !(name === 'Minimum' ? value >= best : value <= best)) best = value;
    }
    return best;
  }

  #seriesFor(key: string): MinuteSeries {
    let series = this.#series.get(key);
    if (!series) {
      const n = this.#minutes;
      series = { count: new Float64Array(n), sum: new Float64Array(n), min: new Float64Array(n), max: new Float64Array(n) };
      this.#series.set(key, series);
    }
    return series;
  }

  #index(timestamp: number): number | undefined {
    const index = Math.floor(timestamp / MINUTE_MS) - this.#startMinute;
    return index >= 0 && index < this.#minutes ? index : undefined;
  }

  #keyOf(selector: MetricSelector): string {
    let key = this.#keys.get(selector);
    if (key === undefined) {
      const name = 'metric' in selector ? selector.metric.name : selector.metricName;
      key = seriesKey(selector.namespace, name, dimensionsKey(selector.dimensions));
      this.#keys.set(selector, key);
    }
    return key;
  }
}

function prefixSums(values: Float64Array): Float64Array {
  const prefix = new Float64Array(values.length + 1);
  for (let i = 0; i < values.length; i++) prefix[i + 1] = prefix[i] + values[i];
  return prefix;
}
