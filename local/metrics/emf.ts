/**
 * Reads CloudWatch Embedded Metric Format documents the way CloudWatch Logs extracts them:
 * every directive of `_aws.CloudWatchMetrics` publishes each of its metrics under each of its
 * dimension sets, with the values and dimension values taken from the document's root.
 */
import { EMF_ROOT_KEY } from './constants';
import { dimensionsKey } from './series-key';

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
 * Calls `visit` for every datapoint of an EMF document and returns how many there were.
 * Directives, dimension sets or values that CloudWatch would reject (no namespace, a
 * dimension missing from the root, a non-numeric value) are skipped, not thrown.
 */
export function forEachEmfDatapoint(document: Json, visit: DatapointVisitor): number {
  const aws = document._aws as Json;
  const timestamp = Number(aws.Timestamp);
  if (!Number.isFinite(timestamp)) return 0;
  let added = 0;
  for (const directive of aws.CloudWatchMetrics as unknown[]) {
    if (!isObject(directive) || typeof directive.Namespace !== 'string' || !Array.isArray(directive.Metrics)) continue;
    const dimensionSets = resolvedDimensionSets(document, directive.Dimensions);
    for (const definition of directive.Metrics) {
      if (!isObject(definition) || typeof definition.Name !== 'string') continue;
      const values = numericValues(document[definition.Name]);
      const unit = typeof definition.Unit === 'string' ? definition.Unit : undefined;
      for (const { dimensions, key: dimensionKey } of dimensionSets) {
        for (const value of values) {
          visit({ namespace: directive.Namespace, metricName: definition.Name, dimensions, dimensionKey, timestamp, value, unit });
          added++;
        }
      }
    }
  }
  return added;
}

/** Each dimension set with its values from the root; a set naming an absent key is dropped. */
function resolvedDimensionSets(document: Json, sets: unknown): { dimensions: Record<string, string>; key: string }[] {
  if (!Array.isArray(sets)) return [];
  const resolved: { dimensions: Record<string, string>; key: string }[] = [];
  for (const set of sets) {
    if (!Array.isArray(set)) continue;
    const dimensions: Record<string, string> = {};
    let complete = true;
    for (const key of set) {
      const value = typeof key === 'string' ? document[key] : undefined;
      if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) dimensions[key] = String(value);
      else complete = false;
    }
    if (complete) resolved.push({ dimensions, key: dimensionsKey(dimensions) });
  }
  return resolved;
}

function numericValues(value: unknown): number[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [value] : [];
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is number => typeof item === 'number' && Number.isFinite(item));
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
