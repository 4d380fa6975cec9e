import OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import {
  sampleFromSchema,
  startSimulatedOpenAI,
  type SimulatedOpenAIServer,
} from '../../../local/llm/simulated-openai-server';

const TOOLS: ChatCompletionTool[] = ['calculator', 'current_datetime', 'search_docs'].map((name) => ({
  type: 'function',
  function: { name, parameters: { type: 'object', properties: {} } },
}));

let server: SimulatedOpenAIServer;
let client: OpenAI;

beforeEach(async () => {
  server = await startSimulatedOpenAI();
  client = new OpenAI({ baseURL: server.baseUrl, apiKey: 'test', maxRetries: 0, timeout: 5_000 });
});

afterEach(async () => {
  await server.close();
});

function ask(messages: ChatCompletionMessageParam[], tools: ChatCompletionTool[] = TOOLS) {
  return client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools });
}

async function firstToolCall(question: string) {
  const completion = await ask([{ role: 'user', content: question }]);
  const call = completion.choices[0].message.tool_calls?.[0];
  if (call?.type !== 'function') throw new Error('expected a function tool call');
  return { completion, name: call.function.name, args: JSON.parse(call.function.arguments) };
}

describe('the simulated model through the OpenAI SDK', () => {
  it('calls the calculator with the arithmetic expression of the question', async () => {
    // Act
    const { completion, name, args } = await firstToolCall('What is 12 * (3 + 4)?');

    // Assess
    expect(name).toBe('calculator');
    expect(args).toEqual({ expression: '12 * (3 + 4)' });
    expect(completion.choices[0].finish_reason).toBe('tool_calls');
    expect(completion.choices[0].message.tool_calls?.[0].id).toMatch(/^call_/);
  });

  it('calls current_datetime, with the time zone the question names', async () => {
    // Act
    const plain = await firstToolCall('What is the date today?');
    const zoned = await firstToolCall('What time is it in Europe/Paris?');

    // Assess
    expect(plain).toMatchObject({ name: 'current_datetime', args: {} });
    expect(zoned).toMatchObject({ name: 'current_datetime', args: { timezone: 'Europe/Paris' } });
  });

  it('searches the docs for questions about runbooks and alarms', async () => {
    // Act
    const { name, args } = await firstToolCall('Which runbook covers the error rate alarm?');

    // Assess
    expect(name).toBe('search_docs');
    expect(args).toEqual({ query: 'Which runbook covers the error rate alarm?' });
  });

  it('answers in plain text quoting the tool results', async () => {
    // Prepare
    const { completion } = await firstToolCall('What is 6 * 7?');
    const assistant = completion.choices[0].message;
    const callId = assistant.tool_calls![0].id;

    // Act
    const answer = await ask([
      { role: 'user', content: 'What is 6 * 7?' },
      { role: 'assistant', content: null, tool_calls: assistant.tool_calls },
      { role: 'tool', tool_call_id: callId, content: '42' },
    ]);

    // Assess
    expect(answer.choices[0].finish_reason).toBe('stop');
    expect(answer.choices[0].message.content).toBe('Here is what I found: calculator returned "42".');
  });

  it('answers plain text when no offered tool fits', async () => {
    // Act
    const completion = await ask([{ role: 'user', content: 'Tell me a joke' }], []);

    // Assess
    expect(completion.choices[0].message.content).toContain('Tell me a joke');
    expect(completion.choices[0].message.tool_calls).toBeUndefined();
    expect(completion.model).toBe('gpt-4o-mini');
  });

  it('answers a json_schema response_format with JSON that fits the schema', async () => {
    // Prepare
    const schema = {
      type: 'object',
      properties: { relevance: { type: 'number', minimum: 0, maximum: 1 }, reasoning: { type: 'string' }, verdict: { type: 'string', enum: ['pass', 'fail'] } },
      required: ['relevance', 'reasoning', 'verdict'],
      additionalProperties: false,
    };

    // Act
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Score this answer.' }],
      response_format: { type: 'json_schema', json_schema: { name: 'score', schema, strict: true } },
    });

    // Assess
    const parsed = JSON.parse(completion.choices[0].message.content!);
    expect(parsed).toEqual({ relevance: 0.9, reasoning: expect.any(String), verdict: 'pass' });
  });

  it('estimates usage deterministically', async () => {
    // Act
    const first = await ask([{ role: 'user', content: 'Tell me a joke' }], []);
    const second = await ask([{ role: 'user', content: 'Tell me a joke' }], []);

    // Assess
    expect(first.usage).toEqual(second.usage);
    expect(first.usage).toMatchObject({ prompt_tokens: 4, prompt_tokens_details: { cached_tokens: 0 } });
    expect(first.usage!.total_tokens).toBe(first.usage!.prompt_tokens + first.usage!.completion_tokens);
  });
});

describe('fault injection and recording', () => {
  it('uses enqueued replies first, in order, then the responder', async () => {
    // Prepare
    server.enqueue(
      { kind: 'completion', content: 'first', model: 'gpt-4o', usage: { promptTokens: 100, completionTokens: 20, cachedTokens: 60 } },
      { kind: 'delay', ms: 20, then: { kind: 'completion', content: 'second' } },
    );
    server.setResponder(() => ({ kind: 'completion', content: 'from responder' }));

    // Act
    const replies = [];
    for (let i = 0; i < 3; i++) replies.push(await ask([{ role: 'user', content: `question ${i}` }]));

    // Assess
    expect(replies.map((reply) => reply.choices[0].message.content)).toEqual(['first', 'second', 'from responder']);
    expect(replies[0].model).toBe('gpt-4o');
    expect(replies[0].usage).toEqual({ prompt_tokens: 100, completion_tokens: 20, total_tokens: 120, prompt_tokens_details: { cached_tokens: 60 } });
  });

  it('records every request with its body and headers', async () => {
    // Act
    await ask([{ role: 'user', content: 'Tell me a joke' }], []);
    await client.models.list();

    // Assess
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /v1/chat/completions', 'GET /v1/models']);
    expect(server.requests[0].body).toMatchObject({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Tell me a joke' }] });
    expect(server.requests[0].headers.authorization).toBe('Bearer test');
  });

  it('lists models and answers unknown paths with an OpenAI-style 404', async () => {
    // Act
    const models = await client.models.list();
    const unknown = await fetch(`${server.baseUrl}/nowhere`);

    // Assess
    expect(models.data.map((model) => model.id)).toContain('gpt-4o-mini');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { message: 'Unknown request URL: GET /v1/nowhere.', type: 'invalid_request_error', code: 'not_found' } });
  });

  it.each([
    ['an invalid JSON body', '{"model": '],
    ['no messages', JSON.stringify({ model: 'gpt-4o-mini', messages: [] })],
  ])('answers 400 to a request with %s', async (_case, body) => {
    // Act
    const response = await fetch(`${server.baseUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    // Assess
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error', message: expect.any(String) } });
  });

  it('answers an injected status with an OpenAI-style error the SDK reads', async () => {
    // Prepare
    server.enqueue({ kind: 'status', status: 429, headers: { 'x-ratelimit-remaining-requests': '0' } });

    // Act
    const error = await ask([{ role: 'user', content: 'hi' }]).catch((caught) => caught);

    // Assess
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded' });
    expect(error.headers.get('x-ratelimit-remaining-requests')).toBe('0');
  });

  it('delays every answer by latencyMs', async () => {
    // Prepare
    const slow = await startSimulatedOpenAI({ latencyMs: 150 });
    const slowClient = new OpenAI({ baseURL: slow.baseUrl, apiKey: 'test', maxRetries: 0 });
    const started = Date.now();

    // Act
    try {
      await slowClient.models.list();
    } finally {
      await slow.close();
    }

    // Assess
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('closes promptly while a request hangs', async () => {
    // Prepare
    server.enqueue({ kind: 'hang' });
    const pending = ask([{ role: 'user', content: 'hi' }]).catch((caught) => caught);
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = Date.now();

    // Act
    await server.close();

    // Assess
    expect(Date.now() - started).toBeLessThan(500);
    expect(await pending).toBeInstanceOf(OpenAI.APIConnectionError);
  });
});

describe('sampleFromSchema', () => {
  it('walks nested objects, arrays, references and bounds', () => {
    // Prepare
    const schema = {
      type: 'object',
      properties: {
        scores: { type: 'array', items: { $ref: '#/$defs/score' } },
        rating: { type: 'integer', minimum: 1, maximum: 5 },
        flagged: { type: 'boolean' },
        note: { type: ['string', 'null'] },
      },
      $defs: { score: { type: 'object', properties: { value: { type: 'number', minimum: 0, maximum: 1 } } } },
    };

    // Act
    const sample = sampleFromSchema(schema);

    // Assess
    expect(sample).toEqual({ scores: [{ value: 0.9 }], rating: 5, flagged: true, note: expect.any(String) });
  });
});
