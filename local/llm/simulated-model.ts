import type { FakeReply, RecordedRequest } from './simulated-openai-server';

/** The models the simulated server lists on `GET /v1/models`. */
export const SIMULATED_MODELS = ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini'] as const;

interface ChatMessage {
  role?: string;
  content?: unknown;
  tool_call_id?: string;
  tool_calls?: { id?: string; function?: { name?: string; arguments?: string } }[];
}

type ToolCall = { name: string; arguments: string };

interface ToolRule {
  readonly tool: string;
  readonly args: (question: string) => Record<string, string> | undefined;
}

const ARITHMETIC = /\(*-?\d+(?:\.\d+)?(?:\s*[-+*/^%]\s*\(*\s*-?\d+(?:\.\d+)?\s*\)*)+/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_WORDS = /\b(date|time|today|day is it|time ?zone|clock)\b/i;
const IANA_ZONE = /\b(UTC|[A-Z][a-z]+(?:_[A-Z][a-z]+)*\/[A-Z][A-Za-z_]+(?:\/[A-Z][A-Za-z_]+)?)\b/;
const DOCS_WORDS = /\b(docs?|documentation|runbooks?|monitoring|alarms?|alerts?|metrics?|dashboards?)\b/i;

/** Which agent tool the simulated model calls for a question, and with which arguments. */
const TOOL_RULES: readonly ToolRule[] = [
  { tool: 'calculator', args: arithmeticArgs },
  { tool: 'current_datetime', args: (q) => (DATE_WORDS.test(q) ? zoneArgs(q) : undefined) },
  { tool: 'search_docs', args: (q) => (DOCS_WORDS.test(q) ? { query: q } : undefined) },
];

const SHORT_TEXT = 'Simulated assessment: the answer is relevant, grounded and complete.';

function arithmeticArgs(question: string): Record<string, string> | undefined {
  const expression = question.match(ARITHMETIC)?.[0].trim();
  return expression && !ISO_DATE.test(expression) ? { expression } : undefined;
}

function zoneArgs(question: string): Record<string, string> {
  const zone = question.match(IANA_ZONE)?.[1];
  return zone ? { timezone: zone } : {};
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((part) => (typeof part?.text === 'string' ? part.text : '')).join(' ');
  }
  return '';
}

function offeredTools(body: any): Set<string> {
  const tools: unknown[] = Array.isArray(body?.tools) ? body.tools : [];
  return new Set(tools.map((tool: any) => tool?.function?.name).filter((name): name is string => typeof name === 'string'));
}

function planToolCalls(question: string, offered: Set<string>): ToolCall[] {
  return TOOL_RULES.filter((rule) => offered.has(rule.tool)).flatMap((rule) => {
    const args = rule.args(question);
    return args === undefined ? [] : [{ name: rule.tool, arguments: JSON.stringify(args) }];
  });
}

function trailingToolResults(messages: ChatMessage[]): ChatMessage[] {
  const results: ChatMessage[] = [];
  for (let i = messages.length - 1; i >= 0 && messages[i].role === 'tool'; i--) results.unshift(messages[i]);
  return results;
}

function toolNameFor(messages: ChatMessage[], callId: string | undefined): string {
  for (const message of messages) {
    const call = message.tool_calls?.find((candidate) => candidate.id === callId);
    if (call?.function?.name) return call.function.name;
  }
  return 'tool';
}

function answerFromTools(messages: ChatMessage[], results: ChatMessage[]): string {
  const quoted = results.map((result) => `${toolNameFor(messages, result.tool_call_id)} returned "${truncate(textOf(result.content), 300)}"`);
  return `Here is what I found: ${quoted.join('; ')}.`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * Fills a JSON schema with deterministic values: numbers get 0.9 (clamped to the schema's
 * bounds), integers their maximum, strings a short text, booleans `true`, arrays one item.
 */
export function sampleFromSchema(schema: any, root: any = schema): unknown {
  if (!schema || typeof schema !== 'object') return SHORT_TEXT;
  if (typeof schema.$ref === 'string') return sampleFromSchema(resolveRef(root, schema.$ref), root);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const variants = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(variants) && variants.length > 0) return sampleFromSchema(variants[0], root);
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  switch (type ?? (schema.properties ? 'object' : 'string')) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, value]) => [key, sampleFromSchema(value, root)]));
    case 'array':
      return [sampleFromSchema(schema.items, root)];
    case 'number':
      return clamp(0.9, schema.minimum, schema.maximum);
    case 'integer':
      return clamp(schema.maximum ?? 1, schema.minimum, schema.maximum);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return SHORT_TEXT;
  }
}

function resolveRef(root: any, ref: string): unknown {
  return ref
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .reduce((node: any, key) => node?.[key], root);
}

function clamp(value: number, min?: number, max?: number): number {
  if (typeof min === 'number' && value < min) return min;
  if (typeof max === 'number' && value > max) return max;
  return value;
}

function structuredReply(format: any, question: string): FakeReply | undefined {
  if (format?.type === 'json_schema') {
    return { kind: 'completion', content: JSON.stringify(sampleFromSchema(format.json_schema?.schema ?? {})) };
  }
  if (format?.type === 'json_object') {
    return { kind: 'completion', content: JSON.stringify({ answer: plainAnswer(question) }) };
  }
  return undefined;
}

function plainAnswer(question: string): string {
  return question
    ? `Simulated model here. You asked: "${truncate(question, 200)}". No tool was needed to answer.`
    : 'Hello from the simulated model.';
}

/**
 * The default responder: a deterministic stand-in for a chat model.
 *
 * It calls the agent's tools when the last user message asks for them (see `TOOL_RULES`),
 * answers in plain text quoting tool results once they come back, and answers structured
 * output requests (`response_format` `json_schema`) with JSON that fits the schema.
 *
 * @example
 * const server = await startSimulatedOpenAI({ responder: simulatedModel });
 */
export function simulatedModel(request: RecordedRequest): FakeReply {
  const messages: ChatMessage[] = Array.isArray(request.body?.messages) ? request.body.messages : [];
  const last = messages[messages.length - 1];
  const lastUser = [...messages].reverse().find((message) => message.role === 'user');
  const question = textOf(lastUser?.content).trim();
  const structured = structuredReply(request.body?.response_format, question);
  if (structured) return structured;
  const toolResults = trailingToolResults(messages);
  if (toolResults.length > 0) return { kind: 'completion', content: answerFromTools(messages, toolResults) };
  if (last?.role === 'user') {
    const toolCalls = planToolCalls(question, offeredTools(request.body));
    if (toolCalls.length > 0) return { kind: 'completion', content: null, toolCalls };
  }
  return { kind: 'completion', content: plainAnswer(question) };
}

function charsOfMessages(messages: ChatMessage[]): number {
  return messages.reduce((total, message) => {
    const calls = (message.tool_calls ?? []).map((call) => `${call.function?.name ?? ''}${call.function?.arguments ?? ''}`);
    return total + textOf(message.content).length + calls.join('').length;
  }, 0);
}

/**
 * Deterministic token estimate (about 4 characters per token) used when a reply sets no usage.
 */
export function estimateUsage(body: any, reply: { content?: string | null; toolCalls?: ToolCall[] }): {
  promptTokens: number;
  completionTokens: number;
} {
  const messages: ChatMessage[] = Array.isArray(body?.messages) ? body.messages : [];
  const completionChars = (reply.content ?? '').length + (reply.toolCalls ?? []).reduce((n, call) => n + call.name.length + call.arguments.length, 0);
  return {
    promptTokens: Math.max(1, Math.ceil(charsOfMessages(messages) / 4)),
    completionTokens: Math.max(1, Math.ceil(completionChars / 4)),
  };
}
