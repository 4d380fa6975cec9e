import type { ContentBlock, ConverseCommandInput, ConverseCommandOutput, Message } from '@aws-sdk/client-bedrock-runtime';
import { categorizedConverser } from '../../functions/shared/llm/bedrock-converse';
import type { Converser } from '../../functions/shared/llm/bedrock-turn';
import { bedrockAbortError, bedrockProviderError, bedrockRequestTimeout } from './bedrock-provider-errors';
import { PlanPlayer, SIMULATED_TOOL, type PlayedCall, type ProviderFaults, type VirtualProviderSettings } from './plan-player';
import type { RequestPlan } from './traffic';
import type { VirtualClock } from './virtual-clock';

/** A reply's SDK metadata: no request went anywhere. */
const METADATA = Object.freeze({ httpStatusCode: 200, attempts: 1, totalRetryDelay: 0 });

/**
 * An Amazon Bedrock model in virtual time behind the Converse API, playing the current
 * `RequestPlan` exactly as VirtualProvider plays it for OpenAI (the same PlanPlayer: latency,
 * tokens, `calculator` calls, quality marker), as ConverseResponses: `toolUse` blocks with
 * stop reason `tool_use`, then the answer with `end_turn`, usage as `inputTokens` and
 * `outputTokens`. Its errors are the Bedrock SDK's (see bedrock-provider-errors.ts), thrown
 * through `categorizedConverser`, the catch of the real converser, so `bedrockCallError`
 * classifies them; a call still running at the agent's deadline fails with the SDK's
 * AbortError, one longer than LLM_TIMEOUT_MS with the client's request timeout.
 *
 * @example
 * const bedrock = new VirtualBedrock(clock, plan, { deadlineMs: 25_000, llmTimeoutMs: 20_000 });
 * agentOptionsFromConfig(config, { clock: clock.now, converse: async () => bedrock.converse });
 */
export class VirtualBedrock {
  readonly #player: PlanPlayer;

  constructor(clock: VirtualClock, plan: RequestPlan, settings: VirtualProviderSettings) {
    const faults: ProviderFaults = { aborted: bedrockAbortError, timedOut: () => bedrockRequestTimeout(settings.llmTimeoutMs), raised: bedrockProviderError };
    this.#player = new PlanPlayer(clock, plan, settings, faults);
  }

  /** The Converser the agent calls: the virtual model's replies, its failures categorized as production's are. */
  readonly converse: Converser = categorizedConverser(async (input) => this.#respond(input));

  #respond(input: ConverseCommandInput): ConverseCommandOutput {
    const messages = input.messages ?? [];
    return converseOutput(this.#player.play(turnOf(messages), lastToolResult(messages)));
  }
}

/** Model calls already made in this request: one assistant message per tool turn. */
function turnOf(messages: readonly Message[]): number {
  let turn = 0;
  for (const message of messages) if (message.role === 'assistant') turn++;
  return turn;
}

/** The text of the latest toolResult block (tool results come back in user messages). */
function lastToolResult(messages: readonly Message[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const blocks = messages[i].content ?? [];
    for (let j = blocks.length - 1; j >= 0; j--) {
      const result = blocks[j].toolResult;
      if (result) return result.content?.[0]?.text;
    }
  }
  return undefined;
}

function converseOutput(call: PlayedCall): ConverseCommandOutput {
  if (call.kind === 'empty') return { $metadata: METADATA, output: undefined, stopReason: 'end_turn', usage: usage(0, 0), metrics: { latencyMs: 0 } };
  const content: ContentBlock[] =
    call.kind === 'tool'
      ? [{ toolUse: { toolUseId: `tooluse-${call.id}`, name: SIMULATED_TOOL, input: { expression: call.expression } } }]
      : [{ text: call.text }];
  return {
    $metadata: METADATA,
    output: { message: { role: 'assistant', content } },
    stopReason: call.kind === 'tool' ? 'tool_use' : 'end_turn',
    usage: usage(call.promptTokens, call.completionTokens),
    metrics: { latencyMs: 0 },
  };
}

function usage(inputTokens: number, outputTokens: number): NonNullable<ConverseCommandOutput['usage']> {
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
}
