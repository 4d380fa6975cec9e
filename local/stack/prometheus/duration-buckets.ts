import { LATENCY_TIERS, tierTimeouts, type LatencyTier } from '../../../lib/catalog/latency-tiers';

/** Bucket bounds below one second (Prometheus's own defaults), for fast replies and quick failures. */
export const SUB_SECOND_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/**
 * The upper bounds (seconds) of the request duration histograms: the sub-second bounds, every
 * latency tier's P50, P95 and P99 target, and every tier's request deadline, so that
 * `histogram_quantile` is exact at each target the latency alarms watch, whatever the tier.
 *
 * @example
 * durationBuckets(); // [0.005, 0.01, …, 1, 2, 5, 10, 25, 30, 60, 90, 120, 300, 450, 600, 840]
 */
export function durationBuckets(): number[] {
  const tiers = Object.keys(LATENCY_TIERS) as LatencyTier[];
  const targets = tiers.flatMap((tier) => [LATENCY_TIERS[tier].p50, LATENCY_TIERS[tier].p95, LATENCY_TIERS[tier].p99, tierTimeouts(tier).deadlineSeconds]);
  return [...new Set([...SUB_SECOND_BUCKETS, ...targets])].sort((a, b) => a - b);
}
