import { CRITERIA, CURRENT_RUBRIC, overallScore, type Criterion, type CriterionWeights } from './rubric';

/** A judge reply that passed validation. */
export interface JudgeVerdict {
  /** Computed from the criteria with the rubric's weights, never taken from the reply. */
  readonly overall: number;
  readonly criteria: Readonly<Record<Criterion, number>>;
  readonly explanation: string;
}

/** Longest explanation stored; longer ones are cut. */
export const MAX_EXPLANATION_CHARS = 2000;

const QUOTE_CHARS = 120;

/** A judge reply that cannot be stored: not JSON, a missing field, or a criterion outside [0, 1]. */
export class JudgeReplyError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'JudgeReplyError';
  }
}

/**
 * Validates the content of a judge reply against the rubric's schema and computes the overall
 * score from the criteria with `weights`. An `overall` in the reply is ignored: the judged text
 * could have talked the model into it.
 * @throws JudgeReplyError whose message says what is wrong, quoting the start of the reply.
 * @example
 * parseJudgeReply('{"relevance": 1.4, ...}'); // throws 'judge reply field "relevance" must be a number in [0, 1], got 1.4'
 */
export function parseJudgeReply(content: string | null | undefined, finishReason?: string | null, weights: CriterionWeights = CURRENT_RUBRIC.weights): JudgeVerdict {
  if (finishReason === 'length') throw new JudgeReplyError('judge reply was cut off at its token limit (JUDGE_MAX_COMPLETION_TOKENS)');
  if (typeof content !== 'string' || content.trim() === '') throw new JudgeReplyError('judge reply has no content');
  const parsed = parseJson(content);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new JudgeReplyError(`judge reply is not a JSON object: ${quote(content)}`);
  }
  const fields = parsed as Record<string, unknown>;
  const criteria = Object.fromEntries(CRITERIA.map((name) => [name, unitScore(fields, name)])) as Record<Criterion, number>;
  if (typeof fields.explanation !== 'string') {
    throw new JudgeReplyError(`judge reply field "explanation" must be text, got ${JSON.stringify(fields.explanation) ?? 'nothing'}`);
  }
  return { overall: overallScore(criteria, weights), criteria, explanation: fields.explanation.slice(0, MAX_EXPLANATION_CHARS) };
}

function parseJson(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    throw new JudgeReplyError(`judge reply is not valid JSON: ${quote(content)}`);
  }
}

function unitScore(fields: Record<string, unknown>, name: string): number {
  const value = fields[name];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new JudgeReplyError(`judge reply field "${name}" must be a number in [0, 1], got ${JSON.stringify(value) ?? 'nothing'}`);
  }
  return value;
}

function quote(content: string): string {
  const text = content.trim();
  return JSON.stringify(text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}…` : text);
}
