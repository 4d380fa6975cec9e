/**
 * The metric contract (DESIGN.md): every metric name, unit and dimension the runtime writes
 * and the stack, dashboard and local evaluator read. Never spell a metric name anywhere else.
 *
 * This module has no dependencies so that Lambda bundles can import it cheaply.
 */

export const DEFAULT_NAMESPACE = 'AgentMonitoring';
export const DEFAULT_SERVICE_NAME = 'agent';

/** CloudWatch units used by the contract (a subset of the EMF units). */
export type MetricUnitName = 'Count' | 'Seconds' | 'Milliseconds' | 'None' | 'Percent';

export interface MetricSpec {
  readonly name: string;
  readonly unit: MetricUnitName;
  readonly description: string;
}

function metric(name: string, unit: MetricUnitName, description: string): MetricSpec {
  return { name, unit, description };
}

export const METRICS = {
  requests: metric('agent.requests.total', 'Count', 'every agent invocation, failed ones included'),
  errors: metric('agent.requests.errors', 'Count', 'failed invocations; also per error_category'),
  /**
   * Written in every document that counts a failure (1 for a client error, else 0), so that it is
   * present exactly when `errors` is: the availability SLO subtracts it without reading a second
   * independent sparse series (lib/catalog/alarms/sparse-metrics.ts).
   */
  clientErrors: metric('agent.requests.client_errors', 'Count', 'failed invocations that were the caller\'s doing (invalid_input, budget_exceeded)'),
  duration: metric('agent.request.duration_seconds', 'Seconds', 'one value per invocation'),
  tokensTotal: metric('agent.tokens.total', 'Count', 'total tokens reported by the provider'),
  tokensPrompt: metric('agent.tokens.prompt', 'Count', 'prompt tokens reported by the provider'),
  tokensCompletion: metric('agent.tokens.completion', 'Count', 'completion tokens reported by the provider'),
  costUsd: metric('agent.cost.usd', 'None', 'cost in USD priced from the pricing table'),
  costUnpriced: metric('agent.cost.unpriced', 'Count', 'a response whose model has no price entry'),
  toolCalls: metric('agent.tools.calls', 'Count', 'tool calls; per tool with dimension tool'),
  toolErrors: metric('agent.tools.errors', 'Count', 'failed tool calls; per tool with dimension tool'),
  budgetRejections: metric('agent.budget.rejections', 'Count', 'requests refused by the hard budget'),
  budgetSoftLimit: metric('agent.budget.soft_limit_exceeded', 'Count', 'requests served while spend is past the soft threshold'),
  budgetUtilization: metric('agent.budget.utilization', 'Percent', 'daily spend as a percentage of the daily limit'),
  budgetOverruns: metric('agent.budget.overruns', 'Count', 'replies that cost more than the budget held for their call (a provider ignoring max_completion_tokens)'),
  budgetStoreErrors: metric('agent.budget.store_errors', 'Count', 'budget store failures (the request was served or refused per BUDGET_FAIL_MODE)'),
  captureSampled: metric('agent.capture.sampled', 'Count', 'responses kept for quality scoring'),
  captureErrors: metric('agent.capture.errors', 'Count', 'kept responses whose write failed'),
  answerTruncated: metric('agent.answer.truncated', 'Count', 'answers cut before the reply because they were too long to return'),
  coldStart: metric('ColdStart', 'Count', 'Powertools cold-start metric, dimensions service and function_name'),
  qualityScore: metric('agent.quality.score', 'None', 'judge score in [0, 1]'),
  /** Counted by the alert router's log metric filter (dimension service), not written as EMF. */
  alertDeliveryFailures: metric('alerts.delivery.failures', 'Count', 'alert deliveries (Slack, PagerDuty) that failed every retry'),
} as const;

export type MetricKey = keyof typeof METRICS;

/** Dimension names. `service` is the one Powertools Metrics writes by default. */
export const DIMENSIONS = {
  service: 'service',
  model: 'model',
  errorCategory: 'error_category',
  tool: 'tool',
  functionName: 'function_name',
} as const;

/** EMF properties (never dimensions: their values are unbounded). */
export const PROPERTIES = {
  requestId: 'requestId',
  userId: 'userId',
  sessionId: 'sessionId',
  feature: 'feature',
  /** The request's cost in USD, also a property so Contributor Insights can rank users by it. */
  costUsd: 'costUsd',
} as const;
