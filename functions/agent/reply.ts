import { categoryInfo } from '../../lib/catalog/error-categories';
import type { RequestFailure } from '../shared/monitoring/with-monitoring';
import type { AgentSuccess } from './agent-service';

/** The invoke contract's failure reply (DESIGN.md). */
export interface AgentFailure {
  readonly requestId: string;
  readonly error: { readonly category: string; readonly message: string };
}

export interface HttpReply {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export type AgentReply = AgentSuccess | AgentFailure;

/**
 * The reply of a failed request. An unexpected error's message can carry internals (ARNs,
 * stack details), so the caller gets a generic message with the request id, and the details
 * stay in the structured log under that id.
 */
export function failureReply(failure: RequestFailure): AgentFailure {
  const message =
    failure.category === 'unknown_error' ? `internal error; the details are logged under request id ${failure.requestId}` : failure.message;
  return { requestId: failure.requestId, error: { category: failure.category, message } };
}

/** Wraps a reply for a Function URL / API Gateway caller, with the status its category maps to. */
export function httpReply(reply: AgentReply): HttpReply {
  const statusCode = 'error' in reply ? categoryInfo(reply.error.category as never).httpStatus : 200;
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': reply.requestId };
  if (statusCode === 429 || statusCode === 503) headers['retry-after'] = '30';
  return { statusCode, headers, body: JSON.stringify(reply) };
}
