/** The message of the log line written when a target stays unreachable (a metric filter counts it). */
export const DELIVERY_FAILED_MESSAGE = 'alert delivery failed';

/** How hard one post is tried before the invocation fails (and Lambda's own retries take over). */
export interface RetryPolicy {
  readonly attempts: number;
  /** The first backoff; each later one doubles. */
  readonly baseDelayMs: number;
  /** Per attempt, connection and body included. */
  readonly timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 3, baseDelayMs: 250, timeoutMs: 5_000 };

/** The subset of Powertools Logger the router uses. */
export interface RouterLogger {
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
  error(message: string, attributes: Record<string, unknown>): void;
}

export interface DeliveryOptions {
  readonly policy: RetryPolicy;
  readonly logger: RouterLogger;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** A post that failed every attempt. */
export class DeliveryError extends Error {
  constructor(
    readonly target: string,
    readonly attempts: number,
    readonly lastError: string,
  ) {
    super(`${target}: delivery failed after ${attempts} attempt(s): ${lastError}`);
    this.name = 'DeliveryError';
  }
}

const MAX_ERROR_BODY_CHARS = 300;

/**
 * POSTs a JSON document (already serialized: what cannot be serialized is never retried) to a
 * target, retrying network errors, timeouts, 408, 429 and 5xx with exponential backoff. Throws
 * DeliveryError when every attempt failed or the target refused the request (another 4xx),
 * after logging DELIVERY_FAILED_MESSAGE.
 */
export async function postJson(target: string, url: string, body: string, options: DeliveryOptions): Promise<void> {
  const { policy, logger } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let lastError = 'not attempted';
  let attempt = 0;
  while (attempt < policy.attempts) {
    attempt += 1;
    const outcome = await postOnce(url, body, policy.timeoutMs, options.fetch ?? fetch);
    if (outcome.ok) {
      logger.info('alert delivered', { target, attempt, status: outcome.status });
      return;
    }
    lastError = outcome.error;
    if (!outcome.retryable || attempt >= policy.attempts) break;
    logger.warn('alert delivery attempt failed, retrying', { target, attempt, error: lastError });
    await sleep(policy.baseDelayMs * 2 ** (attempt - 1));
  }
  logger.error(DELIVERY_FAILED_MESSAGE, { target, attempts: attempt, error: lastError });
  throw new DeliveryError(target, attempt, lastError);
}

type Outcome = { ok: true; status: number } | { ok: false; retryable: boolean; error: string };

async function postOnce(url: string, body: string, timeoutMs: number, fetchFn: typeof fetch): Promise<Outcome> {
  try {
    const response = await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (response.ok) return { ok: true, status: response.status };
    const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
    return { ok: false, retryable, error: `HTTP ${response.status} ${text.slice(0, MAX_ERROR_BODY_CHARS)}`.trim() };
  } catch (error) {
    const message = errorName(error) === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : describe(error);
    return { ok: false, retryable: true, error: message };
  }
}

/** By name, not instanceof: fetch's DOMException may come from another realm. */
function errorName(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}
