import type { BedrockError } from './converse-faults';

/** One request the Bedrock stand-in received; `body` is the parsed JSON, or the raw text when it is not JSON. */
export interface RecordedBedrockRequest {
  method: string;
  path: string;
  /** The model id, inference profile id or ARN of a `/model/{modelId}/...` path, URL-decoded. */
  modelId: string | undefined;
  /** The request headers (HTTP/2 pseudo-headers left out), SigV4 `authorization` and `x-amz-date` included. */
  headers: Record<string, string | string[] | undefined>;
  body: any;
  /** The protocol the client spoke: the SDK's default handler speaks `h2`, `NodeHttpHandler` `http/1.1`. */
  protocol: 'h2' | 'http/1.1';
}

/** Token usage as a Converse reply reports it; `totalTokens` defaults to input plus output. */
export interface ConverseUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly totalTokens?: number;
  readonly cacheReadInputTokens?: number;
  readonly cacheWriteInputTokens?: number;
}

/** A `toolUse` block of a reply; `input` is sent as given, object or not. */
export interface ToolUseReply {
  readonly name: string;
  readonly input: unknown;
  /** @default `tooluse_sim_<n>_<i>` */
  readonly toolUseId?: string;
}

/**
 * What the stand-in answers to one `Converse` request.
 *
 * - `message`: a 200 reply with a `text` block (when `text` is set) and `toolUse` blocks (tools
 *   named as given, offered or not). `stopReason` defaults to `tool_use` with tool uses, else
 *   `end_turn` (`max_tokens` when an estimated reply had to be cut to `inferenceConfig.maxTokens`).
 *   `usage` sets the reported figures as given (negative ones too) and `null` leaves `usage`
 *   out; without it the usage is estimated. `omitOutput` leaves `output` out of the reply.
 * - `error`: a Bedrock exception the SDK throws as its own class (see `BEDROCK_EXCEPTIONS`).
 * - `hang`: never answers (the client times out); `close()` still returns promptly.
 * - `reset`: destroys the connection without answering.
 * - `malformed`: a 200 `application/json` reply whose body is not JSON.
 * - `delay`: waits `ms`, then answers `then`.
 */
export type ConverseReply =
  | {
      kind: 'message';
      text?: string;
      toolUses?: ToolUseReply[];
      stopReason?: string;
      usage?: ConverseUsage | null;
      omitOutput?: boolean;
    }
  | ({ kind: 'error' } & BedrockError)
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'malformed' }
  | { kind: 'delay'; ms: number; then: ConverseReply };

/** Chooses the reply to a `Converse` request. */
export type ConverseResponder = (request: RecordedBedrockRequest) => ConverseReply | Promise<ConverseReply>;
