/** The identity of a series: namespace, metric name and the exact dimension set with its values. */

/** What identifies one series (CloudWatch: a metric is its namespace, name and full dimension set). */
export interface SeriesIdentity {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

const FIELD = '\u0001';
const PAIR = '\u0002';
/** CloudWatch allows 30 dimensions; below this many names an insertion sort beats `sort()`. */
const INSERTION_SORT_MAX = 16;

/** A canonical key for a dimension set: names sorted, so their order never matters. */
export function dimensionsKey(dimensions: Readonly<Record<string, string>>): string {
  const names = sortedNames(dimensions);
  let key = '';
  for (const name of names) key += `${name}=${dimensions[name]}${PAIR}`;
  return key;
}

/** The store's key of a series, from its parts (`dimensions` as `dimensionsKey` writes it). */
export function seriesKey(namespace: string, metricName: string, dimensionKey: string): string {
  return `${namespace}${FIELD}${metricName}${FIELD}${dimensionKey}`;
}

/** The names of a dimension set in the canonical order of `dimensionsKey`. */
export function sortedNames(dimensions: Readonly<Record<string, string>>): string[] {
  const names = Object.keys(dimensions);
  if (names.length > 1) sortNames(names);
  return names;
}

/** Sorts as `Array.prototype.sort` does (UTF-16 code units); in place, without its call overhead for the usual handful of names. */
function sortNames(names: string[]): void {
  if (names.length > INSERTION_SORT_MAX) {
    names.sort();
    return;
  }
  for (let i = 1; i < names.length; i++) {
    const name = names[i];
    let j = i - 1;
    for (; j >= 0 && names[j] > name; j--) names[j + 1] = names[j];
    names[j + 1] = name;
  }
}
