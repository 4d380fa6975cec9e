/**
 * A simulation scenario (issue 5): a base traffic profile, and phases that change it for a
 * span of minutes (errors, latency, quality, model, provider, request rate). Plain data, read from JSON.
 */
import type { ModelProvider } from '../../functions/shared/llm/provider-settings';

/** The request latency distribution: log-normal, from its median and its 95th percentile. */
export interface LatencySpec {
  /** Milliseconds, > 0. */
  readonly median: number;
  /** Milliseconds, ≥ median. */
  readonly p95: number;
}

/** The healthy traffic of a scenario. */
export interface TrafficProfile {
  /**
   * The provider the agent calls: OpenAI chat completions or Amazon Bedrock Converse (the
   * agent's AGENT_PROVIDER). @default 'openai'
   */
  readonly provider?: ModelProvider;
  /**
   * The model the provider answers as (priced from the pricing table); with Bedrock a Bedrock
   * model id. @default required with openai; 'amazon.nova-lite-v1:0' with bedrock
   */
  readonly model: string;
  /** Latency of a whole request (every model call of it together), as the wrapper measures it. */
  readonly latencyMs: LatencySpec;
  /** Mean prompt tokens of a request (all its model calls together). */
  readonly promptTokens: number;
  /** Mean completion tokens of a request. */
  readonly completionTokens: number;
  /** Mean `calculator` tool calls of a request (Poisson, at most AGENT_MAX_TOOL_ITERATIONS − 1). */
  readonly toolCallsPerRequest: number;
  /** Mean judge score of the answers, in [0, 1]. */
  readonly quality: number;
}

/**
 * The probability, per request, that it ends in each error category (after the SDK's retries);
 * the rest succeed. See `SIMULATED_ERROR_CATEGORIES` for what each one does.
 */
export type ErrorProbabilities = Readonly<Record<string, number>>;

/**
 * Faults around the handler, which the wrapper cannot see (issue 8): the share of invocations
 * that Lambda throttles (the handler never runs), that crash after the handler started (a
 * runtime crash, out of memory: no metrics written), that reach the function's timeout
 * (duration = the timeout, no metrics). Probabilities in [0, 1], summing to at most 1.
 */
export interface LambdaFaults {
  readonly crashes?: number;
  readonly throttles?: number;
  readonly timeouts?: number;
}

/** A span of minutes [fromMinute, toMinute) whose traffic differs from the profile. */
export interface Phase {
  readonly fromMinute: number;
  /** Exclusive, at most the scenario's duration. */
  readonly toMinute: number;
  /** @default no errors */
  readonly errors?: ErrorProbabilities;
  /** Multiplies every request's latency. @default 1 */
  readonly latencyMultiplier?: number;
  /** @default the profile's quality */
  readonly quality?: number;
  /** @default the profile's model (with another provider than the profile's, that provider's default model) */
  readonly model?: string;
  /** The provider the agent calls in this span (a redeploy with another AGENT_PROVIDER). @default the profile's provider */
  readonly provider?: ModelProvider;
  /** @default the scenario's rate */
  readonly requestsPerMinute?: number;
  /** Faults of the Lambda around the handler. @default none */
  readonly lambda?: LambdaFaults;
  /** Every invocation fails at initialization (a bad deploy): Lambda counts an error, no handler code runs. @default false */
  readonly initFailure?: boolean;
  /** The share of invocations that run normally but whose EMF never reaches CloudWatch. @default 0 */
  readonly metricsLost?: number;
}

/** A whole scenario, as `agent-monitor simulate --scenario <file>` reads it. */
export interface Scenario {
  readonly name: string;
  /** Whole minutes, 1 to MAX_DURATION_MINUTES. */
  readonly durationMinutes: number;
  /** Mean requests per minute (each minute's count is a Poisson draw). */
  readonly requestsPerMinute: number;
  /** Seeds every random draw: the same scenario and seed give the same result. */
  readonly seed: number;
  readonly traffic: TrafficProfile;
  /** In any order, not overlapping. */
  readonly phases: readonly Phase[];
  /**
   * Hours of the scenario's steady traffic (its `traffic` profile, no phase) before minute 0,
   * written as per-minute aggregates and evaluated, so that the long alarm windows (6 h and
   * 1 d burn rates, hourly quality) and the alarm states start as on a service that has been
   * running (warmup.ts). A whole number, 0 to MAX_WARMUP_HOURS. @default 0 (a cold start)
   */
  readonly warmupHours?: number;
}

/**
 * The virtual clock starts `durationMinutes` before the real time, so that the run ends now:
 * Powertools Metrics refuses EMF timestamps older than 14 days, and CloudWatch would too.
 */
export const MAX_DURATION_MINUTES = 7 * 24 * 60;
/** 600 requests a second, far above what a single Lambda agent serves. */
export const MAX_REQUESTS_PER_MINUTE = 36_000;
/** One call can run at most this many virtual milliseconds. */
export const MAX_LATENCY_MS = 900_000;
/** Largest mean prompt or completion tokens of a request. */
export const MAX_TOKENS_PER_REQUEST = 1_000_000;
/**
 * Longest warm-up: two days, more than the longest alarm window (1 day) and within the
 * 3 days the run's metric store keeps (requiredRetentionSeconds of the catalog).
 */
export const MAX_WARMUP_HOURS = 48;
/**
 * Most warm-up requests (warmupHours × 60 × requestsPerMinute): each one's duration is kept as
 * a raw value for the latency percentiles, 8 bytes each, so 5 million are about 40 MB.
 */
export const MAX_WARMUP_REQUESTS = 5_000_000;
/** Largest phase latency multiplier. */
export const MAX_LATENCY_MULTIPLIER = 100;

/** Thrown for a scenario that cannot be used; the message names the field. */
export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}
