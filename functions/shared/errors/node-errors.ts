import type { ErrorCategory } from '../../../lib/catalog/error-categories';
import { MAX_CAUSE_DEPTH, messageOf, type ClassifiedError } from './error-text';

/** Node's (and undici's) socket error codes, and the category each one means. */
export const NODE_ERROR_CODES: Record<string, ErrorCategory> = {
  ETIMEDOUT: 'timeout',
  ESOCKETTIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ECONNRESET: 'network_error',
  ECONNREFUSED: 'network_error',
  ECONNABORTED: 'network_error',
  ENOTFOUND: 'network_error',
  EPIPE: 'network_error',
  EAI_AGAIN: 'network_error',
  EHOSTUNREACH: 'network_error',
  ENETUNREACH: 'network_error',
  UND_ERR_SOCKET: 'network_error',
};

/** The first known Node error code on the error, its `cause` chain or an AggregateError's errors. */
export function findNodeCode(error: unknown): { code: string; message: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code in NODE_ERROR_CODES) return { code, message: messageOf(current) };
    const nested = (current as { errors?: unknown }).errors;
    const inAggregate = Array.isArray(nested) ? nested.map(findNodeCode).find(Boolean) : undefined;
    if (inAggregate) return inAggregate;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A network failure known by its Node error code, from any client. */
export function classifyByNodeCode(error: unknown): ClassifiedError | undefined {
  const coded = findNodeCode(error);
  if (!coded) return undefined;
  const category = NODE_ERROR_CODES[coded.code];
  const what = category === 'timeout' ? 'A network call timed out' : 'A network call failed';
  return { category, message: `${what} (${coded.code}): ${coded.message}` };
}
