import { APIConnectionTimeoutError, APIUserAbortError } from 'openai/core/error';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ChatCompleter } from '../../functions/agent/agent';
import { qualityMarker } from './answer-quality';
import { providerError } from './provider-errors';
import type { RequestPlan } from './traffic';
import type { VirtualClock } from './virtual-clock';

/** The agent settings the provider must respect to behave like a real one. */
export interface VirtualProviderSettings {
  /** AGENT_DEADLINE_MS: a call still running at the deadline is aborted, as the agent's AbortSignal would. */
  readonly deadlineMs: number;
  /** LLM_TIMEOUT_MS: a call longer than this fails with the SDK's connection timeout. */
  readonly llmTimeoutMs: number;
}

/** The tool the virtual model calls. */
export const SIMULATED_TOOL = 'calculator';

/**
 * An OpenAI-compatible model in virtual time, playing the current `RequestPlan`: each call
 * advances the clock by its share of the request's latency, then answers with a `calculator`
 * call (as many as the plan has), then with the final answer, reporting the plan's tokens
 * split over the calls. A plan that ends in an error fails on its first call the way the
 * provider would (see provider-errors.ts); a call still running at the agent's deadline is
 * aborted with the SDK's APIUserAbortError, a call longer than LLM_TIMEOUT_MS fails with its
 * APIConnectionTimeoutError.
 *
 * @example
 * const provider = new VirtualProvider(clock, plan, { deadlineMs: 25_000, llmTimeoutMs: 20_000 });
 * agentOptionsFromConfig(config, { clock: clock.now, chat: async () => provider.complete });
 */
export class VirtualProvider {
  constructor(
    private readonly clock: VirtualClock,
    private readonly plan: RequestPlan,
    private readonly settings: VirtualProviderSettings,
  ) {}

  /** The ChatCompleter the agent calls. */
  readonly complete: ChatCompleter = async (params) => this.#respond(params);

  #respond(params: ChatCompletionCreateParamsNonStreaming): ChatCompletion {
    const plan = this.plan;
    const calls = plan.toolCalls + 1;
    const turn = turnOf(params.messages);
    this.#wait(plan.error === 'timeout' ? Infinity : plan.latencyMs / calls);
    if (turn === 0 && plan.error !== undefined) {
      const error = providerError(plan.error);
      if (error) throw error;
      if (plan.error === 'validation_error') return completion(plan, `sim-${plan.index}-${turn}`, [], 0, 0);
    }
    const promptTokens = share(plan.promptTokens, calls, turn);
    const completionTokens = share(plan.completionTokens, calls, turn);
    const id = `sim-${plan.index}-${turn}`;
    if (turn < plan.toolCalls) {
      const [a, b, c] = plan.operands;
      const message = {
        role: 'assistant' as const,
        content: null,
        refusal: null,
        tool_calls: [{ id: `call-${id}`, type: 'function' as const, function: { name: SIMULATED_TOOL, arguments: `{"expression":"(${a} + ${turn}) * ${b} - ${c}"}` } }],
      };
      return completion(plan, id, [{ index: 0, message, finish_reason: 'tool_calls', logprobs: null }], promptTokens, completionTokens);
    }
    const result = lastToolResult(params.messages);
    const content = `${result === undefined ? 'Here is a short answer.' : `The calculator says ${result}.`} ${qualityMarker(plan.quality)}`;
    const message = { role: 'assistant' as const, content, refusal: null };
    return completion(plan, id, [{ index: 0, message, finish_reason: 'stop', logprobs: null }], promptTokens, completionTokens);
  }

  /** Advances the clock by one call's latency, failing the way a real call of that length would. */
  #wait(latencyMs: number): void {
    const deadline = this.plan.startMs + this.settings.deadlineMs;
    const waited = Math.min(latencyMs, this.settings.llmTimeoutMs);
    if (this.clock.now() + waited > deadline) {
      this.clock.set(deadline);
      throw new APIUserAbortError();
    }
    this.clock.advance(waited);
    if (latencyMs > this.settings.llmTimeoutMs) throw new APIConnectionTimeoutError();
  }
}

/** Model calls already made in this request: one assistant message per tool turn. */
function turnOf(messages: readonly ChatCompletionMessageParam[]): number {
  let turn = 0;
  for (const message of messages) if (message.role === 'assistant') turn++;
  return turn;
}

function lastToolResult(messages: readonly ChatCompletionMessageParam[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message.role === 'tool') return typeof message.content === 'string' ? message.content : undefined;
  }
  return undefined;
}

/** Call `turn`'s whole share of `total` over `calls` calls; the last call takes the remainder. */
function share(total: number, calls: number, turn: number): number {
  const each = Math.floor(total / calls);
  return turn === calls - 1 ? total - each * (calls - 1) : each;
}

function completion(plan: RequestPlan, id: string, choices: ChatCompletion['choices'], promptTokens: number, completionTokens: number): ChatCompletion {
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(plan.startMs / 1000),
    model: plan.model,
    choices,
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  };
}
