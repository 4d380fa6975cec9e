/**
 * One model turn in provider-neutral terms: what the agent's tool loop sends (a system prompt,
 * the conversation so far, the tools it offers) and what it gets back (text, tool calls, the
 * model that answered and its usage). One adapter per provider maps it to and from its SDK
 * (openai-turn.ts, bedrock-turn.ts); the loop never asks which provider it is talking to.
 */
import type { TokenUsage } from '../pricing/pricing';

/** A tool offered to the model: its name, what it does, and its arguments' JSON schema. */
export interface ToolSpec {
  readonly name: string;
  readonly description?: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** A tool call the model made; `arguments` is JSON text, as the model wrote it (untrusted). */
export interface ToolCallRequest {
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
}

/** One message of the conversation. */
export type TurnMessage =
  | { readonly role: 'user'; readonly text: string }
  | { readonly role: 'assistant'; readonly text?: string; readonly toolCalls: readonly ToolCallRequest[] }
  | { readonly role: 'tool'; readonly callId: string; readonly text: string };

/** What one model call asks for. */
export interface TurnRequest {
  /** The model as configured (a model name, or a Bedrock model id, profile id or ARN). */
  readonly model: string;
  readonly system: string;
  readonly messages: readonly TurnMessage[];
  readonly tools: readonly ToolSpec[];
  /** `none`: the model must answer now, without calling a tool (the loop's last chance). */
  readonly toolChoice: 'auto' | 'none';
  readonly maxTokens: number;
}

/** What one model call answered. */
export interface TurnReply {
  /** The answer text, or the text written beside tool calls; absent when there is none. */
  readonly text?: string;
  readonly toolCalls: readonly ToolCallRequest[];
  /** The model that answered (as the reply names it, or as called when replies name none). */
  readonly model: string;
  /** The usage reported, or undefined when none could be counted (an unmeasured reply). */
  readonly usage?: TokenUsage;
}

/** Bounds of one call: `signal` aborts at the request's deadline, `deadlineAt` (epoch ms) lets a retry be refused. */
export interface TurnCallOptions {
  readonly signal: AbortSignal;
  readonly deadlineAt: number;
}

/** One model call over some provider. */
export type ModelCaller = (request: TurnRequest, options: TurnCallOptions) => Promise<TurnReply>;
