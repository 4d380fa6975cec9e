import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  ContentFilterFinishReasonError,
  LengthFinishReasonError,
} from 'openai/core/error';
import type { ErrorCategory } from '../../../lib/catalog/error-categories';
import { innermostMessage, messageOf, type ClassifiedError } from './error-text';
import { findNodeCode, NODE_ERROR_CODES } from './node-errors';

/** How each OpenAI HTTP status reads, and which category it belongs to. */
const STATUS_RULES: { readonly matches: (status: number) => boolean; readonly category: ErrorCategory; readonly says: string }[] = [
  { matches: (s) => s === 400, category: 'bad_request', says: 'OpenAI rejected the request as invalid' },
  { matches: (s) => s === 422, category: 'bad_request', says: 'OpenAI could not process the request' },
  { matches: (s) => s === 401, category: 'auth_error', says: 'OpenAI rejected the API key' },
  { matches: (s) => s === 403, category: 'auth_error', says: 'OpenAI refused access for this API key' },
  { matches: (s) => s === 429, category: 'rate_limit', says: 'OpenAI rate-limited the request' },
  { matches: (s) => s === 503, category: 'service_unavailable', says: 'OpenAI is unavailable' },
  { matches: (s) => s === 504, category: 'timeout', says: 'OpenAI timed out at its gateway' },
  { matches: (s) => s >= 500 && s <= 599, category: 'provider_error', says: 'OpenAI failed with a server error' },
];

/**
 * The category of an error thrown by the OpenAI SDK (a status, a connection failure, a
 * timeout, an abort, a finish-reason failure), or `undefined` for any other error.
 */
export function classifyOpenAIError(error: unknown): ClassifiedError | undefined {
  if (error instanceof APIUserAbortError) {
    return { category: 'agent_timeout', message: 'The OpenAI request was aborted: the agent reached its deadline.' };
  }
  if (error instanceof APIConnectionTimeoutError) {
    return { category: 'timeout', message: 'The OpenAI request timed out before a reply arrived (LLM_TIMEOUT_MS).' };
  }
  if (error instanceof APIConnectionError) return classifyConnectionError(error);
  if (error instanceof APIError && typeof error.status === 'number') return classifyStatus(error, error.status);
  if (error instanceof LengthFinishReasonError || error instanceof ContentFilterFinishReasonError) {
    return { category: 'validation_error', message: `The OpenAI reply failed validation: ${messageOf(error)}` };
  }
  return undefined;
}

function classifyConnectionError(error: APIConnectionError): ClassifiedError {
  const coded = findNodeCode(error);
  const detail = innermostMessage(error);
  if (coded && NODE_ERROR_CODES[coded.code] === 'timeout') {
    return { category: 'timeout', message: `The connection to OpenAI timed out (${coded.code}): ${detail}` };
  }
  const code = coded ? ` (${coded.code})` : '';
  return { category: 'network_error', message: `Could not reach OpenAI${code}: ${detail}` };
}

function classifyStatus(error: APIError, status: number): ClassifiedError {
  const rule = STATUS_RULES.find((candidate) => candidate.matches(status));
  const detail = providerMessage(error, status);
  if (rule) return { category: rule.category, message: `${rule.says} (HTTP ${status}): ${detail}`, status };
  return { category: `api_error_${status}`, message: `OpenAI answered HTTP ${status}: ${detail}`, status };
}

function providerMessage(error: APIError, status: number): string {
  const body = error.error as { message?: unknown } | undefined;
  if (typeof body?.message === 'string' && body.message) return body.message;
  return messageOf(error).replace(new RegExp(`^${status}\\s+`), '');
}
