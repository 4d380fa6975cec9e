/**
 * How the simulator makes a request end in each error category: never by naming the category,
 * always by what would happen in production (the OpenAI SDK's own error classes, a malformed
 * reply, a model slower than the agent's deadline, an invalid event), so the real classifier
 * and the real agent decide the category.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai/core/error';

/** What each simulated error category does; each comes out of the real classifier as itself. */
export const SIMULATED_ERROR_CATEGORIES = {
  network_error: 'the provider call fails with an APIConnectionError caused by ECONNRESET',
  rate_limit: 'the provider answers HTTP 429',
  timeout: 'the provider call runs LLM_TIMEOUT_MS, then fails with an APIConnectionTimeoutError',
  bad_request: 'the provider answers HTTP 400',
  auth_error: 'the provider answers HTTP 401',
  provider_error: 'the provider answers HTTP 500',
  service_unavailable: 'the provider answers HTTP 503',
  validation_error: 'the provider replies without choices',
  agent_timeout: "the model is slower than the agent's deadline (AGENT_DEADLINE_MS)",
  invalid_input: 'the caller sends an event without a question',
  unknown_error: 'the provider client throws a TypeError',
  'api_error_<status>': 'the provider answers HTTP <status> (a 4xx status no other category covers)',
} as const;

const STATUS_OF: Readonly<Record<string, number>> = {
  rate_limit: 429,
  bad_request: 400,
  auth_error: 401,
  provider_error: 500,
  service_unavailable: 503,
};

/** 4xx statuses the classifier gives a category of their own; `api_error_<status>` excludes them. */
const NAMED_STATUSES = new Set([400, 401, 403, 422, 429]);
const API_ERROR = /^api_error_(\d{3})$/;

/** Whether `category` is one the simulator can produce. */
export function isSimulatedErrorCategory(category: string): boolean {
  if (Object.hasOwn(SIMULATED_ERROR_CATEGORIES, category) && !category.includes('<')) return true;
  const status = apiErrorStatus(category);
  return status !== undefined;
}

/** The status of an `api_error_<status>` category the simulator supports (4xx, not a named one). */
export function apiErrorStatus(category: string): number | undefined {
  const match = API_ERROR.exec(category);
  if (!match) return undefined;
  const status = Number(match[1]);
  return status >= 400 && status <= 499 && !NAMED_STATUSES.has(status) ? status : undefined;
}

/** The error the provider client throws for a category raised by the provider, or undefined for the others. */
export function providerError(category: string): Error | undefined {
  const status = STATUS_OF[category] ?? apiErrorStatus(category);
  if (status !== undefined) return APIError.generate(status, { error: { message: `simulated HTTP ${status}` } }, undefined, new Headers());
  if (category === 'network_error') {
    return new APIConnectionError({ message: 'Connection error.', cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
  }
  if (category === 'timeout') return new APIConnectionTimeoutError();
  if (category === 'unknown_error') return new TypeError('simulated provider client failure');
  return undefined;
}
