import { BudgetExceededError } from '../errors/agent-errors';

/**
 * Thrown by a fail-closed BudgetCounter when the budget store cannot be read or written.
 * It is a BudgetExceededError (category `budget_exceeded`, scope 'service') so the request
 * is refused like any over-budget request; `storeError` lets the caller count store failures.
 */
export class BudgetStoreUnavailableError extends BudgetExceededError {
  constructor(readonly storeError: string) {
    // The store's own error (table ARNs, role names) stays in `storeError` for the logs, out of the reply.
    super('budget store unavailable and BUDGET_FAIL_MODE is closed: request refused', 'service');
  }
}

/** `Name: message` of any thrown value, for `storeError` fields. */
export function describeStoreError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

export function isConditionalCheckFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}
