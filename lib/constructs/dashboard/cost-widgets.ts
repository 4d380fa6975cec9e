/** Money and usage: cost by model and tokens. */
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { DIMENSIONS, METRICS } from '../../catalog/metrics';
import { COLORS, PERIODS, searchByDimension, serviceMetric, type MetricSource } from './dashboard-metrics';

const HEIGHT = 6;

/** Hourly LLM spend per model, for every model the agent has used. */
export function costByModel(source: MetricSource, width = 12): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({
    title: 'LLM cost by model (USD per hour)',
    left: [searchByDimension(source, METRICS.costUsd, DIMENSIONS.model, 'Sum', PERIODS.hour)],
    leftYAxis: { min: 0, label: 'USD', showUnits: false },
    stacked: true,
    width,
    height: HEIGHT,
  });
}

export function tokenUsage(source: MetricSource, width = 12): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({
    title: 'Tokens (5 minutes)',
    left: [
      serviceMetric(source, METRICS.tokensPrompt, 'Sum', PERIODS.fiveMinutes, { label: 'Prompt tokens', color: COLORS.requests }),
      serviceMetric(source, METRICS.tokensCompletion, 'Sum', PERIODS.fiveMinutes, { label: 'Completion tokens', color: COLORS.purple }),
    ],
    leftYAxis: { min: 0, label: 'tokens', showUnits: false },
    stacked: true,
    width,
    height: HEIGHT,
  });
}
