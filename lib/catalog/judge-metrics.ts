/**
 * The metrics the judge Lambda publishes with PutMetricData, in the agent's namespace with
 * the dimension `service`. The judge, the alarms and the dashboard import them from here.
 *
 * This module has no dependencies so that Lambda bundles can import it cheaply.
 */
import { METRICS, type MetricSpec } from './metrics';

export const JUDGE_METRICS = {
  /** The judge score in [0, 1] of one sampled response, timestamped at the response's time. */
  qualityScore: METRICS.qualityScore,
  qualityDrift: {
    name: 'agent.quality.drift',
    unit: 'None',
    description: '1 while the recent window of scores drifts from the baseline, else 0',
  },
  evaluations: { name: 'agent.judge.evaluations', unit: 'Count', description: 'samples scored by the judge' },
  failures: {
    name: 'agent.judge.failures',
    unit: 'Count',
    description: 'samples the judge could not score (each failed attempt)',
  },
  backlog: { name: 'agent.judge.backlog', unit: 'Count', description: 'samples pending scoring' },
  oldestPendingAgeSeconds: {
    name: 'agent.judge.oldest_pending_age_seconds',
    unit: 'Seconds',
    description: 'age of the oldest sample pending scoring',
  },
  costUsd: { name: 'agent.judge.cost.usd', unit: 'None', description: 'judge LLM cost in USD' },
} as const satisfies Record<string, MetricSpec>;

export type JudgeMetricKey = keyof typeof JUDGE_METRICS;
