import { capAnswer, MAX_ANSWER_BYTES } from '../../../functions/agent/answer-cap';

const jsonBytes = (text: string) => Buffer.byteLength(JSON.stringify(text), 'utf8');

describe('capAnswer', () => {
  it('leaves an answer within the limit as it is', () => {
    // Prepare
    const answer = 'é'.repeat(1000) + '😀'.repeat(1000);

    // Act
    const capped = capAnswer(answer);

    // Assess
    expect(capped).toEqual({ text: answer, truncated: false });
  });

  it.each([
    ['ASCII', 'x'],
    ['two-byte letters', 'é'],
    ['emoji (surrogate pairs)', '😀'],
    ['quotes and backslashes (escaped)', '"\\'],
    ['control characters (\\u00XX escapes)', '\u0001'],
    ['a character then a lone surrogate', 'a\ud800'],
  ])('cuts an answer of %s to the limit, as JSON text, with a note', (_name, unit) => {
    // Prepare
    const limit = 10_000;
    const answer = unit.repeat(20_000);

    // Act
    const capped = capAnswer(answer, limit);

    // Assess
    expect(capped.truncated).toBe(true);
    expect(jsonBytes(capped.text)).toBeLessThanOrEqual(limit);
    expect(jsonBytes(capped.text)).toBeGreaterThan(limit - 300);
    expect(capped.text).toMatch(new RegExp(`\\[answer cut at ${limit} bytes of ${jsonBytes(answer)}: too long to return\\]$`));
  });

  it('never splits a surrogate pair', () => {
    // Prepare: limits of either parity against 4-byte emoji.
    const answer = '😀'.repeat(5_000);

    // Act
    const cuts = [1_001, 1_002, 1_003].map((limit) => capAnswer(answer, limit).text);

    // Assess: UTF-8 round-trips only text without a lone surrogate.
    for (const text of cuts) expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
  });

  it('keeps an answer right at the default limit whole', () => {
    // Prepare: its JSON text (two quotes included) is exactly MAX_ANSWER_BYTES.
    const answer = 'a'.repeat(MAX_ANSWER_BYTES - 2);

    // Act
    const capped = capAnswer(answer);

    // Assess
    expect(capped.truncated).toBe(false);
  });
});
