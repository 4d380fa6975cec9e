/**
 * Reads CloudWatch Embedded Metric Format documents the way CloudWatch Logs extracts them:
 * every directive of `_aws.CloudWatchMetrics` publishes each of its metrics under each of its
 * dimension sets, with the values and dimension values taken from the document's root.
 */
import { EMF_ROOT_KEY } from './constants';
import { dimensionsKey, sortedNames } from './series-key';

/** Receives one datapoint: a value of a metric under one dimension set. */
export type DatapointVisitor = (datapoint: {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  /** `dimensionsKey(dimensions)`, computed once per dimension set of the document. */
  readonly dimensionKey: string;
  readonly timestamp: number;
  readonly value: number;
  readonly unit?: string;
}) => void;

/** A dimension set of a directive, with its values from the document's root. */
export interface ResolvedDimensionSet {
  readonly dimensions: Readonly<Record<string, string>>;
  /** `sortedNames(dimensions)`: each name once, in the canonical order of `dimensionsKey`. */
  readonly names: readonly string[];
}

/**
 * Receives the datapoints of one EMF document without an object per datapoint: each dimension
 * set of a directive is announced once, at its first datapoint, and what `group` returns for
 * it comes back with each datapoint published under it.
 */
export interface EmfDatapointSink<Group> {
  group(namespace: string, set: ResolvedDimensionSet): Group;
  datapoint(group: Group, metricName: string, value: number, unit: string | undefined): void;
}

type Json = Record<string, unknown>;

/**
 * The JSON object of an EMF line, or undefined for anything else (log lines, JSON without
 * `_aws`, malformed JSON). Cheap on non-EMF lines: no parse unless `"_aws"` occurs.
 */
export function readEmfDocument(line: string): Json | undefined {
  const text = line.trim();
  if (!text.startsWith('{') || !text.includes(EMF_ROOT_KEY)) return undefined;
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(document) || !isObject(document._aws)) return undefined;
  return Array.isArray(document._aws.CloudWatchMetrics) ? document : undefined;
}

/**
 * The timestamp (epoch milliseconds) of a document from `readEmfDocument`, or undefined when
 * it is not a finite number: CloudWatch then publishes none of its datapoints.
 */
export function emfTimestamp(document: Json): number | undefined {
  const timestamp = Number((document._aws as Json).Timestamp);
  return Number.isFinite(timestamp) ? timestamp : undefined;
}

/**
 * Calls `visit` for every datapoint of an EMF document and returns how many there were.
 * Directives, dimension sets or values that CloudWatch would reject (no namespace, a
 * dimension missing from the root, a non-numeric value) are skipped, not thrown.
 */
export function forEachEmfDatapoint(document: Json, visit: DatapointVisitor): number {
  const timestamp = emfTimestamp(document);
  if (timestamp === undefined) return 0;
  return visitEmfDatapoints<{ namespace: string; dimensions: Readonly<Record<string, string>>; dimensionKey: string }>(document, {
    group: (namespace, { dimensions }) => ({ namespace, dimensions, dimensionKey: dimensionsKey(dimensions) }),
    datapoint: ({ namespace, dimensions, dimensionKey }, metricName, value, unit) => visit({ namespace, metricName, dimensions, dimensionKey, timestamp, value, unit }),
  });
}

/**
 * Hands `sink` every datapoint of a document from `readEmfDocument` whose `emfTimestamp` is
 * defined, in the order `forEachEmfDatapoint` visits them (directive, metric, dimension set,
 * value), skipping what CloudWatch would reject the same way; returns how many there were.
 */
export function visitEmfDatapoints<Group>(document: Json, sink: EmfDatapointSink<Group>): number {
  let added = 0;
  for (const directive of (document._aws as Json).CloudWatchMetrics as unknown[]) {
    if (!isObject(directive) || typeof directive.Namespace !== 'string' || !Array.isArray(directive.Metrics)) continue;
    const sets = resolvedDimensionSets(document, directive.Dimensions);
    if (sets.length > 0) added += visitDirective(document, directive.Namespace, directive.Metrics, sets, sink);
  }
  return added;
}

function visitDirective<Group>(document: Json, namespace: string, metrics: unknown[], sets: ResolvedDimensionSet[], sink: EmfDatapointSink<Group>): number {
  const groups: (Group | undefined)[] = [];
  let added = 0;
  for (const definition of metrics) {
    if (!isObject(definition) || typeof definition.Name !== 'string') continue;
    const metricName = definition.Name;
    const values = document[metricName];
    if (typeof values === 'number' ? !Number.isFinite(values) : !Array.isArray(values)) continue;
    const unit = typeof definition.Unit === 'string' ? definition.Unit : undefined;
    for (let index = 0; index < sets.length; index++) {
      if (typeof values === 'number') {
        sink.datapoint((groups[index] ??= sink.group(namespace, sets[index])), metricName, values, unit);
        added++;
        continue;
      }
      for (const value of values as unknown[]) {
        if (typeof value !== 'number' || !Number.isFinite(value)) continue;
        sink.datapoint((groups[index] ??= sink.group(namespace, sets[index])), metricName, value, unit);
        added++;
      }
    }
  }
  return added;
}

/** Each dimension set with its values from the root; a set naming an absent key is dropped. */
function resolvedDimensionSets(document: Json, sets: unknown): ResolvedDimensionSet[] {
  if (!Array.isArray(sets)) return [];
  const resolved: ResolvedDimensionSet[] = [];
  for (const set of sets) {
    if (!Array.isArray(set)) continue;
    const dimensions: Record<string, string> = {};
    let complete = true;
    for (const key of set) {
      const value = typeof key === 'string' ? document[key] : undefined;
      if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) dimensions[key] = String(value);
      else complete = false;
    }
    if (complete) resolved.push({ dimensions, names: sortedNames(dimensions) });
  }
  return resolved;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
