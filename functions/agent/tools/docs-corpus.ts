/** One built-in document the `search_docs` tool can return. */
export interface Doc {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

function doc(id: string, title: string, ...sentences: string[]): Doc {
  return { id, title, text: sentences.join(' ') };
}

/** Short operating notes about this monitoring kit, searched by `search_docs`. */
export const DOCS_CORPUS: readonly Doc[] = [
  doc(
    'error-categories',
    'Error categories and severities',
    'Every failed request is counted in agent.requests.errors with the dimension error_category.',
    'Critical categories: auth_error, provider_error, service_unavailable and budget_exceeded.',
    'Warning categories: network_error, rate_limit, timeout, bad_request, validation_error, agent_timeout, api_error_<status> and unknown_error.',
    'invalid_input is informational: the caller sent a bad event and got HTTP 400.',
    'Each category has a runbook under docs/runbooks/errors/.',
  ),
  doc(
    'network-timeout',
    'network_error and timeout',
    'network_error means the provider could not be reached: DNS failure, connection reset or refused.',
    'timeout means the provider call took longer than LLM_TIMEOUT_MS; a connection timeout is classified timeout, not network_error.',
    'Check the provider status page and OPENAI_BASE_URL, then consider raising LLM_TIMEOUT_MS or LLM_MAX_RETRIES.',
  ),
  doc(
    'rate-limit',
    'rate_limit (HTTP 429 from the provider)',
    'rate_limit means the provider still answered 429 after the client retries.',
    'Look at agent.requests.total for a traffic spike and at agent.tokens.total for unusually long prompts.',
    'Fixes: raise the account rate limit, lower concurrency, or shorten prompts.',
  ),
  doc(
    'provider-auth',
    'auth_error, provider_error and service_unavailable',
    'auth_error (401/403) means the API key was rejected: rotate the secret in Secrets Manager or fix OPENAI_API_KEY.',
    'provider_error is a provider 5xx other than 503; service_unavailable is a 503.',
    'Both are usually outages on the provider side: confirm on the status page and wait, or switch OPENAI_BASE_URL to a fallback endpoint.',
    'api_error_<status> covers any other HTTP status the provider returned.',
  ),
  doc(
    'request-errors',
    'bad_request, validation_error, agent_timeout, invalid_input, unknown_error',
    'bad_request (400/422) means the provider rejected the request, often a wrong model name or too many tokens.',
    'validation_error means the provider reply was malformed.',
    'agent_timeout means the whole agent run, tool calls included, passed its deadline.',
    'invalid_input means the caller sent an invalid event; the reply explains which field.',
    'unknown_error is anything no category matches: read the logs for the stack trace.',
  ),
  doc(
    'latency-tiers',
    'Latency tiers and the duration alarm',
    'agent.request.duration_seconds records one value per request; CloudWatch computes p50, p95 and p99 from it, and the latency alarms watch a percentile.',
    'Pick the latency tier that matches the use case; its P50/P95/P99 targets are: real-time chat 2/5/10 seconds, document analysis 10/30/60 seconds, batch processing 30/120/300 seconds, background agents 60/300/600 seconds.',
    'Slow requests usually come from long prompts, many tool calls or a slow model; compare agent.tokens.prompt and agent.tools.calls with the latency graph.',
  ),
  doc(
    'budget-guard',
    'Budget guard (daily spend limit)',
    'The budget guard keeps the daily spend in an atomic DynamoDB counter, for the service (DAILY_BUDGET_USD) and per user (USER_DAILY_BUDGET_USD); the soft threshold is BUDGET_SOFT_THRESHOLD, default 0.8.',
    'Before each LLM call it reserves the worst-case cost; a request that would pass the hard limit is refused with budget_exceeded and counted in agent.budget.rejections.',
    'Past the soft threshold requests are still served and counted in agent.budget.soft_limit_exceeded; agent.budget.utilization shows spend as a percentage of the limit.',
    'If the budget store fails, agent.budget.store_errors counts it and BUDGET_FAIL_MODE decides whether the request is served or refused.',
  ),
  doc(
    'cost-pricing',
    'Cost and pricing',
    'agent.cost.usd is computed from the token usage the provider reports and the pricing table, per model.',
    'Cached prompt tokens are priced at the cached input rate.',
    'A model without a price entry is counted in agent.cost.unpriced and its cost is never reported as 0.',
    'Add or correct prices with PRICING_OVERRIDES, JSON such as {"my-model": {"input": 1, "cachedInput": 0.5, "output": 2}} in USD per million tokens.',
  ),
  doc(
    'sampling-capture',
    'Sampling and capture of responses',
    'A deterministic decision from a hash of the request id keeps a share of successful responses, set by SAMPLE_RATE (default 0.05, allowed range above 0 up to 1).',
    'A kept response is redacted of personal data and written to DynamoDB with a TTL, marked pending.',
    'agent.capture.sampled counts kept responses and agent.capture.errors counts failed writes.',
  ),
  doc(
    'quality-judge',
    'Quality judge and drift detection',
    'On a schedule the judge Lambda claims pending samples and scores them with an LLM judge (JUDGE_MODEL, default gpt-4o-mini).',
    'Scores in [0, 1] are stored in DynamoDB and published as agent.quality.score.',
    'Drift detection compares recent scores with a stored baseline; a drift alert goes to SNS once per episode, and once more on recovery.',
    'A falling quality score after a prompt or model change is the usual cause: compare with the deploy history.',
  ),
  doc(
    'dashboard',
    'Reading the dashboard',
    'The dashboard is built from the same metric catalog as the alarms: traffic (agent.requests.total), error rate and latency percentiles first.',
    'Then errors split by error_category, cost by model with unpriced responses, tokens, tool calls and tool errors per tool, budget utilization and the quality score.',
    'Start from the widget whose alarm fired, then look for the same time window in the neighbouring graphs.',
  ),
  doc(
    'alerts',
    'Alerts and notifications',
    'CloudWatch alarms notify SNS topics by severity: critical, warning and info.',
    'Subscribe email or SMS directly; the alert-router Lambda forwards SNS messages to Slack and PagerDuty.',
    'Page on critical, post warnings to a channel, and send info to a digest.',
    'Each alert names its runbook.',
  ),
  doc(
    'runbook-basics',
    'Runbook basics: the first ten minutes',
    'Acknowledge the alert, open the dashboard at the alarm time, and find the error_category or metric that moved.',
    'Read the runbook for that category under docs/runbooks/.',
    'Check recent deploys, the provider status page and the budget utilization.',
    'Mitigate first (roll back, switch model or endpoint, raise a limit), then write down what happened.',
  ),
  doc(
    'metrics-dimensions',
    'Metrics, dimensions and per-user cost',
    'Metrics are written as CloudWatch Embedded Metric Format to stdout, in the namespace METRICS_NAMESPACE (default AgentMonitoring).',
    'Dimension sets stay small: service; service and model; service and error_category; service and tool.',
    'Request id, user id, session id and feature are EMF properties, never dimensions, so per-user cost is found with CloudWatch Logs Insights without extra custom metrics.',
  ),
  doc(
    'tools-local',
    'Tool calls and local runs',
    'agent.tools.calls and agent.tools.errors are counted per tool; a tool error is a call with arguments the tool cannot use, and its message goes back to the model.',
    'npm start runs the whole kit on one machine with dynalite for DynamoDB and a simulated OpenAI-compatible server, so alarms can be tried before deploying.',
  ),
];
