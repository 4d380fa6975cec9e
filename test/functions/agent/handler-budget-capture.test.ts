import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { METRICS } from '../../../lib/catalog/metrics';
import { SAMPLE_STATUS_INDEX } from '../../../lib/catalog/tables';
import { datapoints } from '../../support/emf';
import { lambdaContext } from '../../support/lambda-context';
import { buildAgent, startAgentStandIns, SAMPLES_TABLE_NAME, type AgentStandIns } from '../../support/agent-harness';

const SERVICE = { service: 'agent' };
/** 1,000 prompt + 10,000 completion tokens of gpt-4o-mini: 0.00615 USD. */
const EXPENSIVE_REPLY = { kind: 'completion' as const, content: 'a long answer', usage: { promptTokens: 1000, completionTokens: 10_000 } };

describe('agent budget guard and capture against dynalite', () => {
  let standIns: AgentStandIns;
  let day = Date.UTC(2026, 10, 1, 12);

  beforeAll(async () => {
    standIns = await startAgentStandIns();
  });

  afterAll(async () => {
    await standIns.stop();
  });

  /** Each test spends on its own day, so counters never leak between tests. */
  function freshDayClock(): () => number {
    day += 86_400_000;
    const start = day;
    return () => start + (performance.now() % 1000);
  }

  it('refuses a request that would pass the daily limit before any LLM call', async () => {
    // Prepare: one worst-case estimate (about 0.0035 USD) fits the limit; the first reply's real cost uses it up.
    const agent = buildAgent(standIns, { DAILY_BUDGET_USD: '0.005' }, freshDayClock());
    standIns.llm.enqueue(EXPENSIVE_REPLY);
    const first: any = await agent.handler({ question: 'hello' }, lambdaContext());
    const before = standIns.llm.requests.length;

    // Act
    const second: any = await agent.handler({ question: 'hello again' }, lambdaContext());

    // Assess
    expect(first.costUsd).toBeCloseTo(0.00615, 8);
    expect(second.error.category).toBe('budget_exceeded');
    expect(second.error.message).toMatch(/daily limit 0.005 USD/);
    expect(standIns.llm.requests.length).toBe(before);
    const docs = agent.emf.documents();
    expect(datapoints(docs, METRICS.budgetRejections.name, SERVICE)).toEqual([1]);
    expect(datapoints(docs, METRICS.errors.name, { ...SERVICE, error_category: 'budget_exceeded' })).toEqual([1]);
  });

  it('refuses over the per-user limit while other users are served', async () => {
    // Prepare
    const agent = buildAgent(standIns, { USER_DAILY_BUDGET_USD: '0.004' }, freshDayClock());
    standIns.llm.enqueue(EXPENSIVE_REPLY);
    await agent.handler({ question: 'hi', userId: 'heavy-user' }, lambdaContext());

    // Act
    const refused: any = await agent.handler({ question: 'hi', userId: 'heavy-user' }, lambdaContext());
    const served: any = await agent.handler({ question: 'hi', userId: 'light-user' }, lambdaContext());

    // Assess
    expect(refused.error.category).toBe('budget_exceeded');
    expect(refused.error.message).toMatch(/user heavy-user/);
    expect(served.answer).toEqual(expect.any(String));
  });

  it('settles the real cost after the call and shows the soft threshold as a metric', async () => {
    // Prepare: the soft threshold at 1 % of a 1 USD limit, one request's real cost far below it.
    const clock = freshDayClock();
    const agent = buildAgent(standIns, { DAILY_BUDGET_USD: '1', BUDGET_SOFT_THRESHOLD: '0.001' }, clock);

    // Act
    const reply: any = await agent.handler({ question: 'What is 2+2?' }, lambdaContext());

    // Assess: after settling, the counter holds the real cost, not the worst-case estimate.
    const dayKey = new Date(clock()).toISOString().slice(0, 10);
    const item = await standIns.dynamo.doc.send(new GetCommand({ TableName: 'agent-budget', Key: { pk: `service#agent#${dayKey}` } }));
    expect(item.Item!.spent / 1e6).toBeCloseTo(reply.costUsd, 5);
    expect(datapoints(agent.emf.documents(), METRICS.budgetSoftLimit.name, SERVICE)).toEqual([1]);
  });

  it('keeps serving when the budget store fails (fail-open) and counts the failure', async () => {
    // Prepare
    const agent = buildAgent(standIns, { BUDGET_TABLE_NAME: 'no-such-table' }, freshDayClock());

    // Act
    const reply: any = await agent.handler({ question: 'hi' }, lambdaContext());

    // Assess
    expect(reply.answer).toEqual(expect.any(String));
    expect(datapoints(agent.emf.documents(), METRICS.budgetStoreErrors.name, SERVICE)).toEqual([1]);
    expect(agent.logs).toContainEqual(['warn', expect.stringMatching(/budget store unavailable/), expect.objectContaining({ requestId: reply.requestId })]);
  });

  it('refuses as budget_unavailable (HTTP 503), not budget_exceeded, when the budget store fails and BUDGET_FAIL_MODE is closed', async () => {
    // Prepare
    const agent = buildAgent(standIns, { BUDGET_TABLE_NAME: 'no-such-table', BUDGET_FAIL_MODE: 'closed' }, freshDayClock());
    const before = standIns.llm.requests.length;
    const httpEvent = { version: '2.0', requestContext: { http: { method: 'POST' } }, headers: {}, isBase64Encoded: false, body: JSON.stringify({ question: 'hi' }) };

    // Act
    const reply: any = await agent.handler({ question: 'hi' }, lambdaContext());
    const http: any = await agent.handler(httpEvent, lambdaContext());

    // Assess
    expect(reply.error.category).toBe('budget_unavailable');
    expect(http.statusCode).toBe(503);
    expect(http.headers['retry-after']).toBe('30');
    expect(JSON.parse(http.body).error.category).toBe('budget_unavailable');
    expect(reply.error.message).toMatch(/budget store unavailable/);
    expect(JSON.stringify(reply)).not.toContain('no-such-table');
    expect(agent.logs).toContainEqual(['error', expect.stringMatching(/fail|closed/i), expect.objectContaining({ error: expect.stringContaining('ResourceNotFound') })]);
    expect(standIns.llm.requests.length).toBe(before);
    const docs = agent.emf.documents();
    expect(datapoints(docs, METRICS.budgetStoreErrors.name, SERVICE)).toEqual([1, 1]);
    expect(datapoints(docs, METRICS.errors.name, { ...SERVICE, error_category: 'budget_unavailable' })).toEqual([1, 1]);
    expect(datapoints(docs, METRICS.budgetRejections.name, SERVICE)).toEqual([]);
  });

  it('keeps a sampled reply redacted and pending with a pseudonymous user id, queryable on the status index', async () => {
    // Prepare
    const agent = buildAgent(standIns, { SAMPLE_RATE: '1', SAMPLE_PSEUDONYM_KEY: 'k'.repeat(32) }, freshDayClock());

    // Act
    const reply: any = await agent.handler({ question: 'My card is 4111 1111 1111 1111, what is 3*3?', userId: 'u-7' }, lambdaContext());

    // Assess
    const pending = await standIns.dynamo.doc.send(
      new QueryCommand({
        TableName: SAMPLES_TABLE_NAME,
        IndexName: SAMPLE_STATUS_INDEX,
        KeyConditionExpression: '#s = :p',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':p': 'pending' },
      }),
    );
    const item = pending.Items!.find((candidate) => candidate.sampleId === reply.requestId);
    expect(item).toMatchObject({ status: 'pending', userId: 'user_77fa8e3d3da43663c63f9fc81f9b7941', model: 'gpt-4o-mini', toolCalls: ['calculator'] });
    expect(agent.emf.documents().map((doc) => doc.root.userId)).toContain('u-7'); // operators keep the raw id in EMF
    expect(item!.question).toContain('[REDACTED_CARD]');
    expect(item!.question).not.toContain('4111');
    expect(datapoints(agent.emf.documents(), METRICS.captureSampled.name, SERVICE)).toEqual([1]);
  });

  it('never fails the request when the sample write fails, and counts it', async () => {
    // Prepare
    const agent = buildAgent(standIns, { SAMPLE_RATE: '1', SAMPLES_TABLE_NAME: 'missing-samples' }, freshDayClock());

    // Act
    const reply: any = await agent.handler({ question: 'hi' }, lambdaContext());

    // Assess
    expect(reply.answer).toEqual(expect.any(String));
    expect(datapoints(agent.emf.documents(), METRICS.captureErrors.name, SERVICE)).toEqual([1]);
  });
});

describe('agent budget guard when the tool loop grows the prompt', () => {
  let standIns: AgentStandIns;
  let day = Date.UTC(2026, 9, 1, 12);

  beforeAll(async () => {
    standIns = await startAgentStandIns();
  });

  afterAll(async () => {
    await standIns.stop();
  });

  function toolTurns(turns: number) {
    const calls = Array.from({ length: 8 }, (_, i) => ({ name: 'search_docs', arguments: JSON.stringify({ query: `alarm runbook budget latency ${i}` }) }));
    return [...Array.from({ length: turns }, () => ({ kind: 'completion' as const, toolCalls: calls })), { kind: 'completion' as const, content: 'answer' }];
  }

  async function spentMicroUsd(clockStart: number): Promise<number> {
    const dayKey = new Date(clockStart).toISOString().slice(0, 10);
    const item = await standIns.dynamo.doc.send(new GetCommand({ TableName: 'agent-budget', Key: { pk: `service#agent#${dayKey}` } }));
    return item.Item?.spent ?? 0;
  }

  it('reserves more before each call as the prompt grows, and settles to the real cost', async () => {
    // Prepare: a first estimate far below what four tool turns cost, under a generous limit.
    day += 86_400_000;
    const start = day;
    const agent = buildAgent(standIns, { AGENT_MAX_COMPLETION_TOKENS: '50', DAILY_BUDGET_USD: '1' }, () => start);
    standIns.llm.enqueue(...toolTurns(4));

    // Act
    const reply: any = await agent.handler({ question: 'search a lot' }, lambdaContext());

    // Assess
    expect(reply.answer).toBe('answer');
    expect((await spentMicroUsd(start)) / 1e6).toBeCloseTo(reply.costUsd, 5);
  });

  it('refuses the call that would pass the limit instead of overspending', async () => {
    // Prepare: the same request, under a limit it cannot finish in.
    day += 86_400_000;
    const start = day;
    const limitUsd = 0.0012;
    const agent = buildAgent(standIns, { AGENT_MAX_COMPLETION_TOKENS: '50', DAILY_BUDGET_USD: String(limitUsd) }, () => start);
    const before = standIns.llm.requests.length;
    standIns.llm.enqueue(...toolTurns(4));

    // Act
    const reply: any = await agent.handler({ question: 'search a lot' }, lambdaContext());

    // Assess
    const calls = standIns.llm.requests.length - before;
    expect(reply.error.category).toBe('budget_exceeded');
    expect(calls).toBeLessThan(5);
    expect(await spentMicroUsd(start)).toBeLessThanOrEqual(limitUsd * 1e6);
    expect(await spentMicroUsd(start)).toBeGreaterThan(0);
  });

  it('refuses to start with a budget and a model it cannot price', () => {
    expect(() => buildAgent(standIns, { AGENT_MODEL: 'acme-llm-1' })).toThrow(/AGENT_MODEL "acme-llm-1" has no price entry.*PRICING_OVERRIDES/);
    expect(() => buildAgent(standIns, { AGENT_MODEL: 'acme-llm-1', PRICING_OVERRIDES: '{"acme-llm-1": {"input": 1, "output": 2}}' })).not.toThrow();
  });
});
