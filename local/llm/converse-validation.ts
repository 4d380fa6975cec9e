/**
 * The checks Bedrock makes on a `Converse` body that matter to a caller building histories,
 * with Bedrock's messages where they are known. Each returns the problem, or `undefined`.
 */

type Message = { role?: unknown; content?: unknown };
type Block = Record<string, any>;

/** Bedrock's own message for tool blocks sent without `toolConfig`. */
export const TOOL_CONFIG_REQUIRED = 'The toolConfig field must be defined when using toolUse and toolResult content blocks.';

function blocksOf(message: Message): Block[] {
  return Array.isArray(message.content) ? message.content : [];
}

function shapeProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'Malformed input request: the body must be a JSON object, please reformat your input and try again.';
  const messages = (body as { messages?: unknown }).messages;
  if (!Array.isArray(messages) || messages.length === 0) return 'Malformed input request: messages must be a non-empty list of messages.';
  return undefined;
}

function roleProblem(messages: Message[]): string | undefined {
  for (const [index, message] of messages.entries()) {
    if (message?.role !== 'user' && message?.role !== 'assistant') {
      return `Malformed input request: messages.${index}.role must be "user" or "assistant".`;
    }
    if (index === 0 && message.role !== 'user') return 'A conversation must start with a user message. Try again with a conversation that starts with a user message.';
    if (index > 0 && message.role === messages[index - 1].role) {
      return 'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.';
    }
    if (blocksOf(message).length === 0) {
      return `The content field in the Message object at messages.${index} is empty. Add a ContentBlock object to the content field and try again.`;
    }
  }
  return undefined;
}

function usesTools(messages: Message[]): boolean {
  return messages.some((message) => blocksOf(message).some((block) => block?.toolUse || block?.toolResult));
}

function toolUseIds(message: Message | undefined): string[] {
  if (message?.role !== 'assistant') return [];
  return blocksOf(message).flatMap((block) => (block?.toolUse ? [String(block.toolUse.toolUseId)] : []));
}

function toolResultProblem(messages: Message[]): string | undefined {
  for (const [index, message] of messages.entries()) {
    if (message.role !== 'user') continue;
    const expected = toolUseIds(messages[index - 1]);
    const given = blocksOf(message).flatMap((block) => (block?.toolResult ? [String(block.toolResult.toolUseId)] : []));
    const unknown = given.find((id) => !expected.includes(id));
    if (unknown !== undefined) {
      return `messages.${index}.content: the toolResult for toolUseId ${unknown} answers no toolUse block of the previous assistant message.`;
    }
    const missing = expected.filter((id) => !given.includes(id));
    if (missing.length > 0) return `Expected toolResult blocks at messages.${index}.content for the following Ids: ${missing.join(', ')}`;
  }
  return undefined;
}

function toolConfigProblem(toolConfig: any): string | undefined {
  const tools: unknown[] = Array.isArray(toolConfig.tools) ? toolConfig.tools : [];
  if (tools.length === 0) return 'The value at toolConfig.tools failed to satisfy constraint: Member must have length greater than or equal to 1';
  const names = tools.map((tool: any) => tool?.toolSpec?.name);
  const unnamed = names.findIndex((name) => typeof name !== 'string' || name === '');
  if (unnamed >= 0) return `Malformed input request: toolConfig.tools.${unnamed}.toolSpec.name is required.`;
  const chosen = toolConfig.toolChoice?.tool?.name;
  if (chosen !== undefined && !names.includes(chosen)) {
    return `The tool ${String(chosen)} named in toolConfig.toolChoice is not one of toolConfig.tools (${names.join(', ')}).`;
  }
  return undefined;
}

function inferenceProblem(config: any): string | undefined {
  const maxTokens = config?.maxTokens;
  if (maxTokens !== undefined && (!Number.isInteger(maxTokens) || maxTokens < 1)) {
    return 'The value at inferenceConfig.maxTokens failed to satisfy constraint: Member must have value greater than or equal to 1';
  }
  return undefined;
}

/** The first problem Bedrock would answer a `Converse` body with as a `ValidationException`, if any. */
export function converseProblem(body: unknown): string | undefined {
  const shape = shapeProblem(body);
  if (shape) return shape;
  const { messages, toolConfig, inferenceConfig } = body as { messages: Message[]; toolConfig?: unknown; inferenceConfig?: unknown };
  const roles = roleProblem(messages);
  if (roles) return roles;
  if (toolConfig === undefined || toolConfig === null) return usesTools(messages) ? TOOL_CONFIG_REQUIRED : inferenceProblem(inferenceConfig);
  return toolResultProblem(messages) ?? toolConfigProblem(toolConfig) ?? inferenceProblem(inferenceConfig);
}
