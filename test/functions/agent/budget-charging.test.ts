import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { METRICS } from '../../../lib/catalog/metrics';
import { datapoints } from '../../support/emf';
import { lambdaContext } from '../../support/lambda-context';
import { BUDGET_TABLE_NAME, buildAgent, startAgentStandIns, type AgentStandIns } from '../../support/agent-harness';

const SERVICE = { service: 'agent' };
/** gpt-4o-mini, USD per token. */
const INPUT = 0.15 / 1e6;
const OUTPUT = 0.6 / 1e6;
/** The default AGENT_MAX_COMPLETION_TOKENS: every call's worst case includes it in full. */
const CAP = 1024;
const FULL_ALLOWANCE_USD = CAP * OUTPUT;

describe('the budget guard charges every reply, none for free (dynalite, simulated provider)', () => {
  let standIns: AgentStandIns;
  let day = Date.UTC(2027, 0, 1, 12);

  beforeAll(async () => {
    standIns = await startAgentStandIns();
  });

  afterAll(async () => {
    await standIns.stop();
  });

  /** Each test spends on its own day, so counters never leak between tests. */
  function freshDay(): { clock: () => number; spentUsd: () => Promise<number> } {
    day += 86_400_000;
    const start = day;
    const pk = `service#agent#${new Date(start).toISOString().slice(0, 10)}`;
    return {
      clock: () => start,
      spentUsd: async () => {
        const { Item } = await standIns.dynamo.doc.send(new GetCommand({ TableName: BUDGET_TABLE_NAME, Key: { pk }, ConsistentRead: true }));
        return (Item?.spent ?? 0) / 1e6;
      },
    };
  }

  it('charges a reply from a model missing from the price table at the requested model\'s price, and counts it unpriced', async () => {
    // Prepare: a proxy answering under its own model name, with more tokens than the call's worst case.
    const { clock, spentUsd } = freshDay();
    const agent = buildAgent(standIns, {}, clock);
    standIns.llm.enqueue({ kind: 'completion', content: 'hello', model: 'proxy/gpt-4o-mini-2027', usage: { promptTokens: 1000, completionTokens: 5000 } });

    // Act
    const reply: any = await agent.handler({ question: 'hi' }, lambdaContext());

    // Assess
    expect(reply).toMatchObject({ answer: 'hello', costUsd: null });
    expect(await spentUsd()).toBeCloseTo(1000 * INPUT + 5000 * OUTPUT, 9);
    expect(datapoints(agent.emf.documents(), METRICS.costUnpriced.name, SERVICE)).toEqual([1]);
    expect(agent.logs).toContainEqual(['warn', 'reply charged to the budget conservatively', expect.objectContaining({ model: 'proxy/gpt-4o-mini-2027' })]);
  });

  it('charges a reply that fails validation as it was billed, and counts its tokens', async () => {
    // Prepare: a 200 reply whose message content is an object, with its usage.
    const { clock, spentUsd } = freshDay();
    const agent = buildAgent(standIns, {}, clock);
    const body = { id: 'chatcmpl-odd', object: 'chat.completion', created: 0, model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: { text: 'hi' } }, finish_reason: 'stop' }], usage: { prompt_tokens: 1000, completion_tokens: 500, total_tokens: 1500 } };
    standIns.llm.enqueue({ kind: 'status', status: 200, body });

    // Act
    const reply: any = await agent.handler({ question: 'hi' }, lambdaContext());

    // Assess
    expect(reply.error.category).toBe('validation_error');
    expect(await spentUsd()).toBeCloseTo(1000 * INPUT + 500 * OUTPUT, 9);
    expect(datapoints(agent.emf.documents(), METRICS.tokensPrompt.name, { ...SERVICE, model: 'gpt-4o-mini' })).toEqual([1000]);
  });

  it('charges a reply that fails validation and reports no usage its call\'s worst case', async () => {
    // Prepare: a 200 reply with no choices and no usage.
    const { clock, spentUsd } = freshDay();
    const agent = buildAgent(standIns, {}, clock);
    standIns.llm.enqueue({ kind: 'status', status: 200, body: { id: 'chatcmpl-empty', object: 'chat.completion', created: 0, model: 'gpt-4o-mini', choices: [] } });

    // Act
    const reply: any = await agent.handler({ question: 'hi' }, lambdaContext());

    // Assess
    expect(reply.error).toEqual({ category: 'validation_error', message: 'the provider reply has no choices[0].message' });
    expect(await spentUsd()).toBeGreaterThanOrEqual(FULL_ALLOWANCE_USD);
    expect(datapoints(agent.emf.documents(), METRICS.costUnpriced.name, SERVICE)).toEqual([1]);
  });

  it('charges an unpriced reply no less than its call\'s worst case', async () => {
    // Prepare: a dated name of no known model, with a tiny usage.
    const { clock, spentUsd } = freshDay();
    const agent = buildAgent(standIns, {}, clock);
    standIns.llm.enqueue({ kind: 'completion', content: 'hello', model: 'acme-llm-2027-01-01', usage: { promptTokens: 10, completionTokens: 2 } });

    // Act
    await agent.handler({ question: 'hi' }, lambdaContext());

    // Assess: the full completion allowance and a prompt of a few thousand characters at most.
    const spent = await spentUsd();
    expect(spent).toBeGreaterThanOrEqual(FULL_ALLOWANCE_USD);
    expect(spent).toBeLessThan(FULL_ALLOWANCE_USD + 5000 * INPUT);
  });

  it('charges a reply without usage its call\'s worst case, and counts it unpriced', async () => {
    // Prepare
    const { clock, spentUsd } = freshDay();
    const agent = buildAgent(standIns, {}, clock);
    standIns.llm.enqueue({ kind: 'completion', content: 'hello', usage: null });

    // Act
    const reply: any = await agent.handler({ question: 'hi' }, lambdaContext());

    // Assess
    expect(reply).toMatchObject({ answer: 'hello', costUsd: null, usage: { totalTokens: 0 } });
    const spent = await spentUsd();
    expect(spent).toBeGreaterThanOrEqual(FULL_ALLOWANCE_USD);
    expect(spent).toBeLessThan(FULL_ALLOWANCE_USD + 5000 * INPUT);
    expect(datapoints(agent.emf.documents(), METRICS.costUnpriced.name, SERVICE)).toEqual([1]);
  });

  it('treats a usage figure no call could produce as unmeasured: charged its worst case, never the absurd figure', async () => {
    // Prepare: 1e9 completion tokens would price at 600 USD.
    const { clock, spentUsd } = freshDay();
    const agent = buildAgent(standIns, {}, clock);
    standIns.llm.enqueue({ kind: 'completion', content: 'hello', usage: { promptTokens: 20, completionTokens: 1e9 } });

    // Act
    const reply: any = await agent.handler({ question: 'hi' }, lambdaContext());

    // Assess
    expect(reply).toMatchObject({ answer: 'hello', costUsd: null });
    const spent = await spentUsd();
    expect(spent).toBeGreaterThanOrEqual(FULL_ALLOWANCE_USD);
    expect(spent).toBeLessThan(FULL_ALLOWANCE_USD + 5000 * INPUT);
    const docs = agent.emf.documents();
    expect(datapoints(docs, METRICS.costUnpriced.name, SERVICE)).toEqual([1]);
    expect(datapoints(docs, METRICS.tokensCompletion.name, SERVICE)).toEqual([]);
    expect(datapoints(docs, METRICS.costUsd.name, SERVICE)).toEqual([]);
  });

  it('charges a provider that ignores max_completion_tokens what it really cost, and counts the overrun', async () => {
    // Prepare: 8,000 completion tokens against the cap of 1,024.
    const { clock, spentUsd } = freshDay();
    const agent = buildAgent(standIns, {}, clock);
    standIns.llm.enqueue({ kind: 'completion', content: 'a long answer', usage: { promptTokens: 100, completionTokens: 8000 } });

    // Act
    const reply: any = await agent.handler({ question: 'hi' }, lambdaContext());

    // Assess
    const cost = 100 * INPUT + 8000 * OUTPUT;
    expect(reply.costUsd).toBeCloseTo(cost, 10);
    expect(await spentUsd()).toBeCloseTo(cost, 9);
    expect(standIns.llm.requests.at(-1)!.body.max_completion_tokens).toBe(CAP);
    expect(datapoints(agent.emf.documents(), METRICS.budgetOverruns.name, SERVICE)).toEqual([1]);
  });

  it('counts no overrun for a reply within its call\'s worst case', async () => {
    // Prepare
    const { clock } = freshDay();
    const agent = buildAgent(standIns, {}, clock);
    standIns.llm.enqueue({ kind: 'completion', content: 'short', usage: { promptTokens: 100, completionTokens: CAP } });

    // Act
    await agent.handler({ question: 'hi' }, lambdaContext());

    // Assess
    expect(datapoints(agent.emf.documents(), METRICS.budgetOverruns.name, SERVICE)).toEqual([]);
  });

  describe('a top-up refused after an overrunning reply', () => {
    /** The first reservation (five calls' worst case, about 0.0035 USD) fits; the overrun leaves no room for a second call. */
    const LIMIT = { DAILY_BUDGET_USD: '0.004' };
    const overrunningToolTurn = (content: string | null) => ({
      kind: 'completion' as const,
      content,
      toolCalls: [{ name: 'calculator', arguments: '{"expression":"6*7"}' }],
      usage: { promptTokens: 100, completionTokens: 8000 },
    });

    it('answers with the text the model already wrote and was paid for, counted as a budget rejection', async () => {
      // Prepare
      const { clock, spentUsd } = freshDay();
      const agent = buildAgent(standIns, LIMIT, clock);
      const before = standIns.llm.requests.length;
      standIns.llm.enqueue(overrunningToolTurn('Let me compute 6*7 for you.'));

      // Act
      const reply: any = await agent.handler({ question: 'what is 6*7?' }, lambdaContext());

      // Assess
      expect(reply).toMatchObject({ answer: 'Let me compute 6*7 for you.', toolCalls: ['calculator'] });
      expect(standIns.llm.requests.length - before).toBe(1);
      expect(await spentUsd()).toBeCloseTo(100 * INPUT + 8000 * OUTPUT, 9);
      const docs = agent.emf.documents();
      expect(datapoints(docs, METRICS.budgetRejections.name, SERVICE)).toEqual([1]);
      expect(datapoints(docs, METRICS.budgetOverruns.name, SERVICE)).toEqual([1]);
      expect(datapoints(docs, METRICS.errors.name, SERVICE)).toEqual([]);
    });

    it('holds the costliest reply so far for the next call, refusing the call the provider would overrun again', async () => {
      // Prepare: the next call's cap-based worst case (about 0.0007 USD) would fit 0.007 USD, another 8,000-token reply would not.
      const { clock, spentUsd } = freshDay();
      const agent = buildAgent(standIns, { DAILY_BUDGET_USD: '0.007' }, clock);
      const before = standIns.llm.requests.length;
      standIns.llm.enqueue(overrunningToolTurn('Let me compute 6*7 for you.'));

      // Act
      const reply: any = await agent.handler({ question: 'what is 6*7?' }, lambdaContext());

      // Assess
      expect(reply.answer).toBe('Let me compute 6*7 for you.');
      expect(standIns.llm.requests.length - before).toBe(1);
      expect(await spentUsd()).toBeLessThanOrEqual(0.007);
    });

    it('refuses as budget_exceeded when the model wrote no text yet, still charging what was spent', async () => {
      // Prepare
      const { clock, spentUsd } = freshDay();
      const agent = buildAgent(standIns, LIMIT, clock);
      const before = standIns.llm.requests.length;
      standIns.llm.enqueue(overrunningToolTurn(null));

      // Act
      const reply: any = await agent.handler({ question: 'what is 6*7?' }, lambdaContext());

      // Assess
      expect(reply.error.category).toBe('budget_exceeded');
      expect(standIns.llm.requests.length - before).toBe(1);
      expect(await spentUsd()).toBeCloseTo(100 * INPUT + 8000 * OUTPUT, 9);
    });
  });
});
