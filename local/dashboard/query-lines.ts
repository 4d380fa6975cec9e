/**
 * The dashboard definition's queries answered by the local metric store: one line per metric
 * query, one per stored `groupBy` value for a search query, one per metric math expression
 * (evaluated by the local alarm evaluator's metric math, CloudWatch's semantics).
 */
import { resolvePeriods } from '../../lib/catalog/dashboard/expressions';
import type { Axis, DashboardQuery, MetricRef, SearchQuery } from '../../lib/catalog/dashboard/types';
import { compileMetricMath, evaluateMetricMath } from '../alarms';
import { alignedPeriodEnd, type MetricStore, type PeriodRange } from '../metrics';

/** One drawn line: a value per period from `start`, `null` where the period has no datapoint. */
export interface QueryLine {
  /** The query's id; for a search query `<id>:<groupBy value>`. */
  readonly key: string;
  readonly label: string;
  readonly color?: string;
  readonly axis: Axis;
  /** Epoch milliseconds: the start of the first period. */
  readonly start: number;
  readonly periodSeconds: number;
  readonly values: (number | null)[];
}

/**
 * The periods of `periodSeconds` covering the `rangeSeconds` before `now`, aligned to the epoch
 * as GetMetricData aligns them; the last one is the period in progress.
 */
export function queryRange(now: number, periodSeconds: number, rangeSeconds: number): PeriodRange {
  return { end: alignedPeriodEnd(now, periodSeconds), periodSeconds, count: Math.max(1, Math.ceil(rangeSeconds / periodSeconds)) };
}

/** The lines `query` draws over `rangeSeconds` before `now`. */
export function queryLines(store: MetricStore, query: DashboardQuery, now: number, rangeSeconds: number): QueryLine[] {
  const range = queryRange(now, query.periodSeconds, rangeSeconds);
  const line = (key: string, label: string, values: Float64Array): QueryLine => ({
    key,
    label,
    ...(query.color ? { color: query.color } : {}),
    axis: query.axis ?? 'left',
    start: range.end - range.count * range.periodSeconds * 1000,
    periodSeconds: range.periodSeconds,
    values: Array.from(values, (value) => (Number.isFinite(value) ? value : null)),
  });
  switch (query.kind) {
    case 'metric':
      return [line(query.id, query.label ?? `${query.metric.name} ${query.statistic}`, store.querySeries(query, range))];
    case 'expression':
      return [line(query.id, query.label ?? query.expression, expressionValues(store, query.expression, query.metrics, range))];
    case 'search':
      return searchValues(store, query).map((value) =>
        line(`${query.id}:${value}`, `${query.labelPrefix ?? ''}${value}`, store.querySeries(searchRef(query, value), range)),
      );
  }
}

/** A metric math expression over `metrics`, each read over `range`; `PERIOD(id)` is the range's period. */
export function expressionValues(store: MetricStore, expression: string, metrics: Readonly<Record<string, MetricRef>>, range: PeriodRange): Float64Array {
  const ids = Object.keys(metrics);
  const compiled = compileMetricMath(resolvePeriods(expression, range.periodSeconds), ids);
  const inputs = Object.fromEntries(ids.map((id) => [id, store.querySeries(metrics[id], range)]));
  return evaluateMetricMath(compiled, inputs);
}

/** The `groupBy` values the store holds a series of, for the query's fixed dimensions, sorted. */
export function searchValues(store: MetricStore, query: SearchQuery): string[] {
  const names = [...Object.keys(query.dimensions), query.groupBy].sort().join(',');
  const values = new Set<string>();
  for (const series of store.series()) {
    if (series.namespace !== query.namespace || series.metricName !== query.metric.name) continue;
    if (Object.keys(series.dimensions).sort().join(',') !== names) continue;
    if (Object.entries(query.dimensions).every(([name, value]) => series.dimensions[name] === value)) values.add(series.dimensions[query.groupBy]);
  }
  return [...values].sort();
}

/** The metric of one `groupBy` value of a search query. */
export function searchRef(query: SearchQuery, value: string): MetricRef {
  return { namespace: query.namespace, metric: query.metric, statistic: query.statistic, dimensions: { ...query.dimensions, [query.groupBy]: value } };
}

/** The metrics a query reads (a search query's fixed part only), e.g. to keep raw values for its percentiles. */
export function queryRefs(query: DashboardQuery): { readonly metricName: string; readonly statistic: string }[] {
  if (query.kind === 'expression') return Object.values(query.metrics).map((ref) => ({ metricName: ref.metric.name, statistic: ref.statistic }));
  return [{ metricName: query.metric.name, statistic: query.statistic }];
}
