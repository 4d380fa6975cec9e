import type { TokenUsage } from '../pricing/pricing';
import type { ErrorCategory } from '../../../lib/catalog/error-categories';

/**
 * An error whose category the code already knows. The monitoring wrapper classifies any
 * thrown `CategorizedError` by its `category`; everything else goes through `classifyError`.
 */
export class CategorizedError extends Error {
  /** The provider's HTTP status, when the provider answered. */
  readonly status?: number;

  constructor(
    readonly category: ErrorCategory,
    message: string,
    options?: { cause?: unknown; status?: number },
  ) {
    super(message, options);
    this.name = new.target.name;
    if (options?.status !== undefined) this.status = options.status;
  }
}

/** The caller sent an invalid event (HTTP 400). */
export class InvalidInputError extends CategorizedError {
  constructor(message: string) {
    super('invalid_input', message);
  }
}

/** The daily budget would be exceeded; refused before any LLM call. */
export class BudgetExceededError extends CategorizedError {
  constructor(
    message: string,
    readonly scope: 'service' | 'user',
  ) {
    super('budget_exceeded', message);
  }
}

/** The agent passed its overall deadline. */
export class AgentTimeoutError extends CategorizedError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('agent_timeout', message, options);
  }
}

/** A reply that arrived but failed validation, as far as it could be read: the provider bills it all the same. */
export interface RejectedReply {
  /** The model the reply names, or the one called. */
  readonly model: string;
  /** Its usage, when it reported any a provider could have counted. */
  readonly usage: TokenUsage | undefined;
}

/** The provider's reply was malformed or failed validation. */
export class ReplyValidationError extends CategorizedError {
  /** The reply that failed, when one arrived: what the monitor counts and the budget charges for it. */
  readonly reply?: RejectedReply;

  constructor(message: string, options?: { cause?: unknown; reply?: RejectedReply }) {
    super('validation_error', message, options && { cause: options.cause });
    if (options?.reply) this.reply = options.reply;
  }
}
