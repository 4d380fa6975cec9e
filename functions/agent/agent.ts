import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageFunctionToolCall,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { isBudgetRefusal } from '../shared/budget/budget-errors';
import { AgentTimeoutError, ReplyValidationError } from '../shared/errors/agent-errors';
import { replyModel, reportedUsage } from '../shared/llm/reply-usage';
import type { RequestMonitor } from '../shared/monitoring/request-monitor';
import type { Clock } from '../shared/monitoring/with-monitoring';
import { ToolInputError, type AgentTool } from './tools/tool';
import { runToolCall } from './tool-call';

/**
 * One chat-completions call; the OpenAI SDK in production, anything compatible in a simulator.
 * `signal` aborts at the request's deadline; `deadlineAt` (epoch ms on the agent's clock) lets
 * the call refuse a retry whose wait would pass it.
 */
export type ChatCompleter = (
  params: ChatCompletionCreateParamsNonStreaming,
  options: { signal: AbortSignal; deadlineAt: number },
) => Promise<ChatCompletion>;

export interface AgentSettings {
  readonly model: string;
  readonly systemPrompt: string;
  readonly tools: readonly AgentTool[];
  /** Provider calls at most; the last one offers no tools, so the model must answer. */
  readonly maxToolIterations: number;
  readonly maxCompletionTokens: number;
  /** The whole request, tool loop included, ends as `agent_timeout` past this. */
  readonly deadlineMs: number;
  readonly clock: Clock;
}

export interface AgentAnswer {
  readonly answer: string;
  readonly model: string;
  readonly toolCalls: readonly string[];
  /** The budget refused the next model call; `answer` is the text the model had already written (and been paid for). */
  readonly budgetStopped?: boolean;
}

/** Tool calls run per model turn; further calls in the same turn are answered with an error, not run. */
export const MAX_TOOL_CALLS_PER_TURN = 8;

export const DEFAULT_SYSTEM_PROMPT =
  'You are a concise assistant for an engineering team. Use the tools for arithmetic, dates and ' +
  'questions about operating the monitoring kit; answer in a few sentences.';

/**
 * Runs the tool loop: ask the model, run the tools it calls, hand back the results, until it
 * answers or the iteration bound or the deadline is reached. Usage, cost and tool calls are
 * recorded on the monitor as they happen, so a failed request still reports what it spent.
 * `beforeModelCall` runs before each provider call with the prompt's size (the budget guard
 * reserves more there, or refuses the call). An answer already paid for is never thrown away:
 * when the budget refuses a later call and the model wrote text beside its tool calls, the loop
 * stops and answers with the latest such text; with no text yet, the refusal is the reply.
 */
export async function runAgent(
  question: string,
  complete: ChatCompleter,
  settings: AgentSettings,
  monitor: RequestMonitor,
  beforeModelCall?: (promptChars: number) => Promise<void>,
): Promise<AgentAnswer> {
  const deadline = monitor.startedAt + settings.deadlineMs;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), Math.max(0, deadline - settings.clock()));
  const messages: ChatCompletionMessageParam[] = [
    { role: 'system', content: settings.systemPrompt },
    { role: 'user', content: question },
  ];
  const toolCalls: string[] = [];
  let paidText: { answer: string; model: string } | undefined;
  try {
    for (let iteration = 1; iteration <= settings.maxToolIterations; iteration += 1) {
      const lastChance = iteration === settings.maxToolIterations;
      const refusal = beforeModelCall && (await budgetRefusal(beforeModelCall, promptChars(messages, settings.tools)));
      if (refusal) {
        if (!paidText) throw refusal;
        return { ...paidText, toolCalls, budgetStopped: true };
      }
      const reply = await callModel(complete, messages, settings, lastChance, abort, deadline);
      const message = recordReply(reply, settings.model, monitor);
      const calls = functionCalls(message.tool_calls);
      if (calls.length === 0) {
        if (!message.content) throw new ReplyValidationError('the model returned neither an answer nor a tool call');
        return { answer: message.content, model: reply.model || settings.model, toolCalls };
      }
      if (typeof message.content === 'string' && message.content.trim()) paidText = { answer: message.content, model: reply.model || settings.model };
      if (lastChance) break;
      messages.push({ role: 'assistant', content: message.content ?? null, tool_calls: calls });
      for (const [index, call] of calls.entries()) {
        if (index >= MAX_TOOL_CALLS_PER_TURN) {
          messages.push({ role: 'tool', tool_call_id: call.id, content: `Error: at most ${MAX_TOOL_CALLS_PER_TURN} tool calls per turn; this one was not run.` });
          continue;
        }
        toolCalls.push(call.function.name);
        const content = await runToolCall(call, settings.tools, settings.clock, monitor);
        messages.push({ role: 'tool', tool_call_id: call.id, content });
        checkDeadline(settings.clock, deadline, settings.deadlineMs);
      }
    }
    throw new ReplyValidationError(
      `the model kept calling tools after ${settings.maxToolIterations} iterations (AGENT_MAX_TOOL_ITERATIONS) without answering`,
    );
  } finally {
    clearTimeout(timer);
  }
}

async function callModel(
  complete: ChatCompleter,
  messages: ChatCompletionMessageParam[],
  settings: AgentSettings,
  lastChance: boolean,
  abort: AbortController,
  deadline: number,
): Promise<ChatCompletion> {
  checkDeadline(settings.clock, deadline, settings.deadlineMs);
  const params: ChatCompletionCreateParamsNonStreaming = {
    model: settings.model,
    messages,
    max_completion_tokens: settings.maxCompletionTokens,
  };
  if (settings.tools.length > 0) {
    params.tools = settings.tools.map((tool) => tool.definition);
    params.tool_choice = lastChance ? 'none' : 'auto';
  }
  try {
    return await complete(params, { signal: abort.signal, deadlineAt: deadline });
  } catch (error) {
    if (abort.signal.aborted) {
      throw new AgentTimeoutError(`the agent passed its ${settings.deadlineMs} ms deadline (AGENT_DEADLINE_MS) waiting for the model`, {
        cause: error,
      });
    }
    throw error;
  }
}

/** Runs the budget's check before a call: a budget refusal is returned for the loop to decide, any other error thrown. */
async function budgetRefusal(beforeModelCall: (promptChars: number) => Promise<void>, chars: number): Promise<Error | undefined> {
  try {
    await beforeModelCall(chars);
    return undefined;
  } catch (error) {
    if (isBudgetRefusal(error)) return error;
    throw error;
  }
}

function checkDeadline(clock: Clock, deadline: number, deadlineMs: number): void {
  if (clock() >= deadline) {
    throw new AgentTimeoutError(`the agent passed its ${deadlineMs} ms deadline (AGENT_DEADLINE_MS)`);
  }
}

function recordReply(reply: ChatCompletion, requestedModel: string, monitor: RequestMonitor) {
  const message = reply?.choices?.[0]?.message;
  if (!message || typeof message !== 'object') {
    throw new ReplyValidationError('the provider reply has no choices[0].message');
  }
  if (message.content !== null && message.content !== undefined && typeof message.content !== 'string') {
    throw new ReplyValidationError(`the provider reply's choices[0].message.content is ${describeValue(message.content)}, not text`);
  }
  const model = replyModel(reply, requestedModel);
  const usage = reportedUsage(reply.usage);
  if (usage) monitor.recordUsage(model, usage);
  else monitor.recordUnmeasuredResponse(model);
  return message;
}

const toolDefinitionChars = new WeakMap<readonly AgentTool[], number>();

/** The size of the next prompt as sent: the messages so far and the tool definitions (measured once per tool set). */
function promptChars(messages: ChatCompletionMessageParam[], tools: readonly AgentTool[]): number {
  let toolChars = toolDefinitionChars.get(tools);
  if (toolChars === undefined) {
    toolChars = JSON.stringify(tools.map((tool) => tool.definition)).length;
    toolDefinitionChars.set(tools, toolChars);
  }
  return JSON.stringify(messages).length + toolChars;
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function functionCalls(calls: unknown): ChatCompletionMessageFunctionToolCall[] {
  if (!Array.isArray(calls)) return [];
  return calls.filter(
    (call): call is ChatCompletionMessageFunctionToolCall =>
      call?.type === 'function' && typeof call.id === 'string' && typeof call.function?.name === 'string',
  );
}

export { ToolInputError };
