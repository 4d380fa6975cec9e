import { METRICS } from '../../lib/catalog/metrics';
import { DEFAULT_RETENTION_SECONDS, MINUTE_MS, STORAGE_RESOLUTION_SECONDS } from './constants';
import { emfTimestamp, readEmfDocument, visitEmfDatapoints, type EmfDatapointSink } from './emf';
import { normalizePutMetricData, type NormalizedDatum, type PutMetricDatum } from './put-metric-data';
import { RawScratch, SeriesBuffer } from './series-buffer';
import { sortedNames, type SeriesIdentity } from './series-key';
import { SeriesTable, type SeriesGroup, type StoredSeries } from './series-table';
import { aggregateValue, parseStatistic, percentileOf, type Aggregate, type ParsedStatistic } from './statistics';

/** How a MetricStore keeps its data. */
export interface MetricStoreOptions {
  /**
   * How much data to keep, back from the newest datapoint received: older datapoints are
   * dropped on arrival and disappear from queries. @default 86400 (1 day, the longest alarm window)
   */
  readonly retentionSeconds?: number;
  /**
   * Metric names whose raw values are kept, so that percentiles can be computed on them.
   * Other metrics keep only count, sum, minimum and maximum per minute.
   * @default [the request duration metric]
   */
  readonly rawValueMetrics?: readonly string[];
  /** The clock for PutMetricData datums without a Timestamp. @default Date.now */
  readonly now?: () => number;
}

/** A series and the statistic to compute on it: the catalog's `MetricRef`, or the same by name. */
export type MetricSelector =
  | { readonly namespace: string; readonly metric: { readonly name: string }; readonly dimensions: Readonly<Record<string, string>>; readonly statistic: string }
  | (SeriesIdentity & { readonly statistic: string });

/**
 * Consecutive periods ending at `end`: [end − count·P, end − (count−1)·P), …, [end − P, end).
 * `end` must be on a whole minute; pass `alignedPeriodEnd(time, P)` for periods aligned to the
 * epoch as GetMetricData aligns them, or the evaluation minute for an alarm's sliding window.
 */
export interface PeriodRange {
  /** Epoch milliseconds, a whole minute. */
  readonly end: number;
  /** A multiple of 60. */
  readonly periodSeconds: number;
  readonly count: number;
}

/**
 * One input of a MetricStore, as it arrived (before the retention applies): an EMF document
 * (each metric's value once, published under each of its dimension sets), the datums of one
 * PutMetricData call, or one `addDatapoint`.
 */
export type MetricStoreInput =
  | { readonly kind: 'emf'; readonly document: Readonly<Record<string, unknown>> }
  | { readonly kind: 'putMetricData'; readonly namespace: string; readonly datums: readonly NormalizedDatum[] }
  | { readonly kind: 'datapoint'; readonly identity: SeriesIdentity; readonly timestamp: number; readonly value: number; readonly unit?: string };

/** A series the store holds. */
export interface SeriesDescriptor extends SeriesIdentity {
  readonly unit?: string;
}

/** The end of the epoch-aligned period containing `time` (exclusive), e.g. 10:05 for 10:03 with 300 s. */
export function alignedPeriodEnd(time: number, periodSeconds: number): number {
  const periodMs = periodSeconds * 1000;
  return Math.floor(time / periodMs) * periodMs + periodMs;
}

/**
 * An in-memory CloudWatch metric store for the local stack and the simulator.
 *
 * Datapoints arrive as EMF lines (what the handlers write to stdout) or PutMetricData calls
 * (what the judge sends), and land in per-series, per-minute buckets (count, sum, min, max,
 * plus the raw values of the metrics named in `rawValueMetrics`). Queries return one value per
 * period for any CloudWatch statistic, NaN / `undefined` where a period has no datapoint.
 * Cost: one ingest is a JSON parse plus O(1) per datapoint; a query is O(minutes covered),
 * plus O(values) for a percentile (quickselect). Memory is bounded by the retention: each
 * series is a ring of retention + 1 minutes, reused as time advances; the newest datapoint
 * received defines "now" for the retention (a datapoint far in the future hides the past).
 *
 * @example
 * const store = new MetricStore();
 * store.ingestEmf(line);
 * store.query({ namespace: 'AgentMonitoring', metricName: 'agent.requests.total', dimensions: { service: 'agent' }, statistic: 'Sum' },
 *   { end: alignedPeriodEnd(Date.now(), 60) - 60_000, periodSeconds: 60, count: 5 }); // [12, 9, undefined, 14, 11]
 */
export class MetricStore {
  readonly #series: SeriesTable;
  readonly #rawMetrics: Set<string>;
  readonly #retentionMinutes: number;
  readonly #now: () => number;
  readonly #scratch = new RawScratch();
  readonly #listeners = new Set<(input: MetricStoreInput) => void>();
  #newestMinute = -Infinity;
  #version = 0;
  /** The minute of the EMF document being ingested. */
  #emfMinute = 0;
  readonly #emfSink: EmfDatapointSink<SeriesGroup> = {
    group: (namespace, set) => this.#series.group(namespace, set.names, set.dimensions),
    datapoint: (group, metricName, value, unit) => {
      const series = this.#series.seriesIn(group, metricName);
      if (unit) series.unit = unit;
      series.buffer.add(this.#emfMinute, value);
    },
  };

  constructor(options: MetricStoreOptions = {}) {
    const retention = options.retentionSeconds ?? DEFAULT_RETENTION_SECONDS;
    if (!Number.isInteger(retention) || retention < STORAGE_RESOLUTION_SECONDS || retention % STORAGE_RESOLUTION_SECONDS !== 0) {
      throw new Error(`MetricStore retentionSeconds must be a whole number of minutes, got ${retention}`);
    }
    this.#retentionMinutes = retention / STORAGE_RESOLUTION_SECONDS;
    this.#rawMetrics = new Set(options.rawValueMetrics ?? [METRICS.duration.name]);
    this.#now = options.now ?? Date.now;
    this.#series = new SeriesTable((metricName) => new SeriesBuffer(this.#retentionMinutes + 1, this.#rawMetrics.has(metricName)));
  }

  /** Grows with every datapoint added: a cheap way to tell whether anything changed. */
  get version(): number {
    return this.#version;
  }

  /** Epoch milliseconds of the start of the newest minute holding data; -Infinity when empty. */
  get newestTimestamp(): number {
    return this.#newestMinute * MINUTE_MS;
  }

  /**
   * Keeps the raw values of `metricName` from now on, so that percentiles can be computed on
   * it (datapoints already held have none and are left out of percentiles).
   */
  retainRawValues(metricName: string): void {
    this.#rawMetrics.add(metricName);
    for (const series of this.#series.values()) if (series.identity.metricName === metricName) series.buffer.keepRaw();
  }

  /** Whether percentiles can be computed on `metricName`. */
  keepsRawValues(metricName: string): boolean {
    return this.#rawMetrics.has(metricName);
  }

  /**
   * Calls `listener` with every input received from now on (for an exporter keeping totals of
   * its own, such as the local `/metrics`); returns the function that stops it.
   */
  listen(listener: (input: MetricStoreInput) => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  /**
   * Adds the datapoints of EMF text (one or more lines); returns how many were added.
   * Lines that are not EMF documents (logs, other JSON) are ignored.
   */
  ingestEmf(text: string): number {
    if (!text.includes('\n')) return this.#ingestEmfLine(text);
    let added = 0;
    for (const line of text.split('\n')) added += this.#ingestEmfLine(line);
    return added;
  }

  /** Adds the datums of one PutMetricData call; returns how many values were added. Throws on an invalid request. */
  putMetricData(namespace: string, metricData: readonly PutMetricDatum[]): number {
    let added = 0;
    const datums = normalizePutMetricData(namespace, metricData, this.#now());
    if (this.#listeners.size > 0) this.#tell({ kind: 'putMetricData', namespace, datums });
    for (const datum of datums) {
      const series = this.#seriesFor(namespace, datum.metricName, datum.dimensions, datum.unit);
      const minute = this.#acceptedMinute(datum.timestamp);
      if (minute === undefined) continue;
      if (datum.statistics) {
        series.buffer.addStatistics(minute, datum.statistics);
        added++;
      }
      for (const [value, count] of datum.values) {
        series.buffer.add(minute, value, count);
        added++;
      }
      this.#version++;
    }
    return added;
  }

  /** Adds one datapoint to a series. */
  addDatapoint(identity: SeriesIdentity, timestamp: number, value: number, unit?: string): void {
    if (!Number.isFinite(value)) return;
    if (this.#listeners.size > 0) this.#tell({ kind: 'datapoint', identity, timestamp, value, ...(unit ? { unit } : {}) });
    const minute = this.#acceptedMinute(timestamp);
    if (minute === undefined) return;
    const { namespace, metricName, dimensions } = identity;
    this.#seriesFor(namespace, metricName, dimensions, unit).buffer.add(minute, value);
    this.#version++;
  }

  /** One value per period of `range`, oldest first; `undefined` where a period has no datapoint. */
  query(selector: MetricSelector, range: PeriodRange): (number | undefined)[] {
    return Array.from(this.querySeries(selector, range), (value) => (Number.isNaN(value) ? undefined : value));
  }

  /** As `query`, as a Float64Array with NaN for missing periods: what the alarm evaluator reads. */
  querySeries(selector: MetricSelector, range: PeriodRange, statistic: ParsedStatistic = parseStatistic(selector.statistic)): Float64Array {
    const { startMinute, periodMinutes } = checkedRange(range);
    const values = new Float64Array(range.count).fill(NaN);
    const name = 'metric' in selector ? selector.metric.name : selector.metricName;
    if (statistic.kind === 'percentile' && !this.#rawMetrics.has(name)) {
      throw new Error(`${selector.statistic} of ${name}: percentiles need raw values, and the store keeps none for this metric (see retainRawValues)`);
    }
    const series = this.#series.find(selector.namespace, name, selector.dimensions);
    if (!series) return values;
    const floor = this.#newestMinute - this.#retentionMinutes;
    for (let index = 0; index < range.count; index++) {
      const from = startMinute + index * periodMinutes;
      values[index] = this.#periodValue(series, from, from + periodMinutes, floor, statistic);
    }
    return values;
  }

  /** Every series held, with its unit as last published. */
  series(): SeriesDescriptor[] {
    return [...this.#series.values()].map(({ identity, unit }) => ({ ...identity, ...(unit ? { unit } : {}) }));
  }

  /** Frees what is past the retention: series with no recent datapoint, and stale buckets. Returns the series dropped. */
  expire(): number {
    const floor = this.#newestMinute - this.#retentionMinutes;
    let dropped = 0;
    for (const series of this.#series.values()) {
      if (series.buffer.isEmptySince(floor)) {
        this.#series.delete(series);
        dropped++;
      } else {
        series.buffer.clearBefore(floor);
      }
    }
    return dropped;
  }

  /** One document shares one timestamp: its minute is checked against the retention once, and becomes the newest if any datapoint lands in it. */
  #ingestEmfLine(line: string): number {
    const document = readEmfDocument(line);
    if (!document) return 0;
    if (this.#listeners.size > 0) this.#tell({ kind: 'emf', document });
    const timestamp = emfTimestamp(document);
    if (timestamp === undefined) return 0;
    const minute = Math.floor(timestamp / MINUTE_MS);
    if (minute < this.#newestMinute - this.#retentionMinutes) return 0;
    this.#emfMinute = minute;
    const added = visitEmfDatapoints(document, this.#emfSink);
    if (added > 0 && minute > this.#newestMinute) this.#newestMinute = minute;
    this.#version += added;
    return added;
  }

  #tell(input: MetricStoreInput): void {
    for (const listener of this.#listeners) listener(input);
  }

  /** The minute of a datapoint, advancing the newest minute; undefined when it is past the retention. */
  #acceptedMinute(timestamp: number): number | undefined {
    const minute = Math.floor(timestamp / MINUTE_MS);
    if (!Number.isFinite(minute)) return undefined;
    if (minute > this.#newestMinute) this.#newestMinute = minute;
    return minute < this.#newestMinute - this.#retentionMinutes ? undefined : minute;
  }

  #seriesFor(namespace: string, metricName: string, dimensions: Readonly<Record<string, string>>, unit?: string): StoredSeries {
    const series = this.#series.seriesIn(this.#series.group(namespace, sortedNames(dimensions), dimensions), metricName);
    if (unit) series.unit = unit;
    return series;
  }

  #periodValue(series: StoredSeries, from: number, to: number, floor: number, statistic: ParsedStatistic): number {
    if (statistic.kind === 'aggregate') {
      const aggregate: Aggregate = { count: 0, sum: 0, min: Infinity, max: -Infinity };
      series.buffer.collect(from, to, floor, aggregate);
      return aggregateValue(statistic.name, aggregate);
    }
    const length = series.buffer.gatherRaw(from, to, floor, this.#scratch, () => describe(series.identity));
    return percentileOf(this.#scratch.buffer, length, statistic.percentile);
  }
}

function checkedRange(range: PeriodRange): { startMinute: number; periodMinutes: number } {
  const { end, periodSeconds, count } = range;
  if (!Number.isInteger(periodSeconds) || periodSeconds <= 0 || periodSeconds % STORAGE_RESOLUTION_SECONDS !== 0) {
    throw new Error(`period ${periodSeconds} s is not a positive multiple of ${STORAGE_RESOLUTION_SECONDS} s`);
  }
  if (!Number.isInteger(end / MINUTE_MS)) throw new Error(`range end ${new Date(end).toISOString()} is not on a whole minute`);
  if (!Number.isInteger(count) || count < 0) throw new Error(`period count must be a whole number, got ${count}`);
  const periodMinutes = periodSeconds / STORAGE_RESOLUTION_SECONDS;
  return { startMinute: end / MINUTE_MS - count * periodMinutes, periodMinutes };
}

function describe(identity: SeriesIdentity): string {
  const dimensions = Object.entries(identity.dimensions).map(([name, value]) => `${name}=${value}`).join(',');
  return `${identity.namespace} ${identity.metricName} {${dimensions}}`;
}
