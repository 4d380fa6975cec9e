import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  ContentFilterFinishReasonError,
  LengthFinishReasonError,
} from 'openai/core/error';
import type { ErrorCategory } from '../../../lib/catalog/error-categories';
import { CategorizedError } from './agent-errors';

/** What `classifyError` found: the category, a readable message, and the provider's HTTP status if any. */
export interface ClassifiedError {
  readonly category: ErrorCategory;
  readonly message: string;
  readonly status?: number;
}

const MAX_MESSAGE_LENGTH = 500;
const MAX_CAUSE_DEPTH = 6;

const NODE_ERROR_CODES: Record<string, ErrorCategory> = {
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

/** How each provider HTTP status reads, and which category it belongs to. */
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
 * Puts any thrown value into one of the error categories of DESIGN.md, with a message that
 * says what failed (API keys and bearer tokens are redacted from it).
 *
 * @example
 * try { await client.chat.completions.create(params); }
 * catch (error) { const { category, message } = classifyError(error); }
 */
export function classifyError(error: unknown): ClassifiedError {
  const classified = classifyUnredacted(error);
  return { ...classified, message: redactSecrets(classified.message).slice(0, MAX_MESSAGE_LENGTH) };
}

function classifyUnredacted(error: unknown): ClassifiedError {
  if (error instanceof CategorizedError) return { category: error.category, message: messageOf(error) };
  if (error instanceof APIUserAbortError) {
    return { category: 'agent_timeout', message: 'The OpenAI request was aborted: the agent reached its deadline.' };
  }
  if (error instanceof APIConnectionTimeoutError) {
    return { category: 'timeout', message: 'The OpenAI request timed out before a reply arrived (LLM_TIMEOUT_MS).' };
  }
  if (error instanceof APIConnectionError) return classifyConnectionError(error);
  if (error instanceof APIError && typeof error.status === 'number') return classifyStatus(error, error.status);
  if (isNamed(error, 'SyntaxError')) {
    return { category: 'validation_error', message: `The LLM reply could not be parsed as JSON: ${messageOf(error)}` };
  }
  if (error instanceof LengthFinishReasonError || error instanceof ContentFilterFinishReasonError) {
    return { category: 'validation_error', message: `The OpenAI reply failed validation: ${messageOf(error)}` };
  }
  return classifyByNodeCode(error) ?? { category: 'unknown_error', message: `Unexpected error: ${describe(error)}` };
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

function classifyByNodeCode(error: unknown): ClassifiedError | undefined {
  const coded = findNodeCode(error);
  if (!coded) return undefined;
  const category = NODE_ERROR_CODES[coded.code];
  const what = category === 'timeout' ? 'A network call timed out' : 'A network call failed';
  return { category, message: `${what} (${coded.code}): ${coded.message}` };
}

function findNodeCode(error: unknown): { code: string; message: string } | undefined {
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

function providerMessage(error: APIError, status: number): string {
  const body = error.error as { message?: unknown } | undefined;
  if (typeof body?.message === 'string' && body.message) return body.message;
  return messageOf(error).replace(new RegExp(`^${status}\\s+`), '');
}

function innermostMessage(error: Error): string {
  let current: unknown = error;
  let message = messageOf(error);
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && typeof current === 'object' && current !== null; depth++) {
    const own = (current as { message?: unknown }).message;
    if (typeof own === 'string' && own) message = own;
    current = (current as { cause?: unknown }).cause;
  }
  return message;
}

/** Errors from Node's own fetch may come from another realm (e.g. under Jest), where `instanceof` fails. */
function isNamed(error: unknown, name: string): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;
}

function messageOf(error: unknown): string {
  const message = (error as { message?: unknown })?.message;
  return typeof message === 'string' && message ? message : '(no message)';
}

function describe(error: unknown): string {
  const name = (error as { name?: unknown })?.name;
  if (typeof error === 'object' && error !== null && typeof name === 'string') return `${name}: ${messageOf(error)}`;
  if (typeof error === 'string' && error) return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

const knownSecrets = new Set<string>();

/**
 * Registers a secret (an API key read from Secrets Manager, whatever its format) so that
 * `redactSecrets` removes it from every error message from then on.
 */
export function registerSecret(secret: string): void {
  if (secret.length >= 8) knownSecrets.add(secret);
}

/** Removes API keys and bearer tokens from text that may reach logs or callers. */
export function redactSecrets(text: string): string {
  let redacted = text.replace(/\bsk-[A-Za-z0-9_*.-]{6,}/g, 'sk-***').replace(/(bearer\s+)[^\s"',]+/gi, '$1***');
  const envKey = process.env.OPENAI_API_KEY;
  for (const key of envKey && envKey.length >= 8 ? [envKey, ...knownSecrets] : knownSecrets) redacted = redacted.split(key).join('***');
  return redacted;
}
