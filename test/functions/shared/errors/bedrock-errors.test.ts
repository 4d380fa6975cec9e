import {
  AccessDeniedException,
  BedrockRuntimeServiceException,
  ConflictException,
  InternalServerException,
  ModelErrorException,
  ModelNotReadyException,
  ModelTimeoutException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import type { ErrorCategory } from '../../../../lib/catalog/error-categories';
import { CategorizedError, ReplyValidationError } from '../../../../functions/shared/errors/agent-errors';
import { bedrockCallError } from '../../../../functions/shared/errors/bedrock-errors';
import { classifyError } from '../../../../functions/shared/errors/classify';

const MODEL = 'amazon.nova-lite-v1:0';

type ExceptionOptions = { message: string; $metadata: { httpStatusCode: number; requestId?: string } };
type ExceptionClass = new (options: ExceptionOptions & Record<string, unknown>) => BedrockRuntimeServiceException;

/** An exception as the SDK builds it from Bedrock's reply. */
function exception(Type: ExceptionClass, status: number, message = `details from Bedrock (${status})`): BedrockRuntimeServiceException {
  return new Type({ message, $metadata: { httpStatusCode: status, requestId: 'req-1' } });
}

/** An exception AWS sends that the Bedrock model does not declare (the SDK names it from the reply). */
function unmodeled(name: string, status: number, message: string): BedrockRuntimeServiceException {
  return new BedrockRuntimeServiceException({ name, $fault: 'client', message, $metadata: { httpStatusCode: status } });
}

describe('bedrockCallError', () => {
  it.each<[ExceptionClass, number, ErrorCategory, string]>([
    [ThrottlingException, 429, 'rate_limit', `Bedrock throttled the call to ${MODEL} (ThrottlingException)`],
    [ServiceQuotaExceededException, 400, 'rate_limit', `Bedrock refused the call to ${MODEL} over a service quota (ServiceQuotaExceededException)`],
    [ModelTimeoutException, 408, 'timeout', `The model timed out in Bedrock on the call to ${MODEL} (ModelTimeoutException)`],
    [ServiceUnavailableException, 503, 'service_unavailable', `Bedrock is unavailable for the call to ${MODEL} (ServiceUnavailableException)`],
    [ModelNotReadyException, 429, 'service_unavailable', `Bedrock has the model not ready for the call to ${MODEL} (ModelNotReadyException)`],
    [InternalServerException, 500, 'provider_error', `Bedrock failed with an internal error on the call to ${MODEL} (InternalServerException)`],
    [ModelErrorException, 424, 'provider_error', `The model failed in Bedrock on the call to ${MODEL} (ModelErrorException)`],
    [AccessDeniedException, 403, 'auth_error', `Bedrock denied access for the call to ${MODEL} (AccessDeniedException)`],
    [ValidationException, 400, 'bad_request', `Bedrock rejected the call to ${MODEL} as invalid (ValidationException)`],
    [ResourceNotFoundException, 404, 'api_error_404', `Bedrock found no such model or inference profile for the call to ${MODEL} (ResourceNotFoundException)`],
  ])('classifies %p (HTTP %i) as %s, naming Bedrock and the model', (Type, status, category, prefix) => {
    // Prepare
    const thrown = exception(Type, status);

    // Act
    const error = bedrockCallError(thrown, MODEL);

    // Assess
    expect(error).toBeInstanceOf(CategorizedError);
    expect(error.category).toBe(category);
    expect(error.message).toBe(`${prefix}: details from Bedrock (${status})`);
    expect(error.status).toBe(status);
    expect(error.cause).toBe(thrown);
  });

  it.each<[string, ErrorCategory, string]>([
    ['UnrecognizedClientException', 'auth_error', `Bedrock did not recognize the credentials of the call to ${MODEL} (UnrecognizedClientException)`],
    ['ExpiredTokenException', 'auth_error', `Bedrock rejected the expired credentials of the call to ${MODEL} (ExpiredTokenException)`],
  ])('classifies the unmodeled %s as %s', (name, category, prefix) => {
    // Act
    const error = bedrockCallError(unmodeled(name, 403, 'The security token included in the request is invalid.'), MODEL);

    // Assess
    expect(error.category).toBe(category);
    expect(error.message).toBe(`${prefix}: The security token included in the request is invalid.`);
    expect(error.status).toBe(403);
  });

  it('classifies an exception it has no rule for by its HTTP status', () => {
    // Act
    const conflict = bedrockCallError(exception(ConflictException, 409, 'a conflicting request'), MODEL);
    const signature = bedrockCallError(unmodeled('InvalidSignatureException', 403, 'signature mismatch'), MODEL);

    // Assess
    expect(conflict.category).toBe('api_error_409');
    expect(conflict.message).toBe(`Bedrock answered HTTP 409 to the call to ${MODEL} (ConflictException, HTTP 409): a conflicting request`);
    expect(signature.category).toBe('auth_error');
  });

  it('keeps an error that is already categorized', () => {
    // Prepare
    const thrown = new ReplyValidationError('the model returned no content');

    // Act
    const error = bedrockCallError(thrown, MODEL);

    // Assess
    expect(error).toBe(thrown);
  });

  it('names an abort by the caller an agent_timeout', () => {
    // Prepare
    const aborted = Object.assign(new Error('Request aborted'), { name: 'AbortError' });

    // Act
    const error = bedrockCallError(aborted, MODEL);

    // Assess
    expect(error.category).toBe('agent_timeout');
    expect(error.message).toBe(`The call to Bedrock model ${MODEL} was aborted: the agent reached its deadline.`);
  });

  it('redacts secrets and cuts the message like every classified message', () => {
    // Prepare
    const thrown = exception(ValidationException, 400, `Authorization: Bearer abc.def.ghi ${'x'.repeat(900)}`);

    // Act
    const error = bedrockCallError(thrown, MODEL);

    // Assess
    expect(error.message).not.toContain('abc.def.ghi');
    expect(error.message).toContain('Bearer ***');
    expect(error.message.length).toBe(500);
  });

  it('names an unexpected error an unknown_error, with the model', () => {
    // Act
    const error = bedrockCallError(new Error('something odd'), MODEL);

    // Assess
    expect(error.category).toBe('unknown_error');
    expect(error.message).toBe(`The call to Bedrock model ${MODEL} failed unexpectedly: Error: something odd`);
  });
});

describe('classifyError with Bedrock errors', () => {
  it.each<[BedrockRuntimeServiceException, ErrorCategory, string]>([
    [exception(ThrottlingException, 429, 'Too many tokens'), 'rate_limit', 'Bedrock throttled the call (ThrottlingException): Too many tokens'],
    [exception(ModelNotReadyException, 429, 'warming up'), 'service_unavailable', 'Bedrock has the model not ready for the call (ModelNotReadyException): warming up'],
    [unmodeled('ExpiredTokenException', 403, 'expired'), 'auth_error', 'Bedrock rejected the expired credentials of the call (ExpiredTokenException): expired'],
    [exception(ResourceNotFoundException, 404, 'no such model'), 'api_error_404', 'Bedrock found no such model or inference profile for the call (ResourceNotFoundException): no such model'],
  ])('recognizes %p without a model name', (thrown, category, message) => {
    // Act
    const result = classifyError(thrown);

    // Assess
    expect(result).toEqual({ category, message, status: thrown.$metadata.httpStatusCode });
  });

  it('keeps the category, message and HTTP status of a bedrockCallError', () => {
    // Prepare
    const error = bedrockCallError(exception(ThrottlingException, 429, 'Too many tokens'), MODEL);

    // Act
    const result = classifyError(error);

    // Assess
    expect(result).toEqual({ category: 'rate_limit', status: 429, message: `Bedrock throttled the call to ${MODEL} (ThrottlingException): Too many tokens` });
  });

  it('does not take another AWS service exception of the same name for Bedrock', () => {
    // Prepare
    const fromDynamo = Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), { name: 'ThrottlingException', $fault: 'client', $metadata: { httpStatusCode: 400 } });

    // Act
    const result = classifyError(fromDynamo);

    // Assess
    expect(result.message).not.toContain('Bedrock');
  });
});
