/**
 * How the simulator's virtual Bedrock model makes a request end in each error category: by
 * what Bedrock and the Bedrock Runtime SDK would throw (the SDK's exception classes with their
 * HTTP status, its request timeout, a reset socket, a reply without an output message), never
 * by naming the category, so the production classifier (`bedrockCallError`) decides it.
 */
import {
  AccessDeniedException,
  BedrockRuntimeServiceException,
  InternalServerException,
  ResourceNotFoundException,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { attemptDeadlineError } from '../../functions/shared/llm/attempt-deadline-handler';
import { BEDROCK_EXCEPTIONS, type BedrockExceptionName } from '../llm/converse-faults';
import { apiErrorStatus } from './provider-errors';

type ExceptionClass = new (options: { message: string; $metadata: { httpStatusCode: number } }) => BedrockRuntimeServiceException;

/** The Bedrock exception each category raised by the service comes from. */
const EXCEPTION_OF: Readonly<Record<string, readonly [BedrockExceptionName, ExceptionClass]>> = {
  rate_limit: ['ThrottlingException', ThrottlingException],
  service_unavailable: ['ServiceUnavailableException', ServiceUnavailableException],
  provider_error: ['InternalServerException', InternalServerException],
  bad_request: ['ValidationException', ValidationException],
  auth_error: ['AccessDeniedException', AccessDeniedException],
  api_error_404: ['ResourceNotFoundException', ResourceNotFoundException],
};

/**
 * What the Bedrock side says for each simulated category; `SIMULATED_ERROR_CATEGORIES` has
 * the OpenAI side, and every category has both.
 */
export const BEDROCK_SIMULATED_ERRORS = {
  network_error: 'the Converse call fails with a socket error ECONNRESET',
  rate_limit: 'Bedrock throws ThrottlingException (HTTP 429)',
  timeout: 'the Converse call runs LLM_TIMEOUT_MS, then fails with the request timeout (TimeoutError, ETIMEDOUT)',
  bad_request: 'Bedrock throws ValidationException (HTTP 400)',
  auth_error: 'Bedrock throws AccessDeniedException (HTTP 403)',
  provider_error: 'Bedrock throws InternalServerException (HTTP 500)',
  service_unavailable: 'Bedrock throws ServiceUnavailableException (HTTP 503)',
  validation_error: 'the ConverseResponse has no output message',
  agent_timeout: "the model is slower than the agent's deadline (AGENT_DEADLINE_MS): the call is aborted (AbortError)",
  invalid_input: 'the caller sends an event without a question',
  unknown_error: 'the Converse call throws a TypeError',
  'api_error_<status>': 'Bedrock answers HTTP <status> (ResourceNotFoundException for 404, an unmodeled exception otherwise)',
} as const;

/**
 * The error a Converse call throws for a category raised on the provider's side, or undefined
 * for the others (`timeout` comes from the call's length: see bedrockRequestTimeout).
 */
export function bedrockProviderError(category: string): Error | undefined {
  const exception = EXCEPTION_OF[category];
  if (exception) {
    const [name, Exception] = exception;
    const { status, message } = BEDROCK_EXCEPTIONS[name];
    return new Exception({ message, $metadata: { httpStatusCode: status } });
  }
  const status = apiErrorStatus(category);
  if (status !== undefined) return unmodeledException(status);
  if (category === 'network_error') return Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', errno: -104, syscall: 'read' });
  if (category === 'unknown_error') return new TypeError('simulated Bedrock client failure');
  return undefined;
}

/** What the SDK throws for an error reply it has no model for and no `x-amzn-ErrorType` names: `Unknown`, with the status. */
function unmodeledException(status: number): BedrockRuntimeServiceException {
  return new BedrockRuntimeServiceException({ name: 'Unknown', $fault: 'client', $metadata: { httpStatusCode: status }, message: `simulated HTTP ${status}` });
}

/** What the SDK throws when the call's abort signal fires (the agent's deadline). */
export function bedrockAbortError(): Error {
  return Object.assign(new Error('Request aborted'), { name: 'AbortError' });
}

/** What the Bedrock client of this kit throws for an attempt longer than LLM_TIMEOUT_MS. */
export function bedrockRequestTimeout(llmTimeoutMs: number): Error {
  return attemptDeadlineError(llmTimeoutMs);
}
