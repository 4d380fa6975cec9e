import { randomUUID } from 'node:crypto';
import type { AnyResponse } from './dual-protocol-server';

/**
 * The exceptions Bedrock Runtime answers `Converse` with, their HTTP status (as in the SDK's
 * model, `@aws-sdk/client-bedrock-runtime`) and a message in Bedrock's words.
 * `UnrecognizedClientException` and `ExpiredTokenException` come from the AWS front door, not
 * the Bedrock model: the SDK throws them as a `BedrockRuntimeServiceException` with that `name`.
 */
export const BEDROCK_EXCEPTIONS = {
  ThrottlingException: { status: 429, message: 'Too many requests, please wait before trying again.' },
  ServiceQuotaExceededException: { status: 400, message: 'Too many tokens, please wait before trying again.' },
  ModelTimeoutException: { status: 408, message: 'Model has timed out in processing the request. Try your request again.' },
  ServiceUnavailableException: { status: 503, message: 'Bedrock is unable to process your request.' },
  ModelNotReadyException: { status: 429, message: 'The model is not ready to serve inference requests. Try again later.' },
  InternalServerException: { status: 500, message: 'The system encountered an unexpected error during processing. Try your request again.' },
  ModelErrorException: { status: 424, message: 'The model returned an error while processing the request.' },
  AccessDeniedException: { status: 403, message: "You don't have access to the model with the specified model ID." },
  UnrecognizedClientException: { status: 403, message: 'The security token included in the request is invalid.' },
  ExpiredTokenException: { status: 403, message: 'The security token included in the request is expired' },
  ValidationException: { status: 400, message: 'The provided request is not valid.' },
  ResourceNotFoundException: { status: 404, message: 'The requested resource could not be found.' },
} as const satisfies Record<string, { status: number; message: string }>;

/** The name of an exception the stand-in can answer with. */
export type BedrockExceptionName = keyof typeof BEDROCK_EXCEPTIONS;

/** An error reply: what the SDK needs to throw the exception `name`. */
export interface BedrockError {
  /** The exception name, sent as `x-amzn-ErrorType`; any other name needs a `status`. */
  readonly name: BedrockExceptionName | (string & {});
  /** @default Bedrock's message for the exception */
  readonly message?: string;
  /** @default the exception's status in the SDK's model (400 for an unknown name) */
  readonly status?: number;
  /** Extra members of the body, e.g. `originalStatusCode` and `resourceName` of `ModelErrorException`. */
  readonly fields?: Record<string, unknown>;
  /** Extra response headers, e.g. `retry-after`. */
  readonly headers?: Record<string, string>;
}

function known(name: string): { status: number; message: string } | undefined {
  return Object.hasOwn(BEDROCK_EXCEPTIONS, name) ? BEDROCK_EXCEPTIONS[name as BedrockExceptionName] : undefined;
}

/** Sends `error` the way Bedrock does: status, `x-amzn-ErrorType` header and `{"message"}` JSON body. */
export function sendBedrockError(res: AnyResponse, error: BedrockError): void {
  const style = known(error.name);
  const status = error.status ?? style?.status ?? 400;
  const body = { ...error.fields, message: error.message ?? style?.message ?? `${error.name} (HTTP ${status}).` };
  sendJson(res, status, body, { 'x-amzn-errortype': error.name, ...error.headers });
}

/** Sends a JSON reply with a fresh `x-amzn-requestid`. */
export function sendJson(res: AnyResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
  res.end(text);
}

/** A 200 `application/json` reply whose body is cut short: not JSON. */
export function sendMalformed(res: AnyResponse): void {
  res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID() });
  res.end('{"output": {"message": {"role": "assistant", "content": [');
}
