/**
 * The PutMetricData request shape (as the judge sends it with @aws-sdk/client-cloudwatch),
 * checked the way CloudWatch checks it and turned into datapoints.
 */
import type { StatisticSet } from './series-buffer';
import { dimensionsKey } from './series-key';

/** One `MetricData` entry of PutMetricData; the SDK's `MetricDatum` is assignable to it. */
export interface PutMetricDatum {
  readonly MetricName?: string;
  readonly Dimensions?: readonly { readonly Name?: string; readonly Value?: string }[];
  /** A Date, epoch milliseconds or an ISO 8601 string. @default the store's clock */
  readonly Timestamp?: Date | number | string;
  readonly Value?: number;
  /** Distinct values; with `Counts`, how many times each occurred. */
  readonly Values?: readonly number[];
  readonly Counts?: readonly number[];
  readonly StatisticValues?: { readonly SampleCount?: number; readonly Sum?: number; readonly Minimum?: number; readonly Maximum?: number };
  readonly Unit?: string;
  readonly StorageResolution?: number;
}

/** One datum, checked: its series, its time, and either values with counts or a statistic set. */
export interface NormalizedDatum {
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly dimensionKey: string;
  readonly timestamp: number;
  readonly unit?: string;
  readonly values: readonly (readonly [value: number, count: number])[];
  readonly statistics?: StatisticSet;
}

/**
 * Checks every datum of a PutMetricData call and returns them normalized. Throws an Error
 * naming the entry and the field at fault, as CloudWatch refuses the whole request.
 */
export function normalizePutMetricData(namespace: string, data: readonly PutMetricDatum[], now: number): NormalizedDatum[] {
  if (typeof namespace !== 'string' || namespace.trim() === '') throw new Error('PutMetricData: Namespace is required');
  if (!Array.isArray(data)) throw new Error('PutMetricData: MetricData must be a list');
  return data.map((datum, index) => normalizeDatum(datum, `PutMetricData MetricData[${index}]`, now));
}

function normalizeDatum(datum: PutMetricDatum, at: string, now: number): NormalizedDatum {
  if (typeof datum?.MetricName !== 'string' || datum.MetricName === '') throw new Error(`${at}: MetricName is required`);
  const dimensions = dimensionsOf(datum, at);
  const common = {
    metricName: datum.MetricName,
    dimensions,
    dimensionKey: dimensionsKey(dimensions),
    timestamp: timestampOf(datum.Timestamp, at, now),
    unit: datum.Unit,
  };
  const given = [datum.Value !== undefined, datum.Values !== undefined, datum.StatisticValues !== undefined].filter(Boolean).length;
  if (given !== 1) throw new Error(`${at}: exactly one of Value, Values and StatisticValues is required`);
  if (datum.StatisticValues) return { ...common, values: [], statistics: statisticSet(datum.StatisticValues, at) };
  if (datum.Value !== undefined) return { ...common, values: [[finite(datum.Value, `${at}.Value`), 1]] };
  return { ...common, values: valuesWithCounts(datum, at) };
}

function dimensionsOf(datum: PutMetricDatum, at: string): Record<string, string> {
  const dimensions: Record<string, string> = {};
  for (const [index, dimension] of (datum.Dimensions ?? []).entries()) {
    if (typeof dimension?.Name !== 'string' || typeof dimension.Value !== 'string') {
      throw new Error(`${at}.Dimensions[${index}]: Name and Value must be strings`);
    }
    if (dimension.Name in dimensions) throw new Error(`${at}.Dimensions: ${dimension.Name} is given twice`);
    dimensions[dimension.Name] = dimension.Value;
  }
  return dimensions;
}

function timestampOf(value: PutMetricDatum['Timestamp'], at: string, now: number): number {
  if (value === undefined) return now;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new Error(`${at}.Timestamp: ${String(value)} is not a valid time`);
  return ms;
}

function valuesWithCounts(datum: PutMetricDatum, at: string): [number, number][] {
  const values = datum.Values ?? [];
  const counts = datum.Counts;
  if (counts !== undefined && counts.length !== values.length) throw new Error(`${at}: Values and Counts must have the same length`);
  return values.map((value, index) => {
    const count = counts ? finite(counts[index], `${at}.Counts[${index}]`) : 1;
    if (count < 0) throw new Error(`${at}.Counts[${index}]: must not be negative`);
    return [finite(value, `${at}.Values[${index}]`), count];
  });
}

function statisticSet(values: NonNullable<PutMetricDatum['StatisticValues']>, at: string): StatisticSet {
  return {
    count: finite(values.SampleCount, `${at}.StatisticValues.SampleCount`),
    sum: finite(values.Sum, `${at}.StatisticValues.Sum`),
    min: finite(values.Minimum, `${at}.StatisticValues.Minimum`),
    max: finite(values.Maximum, `${at}.StatisticValues.Maximum`),
  };
}

function finite(value: unknown, at: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${at}: must be a finite number, got ${String(value)}`);
  return value;
}
