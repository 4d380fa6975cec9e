import { BudgetExceededError, CategorizedError } from '../errors/agent-errors';

/**
 * Thrown by a fail-closed BudgetCounter when the budget store cannot be read or written.
 * Category `budget_unavailable` (HTTP 503): the budget is not exhausted, its store is down, so
 * it is neither a `budget_exceeded` refusal nor a provider's `service_unavailable`;
 * `storeError` lets the caller count and log store failures.
 */
export class BudgetStoreUnavailableError extends CategorizedError {
  constructor(readonly storeError: string) {
    // The store's own error (table ARNs, role names) stays in `storeError` for the logs, out of the reply.
    super('budget_unavailable', 'budget store unavailable and BUDGET_FAIL_MODE is closed: request refused; retry later');
  }
}

/** A refusal by the budget guard: the limit is reached, or its store is down and the budget fails closed. */
export function isBudgetRefusal(error: unknown): error is BudgetExceededError | BudgetStoreUnavailableError {
  return error instanceof BudgetExceededError || error instanceof BudgetStoreUnavailableError;
}

/** `Name: message` of any thrown value, for `storeError` fields. */
export function describeStoreError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

export function isConditionalCheckFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}
