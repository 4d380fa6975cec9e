/**
 * Error categories (DESIGN.md), each with its severity, the HTTP status an HTTP caller gets,
 * and its runbook in docs/runbooks/errors/.
 */

export type Severity = 'critical' | 'warning' | 'info';

export const FIXED_ERROR_CATEGORIES = [
  'network_error',
  'rate_limit',
  'timeout',
  'bad_request',
  'auth_error',
  'provider_error',
  'service_unavailable',
  'validation_error',
  'agent_timeout',
  'invalid_input',
  'budget_exceeded',
  'budget_unavailable',
  'unknown_error',
] as const;

export type FixedErrorCategory = (typeof FIXED_ERROR_CATEGORIES)[number];
/** `api_error_<status>` covers provider statuses that no fixed category names. */
export type ErrorCategory = FixedErrorCategory | `api_error_${number}`;

export interface ErrorCategoryInfo {
  readonly severity: Severity;
  readonly httpStatus: number;
  readonly runbook: string;
  readonly summary: string;
}

function info(severity: Severity, httpStatus: number, slug: string, summary: string): ErrorCategoryInfo {
  return { severity, httpStatus, runbook: `docs/runbooks/errors/${slug}.md`, summary };
}

const CATEGORY_INFO: Record<FixedErrorCategory, ErrorCategoryInfo> = {
  network_error: info('warning', 502, 'network-error', 'the provider could not be reached (DNS, reset, refused)'),
  rate_limit: info('warning', 429, 'rate-limit', 'the provider answered 429 after retries'),
  timeout: info('warning', 504, 'timeout', 'the provider call exceeded LLM_TIMEOUT_MS'),
  bad_request: info('warning', 502, 'bad-request', 'the provider rejected the request (400/422)'),
  auth_error: info('critical', 502, 'auth-error', 'the provider rejected the API key (401/403)'),
  provider_error: info('critical', 502, 'provider-error', 'the provider failed (5xx other than 503)'),
  service_unavailable: info('critical', 503, 'service-unavailable', 'the provider is unavailable (503)'),
  validation_error: info('warning', 502, 'validation-error', 'the provider reply was malformed or failed validation'),
  agent_timeout: info('warning', 504, 'agent-timeout', 'the agent passed its overall deadline'),
  invalid_input: info('info', 400, 'invalid-input', 'the caller sent an invalid event'),
  budget_exceeded: info('critical', 429, 'budget-exceeded', 'the daily budget would be exceeded; refused before any LLM call'),
  budget_unavailable: info('critical', 503, 'budget-unavailable', 'the budget store failed and BUDGET_FAIL_MODE is closed: the request was refused (the budget is not exhausted)'),
  unknown_error: info('warning', 500, 'unknown-error', 'an error no category matches'),
};

const API_ERROR_INFO = info('warning', 502, 'api-error', 'the provider answered an HTTP status no other category covers');

/**
 * Failures that are the caller's doing or a policy decision, not the service failing: they do
 * not burn the availability SLO and do not count in the error rate (SRE practice: a 4xx is not
 * an outage). A sustained share of invalid requests has its own warning (invalid-input-rate),
 * budget refusals theirs (budget-rejections).
 */
export const CLIENT_ERROR_CATEGORIES = ['invalid_input', 'budget_exceeded'] as const satisfies readonly FixedErrorCategory[];

export function isClientError(category: ErrorCategory): boolean {
  return (CLIENT_ERROR_CATEGORIES as readonly string[]).includes(category);
}

/** Severity, HTTP status and runbook of any category, `api_error_<status>` included. */
export function categoryInfo(category: ErrorCategory): ErrorCategoryInfo {
  return (CATEGORY_INFO as Record<string, ErrorCategoryInfo>)[category] ?? API_ERROR_INFO;
}

export function isErrorCategory(value: string): value is ErrorCategory {
  return value in CATEGORY_INFO || /^api_error_\d{3}$/.test(value);
}
