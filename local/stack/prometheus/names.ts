/**
 * Prometheus names from the catalog's CloudWatch names, by the Prometheus naming conventions
 * (https://prometheus.io/docs/practices/naming/): snake_case, base units (seconds, ratios),
 * the unit as a suffix, and `_total` at the end of every counter.
 */
import type { MetricSpec } from '../../../lib/catalog/metrics';

/** The three kinds of Prometheus metric the local `/metrics` exports. */
export type PrometheusType = 'counter' | 'gauge' | 'histogram';

/** `ColdStart` → `cold_start`, `agent.tools.calls` → `agent_tools_calls`, `FunctionName` → `function_name`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}

/** The factor that turns a value of `unit` into the Prometheus base unit (milliseconds → seconds, percent → ratio). */
export function baseUnitScale(unit: MetricSpec['unit']): number {
  if (unit === 'Milliseconds') return 1 / 1000;
  if (unit === 'Percent') return 1 / 100;
  return 1;
}

const UNIT_SUFFIX: Partial<Record<MetricSpec['unit'], string>> = { Seconds: 'seconds', Milliseconds: 'seconds', Percent: 'ratio' };

/**
 * The Prometheus name of a catalog metric: `prefix` + its name in snake case, the base unit's
 * suffix unless the name already ends in it, and `_total` for a counter.
 *
 * @example
 * prometheusName(METRICS.requests, 'counter', 'agent_'); // 'agent_requests_total'
 * prometheusName(AWS_LAMBDA_METRICS.duration, 'histogram', 'aws_lambda_'); // 'aws_lambda_duration_seconds'
 */
export function prometheusName(spec: MetricSpec, type: PrometheusType, prefix: string): string {
  let name = snakeCase(spec.name);
  if (!name.startsWith(prefix)) name = `${prefix}${name}`;
  const suffix = UNIT_SUFFIX[spec.unit];
  if (suffix && !name.endsWith(`_${suffix}`)) name = `${name}_${suffix}`;
  if (type === 'counter' && !name.endsWith('_total')) name = `${name}_total`;
  return name;
}
