import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { MetricAlarmDefinition, MetricRef } from '../../catalog/alarms';

/**
 * A catalog metric as a CloudWatch metric. No unit is set: an alarm's Unit filters the
 * datapoints it reads, and a publisher's unit must never be able to blind an alarm.
 */
export function cloudWatchMetric(ref: MetricRef, periodSeconds: number): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: ref.namespace,
    metricName: ref.metric.name,
    dimensionsMap: { ...ref.dimensions },
    statistic: ref.statistic,
    period: Duration.seconds(periodSeconds),
  });
}

/** What a metric alarm watches: its single metric, or its math over several (all at its period). */
export function alarmMetric(definition: MetricAlarmDefinition): cloudwatch.IMetric {
  if (definition.metric) return cloudWatchMetric(definition.metric, definition.periodSeconds);
  if (!definition.math) throw new Error(`alarm ${definition.id} has neither a metric nor math`);
  const usingMetrics: Record<string, cloudwatch.IMetric> = {};
  for (const [id, ref] of Object.entries(definition.math.metrics)) usingMetrics[id] = cloudWatchMetric(ref, definition.periodSeconds);
  return new cloudwatch.MathExpression({
    expression: definition.math.expression,
    label: definition.math.label,
    period: Duration.seconds(definition.periodSeconds),
    usingMetrics,
  });
}
