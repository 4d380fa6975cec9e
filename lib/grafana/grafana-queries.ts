/**
 * The definition's queries as queries of Grafana's CloudWatch data source: a metric in Builder
 * mode, a SEARCH expression in Code mode for a by-dimension query, and metric math in Code mode
 * over hidden Builder queries (hidden queries are still sent, so the expression can name them).
 */
import { searchExpression, searchLabel, type DashboardQuery, type MetricRef } from '../catalog/dashboard';
import { CLOUDWATCH_DATASOURCE, REGION_VARIABLE, type CloudWatchQueryJson } from './grafana-json';

const SEARCH = 0;
const BUILDER = 0;
const CODE = 1;

/** The queries of one panel, refIds A, B, C... in order; the expressions' metrics follow, hidden. */
export function grafanaTargets(panelId: string, queries: readonly DashboardQuery[]): CloudWatchQueryJson[] {
  const drawn = queries.map(drawnTarget);
  const hidden = new Map<string, CloudWatchQueryJson>();
  for (const query of queries) {
    if (query.kind !== 'expression') continue;
    for (const [id, ref] of Object.entries(query.metrics)) {
      if (queries.some((other) => other.id === id)) throw new Error(`dashboard panel ${panelId}: the expression ${query.id} names the metric id ${id}, which another query of the panel also uses`);
      const target = { ...metricTarget(id, ref, query.periodSeconds), hide: true };
      const known = hidden.get(id);
      if (known && JSON.stringify(known) !== JSON.stringify(target)) throw new Error(`dashboard panel ${panelId}: the metric id ${id} names two different metrics`);
      hidden.set(id, target);
    }
  }
  return [...drawn, ...hidden.values()].map((target, index) => ({ ...target, refId: refId(index) }));
}

function drawnTarget(query: DashboardQuery): CloudWatchQueryJson {
  switch (query.kind) {
    case 'metric':
      return { ...metricTarget(query.id, query, query.periodSeconds), label: query.label ?? '' };
    case 'search':
      return codeTarget(query.id, searchExpression(query), searchLabel(query), query.periodSeconds);
    case 'expression':
      return codeTarget(query.id, query.expression, query.label ?? '', query.periodSeconds);
  }
}

function metricTarget(id: string, ref: MetricRef, periodSeconds: number): CloudWatchQueryJson {
  return {
    refId: '',
    datasource: CLOUDWATCH_DATASOURCE,
    queryMode: 'Metrics',
    metricQueryType: SEARCH,
    metricEditorMode: BUILDER,
    id,
    region: REGION_VARIABLE,
    namespace: ref.namespace,
    metricName: ref.metric.name,
    dimensions: { ...ref.dimensions },
    matchExact: true,
    statistic: ref.statistic,
    period: String(periodSeconds),
    expression: '',
  };
}

function codeTarget(id: string, expression: string, label: string, periodSeconds: number): CloudWatchQueryJson {
  return {
    refId: '',
    datasource: CLOUDWATCH_DATASOURCE,
    queryMode: 'Metrics',
    metricQueryType: SEARCH,
    metricEditorMode: CODE,
    id,
    region: REGION_VARIABLE,
    namespace: '',
    expression,
    label,
    period: String(periodSeconds),
  };
}

function refId(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : `Q${index}`;
}
