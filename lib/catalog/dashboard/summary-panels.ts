/** The top row: request rate, error rate, P95 latency and cost per hour, as single values. */
import { FAILED_REQUESTS, SERVED_REQUESTS } from '../alarms/request-alarms';
import { METRICS } from '../metrics';
import { DASHBOARD_COLORS as COLORS, PERIOD_SECONDS as PERIODS, expressionQuery, serviceQuery, serviceRef, type MetricSource } from './queries';
import type { DashboardQuery, PanelUnit, SingleValuePanel } from './types';

const WIDTH = 6;
const HEIGHT = 4;

export function summaryPanels(source: MetricSource): SingleValuePanel[] {
  return [requestRate(source), errorRate(source), p95Latency(source), costPerHour(source)];
}

function requestRate(source: MetricSource): SingleValuePanel {
  const query = expressionQuery('request_rate', 'requests / (PERIOD(requests) / 60)', { requests: serviceRef(source, METRICS.requests, 'Sum') }, PERIODS.fiveMinutes, {
    label: 'Requests per minute (5-minute average)',
    color: COLORS.requests,
  });
  return single('request-rate', 'Request rate', 'Requests per minute, averaged over the last 5 minutes.', query, 'requests-per-minute');
}

/**
 * Failed requests in percent of requests over the last 5 minutes, as the error-rate alarm
 * counts them: client errors (invalid_input, budget_exceeded) are neither failures nor
 * requests. The errors and client errors are absent (not 0) in a period without failures,
 * hence FILL; at zero traffic `requests` has no datapoint, so the rate has none either.
 */
function errorRate(source: MetricSource): SingleValuePanel {
  const query = expressionQuery(
    'error_rate',
    `100 * ${FAILED_REQUESTS} / ${SERVED_REQUESTS}`,
    {
      requests: serviceRef(source, METRICS.requests, 'Sum'),
      errors: serviceRef(source, METRICS.errors, 'Sum'),
      client_errors: serviceRef(source, METRICS.clientErrors, 'Sum'),
    },
    PERIODS.fiveMinutes,
    { label: 'Error rate % (client errors left out, as the error-rate alarm)', color: COLORS.errors },
  );
  return single('error-rate', 'Error rate', 'Failed requests in percent of requests over 5 minutes; client errors count as neither, as in the error-rate alarm.', query, 'percent');
}

function p95Latency(source: MetricSource): SingleValuePanel {
  const query = serviceQuery('p95', source, METRICS.duration, 'p95', PERIODS.fiveMinutes, { label: 'P95 latency (s, 5 minutes)', color: COLORS.warning });
  return single('p95-latency', 'P95 latency', 'The 95th percentile of request duration over 5 minutes.', query, 'seconds');
}

function costPerHour(source: MetricSource): SingleValuePanel {
  const query = serviceQuery('cost', source, METRICS.costUsd, 'Sum', PERIODS.hour, { label: 'LLM cost (USD, this hour)', color: COLORS.purple });
  return single('cost-per-hour', 'Cost per hour', 'LLM spend in USD over the last hour, priced from the pricing table.', query, 'usd');
}

function single(id: string, title: string, description: string, query: DashboardQuery, unit: PanelUnit): SingleValuePanel {
  return { id, title, description, view: 'single-value', queries: [query], unit, width: WIDTH, height: HEIGHT };
}
