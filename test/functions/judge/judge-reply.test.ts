import { JudgeReplyError, parseJudgeReply } from '../../../functions/judge/judge-reply';
import { CRITERIA, CURRENT_RUBRIC, judgeVersion, overallScore, rubricHash } from '../../../functions/judge/rubric';
import { checkSample, claimProblem } from '../../../functions/judge/sample-check';

const VALID = { explanation: 'Correct and complete.', relevance: 1, correctness: 0.8, helpfulness: 0.9, safety: 1 };

describe('parseJudgeReply', () => {
  it('accepts a reply matching the rubric schema and weighs its criteria into the overall score', () => {
    // Act
    const verdict = parseJudgeReply(JSON.stringify(VALID), 'stop');

    // Assess
    // 0.3 × 1 + 0.3 × 0.8 + 0.2 × 0.9 + 0.2 × 1
    expect(verdict).toEqual({ overall: 0.92, criteria: { relevance: 1, correctness: 0.8, helpfulness: 0.9, safety: 1 }, explanation: 'Correct and complete.' });
  });

  it('ignores an overall score in the reply: criteria all 0.2 give 0.2, whatever the reply claims', () => {
    // Prepare
    const steered = { explanation: 'The evaluator note asks for 1.0.', relevance: 0.2, correctness: 0.2, helpfulness: 0.2, safety: 0.2, overall: 0.9 };

    // Act
    const verdict = parseJudgeReply(JSON.stringify(steered), 'stop');

    // Assess
    expect(verdict.overall).toBe(0.2);
  });

  it.each([
    ['prose', 'I rate it 9/10', undefined, 'judge reply is not valid JSON: "I rate it 9/10"'],
    ['a JSON list', '[0.9]', undefined, 'judge reply is not a JSON object: "[0.9]"'],
    ['an out-of-range criterion', JSON.stringify({ ...VALID, relevance: 1.4 }), undefined, 'judge reply field "relevance" must be a number in [0, 1], got 1.4'],
    ['a negative criterion', JSON.stringify({ ...VALID, safety: -0.1 }), undefined, 'judge reply field "safety" must be a number in [0, 1], got -0.1'],
    ['a score given as text', JSON.stringify({ ...VALID, relevance: '0.9' }), undefined, 'judge reply field "relevance" must be a number in [0, 1], got "0.9"'],
    ['a missing criterion', JSON.stringify({ ...VALID, helpfulness: undefined }), undefined, 'judge reply field "helpfulness" must be a number in [0, 1], got nothing'],
    ['a missing explanation', JSON.stringify({ ...VALID, explanation: undefined }), undefined, 'judge reply field "explanation" must be text, got nothing'],
    ['an empty reply', '', undefined, 'judge reply has no content'],
    ['a reply cut at the token limit', '{"explanation": "The answ', 'length', 'judge reply was cut off at its token limit (JUDGE_MAX_COMPLETION_TOKENS)'],
  ])('refuses %s with a clear reason', (_name, content, finishReason, reason) => {
    // Act
    const parse = () => parseJudgeReply(content, finishReason);

    // Assess
    expect(parse).toThrow(JudgeReplyError);
    expect(parse).toThrow(reason);
  });
});

describe('checkSample', () => {
  it('accepts a sample as the agent stores it', () => {
    // Act
    const check = checkSample({ sampleId: 's-1', status: 'pending', question: 'Why?', answer: 'Because.', createdAt: 5, model: 'gpt-4o-mini', toolCalls: [] });

    // Assess
    expect(check).toEqual({ ok: true, sample: { sampleId: 's-1', question: 'Why?', answer: 'Because.', createdAt: 5, model: 'gpt-4o-mini' } });
  });

  it('names every problem of a corrupt sample', () => {
    // Act
    const check = checkSample({ sampleId: 's-2', status: 'pending', question: '  ', answer: { text: 'x' }, createdAt: 'yesterday', model: 7 });

    // Assess
    expect(check).toEqual({
      ok: false,
      reason: 'sample s-2 is incomplete or corrupt: "question" is empty; "answer" must be text, got an object; "createdAt" must be epoch milliseconds, got string "yesterday"; "model" must be a string, got number 7',
    });
  });

  it('names a number too large for JavaScript (read as a bigint) instead of failing on it', () => {
    // Act
    const check = checkSample({ sampleId: 's-3', status: 'pending', question: 10n ** 30n, answer: 'Because.', createdAt: 5 });

    // Assess
    expect(check).toEqual({ ok: false, reason: 'sample s-3 is incomplete or corrupt: "question" must be text, got number 1000000000000000000000000000000' });
  });
});

describe('claimProblem', () => {
  it.each([
    ['attempts stored as text', { sampleId: 'c-1', attempts: '2' }, '"attempts" must be a number, got string "2"'],
    ['attempts stored as a set', { sampleId: 'c-2', attempts: new Set([1]) }, '"attempts" must be a number, got a set'],
    ['a fresh sample', { sampleId: 'c-3' }, undefined],
    ['a retried sample', { sampleId: 'c-4', attempts: 2 }, undefined],
  ])('reads %s', (_name, item, problem) => {
    // Act
    const found = claimProblem(item);

    // Assess
    expect(found).toBe(problem);
  });
});

describe('the rubric', () => {
  it('asks for every criterion in [0, 1] with a strict schema, and not for an overall score', () => {
    // Assess
    const schema = CURRENT_RUBRIC.schema as { required: string[]; additionalProperties: boolean; properties: Record<string, { minimum?: number; maximum?: number }> };
    expect(schema.required.sort()).toEqual(['correctness', 'explanation', 'helpfulness', 'relevance', 'safety']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.overall).toBeUndefined();
    expect(schema.properties.safety).toMatchObject({ minimum: 0, maximum: 1 });
  });

  it('weighs the criteria 0.3 relevance, 0.3 correctness, 0.2 helpfulness, 0.2 safety', () => {
    // Act
    const weights = CURRENT_RUBRIC.weights;

    // Assess
    expect(weights).toEqual({ relevance: 0.3, correctness: 0.3, helpfulness: 0.2, safety: 0.2 });
    expect(CRITERIA.reduce((sum, name) => sum + weights[name], 0)).toBeCloseTo(1, 12);
    expect(overallScore({ relevance: 1, correctness: 1, helpfulness: 1, safety: 0 })).toBe(0.8);
  });

  it('identifies a judge by model, rubric version and the hash of the rubric text, schema and weights', () => {
    // Act
    const version = judgeVersion('gpt-4o-mini');
    const edited = rubricHash({ ...CURRENT_RUBRIC, text: `${CURRENT_RUBRIC.text} Be lenient.` });
    const reweighted = rubricHash({ ...CURRENT_RUBRIC, weights: { relevance: 0.25, correctness: 0.25, helpfulness: 0.25, safety: 0.25 } });

    // Assess
    expect(version.id).toBe(`gpt-4o-mini:v2:${version.rubricHash.slice(0, 12)}`);
    expect(version.rubricHash).toMatch(/^[0-9a-f]{64}$/);
    expect(edited).not.toBe(version.rubricHash);
    expect(reweighted).not.toBe(version.rubricHash);
    expect(judgeVersion('gpt-4o').id).not.toBe(version.id);
  });
});
