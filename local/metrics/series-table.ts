import type { SeriesBuffer } from './series-buffer';
import type { SeriesIdentity } from './series-key';

/** A series of the store: its identity, its buckets, and the unit it was last published with. */
export interface StoredSeries {
  readonly identity: SeriesIdentity;
  readonly buffer: SeriesBuffer;
  readonly group: SeriesGroup;
  unit?: string;
}

/**
 * The series of one namespace and one dimension set (with its values), by metric name: what
 * one dimension set of an EMF directive publishes to, found once per document.
 */
export interface SeriesGroup {
  readonly namespace: string;
  /** `dimensionsKey(dimensions)`. */
  readonly dimensionKey: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly byMetric: Map<string, StoredSeries>;
}

/**
 * The series a MetricStore holds, found by namespace, then dimension set, then metric name
 * (no key string built per datapoint), and listed in the order they were created.
 *
 * @example
 * const table = new SeriesTable((metricName) => new SeriesBuffer(1441, false));
 * const group = table.group('AgentMonitoring', dimensionsKey({ service: 'agent' }), { service: 'agent' });
 * table.seriesIn(group, 'agent.requests.total').buffer.add(minute, 1);
 */
export class SeriesTable {
  readonly #namespaces = new Map<string, Map<string, SeriesGroup>>();
  readonly #created = new Set<StoredSeries>();
  readonly #newBuffer: (metricName: string) => SeriesBuffer;

  /** `newBuffer` makes the buckets of a series when it is first written. */
  constructor(newBuffer: (metricName: string) => SeriesBuffer) {
    this.#newBuffer = newBuffer;
  }

  /** The group of a namespace and dimension set, created (empty) if new; `dimensions` is copied. */
  group(namespace: string, dimensionKey: string, dimensions: Readonly<Record<string, string>>): SeriesGroup {
    let groups = this.#namespaces.get(namespace);
    if (!groups) this.#namespaces.set(namespace, (groups = new Map()));
    let group = groups.get(dimensionKey);
    if (!group) groups.set(dimensionKey, (group = { namespace, dimensionKey, dimensions: { ...dimensions }, byMetric: new Map() }));
    return group;
  }

  /** The series of `metricName` in `group`, created if new. */
  seriesIn(group: SeriesGroup, metricName: string): StoredSeries {
    return group.byMetric.get(metricName) ?? this.#create(group, metricName);
  }

  /** The series of an identity, if held. */
  find(namespace: string, metricName: string, dimensionKey: string): StoredSeries | undefined {
    return this.#namespaces.get(namespace)?.get(dimensionKey)?.byMetric.get(metricName);
  }

  /** Every series, oldest first. */
  values(): IterableIterator<StoredSeries> {
    return this.#created.values();
  }

  /** Forgets `series`, and its group and namespace when they hold nothing else. */
  delete(series: StoredSeries): void {
    const { group } = series;
    this.#created.delete(series);
    group.byMetric.delete(series.identity.metricName);
    this.#dropIfEmpty(group);
  }

  #create(group: SeriesGroup, metricName: string): StoredSeries {
    const identity = { namespace: group.namespace, metricName, dimensions: { ...group.dimensions } };
    const series: StoredSeries = { identity, buffer: this.#newBuffer(metricName), group };
    group.byMetric.set(metricName, series);
    this.#created.add(series);
    return series;
  }

  #dropIfEmpty(group: SeriesGroup): void {
    if (group.byMetric.size > 0) return;
    const groups = this.#namespaces.get(group.namespace);
    if (groups?.get(group.dimensionKey) !== group) return;
    groups.delete(group.dimensionKey);
    if (groups.size === 0) this.#namespaces.delete(group.namespace);
  }
}
