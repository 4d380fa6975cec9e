import type {
  ContentBlock,
  ConverseCommandInput,
  ConverseCommandOutput,
  Message,
  SystemContentBlock,
  Tool,
  ToolConfiguration,
} from '@aws-sdk/client-bedrock-runtime';
import { ReplyValidationError, type RejectedReply } from '../errors/agent-errors';
import type { ModelCaller, ToolCallRequest, TurnCallOptions, TurnMessage, TurnReply, TurnRequest } from './model-turn';
import { converseUsage } from './reply-usage';

/** One Converse call: the Bedrock Runtime SDK in production (bedrock-converse.ts), a virtual model in the simulator. */
export type Converser = (input: ConverseCommandInput, options: TurnCallOptions) => Promise<ConverseCommandOutput>;

/**
 * Said to the model on the loop's last call when the conversation already holds tool blocks:
 * Converse has no `tool_choice: none`, and refuses such a history without `toolConfig`, so the
 * tools stay declared and the model is told to answer (a tool call then still ends the loop).
 */
export const ANSWER_NOW_INSTRUCTION = 'Tools can no longer be called for this question: answer now from the tool results you have.';

/**
 * The Bedrock adapter of the model seam: a neutral turn as a Converse request (tools through
 * `toolConfig`, consecutive tool results in one user message), the ConverseResponse back as a
 * neutral reply. Converse replies do not name the model: the reply's model is the one called.
 *
 * @throws ReplyValidationError when the reply has no output message, or a toolUse block whose
 *   id or name is not text or whose input is not an object; the error carries the reply's
 *   model and usage (`reply`), for the monitor to charge.
 */
export function bedrockTurns(converse: Converser): ModelCaller {
  return async (request, options) => parseConverseOutput(await converse(converseInput(request), options), request.model);
}

/** The Converse request of a neutral turn. */
export function converseInput(request: TurnRequest): ConverseCommandInput {
  const messages = converseMessages(request.messages);
  const holdsToolBlocks = request.messages.some((message) => message.role !== 'user');
  const offersTools = request.tools.length > 0 && (request.toolChoice === 'auto' || holdsToolBlocks);
  const system: SystemContentBlock[] = [{ text: request.system }];
  if (offersTools && request.toolChoice === 'none') system.push({ text: ANSWER_NOW_INSTRUCTION });
  return {
    modelId: request.model,
    system,
    messages,
    inferenceConfig: { maxTokens: request.maxTokens },
    ...(offersTools && { toolConfig: toolConfig(request) }),
  };
}

function toolConfig(request: TurnRequest): ToolConfiguration {
  const tools: Tool[] = request.tools.map((tool) => ({
    toolSpec: { name: tool.name, ...(tool.description !== undefined && { description: tool.description }), inputSchema: { json: { ...tool.parameters } as never } },
  }));
  return { tools, toolChoice: { auto: {} } };
}

function converseMessages(history: readonly TurnMessage[]): Message[] {
  const messages: Message[] = [];
  for (const message of history) {
    if (message.role === 'user') {
      messages.push({ role: 'user', content: [{ text: message.text }] });
    } else if (message.role === 'assistant') {
      const content: ContentBlock[] = message.text?.trim() ? [{ text: message.text }] : [];
      for (const call of message.toolCalls) content.push({ toolUse: { toolUseId: call.id, name: call.name, input: toolInput(call) } });
      messages.push({ role: 'assistant', content });
    } else {
      const block: ContentBlock = { toolResult: { toolUseId: message.callId, content: [{ text: message.text }] } };
      const last = messages[messages.length - 1];
      if (last?.role === 'user' && last.content?.every((existing) => existing.toolResult !== undefined)) last.content.push(block);
      else messages.push({ role: 'user', content: [block] });
    }
  }
  return messages;
}

/** A call's arguments back as the object the model sent (they were written from one). */
function toolInput(call: ToolCallRequest): never {
  try {
    const input: unknown = JSON.parse(call.arguments || '{}');
    return (isPlainObject(input) ? input : {}) as never;
  } catch {
    return {} as never;
  }
}

/** A ConverseResponse as a neutral reply. */
export function parseConverseOutput(reply: ConverseCommandOutput, modelId: string): TurnReply {
  // Read first, so a reply that fails validation is still counted and charged as it was billed.
  const spent: RejectedReply = { model: modelId, usage: converseUsage(reply?.usage) };
  const message = reply?.output?.message;
  if (!message || typeof message !== 'object' || !Array.isArray(message.content)) {
    throw new ReplyValidationError(`the Bedrock reply from ${modelId} has no output message`, { reply: spent });
  }
  const texts: string[] = [];
  const toolCalls: ToolCallRequest[] = [];
  for (const block of message.content) {
    if (typeof block?.text === 'string') texts.push(block.text);
    if (block?.toolUse !== undefined) toolCalls.push(toolCall(block.toolUse, spent));
  }
  const text = texts.join('');
  return { text: text === '' ? undefined : text, toolCalls, ...spent };
}

function toolCall(toolUse: NonNullable<ContentBlock['toolUse']>, spent: RejectedReply): ToolCallRequest {
  const { toolUseId, name, input } = toolUse as { toolUseId?: unknown; name?: unknown; input?: unknown };
  if (typeof toolUseId !== 'string' || toolUseId === '' || typeof name !== 'string' || name === '') {
    throw new ReplyValidationError(`the Bedrock reply from ${spent.model} has a toolUse block without a toolUseId or name`, { reply: spent });
  }
  if (!isPlainObject(input)) {
    throw new ReplyValidationError(`the Bedrock reply from ${spent.model} calls the tool "${name.slice(0, 64)}" with an input that is ${describe(input)}, not an object`, { reply: spent });
  }
  return { id: toolUseId, name, arguments: JSON.stringify(input) };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
