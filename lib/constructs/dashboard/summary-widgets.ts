/** The top row: request rate, error rate, P95 latency and cost per hour, as single values. */
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { FAILED_REQUESTS, SERVED_REQUESTS } from '../../catalog/alarms';
import { METRICS } from '../../catalog/metrics';
import { COLORS, PERIODS, serviceMetric, type MetricSource } from './dashboard-metrics';

const WIDTH = 6;
const HEIGHT = 4;

export function summaryWidgets(source: MetricSource): cloudwatch.IWidget[] {
  return [requestRate(source), errorRate(source), p95Latency(source), costPerHour(source)];
}

/** Requests per minute, averaged over the last 5 minutes. */
function requestRate(source: MetricSource): cloudwatch.IWidget {
  return single('Request rate', new cloudwatch.MathExpression({
    expression: 'requests / (PERIOD(requests) / 60)',
    usingMetrics: { requests: serviceMetric(source, METRICS.requests, 'Sum', PERIODS.fiveMinutes) },
    label: 'Requests per minute (5-minute average)',
    period: PERIODS.fiveMinutes,
    color: COLORS.requests,
  }));
}

/**
 * Failed requests in percent of requests over the last 5 minutes, as the error-rate alarm
 * counts them: client errors (invalid_input, budget_exceeded) are neither failures nor
 * requests. The errors and client errors are absent (not 0) in a period without failures,
 * hence FILL; at zero traffic `requests` has no datapoint, so the rate has none either.
 */
function errorRate(source: MetricSource): cloudwatch.IWidget {
  return single('Error rate', new cloudwatch.MathExpression({
    expression: `100 * ${FAILED_REQUESTS} / ${SERVED_REQUESTS}`,
    usingMetrics: {
      requests: serviceMetric(source, METRICS.requests, 'Sum', PERIODS.fiveMinutes),
      errors: serviceMetric(source, METRICS.errors, 'Sum', PERIODS.fiveMinutes),
      client_errors: serviceMetric(source, METRICS.clientErrors, 'Sum', PERIODS.fiveMinutes),
    },
    label: 'Error rate % (client errors left out, as the error-rate alarm)',
    period: PERIODS.fiveMinutes,
    color: COLORS.errors,
  }));
}

function p95Latency(source: MetricSource): cloudwatch.IWidget {
  return single('P95 latency', serviceMetric(source, METRICS.duration, 'p95', PERIODS.fiveMinutes, {
    label: 'P95 latency (s, 5 minutes)',
    color: COLORS.warning,
  }));
}

function costPerHour(source: MetricSource): cloudwatch.IWidget {
  return single('Cost per hour', serviceMetric(source, METRICS.costUsd, 'Sum', PERIODS.hour, {
    label: 'LLM cost (USD, this hour)',
    color: COLORS.purple,
  }));
}

function single(title: string, metric: cloudwatch.IMetric): cloudwatch.SingleValueWidget {
  return new cloudwatch.SingleValueWidget({ title, metrics: [metric], width: WIDTH, height: HEIGHT, sparkline: true });
}
