import { APIConnectionTimeoutError, APIUserAbortError } from 'openai/core/error';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ChatCompleter } from '../../functions/agent/agent';
import { PlanPlayer, SIMULATED_TOOL, type PlayedCall, type ProviderFaults, type VirtualProviderSettings } from './plan-player';
import { providerError } from './provider-errors';
import type { RequestPlan } from './traffic';
import type { VirtualClock } from './virtual-clock';

export { SIMULATED_TOOL, type VirtualProviderSettings };

/** The OpenAI SDK's errors: APIUserAbortError at the deadline, APIConnectionTimeoutError past LLM_TIMEOUT_MS. */
const OPENAI_FAULTS: ProviderFaults = {
  aborted: () => new APIUserAbortError(),
  timedOut: () => new APIConnectionTimeoutError(),
  raised: providerError,
};

/**
 * An OpenAI-compatible model in virtual time, playing the current `RequestPlan` (see
 * PlanPlayer): `calculator` calls, then the final answer, as ChatCompletions reporting the
 * plan's tokens and the plan's model. A plan that ends in an error fails on its first call the
 * way the provider would (see provider-errors.ts); a call still running at the agent's
 * deadline is aborted with the SDK's APIUserAbortError, a call longer than LLM_TIMEOUT_MS fails
 * with its APIConnectionTimeoutError.
 *
 * @example
 * const provider = new VirtualProvider(clock, plan, { deadlineMs: 25_000, llmTimeoutMs: 20_000 });
 * agentOptionsFromConfig(config, { clock: clock.now, chat: async () => provider.complete });
 */
export class VirtualProvider {
  readonly #player: PlanPlayer;

  constructor(
    clock: VirtualClock,
    private readonly plan: RequestPlan,
    settings: VirtualProviderSettings,
  ) {
    this.#player = new PlanPlayer(clock, plan, settings, OPENAI_FAULTS);
  }

  /** The ChatCompleter the agent calls. */
  readonly complete: ChatCompleter = async (params) => this.#respond(params);

  #respond(params: ChatCompletionCreateParamsNonStreaming): ChatCompletion {
    return completion(this.plan, this.#player.play(turnOf(params.messages), lastToolResult(params.messages)));
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

function completion(plan: RequestPlan, call: PlayedCall): ChatCompletion {
  const reply = (choices: ChatCompletion['choices'], promptTokens: number, completionTokens: number): ChatCompletion => ({
    id: call.id,
    object: 'chat.completion',
    created: Math.floor(plan.startMs / 1000),
    model: plan.model,
    choices,
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  });
  if (call.kind === 'empty') return reply([], 0, 0);
  if (call.kind === 'tool') {
    const message = {
      role: 'assistant' as const,
      content: null,
      refusal: null,
      tool_calls: [{ id: `call-${call.id}`, type: 'function' as const, function: { name: SIMULATED_TOOL, arguments: JSON.stringify({ expression: call.expression }) } }],
    };
    return reply([{ index: 0, message, finish_reason: 'tool_calls', logprobs: null }], call.promptTokens, call.completionTokens);
  }
  const message = { role: 'assistant' as const, content: call.text, refusal: null };
  return reply([{ index: 0, message, finish_reason: 'stop', logprobs: null }], call.promptTokens, call.completionTokens);
}
