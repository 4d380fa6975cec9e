import type { TokenUsage } from '../../shared/pricing/pricing';

/** One structured judge call, in provider-neutral terms: the rubric, the judged text, the reply schema. */
export interface JudgeRequest {
  readonly model: string;
  /** The rubric's instructions. */
  readonly system: string;
  /** The question and answer judged (judgedText). */
  readonly user: string;
  readonly schemaName: string;
  /** The JSON schema the reply must fit. */
  readonly schema: Readonly<Record<string, unknown>>;
  readonly maxTokens: number;
}

/** What the judge model answered, before validation. */
export interface JudgeAnswer {
  /** The reply as JSON text (validated by parseJudgeReply), or none. */
  readonly content?: string | null;
  /** `length` when the reply was cut at its token limit. */
  readonly finishReason?: string | null;
  /** The model's refusal to answer, when it gave one. */
  readonly refusal?: string | null;
  /** The model that answered, as the reply names it or as called. */
  readonly model: string;
  /** The usage reported, or undefined when none could be counted. */
  readonly usage?: TokenUsage;
}

/** One judge call over some provider (openai-judge-call.ts, bedrock-judge-call.ts). */
export type JudgeCall = (request: JudgeRequest, signal?: AbortSignal) => Promise<JudgeAnswer>;
