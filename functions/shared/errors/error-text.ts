import type { ErrorCategory } from '../../../lib/catalog/error-categories';

/** What a classifier found: the category, a readable message, and the provider's HTTP status if any. */
export interface ClassifiedError {
  readonly category: ErrorCategory;
  readonly message: string;
  readonly status?: number;
}

/** How deep classifiers follow `cause` chains. */
export const MAX_CAUSE_DEPTH = 6;

/** Errors from Node's own fetch may come from another realm (e.g. under Jest), where `instanceof` fails. */
export function isNamed(error: unknown, name: string): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;
}

/** The error's own message, or `(no message)`. */
export function messageOf(error: unknown): string {
  const message = (error as { message?: unknown })?.message;
  return typeof message === 'string' && message ? message : '(no message)';
}

/** The message of the deepest `cause` that has one. */
export function innermostMessage(error: Error): string {
  let current: unknown = error;
  let message = messageOf(error);
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && typeof current === 'object' && current !== null; depth++) {
    const own = (current as { message?: unknown }).message;
    if (typeof own === 'string' && own) message = own;
    current = (current as { cause?: unknown }).cause;
  }
  return message;
}

/** Any thrown value as text: `Name: message` for errors, the JSON of anything else. */
export function describe(error: unknown): string {
  const name = (error as { name?: unknown })?.name;
  if (typeof error === 'object' && error !== null && typeof name === 'string') return `${name}: ${messageOf(error)}`;
  if (typeof error === 'string' && error) return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
