import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { METRICS } from '../../../lib/catalog/metrics';
import { datapoints } from '../../support/emf';
import { lambdaContext } from '../../support/lambda-context';
import { BUDGET_TABLE_NAME, buildAgent, startAgentStandIns, type BedrockAgentStandIns } from '../../support/agent-harness';

const SERVICE = { service: 'agent' };
/** Amazon Nova Lite, USD per token. */
const INPUT = 0.06 / 1e6;
const OUTPUT = 0.24 / 1e6;
/** The default AGENT_MAX_COMPLETION_TOKENS: every call's worst case includes it in full. */
const CAP = 1024;
/** 1,000 input + 10,000 output tokens of Nova Lite: 0.00246 USD. */
const EXPENSIVE_REPLY = { kind: 'message' as const, text: 'a long answer', usage: { inputTokens: 1000, outputTokens: 10_000 } };

/** The budget guard with a Bedrock model: reserved at the Bedrock price table's worst case, settled to the real cost (dynalite). */
describe('agent on Bedrock: the budget guard', () => {
  let standIns: BedrockAgentStandIns;
  let day = Date.UTC(2027, 2, 1, 12);

  beforeAll(async () => {
    standIns = await startAgentStandIns({ provider: 'bedrock' });
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

  it('settles a tool round trip to its real cost at Nova Lite prices', async () => {
    // Prepare
    const { clock, spentUsd } = freshDay();
    const agent = buildAgent(standIns, { DAILY_BUDGET_USD: '1' }, clock);

    // Act
    const reply: any = await agent.handler({ question: 'What is 2+2?' }, lambdaContext());

    // Assess
    expect(reply).toMatchObject({ answer: expect.stringContaining('4'), toolCalls: ['calculator'] });
    expect(reply.costUsd).toBeCloseTo(reply.usage.promptTokens * INPUT + reply.usage.completionTokens * OUTPUT, 12);
    expect(await spentUsd()).toBeCloseTo(reply.costUsd, 6);
    expect(datapoints(agent.emf.documents(), METRICS.budgetUtilization.name, SERVICE)).toHaveLength(1);
  });

  it('charges a reply that fails validation (a toolUse input that is not an object) as it was billed', async () => {
    // Prepare
    const { clock, spentUsd } = freshDay();
    const agent = buildAgent(standIns, { DAILY_BUDGET_USD: '1' }, clock);
    standIns.bedrock.enqueue({ kind: 'message', toolUses: [{ name: 'calculator', input: 42 }], usage: { inputTokens: 1000, outputTokens: 10_000 } });

    // Act
    const reply: any = await agent.handler({ question: 'What is 2+2?' }, lambdaContext());

    // Assess
    expect(reply.error.category).toBe('validation_error');
    expect(await spentUsd()).toBeCloseTo(1000 * INPUT + 10_000 * OUTPUT, 9);
  });

  it('refuses a request whose worst case at Nova Lite prices passes the daily limit, before any Converse call', async () => {
    // Prepare: five calls of up to 1,024 output tokens each cost more than 0.001 USD.
    const { clock, spentUsd } = freshDay();
    const agent = buildAgent(standIns, { DAILY_BUDGET_USD: '0.001' }, clock);
    const before = standIns.bedrock.requests.length;

    // Act
    const reply: any = await agent.handler({ question: 'hi' }, lambdaContext());

    // Assess
    expect(reply.error).toEqual({ category: 'budget_exceeded', message: expect.stringMatching(/daily limit 0.001 USD/) });
    expect(standIns.bedrock.requests.length).toBe(before);
    expect(await spentUsd()).toBe(0);
    const docs = agent.emf.documents();
    expect(datapoints(docs, METRICS.budgetRejections.name, SERVICE)).toEqual([1]);
    expect(datapoints(docs, METRICS.requests.name, SERVICE)).toEqual([1]);
  });

  it('reserves the worst case, charges the real cost past it, and refuses the next request the limit cannot hold', async () => {
    // Prepare: the first reservation (about 0.0014 USD) fits 0.003 USD; the reply's real cost (0.00246) leaves too little for the next.
    const { clock, spentUsd } = freshDay();
    const agent = buildAgent(standIns, { DAILY_BUDGET_USD: '0.003' }, clock);
    standIns.bedrock.enqueue(EXPENSIVE_REPLY);
    const first: any = await agent.handler({ question: 'hello' }, lambdaContext());
    const before = standIns.bedrock.requests.length;

    // Act
    const second: any = await agent.handler({ question: 'hello again' }, lambdaContext());

    // Assess
    expect(first.costUsd).toBeCloseTo(1000 * INPUT + 10_000 * OUTPUT, 12);
    expect(await spentUsd()).toBeCloseTo(first.costUsd, 6);
    expect(second.error.category).toBe('budget_exceeded');
    expect(standIns.bedrock.requests.length).toBe(before);
    expect(datapoints(agent.emf.documents(), METRICS.budgetOverruns.name, SERVICE)).toEqual([1]);
  });

  it('charges a reply without usage its call\'s worst case, and counts it unpriced', async () => {
    // Prepare
    const { clock, spentUsd } = freshDay();
    const agent = buildAgent(standIns, {}, clock);
    standIns.bedrock.enqueue({ kind: 'message', text: 'hello', usage: null });

    // Act
    const reply: any = await agent.handler({ question: 'hi' }, lambdaContext());

    // Assess
    expect(reply).toMatchObject({ answer: 'hello', costUsd: null });
    const spent = await spentUsd();
    expect(spent).toBeGreaterThanOrEqual(CAP * OUTPUT);
    expect(spent).toBeLessThan(CAP * OUTPUT + 5000 * INPUT);
    expect(datapoints(agent.emf.documents(), METRICS.costUnpriced.name, SERVICE)).toEqual([1]);
  });

  it('refuses to start with a budget and a Bedrock model it cannot price, naming AGENT_MODEL', () => {
    expect(() => buildAgent(standIns, { AGENT_MODEL: 'amazon.nova-future-v9:0' })).toThrow(/AGENT_MODEL "amazon.nova-future-v9:0" has no price entry.*PRICING_OVERRIDES/);
    expect(() => buildAgent(standIns, { AGENT_MODEL: 'amazon.nova-future-v9:0', PRICING_OVERRIDES: '{"amazon.nova-future-v9:0": {"input": 1, "output": 2}}' })).not.toThrow();
  });
});
