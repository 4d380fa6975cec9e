import type { SeriesBuffer } from './series-buffer';
import { sortedNames, type SeriesIdentity } from './series-key';

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
  readonly dimensions: Readonly<Record<string, string>>;
  readonly byMetric: Map<string, StoredSeries>;
}

/** One step of the lookup: a namespace, then each dimension's name and value in `sortedNames` order. */
interface LookupNode {
  readonly next: Map<string, LookupNode>;
  group?: SeriesGroup;
}

/**
 * The series a MetricStore holds, found by namespace, then each dimension name and value (in
 * `sortedNames` order), then metric name, and listed in the order they were created. Every map
 * is keyed by a string as it arrived: no key is concatenated per lookup (a concatenated string
 * costs V8 a flattening before it can be hashed, about ten times a lookup by a flat string).
 *
 * @example
 * const table = new SeriesTable((metricName) => new SeriesBuffer(1441, false));
 * const dimensions = { service: 'agent' };
 * const group = table.group('AgentMonitoring', sortedNames(dimensions), dimensions);
 * table.seriesIn(group, 'agent.requests.total').buffer.add(minute, 1);
 */
export class SeriesTable {
  readonly #namespaces = new Map<string, LookupNode>();
  readonly #created = new Set<StoredSeries>();
  readonly #newBuffer: (metricName: string) => SeriesBuffer;

  /** `newBuffer` makes the buckets of a series when it is first written. */
  constructor(newBuffer: (metricName: string) => SeriesBuffer) {
    this.#newBuffer = newBuffer;
  }

  /** The group of a namespace and dimension set, created (empty) if new; `names` is `sortedNames(dimensions)`, `dimensions` is copied. */
  group(namespace: string, names: readonly string[], dimensions: Readonly<Record<string, string>>): SeriesGroup {
    let node = this.#namespaces.get(namespace);
    if (!node) this.#namespaces.set(namespace, (node = newNode()));
    for (const name of names) node = step(step(node, name), String(dimensions[name]));
    return (node.group ??= { namespace, dimensions: { ...dimensions }, byMetric: new Map() });
  }

  /** The series of `metricName` in `group`, created if new. */
  seriesIn(group: SeriesGroup, metricName: string): StoredSeries {
    return group.byMetric.get(metricName) ?? this.#create(group, metricName);
  }

  /** The series of an identity, if held. */
  find(namespace: string, metricName: string, dimensions: Readonly<Record<string, string>>): StoredSeries | undefined {
    let node = this.#namespaces.get(namespace);
    for (const name of sortedNames(dimensions)) node = node?.next.get(name)?.next.get(String(dimensions[name]));
    return node?.group?.byMetric.get(metricName);
  }

  /** Every series, oldest first. */
  values(): IterableIterator<StoredSeries> {
    return this.#created.values();
  }

  /** Forgets `series`, and its group and lookup steps when they lead to nothing else. */
  delete(series: StoredSeries): void {
    const { group } = series;
    this.#created.delete(series);
    group.byMetric.delete(series.identity.metricName);
    if (group.byMetric.size === 0) this.#forget(group);
  }

  #create(group: SeriesGroup, metricName: string): StoredSeries {
    const identity = { namespace: group.namespace, metricName, dimensions: { ...group.dimensions } };
    const series: StoredSeries = { identity, buffer: this.#newBuffer(metricName), group };
    group.byMetric.set(metricName, series);
    this.#created.add(series);
    return series;
  }

  #forget(group: SeriesGroup): void {
    const keys: string[] = [];
    for (const name of sortedNames(group.dimensions)) keys.push(name, String(group.dimensions[name]));
    const path: (LookupNode | undefined)[] = [this.#namespaces.get(group.namespace)];
    for (const key of keys) path.push(path[path.length - 1]?.next.get(key));
    const last = path[path.length - 1];
    if (last?.group !== group) return;
    last.group = undefined;
    for (let depth = keys.length; depth > 0 && isEmpty(path[depth]!); depth--) path[depth - 1]!.next.delete(keys[depth - 1]);
    if (isEmpty(path[0]!)) this.#namespaces.delete(group.namespace);
  }
}

function newNode(): LookupNode {
  return { next: new Map(), group: undefined };
}

function step(node: LookupNode, key: string): LookupNode {
  let next = node.next.get(key);
  if (!next) node.next.set(key, (next = newNode()));
  return next;
}

function isEmpty(node: LookupNode): boolean {
  return node.next.size === 0 && node.group === undefined;
}
