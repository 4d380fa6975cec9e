/**
 * The agent's metrics as CloudWatch dashboard metrics: one metric of the `service` dimension
 * set, or a SEARCH over a `service, <dimension>` set that draws one line per value (a new tool,
 * model or error category appears without a deploy). Names come from the catalog only.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { DIMENSIONS, type MetricSpec } from '../../catalog/metrics';

/** Where the agent's metrics live: the namespace and the `service` dimension value. */
export interface MetricSource {
  readonly namespace: string;
  readonly serviceName: string;
}

export interface ServiceMetricOptions {
  readonly label?: string;
  readonly color?: string;
  /** Dimensions beyond `service` (e.g. one error category). @default none */
  readonly dimensions?: Readonly<Record<string, string>>;
}

/** One metric with the `service` dimension (plus any given), e.g. requests of the whole agent. */
export function serviceMetric(
  source: MetricSource,
  spec: MetricSpec,
  statistic: string,
  period: Duration,
  options: ServiceMetricOptions = {},
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: source.namespace,
    metricName: spec.name,
    dimensionsMap: { [DIMENSIONS.service]: source.serviceName, ...options.dimensions },
    statistic,
    period,
    label: options.label,
    color: options.color,
  });
}

/**
 * `SEARCH('{"ns","service","tool"} MetricName="agent.tools.calls" service="agent"', 'Sum', 300)`:
 * every metric of the `service, <dimension>` set for this service, one line per dimension
 * value, labelled with that value.
 */
export function searchByDimension(
  source: MetricSource,
  spec: MetricSpec,
  dimension: string,
  statistic: string,
  period: Duration,
  labelPrefix = '',
): cloudwatch.SearchExpression {
  const seconds = period.toSeconds();
  const schema = `{${[source.namespace, DIMENSIONS.service, dimension].map(quoted).join(',')}}`;
  const terms = `MetricName=${quoted(spec.name)} ${DIMENSIONS.service}=${quoted(source.serviceName)}`;
  return new cloudwatch.SearchExpression({
    expression: `SEARCH('${schema} ${terms}', '${statistic}', ${seconds})`,
    label: `${labelPrefix}\${PROP('Dim.${dimension}')}`,
    period,
  });
}

/**
 * A name in double quotes, as search expressions need for names with characters other than
 * letters and digits (`error_category`, `agent.tools.calls`) and for exact value matches.
 */
function quoted(name: string): string {
  if (/["'\\]/.test(name)) throw new Error(`a dashboard search cannot use the name ${JSON.stringify(name)}: it contains a quote or a backslash`);
  return `"${name}"`;
}

export const PERIODS = {
  minute: Duration.minutes(1),
  fiveMinutes: Duration.minutes(5),
  fifteenMinutes: Duration.minutes(15),
  hour: Duration.hours(1),
} as const;

/** Colours shared by every widget, so that a colour means one thing on the whole dashboard. */
export const COLORS = {
  requests: '#1f77b4',
  errors: '#d62728',
  warning: '#ff7f0e',
  good: '#2ca02c',
  neutral: '#7f7f7f',
  purple: '#9467bd',
} as const;
