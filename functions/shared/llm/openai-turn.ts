import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageFunctionToolCall,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { ReplyValidationError } from '../errors/agent-errors';
import type { ModelCaller, ToolCallRequest, TurnMessage, TurnReply, TurnRequest } from './model-turn';
import { replyModel, reportedUsage } from './reply-usage';

/**
 * One chat-completions call; the OpenAI SDK in production, anything compatible in a simulator.
 * `signal` aborts at the request's deadline; `deadlineAt` (epoch ms on the agent's clock) lets
 * the call refuse a retry whose wait would pass it.
 */
export type ChatCompleter = (
  params: ChatCompletionCreateParamsNonStreaming,
  options: { signal: AbortSignal; deadlineAt: number },
) => Promise<ChatCompletion>;

/**
 * The OpenAI adapter of the model seam: a neutral turn as a chat-completions request (tools as
 * functions, `tool_choice: none` on the last chance), the ChatCompletion back as a neutral
 * reply (the model it names, its usage or none).
 *
 * @throws ReplyValidationError when the reply has no `choices[0].message` or its content is not
 *   text; the error carries the reply's model and usage (`reply`), for the monitor to charge.
 */
export function openAITurns(complete: ChatCompleter): ModelCaller {
  return async (request, options) => parseCompletion(await complete(chatParams(request), options), request.model);
}

/** The chat-completions request of a neutral turn. */
export function chatParams(request: TurnRequest): ChatCompletionCreateParamsNonStreaming {
  const params: ChatCompletionCreateParamsNonStreaming = {
    model: request.model,
    messages: [{ role: 'system', content: request.system }, ...request.messages.map(chatMessage)],
    max_completion_tokens: request.maxTokens,
  };
  if (request.tools.length > 0) {
    params.tools = request.tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, ...(tool.description !== undefined && { description: tool.description }), parameters: { ...tool.parameters } },
    }));
    params.tool_choice = request.toolChoice;
  }
  return params;
}

function chatMessage(message: TurnMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case 'user':
      return { role: 'user', content: message.text };
    case 'tool':
      return { role: 'tool', tool_call_id: message.callId, content: message.text };
    case 'assistant':
      return {
        role: 'assistant',
        content: message.text ?? null,
        tool_calls: message.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })),
      };
  }
}

/** A ChatCompletion as a neutral reply. */
export function parseCompletion(reply: ChatCompletion, requestedModel: string): TurnReply {
  // Read first, so a reply that fails validation is still counted and charged as it was billed.
  const spent = { model: replyModel(reply ?? {}, requestedModel), usage: reportedUsage(reply?.usage) };
  const message = reply?.choices?.[0]?.message;
  if (!message || typeof message !== 'object') {
    throw new ReplyValidationError('the provider reply has no choices[0].message', { reply: spent });
  }
  if (message.content !== null && message.content !== undefined && typeof message.content !== 'string') {
    throw new ReplyValidationError(`the provider reply's choices[0].message.content is ${describeValue(message.content)}, not text`, { reply: spent });
  }
  return { text: message.content ?? undefined, toolCalls: functionCalls(message.tool_calls), ...spent };
}

function functionCalls(calls: unknown): ToolCallRequest[] {
  if (!Array.isArray(calls)) return [];
  return calls
    .filter(
      (call): call is ChatCompletionMessageFunctionToolCall =>
        call?.type === 'function' && typeof call.id === 'string' && typeof call.function?.name === 'string',
    )
    .map((call) => ({ id: call.id, name: call.function.name, arguments: argumentsText(call.function.arguments) }));
}

/** Arguments as JSON text; a provider that sends an object instead is taken at its word. */
function argumentsText(value: unknown): string {
  if (typeof value === 'string') return value;
  return value === undefined || value === null ? '' : JSON.stringify(value);
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
