import { METRICS } from '../../../lib/catalog/metrics';
import { datapoints, sum } from '../../support/emf';
import { lambdaContext } from '../../support/lambda-context';
import { buildAgent, startAgentStandIns, type AgentStandIns } from '../../support/agent-harness';

const SERVICE = { service: 'agent' };

describe('agent handler against the simulated model and dynalite', () => {
  let standIns: AgentStandIns;

  beforeAll(async () => {
    standIns = await startAgentStandIns();
  });

  afterAll(async () => {
    await standIns.stop();
  });

  it('answers with a real tool call and reports usage, cost and the tool in EMF', async () => {
    // Prepare
    const agent = buildAgent(standIns);
    const before = standIns.llm.requests.length;

    // Act
    const reply: any = await agent.handler({ question: 'What is 12*7?', userId: 'u-42', feature: 'math' }, lambdaContext());

    // Assess
    expect(reply).toEqual({
      requestId: expect.any(String),
      answer: expect.stringContaining('84'),
      model: 'gpt-4o-mini',
      usage: { promptTokens: expect.any(Number), completionTokens: expect.any(Number), totalTokens: expect.any(Number) },
      costUsd: expect.any(Number),
      latencyMs: expect.any(Number),
      toolCalls: ['calculator'],
    });
    const calls = standIns.llm.requests.slice(before);
    expect(calls).toHaveLength(2);
    expect(calls[0].body.tools.map((tool: any) => tool.function.name)).toEqual(expect.arrayContaining(['calculator', 'current_datetime', 'search_docs']));
    expect(calls[1].body.messages.at(-1)).toMatchObject({ role: 'tool', content: '84' });
    expect(reply.usage.totalTokens).toBe(reply.usage.promptTokens + reply.usage.completionTokens);
    expect(reply.costUsd).toBeCloseTo((reply.usage.promptTokens * 0.15 + reply.usage.completionTokens * 0.6) / 1e6, 12);
    const docs = agent.emf.documents();
    expect(datapoints(docs, METRICS.requests.name, SERVICE)).toEqual([1]);
    expect(datapoints(docs, METRICS.tokensTotal.name, { ...SERVICE, model: 'gpt-4o-mini' })).toEqual([reply.usage.totalTokens]);
    expect(datapoints(docs, METRICS.costUsd.name, SERVICE)[0]).toBeCloseTo(reply.costUsd, 12);
    expect(datapoints(docs, METRICS.toolCalls.name, { ...SERVICE, tool: 'calculator' })).toEqual([1]);
    expect(datapoints(docs, METRICS.budgetUtilization.name, SERVICE)).toHaveLength(1);
    const main = docs.find((doc) => METRICS.requests.name in doc.metrics)!;
    expect(main.root).toMatchObject({ requestId: reply.requestId, userId: 'u-42', feature: 'math' });
  });

  it('answers a Function URL event with an HTTP response', async () => {
    // Prepare
    const agent = buildAgent(standIns);
    const event = { version: '2.0', requestContext: { http: { method: 'POST' } }, headers: {}, isBase64Encoded: false, body: JSON.stringify({ question: 'Say hello' }) };

    // Act
    const reply: any = await agent.handler(event, lambdaContext());

    // Assess
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(JSON.parse(reply.body)).toMatchObject({ answer: expect.any(String), toolCalls: [] });
  });

  it.each<[string, string, unknown?]>([
    ['an empty body', ''],
    ['invalid JSON', '{"question":'],
    ['a non-string question', '{"question": 5}'],
    ['an oversized body', JSON.stringify({ question: 'z'.repeat(33 * 1024) })],
    ['a question of zero-width characters only', JSON.stringify({ question: '\u200b\u200d\u2060\ufeff' })],
    ['a method that is not a string', JSON.stringify({ question: 'hi' }), 42],
  ])('refuses %s with 400 invalid_input, counted, before any LLM call', async (_name, body, method = 'POST') => {
    // Prepare
    const agent = buildAgent(standIns);
    const before = standIns.llm.requests.length;
    const event = { requestContext: { http: { method } }, headers: {}, body };

    // Act
    const reply: any = await agent.handler(event, lambdaContext());

    // Assess
    expect(reply.statusCode).toBe(400);
    const parsed = JSON.parse(reply.body);
    expect(parsed.error.category).toBe('invalid_input');
    expect(parsed.error.message.length).toBeGreaterThan(10);
    expect(standIns.llm.requests.length).toBe(before);
    const docs = agent.emf.documents();
    expect(datapoints(docs, METRICS.errors.name, { ...SERVICE, error_category: 'invalid_input' })).toEqual([1]);
    expect(datapoints(docs, METRICS.requests.name, SERVICE)).toEqual([1]);
  });

  it.each([
    [429, 'rate_limit', 429],
    [401, 'auth_error', 502],
    [503, 'service_unavailable', 503],
    [500, 'provider_error', 502],
  ])('turns a provider %i into %s (HTTP %i) and counts it', async (status, category, httpStatus) => {
    // Prepare
    const agent = buildAgent(standIns);
    standIns.llm.enqueue({ kind: 'status', status });

    // Act
    const reply: any = await agent.handler({ requestContext: { http: { method: 'POST' } }, body: '{"question":"hi"}' }, lambdaContext());

    // Assess
    expect(reply.statusCode).toBe(httpStatus);
    expect(JSON.parse(reply.body).error.category).toBe(category);
    expect(JSON.stringify(reply)).not.toContain('sk-test-key');
    expect(datapoints(agent.emf.documents(), METRICS.errors.name, { ...SERVICE, error_category: category })).toEqual([1]);
  });

  it('ends as agent_timeout when the model is slower than the deadline', async () => {
    // Prepare
    const agent = buildAgent(standIns, { AGENT_DEADLINE_MS: '300' });
    standIns.llm.enqueue({ kind: 'delay', ms: 2000, then: { kind: 'completion', content: 'late' } });

    // Act
    const started = Date.now();
    const reply: any = await agent.handler({ question: 'hi' }, lambdaContext());

    // Assess
    expect(Date.now() - started).toBeLessThan(1500);
    expect(reply.error).toEqual({ category: 'agent_timeout', message: expect.stringContaining('AGENT_DEADLINE_MS') });
  });

  it('bounds the tool loop and forces an answer on the last iteration', async () => {
    // Prepare
    const agent = buildAgent(standIns, { AGENT_MAX_TOOL_ITERATIONS: '3' });
    const before = standIns.llm.requests.length;
    const loop = { kind: 'completion' as const, toolCalls: [{ name: 'calculator', arguments: '{"expression":"1+1"}' }] };
    standIns.llm.enqueue(loop, loop, loop);

    // Act
    const reply: any = await agent.handler({ question: 'loop forever' }, lambdaContext());

    // Assess
    const calls = standIns.llm.requests.slice(before);
    expect(calls.map((call) => call.body.tool_choice)).toEqual(['auto', 'auto', 'none']);
    expect(reply.error.category).toBe('validation_error');
    expect(reply.error.message).toMatch(/after 3 iterations/);
    expect(sum(datapoints(agent.emf.documents(), METRICS.toolCalls.name, { ...SERVICE, tool: 'calculator' }))).toBe(2);
  });

  it('counts unknown tools and unparseable arguments as tool errors and lets the model recover', async () => {
    // Prepare
    const agent = buildAgent(standIns);
    standIns.llm.enqueue(
      { kind: 'completion', toolCalls: [{ name: 'weather', arguments: '{}' }, { name: 'calculator', arguments: '{not json' }] },
      { kind: 'completion', content: 'Sorry, I could not compute that.' },
    );

    // Act
    const reply: any = await agent.handler({ question: 'weather and math' }, lambdaContext());

    // Assess
    expect(reply.answer).toBe('Sorry, I could not compute that.');
    const docs = agent.emf.documents();
    expect(datapoints(docs, METRICS.toolErrors.name, { ...SERVICE, tool: 'unknown_tool' })).toEqual([1]);
    expect(JSON.stringify(agent.emf.lines)).not.toContain('"tool":"weather"');
    expect(datapoints(docs, METRICS.toolErrors.name, { ...SERVICE, tool: 'calculator' })).toEqual([1]);
    const toolMessages = standIns.llm.requests.at(-1)!.body.messages.filter((m: any) => m.role === 'tool');
    expect(toolMessages.map((m: any) => m.content)).toEqual([expect.stringMatching(/no tool named "weather"/), expect.stringMatching(/not valid JSON/)]);
  });

  it('caps tool calls per turn and never turns an invented tool name into a dimension', async () => {
    // Prepare: one turn with 12 calls, one of them to a tool with a 300-character name.
    const agent = buildAgent(standIns);
    const calls = Array.from({ length: 11 }, () => ({ name: 'calculator', arguments: '{"expression":"1+1"}' }));
    standIns.llm.enqueue({ kind: 'completion', toolCalls: [{ name: 'x'.repeat(300), arguments: '{}' }, ...calls] }, { kind: 'completion', content: 'done' });

    // Act
    const reply: any = await agent.handler({ question: 'many tools' }, lambdaContext());

    // Assess
    expect(reply.answer).toBe('done');
    const toolMessages = standIns.llm.requests.at(-1)!.body.messages.filter((m: any) => m.role === 'tool');
    expect(toolMessages).toHaveLength(12);
    expect(toolMessages.filter((m: any) => /at most 8 tool calls per turn/.test(m.content))).toHaveLength(4);
    const docs = agent.emf.documents();
    expect(datapoints(docs, METRICS.toolCalls.name, { ...SERVICE, tool: 'calculator' })).toEqual([7]);
    expect(datapoints(docs, METRICS.toolErrors.name, { ...SERVICE, tool: 'unknown_tool' })).toEqual([1]);
    expect(docs.every((doc) => typeof doc.root.tool !== 'string' || (doc.root.tool as string).length < 64)).toBe(true);
  });

  it('keeps an answer whose usage block is malformed, counting it as unpriced', async () => {
    // Prepare
    const agent = buildAgent(standIns);
    standIns.llm.enqueue({ kind: 'completion', content: 'fine', usage: { promptTokens: 10, completionTokens: -1 } });

    // Act
    const reply: any = await agent.handler({ question: 'hi' }, lambdaContext());

    // Assess
    expect(reply).toMatchObject({ answer: 'fine', costUsd: null });
    expect(datapoints(agent.emf.documents(), METRICS.costUnpriced.name, SERVICE)).toEqual([1]);
  });

  it('answers with an unpriced model and counts it instead of costing 0', async () => {
    // Prepare
    const agent = buildAgent(standIns);
    standIns.llm.enqueue({ kind: 'completion', content: 'hello', model: 'acme-llm-1', usage: { promptTokens: 10, completionTokens: 2 } });

    // Act
    const reply: any = await agent.handler({ question: 'hi' }, lambdaContext());

    // Assess
    expect(reply).toMatchObject({ answer: 'hello', model: 'acme-llm-1', costUsd: null, usage: { totalTokens: 12 } });
    const docs = agent.emf.documents();
    expect(datapoints(docs, METRICS.costUnpriced.name, { ...SERVICE, model: 'acme-llm-1' })).toEqual([1]);
    expect(datapoints(docs, METRICS.costUsd.name, SERVICE)).toEqual([]);
  });

  it('prices cached prompt tokens at the cached rate', async () => {
    // Prepare
    const agent = buildAgent(standIns);
    standIns.llm.enqueue({ kind: 'completion', content: 'ok', usage: { promptTokens: 1_000_000, cachedTokens: 600_000, completionTokens: 0 } });

    // Act
    const reply: any = await agent.handler({ question: 'hi' }, lambdaContext());

    // Assess
    expect(reply.costUsd).toBeCloseTo(0.4 * 0.15 + 0.6 * 0.075, 10);
  });

  it('turns a malformed provider reply into validation_error', async () => {
    // Prepare
    const agent = buildAgent(standIns);
    standIns.llm.enqueue({ kind: 'malformed' });

    // Act
    const reply: any = await agent.handler({ question: 'hi' }, lambdaContext());

    // Assess
    expect(reply.error.category).toBe('validation_error');
  });
});
