import { JUDGE_METRICS } from '../../../lib/catalog/judge-metrics';
import { AWS_LAMBDA_METRICS, AWS_SQS_METRICS } from '../../../lib/catalog/alarms';
import { LATENCY_TIERS, tierTimeouts, type LatencyTier } from '../../../lib/catalog/latency-tiers';
import { METRICS } from '../../../lib/catalog/metrics';
import { LEFT_OUT, PROMETHEUS_MAPPINGS } from '../../../local/stack/prometheus/catalog-mapping';
import { durationBuckets } from '../../../local/stack/prometheus/duration-buckets';
import { prometheusName } from '../../../local/stack/prometheus/names';

const CATALOG = [...Object.values(METRICS), ...Object.values(JUDGE_METRICS), ...Object.values(AWS_LAMBDA_METRICS), ...Object.values(AWS_SQS_METRICS)];
const families = [...new Map(PROMETHEUS_MAPPINGS.map(({ family }) => [family.name, family])).values()];

describe('the catalog in Prometheus names', () => {
  it('exports every catalog metric, or leaves it out with a reason, never both', () => {
    // Prepare
    const exported = new Set(PROMETHEUS_MAPPINGS.map((mapping) => mapping.spec.name));

    // Assess
    const unaccounted = CATALOG.filter((spec) => !exported.has(spec.name) && !(spec.name in LEFT_OUT)).map((spec) => spec.name);
    expect(unaccounted).toEqual([]);
    expect(Object.keys(LEFT_OUT).filter((name) => exported.has(name))).toEqual([]);
    for (const reason of Object.values(LEFT_OUT)) expect(reason.length).toBeGreaterThan(20);
  });

  it('follows the Prometheus naming conventions: snake case, counters end _total, durations in seconds', () => {
    // Assess
    for (const family of families) {
      expect(family.name).toMatch(/^[a-z][a-z0-9_]*$/);
      if (family.type === 'counter') expect(family.name).toMatch(/_total$/);
      else expect(family.name).not.toMatch(/_total$/);
      if (family.type === 'histogram') expect(family.name).toMatch(/_seconds$/);
      for (const label of family.labelNames) expect(label).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });

  it('gives the request metrics the names a Prometheus user expects, labelled by model, error category and tool', () => {
    // Prepare
    const byName = new Map(families.map((family) => [family.name, family]));

    // Assess
    expect(byName.get('agent_requests_total')?.labelNames).toEqual(['service', 'model']);
    expect(byName.get('agent_errors_total')?.labelNames).toEqual(['service', 'model', 'error_category']);
    expect(byName.get('agent_tool_calls_total')?.labelNames).toEqual(['service', 'tool']);
    expect(byName.get('agent_tokens_total')?.labelNames).toEqual(['service', 'model', 'kind']);
    expect(byName.get('agent_cost_usd_total')?.labelNames).toEqual(['service', 'model']);
    expect(byName.get('agent_request_duration_seconds')).toMatchObject({ type: 'histogram', scale: 1 });
    expect(byName.get('aws_lambda_duration_seconds')).toMatchObject({ type: 'histogram', scale: 0.001, labelNames: ['function_name'] });
    expect(byName.get('agent_budget_utilization_ratio')).toMatchObject({ type: 'gauge', scale: 0.01, help: expect.stringContaining('as a ratio (1 = 100 %)') });
    expect(byName.get('aws_lambda_duration_seconds')?.help).toMatch(/, in seconds$/);
  });

  it('derives names from the catalog: prefix, snake case, unit suffix, _total for counters', () => {
    // Assess
    expect(prometheusName(METRICS.coldStart, 'counter', 'agent_')).toBe('agent_cold_start_total');
    expect(prometheusName(JUDGE_METRICS.oldestPendingAgeSeconds, 'gauge', 'agent_')).toBe('agent_judge_oldest_pending_age_seconds');
    expect(prometheusName(AWS_LAMBDA_METRICS.concurrentExecutions, 'gauge', 'aws_lambda_')).toBe('aws_lambda_concurrent_executions');
  });

  it('never maps two catalog metrics to one series: members of one family differ in a fixed label', () => {
    // Prepare
    const seen = new Set<string>();

    // Assess
    for (const mapping of PROMETHEUS_MAPPINGS) {
      const key = `${mapping.family.name}${JSON.stringify(mapping.fixedLabels ?? {})}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  });
});

describe('the request duration buckets', () => {
  it('has a bound at every latency tier target and deadline, ascending, below one second too', () => {
    // Prepare
    const buckets = durationBuckets();
    const tiers = Object.keys(LATENCY_TIERS) as LatencyTier[];

    // Assess
    for (const tier of tiers) {
      for (const target of [LATENCY_TIERS[tier].p50, LATENCY_TIERS[tier].p95, LATENCY_TIERS[tier].p99, tierTimeouts(tier).deadlineSeconds]) {
        expect(buckets).toContain(target);
      }
    }
    expect([...buckets].sort((a, b) => a - b)).toEqual(buckets);
    expect(new Set(buckets).size).toBe(buckets.length);
    expect(buckets.filter((bound) => bound < 1).length).toBeGreaterThanOrEqual(5);
  });
});
