/**
 * The definition's queries as CloudWatch dashboard metrics: a plain metric, a SEARCH over a
 * dimension set (one line per value), or metric math over metrics that are read, not drawn.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { searchExpression, searchLabel, type DashboardQuery, type MetricRef } from '../../catalog/dashboard';

/** The CloudWatch form of one query of the dashboard definition. */
export function cloudWatchMetric(query: DashboardQuery): cloudwatch.IMetric {
  const period = Duration.seconds(query.periodSeconds);
  switch (query.kind) {
    case 'metric':
      return metricOf(query, period, query);
    case 'search':
      return new cloudwatch.SearchExpression({ expression: searchExpression(query), label: searchLabel(query), period, color: query.color });
    case 'expression':
      return new cloudwatch.MathExpression({
        expression: query.expression,
        usingMetrics: Object.fromEntries(Object.entries(query.metrics).map(([id, ref]) => [id, metricOf(ref, period)])),
        label: query.label,
        period,
        color: query.color,
      });
  }
}

function metricOf(ref: MetricRef, period: Duration, presentation: { readonly label?: string; readonly color?: string } = {}): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: ref.namespace,
    metricName: ref.metric.name,
    dimensionsMap: { ...ref.dimensions },
    statistic: ref.statistic,
    period,
    label: presentation.label,
    color: presentation.color,
  });
}
