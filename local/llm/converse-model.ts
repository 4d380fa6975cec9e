import type { ConverseReply, ConverseUsage, RecordedBedrockRequest, ToolUseReply } from './converse-reply';
import { estimateUsage, sampleFromSchema, simulatedModel } from './simulated-model';

/**
 * The Converse side of the simulated model: a Converse request is read as the chat request the
 * simulated model (`simulated-model.ts`) already answers, and its answer is turned back into
 * Converse content blocks, so both stand-ins answer the same questions the same way.
 */

interface ChatMessage {
  role: string;
  content?: string | null;
  tool_call_id?: string;
  tool_calls?: { id?: string; function: { name: string; arguments: string } }[];
}

interface ChatBody {
  messages: ChatMessage[];
  tools: { function: { name: string } }[];
  response_format?: unknown;
}

type Block = Record<string, any>;

function blocksOf(message: any): Block[] {
  return Array.isArray(message?.content) ? message.content.filter((block: unknown) => typeof block === 'object' && block !== null) : [];
}

function textOfBlocks(blocks: Block[]): string {
  return blocks
    .map((block) => (typeof block.text === 'string' ? block.text : block.json !== undefined ? JSON.stringify(block.json) : ''))
    .filter(Boolean)
    .join(' ');
}

function chatMessagesOf(message: any): ChatMessage[] {
  const blocks = blocksOf(message);
  const text = textOfBlocks(blocks);
  if (message?.role === 'assistant') {
    const calls = blocks
      .filter((block) => block.toolUse)
      .map((block) => ({ id: block.toolUse.toolUseId, function: { name: String(block.toolUse.name), arguments: JSON.stringify(block.toolUse.input ?? {}) } }));
    return [{ role: 'assistant', content: text, ...(calls.length > 0 ? { tool_calls: calls } : {}) }];
  }
  const results: ChatMessage[] = blocks
    .filter((block) => block.toolResult)
    .map((block) => ({ role: 'tool', tool_call_id: block.toolResult.toolUseId, content: textOfBlocks(blocksOf(block.toolResult)) }));
  return [...(text ? [{ role: 'user', content: text }] : []), ...results];
}

function toolSpecs(body: any): { name: string; schema: unknown }[] {
  const tools: unknown[] = Array.isArray(body?.toolConfig?.tools) ? body.toolConfig.tools : [];
  return tools
    .map((tool: any) => ({ name: tool?.toolSpec?.name, schema: tool?.toolSpec?.inputSchema?.json }))
    .filter((spec): spec is { name: string; schema: unknown } => typeof spec.name === 'string');
}

function responseFormat(body: any): unknown {
  const format = body?.outputConfig?.textFormat;
  const schema = format?.structure?.jsonSchema?.schema;
  if (format?.type !== 'json_schema' || typeof schema !== 'string') return undefined;
  try {
    return { type: 'json_schema', json_schema: { schema: JSON.parse(schema) } };
  } catch {
    return undefined;
  }
}

/** The chat-completions body the simulated model reads for a Converse request body. */
export function chatBodyOf(body: any): ChatBody {
  const system = blocksOf({ content: body?.system });
  const systemMessages = system.length > 0 ? [{ role: 'system', content: textOfBlocks(system) }] : [];
  const history: unknown[] = Array.isArray(body?.messages) ? body.messages : [];
  return {
    messages: [...systemMessages, ...history.flatMap(chatMessagesOf)],
    tools: toolSpecs(body).map((spec) => ({ function: { name: spec.name } })),
    response_format: responseFormat(body),
  };
}

/** The tool `toolConfig.toolChoice` forces: a named tool, the first offered one for `any`, none for `auto`. */
function forcedTool(body: any): { name: string; schema: unknown; any: boolean } | undefined {
  const choice = body?.toolConfig?.toolChoice;
  const specs = toolSpecs(body);
  if (typeof choice?.tool?.name === 'string') {
    return { name: choice.tool.name, schema: specs.find((spec) => spec.name === choice.tool.name)?.schema, any: false };
  }
  if (choice?.any && specs.length > 0) return { ...specs[0], any: true };
  return undefined;
}

function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The default responder of the Bedrock stand-in: the simulated model's answer as Converse
 * blocks. A tool forced by `toolChoice` is always called, with the arguments the simulated
 * model would have chosen, or else an input sampled from the tool's `inputSchema.json`.
 */
export function simulatedConverseModel(request: RecordedBedrockRequest): ConverseReply {
  const reply = simulatedModel({ method: request.method, path: request.path, headers: request.headers, body: chatBodyOf(request.body) });
  const planned: ToolUseReply[] =
    reply.kind === 'completion' ? (reply.toolCalls ?? []).map((call) => ({ name: call.name, input: parseArguments(call.arguments) })) : [];
  const text = reply.kind === 'completion' ? (reply.content ?? undefined) : undefined;
  const forced = forcedTool(request.body);
  if (!forced) return { kind: 'message', text: planned.length > 0 ? undefined : text, toolUses: planned };
  const fitting = planned.filter((use) => forced.any || use.name === forced.name);
  return { kind: 'message', toolUses: fitting.length > 0 ? fitting : [{ name: forced.name, input: sampleFromSchema(forced.schema ?? { type: 'object' }) }] };
}

/** A deterministic usage estimate (about 4 characters per token) for a reply that sets none. */
export function estimateConverseUsage(body: any, reply: { text?: string; toolUses?: readonly ToolUseReply[] }): ConverseUsage {
  const toolCalls = (reply.toolUses ?? []).map((use) => ({ name: use.name, arguments: JSON.stringify(use.input) ?? '' }));
  const { promptTokens, completionTokens } = estimateUsage(chatBodyOf(body), { content: reply.text ?? null, toolCalls });
  return { inputTokens: promptTokens, outputTokens: completionTokens };
}

/** The text of a reply cut to `maxTokens` (about 4 characters per token). */
export function cutToMaxTokens(text: string, maxTokens: number): string {
  return text.slice(0, Math.max(0, maxTokens * 4));
}
