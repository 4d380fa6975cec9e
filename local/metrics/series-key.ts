/** The identity of a series: namespace, metric name and the exact dimension set with its values. */

/** What identifies one series (CloudWatch: a metric is its namespace, name and full dimension set). */
export interface SeriesIdentity {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

const FIELD = '\u0001';
const PAIR = '\u0002';

/** A canonical key for a dimension set: names sorted, so their order never matters. */
export function dimensionsKey(dimensions: Readonly<Record<string, string>>): string {
  const names = Object.keys(dimensions);
  if (names.length > 1) names.sort();
  let key = '';
  for (const name of names) key += `${name}=${dimensions[name]}${PAIR}`;
  return key;
}

/** The store's key of a series, from its parts (`dimensions` as `dimensionsKey` writes it). */
export function seriesKey(namespace: string, metricName: string, dimensionKey: string): string {
  return `${namespace}${FIELD}${metricName}${FIELD}${dimensionKey}`;
}
