import { BedrockRuntimeServiceException } from '@aws-sdk/client-bedrock-runtime';
import type { ErrorCategory } from '../../../lib/catalog/error-categories';
import { CategorizedError } from './agent-errors';
import { describe, isNamed, messageOf, type ClassifiedError } from './error-text';
import { presentable } from './redact';
import { classifySdkTransport } from './sdk-transport-errors';

interface Rule {
  readonly category: ErrorCategory;
  /** The message's opening, given ` to <model>` (or nothing when the model is unknown). */
  readonly says: (to: string) => string;
}

/** The Bedrock Runtime exceptions by name (modeled ones, and the auth errors AWS sends unmodeled). */
const EXCEPTION_RULES: Readonly<Record<string, Rule>> = {
  ThrottlingException: { category: 'rate_limit', says: (to) => `Bedrock throttled the call${to}` },
  ServiceQuotaExceededException: { category: 'rate_limit', says: (to) => `Bedrock refused the call${to} over a service quota` },
  ModelTimeoutException: { category: 'timeout', says: (to) => `The model timed out in Bedrock on the call${to}` },
  ServiceUnavailableException: { category: 'service_unavailable', says: (to) => `Bedrock is unavailable for the call${to}` },
  ModelNotReadyException: { category: 'service_unavailable', says: (to) => `Bedrock has the model not ready for the call${to}` },
  InternalServerException: { category: 'provider_error', says: (to) => `Bedrock failed with an internal error on the call${to}` },
  ModelErrorException: { category: 'provider_error', says: (to) => `The model failed in Bedrock on the call${to}` },
  ModelStreamErrorException: { category: 'provider_error', says: (to) => `The model's stream failed in Bedrock on the call${to}` },
  AccessDeniedException: { category: 'auth_error', says: (to) => `Bedrock denied access for the call${to}` },
  UnrecognizedClientException: { category: 'auth_error', says: (to) => `Bedrock did not recognize the credentials of the call${to}` },
  ExpiredTokenException: { category: 'auth_error', says: (to) => `Bedrock rejected the expired credentials of the call${to}` },
  ValidationException: { category: 'bad_request', says: (to) => `Bedrock rejected the call${to} as invalid` },
  ResourceNotFoundException: { category: 'api_error_404', says: (to) => `Bedrock found no such model or inference profile for the call${to}` },
};

/** Any other Bedrock reply, by its HTTP status. */
function statusRule(status: number): Rule {
  if (status === 400) return { category: 'bad_request', says: (to) => `Bedrock rejected the call${to} as invalid` };
  if (status === 401 || status === 403) return { category: 'auth_error', says: (to) => `Bedrock refused the credentials of the call${to}` };
  if (status === 429) return { category: 'rate_limit', says: (to) => `Bedrock throttled the call${to}` };
  if (status === 503) return { category: 'service_unavailable', says: (to) => `Bedrock is unavailable for the call${to}` };
  if (status >= 500 && status <= 599) return { category: 'provider_error', says: (to) => `Bedrock failed with a server error on the call${to}` };
  return { category: `api_error_${status}`, says: (to) => `Bedrock answered HTTP ${status} to the call${to}` };
}

/**
 * The category of an exception from the Bedrock Runtime service (ThrottlingException,
 * AccessDeniedException, ...), with its HTTP status; `undefined` for any other error.
 * Without `modelId` the message names Bedrock only.
 */
export function classifyBedrockError(error: unknown, modelId?: string): ClassifiedError | undefined {
  if (!(error instanceof BedrockRuntimeServiceException)) return undefined;
  const status = error.$metadata?.httpStatusCode;
  const rule = EXCEPTION_RULES[error.name] ?? (status !== undefined ? statusRule(status) : undefined);
  const to = modelId ? ` to ${modelId}` : '';
  const known = error.name in EXCEPTION_RULES;
  const says = rule ? rule.says(to) : `Bedrock failed the call${to}`;
  const label = known || status === undefined ? error.name : `${error.name}, HTTP ${status}`;
  return { category: rule?.category ?? 'provider_error', message: `${says} (${label}): ${messageOf(error)}`, ...(status !== undefined && { status }) };
}

/**
 * What a Bedrock adapter throws when a call fails: the error classified (service exceptions,
 * request timeouts, lost connections, aborts, unreadable replies), its message naming
 * Bedrock and the model, redacted and cut like every classified message, the HTTP status
 * carried when Bedrock answered, and the SDK's error as `cause`.
 *
 * @example
 * try { return await client.send(new ConverseCommand(input)); }
 * catch (error) { throw bedrockCallError(error, input.modelId); }
 * // CategorizedError('rate_limit', 'Bedrock throttled the call to amazon.nova-lite-v1:0 (ThrottlingException): ...')
 */
export function bedrockCallError(error: unknown, modelId: string): CategorizedError {
  if (error instanceof CategorizedError) return error;
  const { category, message, status } = classifyBedrockCall(error, modelId);
  return new CategorizedError(category, presentable(message), { cause: error, status });
}

function classifyBedrockCall(error: unknown, modelId: string): ClassifiedError {
  const call = `The call to Bedrock model ${modelId}`;
  if (isNamed(error, 'AbortError')) {
    return { category: 'agent_timeout', message: `${call} was aborted: the agent reached its deadline.` };
  }
  return (
    classifyBedrockError(error, modelId) ??
    classifyUnreadableReply(error, modelId) ??
    classifySdkTransport(error, { call, service: 'Bedrock' }) ?? { category: 'unknown_error', message: `${call} failed unexpectedly: ${describe(error)}` }
  );
}

/** A reply whose body is not JSON: an error page from a proxy by its status, a broken success reply. */
function classifyUnreadableReply(error: unknown, modelId: string): ClassifiedError | undefined {
  if (!isNamed(error, 'SyntaxError')) return undefined;
  const status = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata?.httpStatusCode;
  const detail = messageOf(error).split('\n', 1)[0];
  if (typeof status === 'number' && status >= 300) {
    const rule = statusRule(status);
    return { category: rule.category, message: `${rule.says(` to ${modelId}`)} (HTTP ${status}, a reply that is not JSON): ${detail}`, status };
  }
  return { category: 'validation_error', message: `The Bedrock reply to the call to ${modelId} could not be parsed as JSON: ${detail}` };
}
