import { qualityMarker } from './answer-quality';
import type { RequestPlan } from './traffic';
import type { VirtualClock } from './virtual-clock';

/** The agent settings a virtual model must respect to behave like a real one. */
export interface VirtualProviderSettings {
  /** AGENT_DEADLINE_MS: a call still running at the deadline is aborted, as the agent's AbortSignal would. */
  readonly deadlineMs: number;
  /** LLM_TIMEOUT_MS: a call longer than this fails with the SDK's request timeout. */
  readonly llmTimeoutMs: number;
}

/** The tool the virtual model calls. */
export const SIMULATED_TOOL = 'calculator';

/** One model call of a plan, in provider-neutral terms; each provider's face writes it as its SDK's reply. */
export type PlayedCall =
  | { readonly kind: 'tool'; readonly id: string; readonly expression: string; readonly promptTokens: number; readonly completionTokens: number }
  | { readonly kind: 'answer'; readonly id: string; readonly text: string; readonly promptTokens: number; readonly completionTokens: number }
  /** A reply without a message (the plan's `validation_error`). */
  | { readonly kind: 'empty'; readonly id: string };

/** How one provider's client fails: its SDK's errors for each way a call can go wrong. */
export interface ProviderFaults {
  /** The call was still running at the agent's deadline: its abort signal ended it. */
  aborted(): Error;
  /** The call ran LLM_TIMEOUT_MS: the SDK's request timeout. */
  timedOut(): Error;
  /** What the provider raises for an error category, or undefined for one it does not raise. */
  raised(category: string): Error | undefined;
}

/**
 * The plan-playing core of the virtual models (VirtualProvider for OpenAI, VirtualBedrock for
 * Bedrock): each call advances the clock by its share of the request's latency, then is a
 * `calculator` call (as many as the plan has), then the final answer carrying the quality
 * marker, with the plan's tokens split over the calls. A plan that ends in an error fails on
 * its first call with the provider's error; a call still running at the agent's deadline
 * fails as aborted, a call longer than LLM_TIMEOUT_MS as timed out.
 *
 * @example
 * const player = new PlanPlayer(clock, plan, { deadlineMs: 25_000, llmTimeoutMs: 20_000 }, openAIFaults);
 * const call = player.play(turn, lastToolResult); // { kind: 'tool', expression: '(12 + 0) * 7 - 3', ... }
 */
export class PlanPlayer {
  constructor(
    private readonly clock: VirtualClock,
    private readonly plan: RequestPlan,
    private readonly settings: VirtualProviderSettings,
    private readonly faults: ProviderFaults,
  ) {}

  /**
   * Plays model call `turn` (0 for the request's first) of the current plan.
   *
   * @param lastToolResult the latest tool result in the conversation, which the answer quotes
   * @throws the provider's error when the plan fails this call
   */
  play(turn: number, lastToolResult: string | undefined): PlayedCall {
    const plan = this.plan;
    const calls = plan.toolCalls + 1;
    this.#wait(plan.error === 'timeout' ? Infinity : plan.latencyMs / calls);
    const id = `sim-${plan.index}-${turn}`;
    if (turn === 0 && plan.error !== undefined) {
      const error = this.faults.raised(plan.error);
      if (error) throw error;
      if (plan.error === 'validation_error') return { kind: 'empty', id };
    }
    const promptTokens = share(plan.promptTokens, calls, turn);
    const completionTokens = share(plan.completionTokens, calls, turn);
    if (turn < plan.toolCalls) {
      const [a, b, c] = plan.operands;
      return { kind: 'tool', id, expression: `(${a} + ${turn}) * ${b} - ${c}`, promptTokens, completionTokens };
    }
    const said = lastToolResult === undefined ? 'Here is a short answer.' : `The calculator says ${lastToolResult}.`;
    return { kind: 'answer', id, text: `${said} ${qualityMarker(plan.quality)}`, promptTokens, completionTokens };
  }

  /** Advances the clock by one call's latency, failing the way a real call of that length would. */
  #wait(latencyMs: number): void {
    const deadline = this.plan.startMs + this.settings.deadlineMs;
    const waited = Math.min(latencyMs, this.settings.llmTimeoutMs);
    if (this.clock.now() + waited > deadline) {
      this.clock.set(deadline);
      throw this.faults.aborted();
    }
    this.clock.advance(waited);
    if (latencyMs > this.settings.llmTimeoutMs) throw this.faults.timedOut();
  }
}

/** Call `turn`'s whole share of `total` over `calls` calls; the last call takes the remainder. */
function share(total: number, calls: number, turn: number): number {
  const each = Math.floor(total / calls);
  return turn === calls - 1 ? total - each * (calls - 1) : each;
}
