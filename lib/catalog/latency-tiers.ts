/**
 * The latency budget table: P50/P95/P99 targets in seconds per kind of agent. The latency
 * alarms and the dashboard's threshold lines come from here.
 */
export const LATENCY_TIERS = {
  'real-time-chat': { p50: 2, p95: 5, p99: 10, description: 'a person waits for each reply' },
  'document-analysis': { p50: 10, p95: 30, p99: 60, description: 'long documents, a person waits for a result' },
  'batch-processing': { p50: 30, p95: 120, p99: 300, description: 'queued work, no one waits on a single item' },
  'background-agent': { p50: 60, p95: 300, p99: 600, description: 'autonomous multi-step work' },
} as const;

export type LatencyTier = keyof typeof LATENCY_TIERS;

export function isLatencyTier(value: string): value is LatencyTier {
  return Object.hasOwn(LATENCY_TIERS, value);
}

/** How long the agent may take, derived from its tier, so that requests healthy for the tier never end as timeouts. */
export interface TierTimeouts {
  /** The agent's whole-request deadline (AGENT_DEADLINE_MS): 1.5 × the tier's P99, at least 25 s, at most 840 s. */
  readonly deadlineSeconds: number;
  /** One provider call (LLM_TIMEOUT_MS): the tier's P99, at least 20 s, never past the deadline. */
  readonly llmTimeoutSeconds: number;
  /** The Lambda timeout: the deadline plus 5 s to settle the budget and write the sample and metrics. */
  readonly functionTimeoutSeconds: number;
}

export function tierTimeouts(tier: LatencyTier): TierTimeouts {
  const { p99 } = LATENCY_TIERS[tier];
  const deadlineSeconds = Math.min(840, Math.max(25, Math.ceil(1.5 * p99)));
  return {
    deadlineSeconds,
    llmTimeoutSeconds: Math.min(deadlineSeconds, Math.max(20, p99)),
    functionTimeoutSeconds: deadlineSeconds + 5,
  };
}
