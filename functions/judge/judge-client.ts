import type { MonitoringLogger } from '../shared/monitoring/with-monitoring';
import { isPlausibleUsage, type TokenUsage } from '../shared/pricing/pricing';
import { chargeReply } from '../shared/pricing/reply-charge';
import { JudgeReplyError, parseJudgeReply, type JudgeVerdict } from './judge-reply';
import type { JudgeAnswer, JudgeCall, JudgeRequest } from './providers/judge-call';
import type { Rubric } from './rubric';
import type { JudgeableSample } from './sample-check';

/** Longest question or answer sent to the judge; longer text is cut and marked. */
export const MAX_TEXT_CHARS = 8000;

const CHARS_PER_TOKEN = 4;
const NO_USAGE: JudgeUsage = Object.freeze({ promptTokens: 0, completionTokens: 0 });

/** Token usage of one judge call. */
export interface JudgeUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

/** A scored sample: the verdict, and what the judge call used and cost. */
export interface JudgeResult {
  readonly verdict: JudgeVerdict;
  /** The reported usage; 0 tokens when the reply reported none usable. */
  readonly usage: JudgeUsage;
  /** What the call is charged to the budget (see `chargeReply`: never 0 for a reply without usable usage or price). */
  readonly costUsd: number;
}

/** A judge reply that failed validation, with what the call still cost. */
export class InvalidJudgeReplyError extends JudgeReplyError {
  constructor(
    reason: string,
    readonly costUsd: number,
  ) {
    super(reason);
    this.name = 'InvalidJudgeReplyError';
  }
}

/** Options of {@link LlmJudge}. */
export interface LlmJudgeOptions {
  /** One structured call over the configured provider (providers/openai-judge-call.ts, providers/bedrock-judge-call.ts). */
  readonly call: JudgeCall;
  readonly model: string;
  readonly rubric: Rubric;
  readonly maxCompletionTokens: number;
  /** Prices a call; undefined for a model without a price entry (the judge model is refused: see the constructor). */
  readonly price: (model: string, usage: TokenUsage) => number | undefined;
  /** Worst-case cost of a call from its prompt size, for the budget reservation. */
  readonly estimate: (model: string, promptTokens: number, maxCompletionTokens: number) => number;
  /** Warns of replies charged conservatively. @default no logging */
  readonly logger?: MonitoringLogger;
}

/**
 * The LLM judge: one structured call per sample with the rubric as instructions and its JSON
 * schema as the reply's (OpenAI: a strict response format; Bedrock: one forced tool); the
 * reply is validated before anything is stored.
 *
 * @example
 * const judge = new LlmJudge({ call: openAIJudgeCall(client), model: 'gpt-4o-mini', rubric: CURRENT_RUBRIC, maxCompletionTokens: 400, price, estimate });
 * const { verdict, costUsd } = await judge.score(sample); // throws InvalidJudgeReplyError or the provider's error
 */
export class LlmJudge {
  /**
   * @throws Error when `model` has no price: its calls would count as free, so neither the
   *   per-run spend cap nor the daily budget would hold.
   */
  constructor(private readonly options: LlmJudgeOptions) {
    if (options.price(options.model, { promptTokens: 0, completionTokens: 0 }) === undefined) {
      throw new Error(`judge model "${options.model}" has no price entry; a judge without a price would spend outside the spend cap and the budget`);
    }
  }

  /** Worst-case cost in USD of judging this sample. */
  estimateUsd(sample: Pick<JudgeableSample, 'question' | 'answer'>): number {
    const chars = this.options.rubric.text.length + judgedText(sample).length + 200;
    return this.options.estimate(this.options.model, Math.ceil(chars / CHARS_PER_TOKEN), this.options.maxCompletionTokens);
  }

  /**
   * Scores one sample.
   * @throws InvalidJudgeReplyError when the reply is not valid JSON or a score is out of range;
   *   the provider's error (after the SDK's retries) when the call fails.
   */
  async score(sample: JudgeableSample, signal?: AbortSignal): Promise<JudgeResult> {
    const answer = await this.options.call(this.request(sample), signal);
    const { usage, costUsd } = this.charge(answer, this.estimateUsd(sample), sample.sampleId);
    if (answer.refusal) throw new InvalidJudgeReplyError(`judge refused to score: ${answer.refusal}`, costUsd);
    try {
      const verdict = parseJudgeReply(answer.content, answer.finishReason, this.options.rubric.weights);
      return { verdict, usage, costUsd };
    } catch (error) {
      if (error instanceof JudgeReplyError) throw new InvalidJudgeReplyError(error.reason, costUsd);
      throw error;
    }
  }

  /** What the reply used and is charged: a reply without usable usage or from an unpriced model is charged conservatively. */
  private charge(answer: JudgeAnswer, worstCaseUsd: number, sampleId: string): { usage: JudgeUsage; costUsd: number } {
    const { model, price, logger } = this.options;
    const reported = answer.usage;
    const answeredBy = answer.model;
    const charge = chargeReply({ model: answeredBy, usage: reported }, { requestedModel: model, worstCaseUsd, price });
    if (!charge.priced) logger?.warn('judge reply charged to the budget conservatively', { sampleId, model: answeredBy, reason: charge.reason, chargedUsd: charge.chargedUsd });
    const usage = reported !== undefined && isPlausibleUsage(reported) ? { promptTokens: reported.promptTokens, completionTokens: reported.completionTokens } : NO_USAGE;
    return { usage, costUsd: charge.chargedUsd };
  }

  private request(sample: JudgeableSample): JudgeRequest {
    const { rubric, model, maxCompletionTokens } = this.options;
    return { model, system: rubric.text, user: judgedText(sample), schemaName: rubric.schemaName, schema: rubric.schema as Record<string, unknown>, maxTokens: maxCompletionTokens };
  }
}

/**
 * The user message of a judge call: the question and the answer as the string values of one
 * JSON object. JSON escapes every quote and control character, so no text inside them can
 * close its value and pass itself off as part of the prompt (an answer ending in
 * `</answer>` and an "evaluator note" stays inside the answer).
 * @example
 * judgedText({ question: 'Why?', answer: 'Because.' }); // '{"question":"Why?","answer":"Because."}'
 */
export function judgedText(sample: Pick<JudgeableSample, 'question' | 'answer'>): string {
  return JSON.stringify({ question: clip(sample.question), answer: clip(sample.answer) });
}

function clip(text: string): string {
  return text.length > MAX_TEXT_CHARS ? `${text.slice(0, MAX_TEXT_CHARS)} [truncated]` : text;
}
