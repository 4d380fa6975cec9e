import { APIConnectionError, APIError, APIUserAbortError } from 'openai/core/error';
import { CategorizedError } from '../errors/agent-errors';

/** A retry is only worth making with at least this long left for its attempt after the wait. */
export const MIN_RETRY_ATTEMPT_MS = 1_000;
/** The OpenAI SDK's own backoff when the provider names no wait: 0.5 s doubling, at most 8 s, up to 25 % less. */
const INITIAL_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8_000;
const MAX_CAUSE_DEPTH = 4;

export interface DeadlineRetryOptions {
  /** Retries after the first attempt (LLM_MAX_RETRIES). */
  readonly maxRetries: number;
  /** Epoch ms on `now` that no wait may pass. */
  readonly deadlineAt: number;
  readonly now: () => number;
  /** Ends a wait early (the request's deadline). */
  readonly signal?: AbortSignal;
  /** @default Math.random */
  readonly random?: () => number;
}

/**
 * Runs a provider call with the OpenAI SDK's retry policy (connection errors, 408, 409, 429
 * and 5xx, `x-should-retry` obeyed, `retry-after-ms` / `Retry-After` honoured, otherwise
 * exponential backoff with jitter), except that no wait passes the deadline: a retry that
 * would not start MIN_RETRY_ATTEMPT_MS before `deadlineAt` is not made, and the call fails at
 * once with the provider's error, so a 429 ends as `rate_limit`, on time. The SDK's own retries
 * must be off (`maxRetries: 0`): its sleep honours any Retry-After and ignores the abort signal.
 *
 * @example
 * await retryWithinDeadline(() => openai.chat.completions.create(params, { signal, maxRetries: 0 }), { maxRetries: 2, deadlineAt, now: Date.now, signal });
 */
export async function retryWithinDeadline<T>(call: () => Promise<T>, options: DeadlineRetryOptions): Promise<T> {
  for (let retry = 0; ; retry += 1) {
    try {
      return await call();
    } catch (error) {
      const refusal = guardRefusal(error);
      if (refusal) throw refusal;
      if (retry >= options.maxRetries || !isRetryable(error)) throw error;
      const waitMs = retryWaitMs(error, retry, options.random ?? Math.random);
      if (options.now() + waitMs + MIN_RETRY_ATTEMPT_MS > options.deadlineAt) throw error;
      await wait(waitMs, options.signal, error);
    }
  }
}

/** How long the SDK would wait before retry number `retry + 1` after `error`. */
export function retryWaitMs(error: unknown, retry: number, random: () => number = Math.random): number {
  const named = namedWaitMs(error instanceof APIError ? error.headers : undefined);
  if (named !== undefined) return named;
  return Math.min(INITIAL_BACKOFF_MS * 2 ** retry, MAX_BACKOFF_MS) * (1 - random() * 0.25);
}

function namedWaitMs(headers: Headers | undefined): number | undefined {
  const millis = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(millis) && millis > 0) return millis;
  const retryAfter = headers?.get('retry-after');
  if (!retryAfter) return undefined;
  const seconds = Number.parseFloat(retryAfter);
  const ms = Number.isNaN(seconds) ? Date.parse(retryAfter) - Date.now() : seconds * 1000;
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

function isRetryable(error: unknown): boolean {
  if (error instanceof APIUserAbortError) return false;
  if (error instanceof APIConnectionError) return true;
  if (!(error instanceof APIError) || typeof error.status !== 'number') return false;
  const told = error.headers?.get('x-should-retry');
  if (told === 'true' || told === 'false') return told === 'true';
  return error.status === 408 || error.status === 409 || error.status === 429 || error.status >= 500;
}

/** A refusal of our own fetch guard (a redirect off the origin, an oversized reply), which the SDK wraps. */
function guardRefusal(error: unknown): CategorizedError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current; depth += 1) {
    if (current instanceof CategorizedError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function wait(ms: number, signal: AbortSignal | undefined, reason: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
