import { isHttpEvent, parseAgentEvent, MAX_QUESTION_CHARS } from '../../../functions/agent/event';
import { InvalidInputError } from '../../../functions/shared/errors/agent-errors';

const LIMIT = 32 * 1024;

function httpEvent(body: string | undefined, extra: Record<string, unknown> = {}) {
  return { version: '2.0', rawPath: '/', body, isBase64Encoded: false, requestContext: { http: { method: 'POST' } }, headers: {}, ...extra };
}

function expectInvalid(event: unknown, message: RegExp) {
  let thrown: unknown;
  try {
    parseAgentEvent(event, LIMIT);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(InvalidInputError);
  expect((thrown as InvalidInputError).category).toBe('invalid_input');
  expect((thrown as Error).message).toMatch(message);
}

describe('parseAgentEvent', () => {
  it('reads a direct invoke event with its optional fields', () => {
    // Act
    const request = parseAgentEvent({ question: 'What is 2+2?', userId: 'u1', sessionId: 's1', feature: 'chat' }, LIMIT);

    // Assess
    expect(request).toEqual({ question: 'What is 2+2?', userId: 'u1', sessionId: 's1', feature: 'chat' });
  });

  it('reads Function URL, base64 and API Gateway v1 bodies', () => {
    // Prepare
    const body = JSON.stringify({ question: 'hello' });

    // Act & Assess
    expect(parseAgentEvent(httpEvent(body), LIMIT)).toEqual({ question: 'hello' });
    expect(parseAgentEvent(httpEvent(Buffer.from(body).toString('base64'), { isBase64Encoded: true }), LIMIT)).toEqual({ question: 'hello' });
    expect(parseAgentEvent({ httpMethod: 'POST', body, headers: {} }, LIMIT)).toEqual({ question: 'hello' });
  });

  it('tells HTTP events from direct ones', () => {
    expect(isHttpEvent(httpEvent('{}'))).toBe(true);
    expect(isHttpEvent({ httpMethod: 'POST' })).toBe(true);
    expect(isHttpEvent({ question: 'x' })).toBe(false);
    expect(isHttpEvent(null)).toBe(false);
  });

  it.each([
    ['a missing question', { userId: 'u' }, /"question" is required/],
    ['an empty question', { question: '   ' }, /must not be empty/],
    ['a numeric question', { question: 42 }, /"question" must be a string, got number 42/],
    ['an object question', { question: { text: 'x' } }, /got an object/],
    ['a numeric userId', { question: 'q', userId: 7 }, /"userId" must be a string/],
    ['an array sessionId', { question: 'q', sessionId: ['a'] }, /"sessionId" must be a string, got an array/],
    ['an unknown field', { question: 'q', qustion: 'typo' }, /unknown field\(s\) "qustion"/],
    ['an array event', ['q'], /must be a JSON object/],
    ['a string event', 'hello', /must be a JSON object/],
    ['a null event', null, /the event is empty/],
    ['an oversized direct event', { question: 'x'.repeat(LIMIT + 10) }, /the limit is 32768 bytes/],
    ['a question of zero-width characters', { question: '\u200b\u200c\u200d\u2060\ufeff' }, /must not be empty \(it has no visible character\)/],
    ['a question of direction marks and a soft hyphen', { question: '\u200e\u200f\u202e\u00ad' }, /no visible character/],
    ['a question of fillers and variation selectors', { question: '\u3164\u115f\ufe0f\u034f' }, /no visible character/],
    ['a question of tag characters', { question: '\u{E0041}\u{E0020}\u{E007F}' }, /no visible character/],
    ['a question of blanks and controls', { question: '\u00a0\u3000\u2800\u0007\n' }, /no visible character/],
  ])('refuses %s', (_name, event, message) => {
    expectInvalid(event, message);
  });

  it.each([
    ['an empty body', httpEvent(''), /body is empty/],
    ['a missing body', httpEvent(undefined), /body is empty/],
    ['invalid JSON', httpEvent('{"question": '), /not valid JSON/],
    ['an oversized body', httpEvent(JSON.stringify({ question: 'x'.repeat(40_000) })), /the request body is \d+ bytes; the limit is 32768/],
    ['a GET', httpEvent('{}', { requestContext: { http: { method: 'GET' } } }), /method GET is not supported/],
    ['a JSON array body', httpEvent('[1,2]'), /must be a JSON object/],
    ['a numeric method', httpEvent('{}', { requestContext: { http: { method: 42 } } }), /HTTP method must be a string, got number 42/],
    ['an object method', httpEvent('{}', { requestContext: { http: { method: { name: 'POST' } } } }), /HTTP method must be a string, got an object/],
    ['a numeric API Gateway v1 method', { httpMethod: 1, requestContext: { http: {} }, body: '{}' }, /HTTP method must be a string/],
  ])('refuses an HTTP event with %s', (_name, event, message) => {
    expectInvalid(event, message);
  });

  it('accepts a question whose only visible character sits among invisible ones', () => {
    expect(parseAgentEvent({ question: '\u200b?\u200b' }, LIMIT)).toEqual({ question: '\u200b?\u200b' });
    expect(parseAgentEvent({ question: '\u0301' }, LIMIT)).toEqual({ question: '\u0301' });
  });

  it('refuses a question longer than the character limit even under the byte limit', () => {
    expectInvalid({ question: 'y'.repeat(MAX_QUESTION_CHARS + 1) }, /characters; the limit is/);
  });
});
