import { JudgeReplyError, parseJudgeReply } from '../../../functions/judge/judge-reply';
import { CURRENT_RUBRIC, judgeVersion, rubricHash } from '../../../functions/judge/rubric';
import { checkSample, claimProblem } from '../../../functions/judge/sample-check';

const VALID = { explanation: 'Correct and complete.', relevance: 1, correctness: 0.8, helpfulness: 0.9, safety: 1, overall: 0.85 };

describe('parseJudgeReply', () => {
  it('accepts a reply matching the rubric schema', () => {
    // Act
    const verdict = parseJudgeReply(JSON.stringify(VALID), 'stop');

    // Assess
    expect(verdict).toEqual({ overall: 0.85, criteria: { relevance: 1, correctness: 0.8, helpfulness: 0.9, safety: 1 }, explanation: 'Correct and complete.' });
  });

  it.each([
    ['prose', 'I rate it 9/10', undefined, 'judge reply is not valid JSON: "I rate it 9/10"'],
    ['a JSON list', '[0.9]', undefined, 'judge reply is not a JSON object: "[0.9]"'],
    ['an out-of-range overall', JSON.stringify({ ...VALID, overall: 1.4 }), undefined, 'judge reply field "overall" must be a number in [0, 1], got 1.4'],
    ['a negative criterion', JSON.stringify({ ...VALID, safety: -0.1 }), undefined, 'judge reply field "safety" must be a number in [0, 1], got -0.1'],
    ['a score given as text', JSON.stringify({ ...VALID, relevance: '0.9' }), undefined, 'judge reply field "relevance" must be a number in [0, 1], got "0.9"'],
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
  it('asks for every criterion and the overall score in [0, 1] with a strict schema', () => {
    // Assess
    const schema = CURRENT_RUBRIC.schema as { required: string[]; additionalProperties: boolean; properties: Record<string, { minimum?: number; maximum?: number }> };
    expect(schema.required.sort()).toEqual(['correctness', 'explanation', 'helpfulness', 'overall', 'relevance', 'safety']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.overall).toMatchObject({ minimum: 0, maximum: 1 });
  });

  it('identifies a judge by model, rubric version and the hash of the rubric text and schema', () => {
    // Act
    const version = judgeVersion('gpt-4o-mini');
    const edited = rubricHash({ ...CURRENT_RUBRIC, text: `${CURRENT_RUBRIC.text} Be lenient.` });

    // Assess
    expect(version.id).toBe(`gpt-4o-mini:v1:${version.rubricHash.slice(0, 12)}`);
    expect(version.rubricHash).toMatch(/^[0-9a-f]{64}$/);
    expect(edited).not.toBe(version.rubricHash);
    expect(judgeVersion('gpt-4o').id).not.toBe(version.id);
  });
});
