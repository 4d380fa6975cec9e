import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttp2Handler, NodeHttpHandler } from '@smithy/node-http-handler';
import { AttemptDeadlineHandler, type NodeRequestHandler } from './attempt-deadline-handler';

/** Limits of a Bedrock Runtime call besides `LLM_TIMEOUT_MS` itself. */
export const BEDROCK_CALL_LIMITS = {
  /** TCP connection established (HTTP/1.1; over HTTP/2 the attempt deadline bounds it). */
  connectionTimeoutMs: 3_000,
  /**
   * How far past the attempt deadline the handler's own idle timers are set: they are a
   * backstop (and bound an event stream's silences), so the deadline is what a caller sees.
   */
  backstopGraceMs: 1_000,
} as const;

/** What a Bedrock Runtime client is built from (the `CommonConfig` fields of the same names). */
export interface BedrockClientConfig {
  /** Per attempt, the whole call (connection, reply and its body). */
  readonly llmTimeoutMs: number;
  /** Retries after the first attempt (the SDK backs off between attempts). */
  readonly llmMaxRetries: number;
  /**
   * The protocol to Bedrock Runtime.
   * @default 'http2' (the SDK's own default for this service)
   */
  readonly http?: 'http2' | 'http1.1';
}

/**
 * A Bedrock Runtime client whose every attempt fails within `llmTimeoutMs`, over HTTP/2 or
 * HTTP/1.1, with `llmMaxRetries + 1` attempts in all. Region and credentials come from the
 * SDK's default provider chains (`AWS_REGION` and the function's role in Lambda); the endpoint
 * is never set here, so `AWS_ENDPOINT_URL_BEDROCK_RUNTIME` alone points it at a stand-in.
 *
 * The SDK's handlers only time out an idle connection (see {@link AttemptDeadlineHandler}), so
 * each attempt also runs under a hard deadline of `llmTimeoutMs`. A failed call throws the SDK's
 * error; `bedrockCallError(error, modelId)` turns it into a categorized one.
 *
 * @example
 * const bedrock = bedrockRuntimeClient({ llmTimeoutMs: 20_000, llmMaxRetries: 2 });
 * await bedrock.send(new ConverseCommand({ modelId, messages }), { abortSignal: deadline.signal });
 */
export function bedrockRuntimeClient(config: BedrockClientConfig): BedrockRuntimeClient {
  assertLimits(config);
  const handler = new AttemptDeadlineHandler(nodeHandler(config), config.llmTimeoutMs);
  return new BedrockRuntimeClient({ maxAttempts: config.llmMaxRetries + 1, requestHandler: handler });
}

function nodeHandler({ llmTimeoutMs, http = 'http2' }: BedrockClientConfig): NodeRequestHandler {
  const backstopMs = llmTimeoutMs + BEDROCK_CALL_LIMITS.backstopGraceMs;
  if (http === 'http1.1') {
    return new NodeHttpHandler({
      connectionTimeout: Math.min(BEDROCK_CALL_LIMITS.connectionTimeoutMs, llmTimeoutMs),
      requestTimeout: backstopMs,
      socketTimeout: backstopMs,
      throwOnRequestTimeout: true,
    });
  }
  // disableConcurrentStreams: one session per call, as the SDK's default handler for this service.
  return new NodeHttp2Handler({ requestTimeout: backstopMs, sessionTimeout: backstopMs, disableConcurrentStreams: true });
}

function assertLimits({ llmTimeoutMs, llmMaxRetries, http }: BedrockClientConfig): void {
  if (!Number.isFinite(llmTimeoutMs) || llmTimeoutMs <= 0) {
    throw new RangeError(`llmTimeoutMs must be a positive number of milliseconds, got ${llmTimeoutMs}`);
  }
  if (!Number.isInteger(llmMaxRetries) || llmMaxRetries < 0) {
    throw new RangeError(`llmMaxRetries must be a whole number of retries, 0 or more, got ${llmMaxRetries}`);
  }
  if (http !== undefined && http !== 'http2' && http !== 'http1.1') {
    throw new RangeError(`http must be 'http2' or 'http1.1', got ${String(http)}`);
  }
}
