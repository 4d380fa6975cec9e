/** Small builders of dashboard queries over the agent's metrics, and the shared palette. */
import { DIMENSIONS, type MetricSpec } from '../metrics';
import type { ExpressionQuery, MetricQuery, MetricRef, SearchQuery, Statistic } from './types';

/** Where the agent's metrics live: the namespace and the `service` dimension value. */
export interface MetricSource {
  readonly namespace: string;
  readonly serviceName: string;
}

/** Seconds per datapoint used by the panels. */
export const PERIOD_SECONDS = { minute: 60, fiveMinutes: 300, fifteenMinutes: 900, hour: 3600 } as const;

/** Colours shared by every panel, so that a colour means one thing on the whole dashboard. */
export const DASHBOARD_COLORS = {
  requests: '#1f77b4',
  errors: '#d62728',
  warning: '#ff7f0e',
  good: '#2ca02c',
  neutral: '#7f7f7f',
  purple: '#9467bd',
} as const;

type Presentation = Pick<MetricQuery, 'label' | 'color' | 'axis'>;

/** One metric of the agent with the `service` dimension (plus `dimensions`), as a MetricRef. */
export function serviceRef(source: MetricSource, metric: MetricSpec, statistic: Statistic, dimensions: Readonly<Record<string, string>> = {}): MetricRef {
  return { namespace: source.namespace, metric, statistic, dimensions: { [DIMENSIONS.service]: source.serviceName, ...dimensions } };
}

/** A drawn metric query of the agent's `service` dimension set. */
export function serviceQuery(
  id: string,
  source: MetricSource,
  metric: MetricSpec,
  statistic: Statistic,
  periodSeconds: number,
  presentation: Presentation = {},
): MetricQuery {
  return { kind: 'metric', id, ...serviceRef(source, metric, statistic), periodSeconds, ...presentation };
}

/** A drawn metric query of any namespace (e.g. `AWS/Lambda`) with the given dimensions. */
export function metricQuery(id: string, ref: MetricRef, periodSeconds: number, presentation: Presentation = {}): MetricQuery {
  return { kind: 'metric', id, ...ref, periodSeconds, ...presentation };
}

/** One line per value of `groupBy` over the `service, <groupBy>` dimension set. */
export function searchQuery(
  id: string,
  source: MetricSource,
  metric: MetricSpec,
  groupBy: string,
  statistic: Statistic,
  periodSeconds: number,
  presentation: Presentation & { readonly labelPrefix?: string } = {},
): SearchQuery {
  for (const name of [source.namespace, source.serviceName, metric.name, groupBy]) searchableName(name);
  return {
    kind: 'search',
    id,
    namespace: source.namespace,
    metric,
    statistic,
    dimensions: { [DIMENSIONS.service]: source.serviceName },
    groupBy,
    periodSeconds,
    ...presentation,
  };
}

/** Metric math over `metrics`, all read at `periodSeconds`. */
export function expressionQuery(
  id: string,
  expression: string,
  metrics: Readonly<Record<string, MetricRef>>,
  periodSeconds: number,
  presentation: Presentation & { readonly label: string },
): ExpressionQuery {
  return { kind: 'expression', id, expression, metrics, periodSeconds, ...presentation };
}

/**
 * A search expression quotes every name in double quotes; a quote or backslash in a name
 * would break out of it, so such a name is refused.
 */
function searchableName(name: string): void {
  if (/["'\\]/.test(name)) throw new Error(`a dashboard search cannot use the name ${JSON.stringify(name)}: it contains a quote or a backslash`);
}
