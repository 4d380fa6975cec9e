/** Helpers for renderers that evaluate or translate the definition's queries themselves. */
import type { DashboardDefinition, DashboardPanel, DashboardQuery } from './types';

/**
 * The expression with every `PERIOD(id)` replaced by the query's period in seconds, for an
 * evaluator without PERIOD (the local one): `requests / (PERIOD(requests) / 60)` at 300 s
 * becomes `requests / (300 / 60)`.
 */
export function resolvePeriods(expression: string, periodSeconds: number): string {
  return expression.replace(/PERIOD\(\s*[a-z][A-Za-z0-9_]*\s*\)/g, String(periodSeconds));
}

/**
 * `SEARCH('{"ns","service","tool"} MetricName="agent.tools.calls" service="agent"', 'Sum', 300)`:
 * the CloudWatch search expression of a search query (names in double quotes, as search needs
 * for names with characters other than letters and digits and for exact value matches).
 */
export function searchExpression(query: Extract<DashboardQuery, { kind: 'search' }>): string {
  const schema = `{${[query.namespace, ...Object.keys(query.dimensions), query.groupBy].map(quoted).join(',')}}`;
  const terms = [`MetricName=${quoted(query.metric.name)}`, ...Object.entries(query.dimensions).map(([name, value]) => `${name}=${quoted(value)}`)];
  return `SEARCH('${schema} ${terms.join(' ')}', '${query.statistic}', ${query.periodSeconds})`;
}

/** The CloudWatch dynamic label of a search query's lines: the prefix and the groupBy value. */
export function searchLabel(query: Extract<DashboardQuery, { kind: 'search' }>): string {
  return `${query.labelPrefix ?? ''}\${PROP('Dim.${query.groupBy}')}`;
}

/** Every panel of the definition, top to bottom and left to right. */
export function panelsOf(definition: DashboardDefinition): DashboardPanel[] {
  return definition.rows.flatMap((row) => row.panels);
}

function quoted(name: string): string {
  return `"${name}"`;
}
