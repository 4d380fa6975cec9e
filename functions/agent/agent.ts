import { isBudgetRefusal } from '../shared/budget/budget-errors';
import { AgentTimeoutError, ReplyValidationError } from '../shared/errors/agent-errors';
import type { ModelCaller, ToolSpec, TurnMessage, TurnReply } from '../shared/llm/model-turn';
import type { RequestMonitor } from '../shared/monitoring/request-monitor';
import type { Clock } from '../shared/monitoring/with-monitoring';
import { ToolInputError, type AgentTool } from './tools/tool';
import { runToolCall } from './tool-call';

export type { ChatCompleter } from '../shared/llm/openai-turn';

export interface AgentSettings {
  /** The model as configured: an OpenAI model name, or a Bedrock model id, profile id or ARN. */
  readonly model: string;
  readonly systemPrompt: string;
  readonly tools: readonly AgentTool[];
  /** Provider calls at most; the last one must answer (it offers no tool call). */
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
 * Runs the tool loop over any provider (`call`: see model-turn.ts): ask the model, run the
 * tools it calls, hand back the results, until it answers or the iteration bound or the
 * deadline is reached. Usage, cost and tool calls are recorded on the monitor as they happen,
 * so a failed request still reports what it spent. `beforeModelCall` runs before each provider
 * call with the prompt's size (the budget guard reserves more there, or refuses the call). An
 * answer already paid for is never thrown away: when the budget refuses a later call and the
 * model wrote text beside its tool calls, the loop stops and answers with the latest such
 * text; with no text yet, the refusal is the reply.
 */
export async function runAgent(
  question: string,
  call: ModelCaller,
  settings: AgentSettings,
  monitor: RequestMonitor,
  beforeModelCall?: (promptChars: number) => Promise<void>,
): Promise<AgentAnswer> {
  const deadline = monitor.startedAt + settings.deadlineMs;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), Math.max(0, deadline - settings.clock()));
  const messages: TurnMessage[] = [{ role: 'user', text: question }];
  const toolCalls: string[] = [];
  let paidText: { answer: string; model: string } | undefined;
  try {
    for (let iteration = 1; iteration <= settings.maxToolIterations; iteration += 1) {
      const lastChance = iteration === settings.maxToolIterations;
      const refusal = beforeModelCall && (await budgetRefusal(beforeModelCall, promptChars(settings.systemPrompt, messages, settings.tools)));
      if (refusal) {
        if (!paidText) throw refusal;
        return { ...paidText, toolCalls, budgetStopped: true };
      }
      const reply = record(await callModel(call, messages, settings, lastChance, abort, deadline, monitor), monitor);
      const calls = reply.toolCalls;
      if (calls.length === 0) {
        if (!reply.text) throw new ReplyValidationError('the model returned neither an answer nor a tool call');
        return { answer: reply.text, model: reply.model, toolCalls };
      }
      if (reply.text?.trim()) paidText = { answer: reply.text, model: reply.model };
      if (lastChance) break;
      messages.push({ role: 'assistant', text: reply.text, toolCalls: calls });
      for (const [index, toolCall] of calls.entries()) {
        if (index >= MAX_TOOL_CALLS_PER_TURN) {
          messages.push({ role: 'tool', callId: toolCall.id, text: `Error: at most ${MAX_TOOL_CALLS_PER_TURN} tool calls per turn; this one was not run.` });
          continue;
        }
        toolCalls.push(toolCall.name);
        const text = await runToolCall(toolCall, settings.tools, settings.clock, monitor);
        messages.push({ role: 'tool', callId: toolCall.id, text });
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
  call: ModelCaller,
  messages: readonly TurnMessage[],
  settings: AgentSettings,
  lastChance: boolean,
  abort: AbortController,
  deadline: number,
  monitor: RequestMonitor,
): Promise<TurnReply> {
  checkDeadline(settings.clock, deadline, settings.deadlineMs);
  const request = {
    model: settings.model,
    system: settings.systemPrompt,
    messages: [...messages],
    tools: toolSpecs(settings.tools),
    toolChoice: lastChance ? ('none' as const) : ('auto' as const),
    maxTokens: settings.maxCompletionTokens,
  };
  try {
    return await call(request, { signal: abort.signal, deadlineAt: deadline });
  } catch (error) {
    // A reply that arrived but failed validation was billed: it is counted and charged as one.
    if (error instanceof ReplyValidationError && error.reply) record(error.reply, monitor);
    if (abort.signal.aborted) {
      throw new AgentTimeoutError(`the agent passed its ${settings.deadlineMs} ms deadline (AGENT_DEADLINE_MS) waiting for the model`, {
        cause: error,
      });
    }
    throw error;
  }
}

/** Counts one reply on the monitor: its usage, or an unmeasured response. */
function record<T extends Pick<TurnReply, 'model' | 'usage'>>(reply: T, monitor: RequestMonitor): T {
  if (reply.usage) monitor.recordUsage(reply.model, reply.usage);
  else monitor.recordUnmeasuredResponse(reply.model);
  return reply;
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

const specsOfTools = new WeakMap<readonly AgentTool[], { specs: readonly ToolSpec[]; chars: number }>();

/** The tools as the seam offers them (computed once per tool set, with their size). */
function toolSet(tools: readonly AgentTool[]): { specs: readonly ToolSpec[]; chars: number } {
  let known = specsOfTools.get(tools);
  if (known === undefined) {
    const specs = tools.map((tool) => ({
      name: tool.definition.function.name,
      description: tool.definition.function.description,
      parameters: tool.definition.function.parameters ?? { type: 'object', properties: {} },
    }));
    known = { specs, chars: JSON.stringify(tools.map((tool) => tool.definition)).length };
    specsOfTools.set(tools, known);
  }
  return known;
}

function toolSpecs(tools: readonly AgentTool[]): readonly ToolSpec[] {
  return toolSet(tools).specs;
}

/** The size of the next prompt as sent: the system prompt, the messages so far and the tool definitions. */
function promptChars(system: string, messages: readonly TurnMessage[], tools: readonly AgentTool[]): number {
  return system.length + JSON.stringify(messages).length + toolSet(tools).chars;
}

export { ToolInputError };
