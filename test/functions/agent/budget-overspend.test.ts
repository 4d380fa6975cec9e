import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { METRICS } from '../../../lib/catalog/metrics';
import { simulatedModel, type FakeReply, type RecordedRequest } from '../../../local/llm/simulated-openai-server';
import { datapoints, sum } from '../../support/emf';
import { lambdaContext } from '../../support/lambda-context';
import { BUDGET_TABLE_NAME, buildAgent, startAgentStandIns, type AgentStandIns } from '../../support/agent-harness';

const SERVICE = { service: 'agent' };
/** gpt-4o-mini, USD per token. */
const INPUT = 0.15 / 1e6;
const OUTPUT = 0.6 / 1e6;
const CAP = 1024;
const PROMPT_TOKENS = 200;
const CONCURRENT_REQUESTS = 40;

/**
 * A provider that answers every question with one tool call, then an answer; each reply reports
 * `completionTokens` whatever max_completion_tokens says. Questions with an even number get a
 * sentence of text beside the tool call.
 */
function provider(completionTokens: number) {
  return (request: RecordedRequest): FakeReply => {
    const messages: { role: string; content?: unknown }[] = request.body.messages;
    const usage = { promptTokens: PROMPT_TOKENS, completionTokens };
    if (messages.at(-1)!.role === 'tool') return { kind: 'completion', content: 'The answer is 42.', usage };
    const content = questionNumber(request) % 2 === 0 ? 'Let me compute that.' : null;
    return { kind: 'completion', content, toolCalls: [{ name: 'calculator', arguments: '{"expression":"6*7"}' }], usage };
  };
}

interface RunFigures {
  readonly spentUsd: number;
  readonly replies: any[];
  readonly modelCalls: number;
  /** The requests (by index) that called the model at least once. */
  readonly callers: ReadonlySet<number>;
  readonly overruns: number;
}

function questionNumber(request: RecordedRequest): number {
  const question = request.body.messages.find((message: { role: string }) => message.role === 'user').content;
  return Number(/#(\d+)/.exec(String(question))![1]);
}

describe('the budget guard under many concurrent requests against a provider ignoring max_completion_tokens', () => {
  let standIns: AgentStandIns;
  let day = Date.UTC(2027, 5, 1, 12);

  beforeAll(async () => {
    standIns = await startAgentStandIns();
  });

  afterAll(async () => {
    standIns.llm.setResponder(simulatedModel);
    await standIns.stop();
  });

  async function run(limitUsd: number, completionTokens: number): Promise<RunFigures> {
    day += 86_400_000;
    const start = day;
    const agent = buildAgent(standIns, { DAILY_BUDGET_USD: String(limitUsd) }, () => start);
    standIns.llm.setResponder(provider(completionTokens));
    const before = standIns.llm.requests.length;
    const replies = await Promise.all(
      Array.from({ length: CONCURRENT_REQUESTS }, (_, index) => agent.handler({ question: `what is 6*7? #${index}` }, lambdaContext())),
    );
    const pk = `service#agent#${new Date(start).toISOString().slice(0, 10)}`;
    const { Item } = await standIns.dynamo.doc.send(new GetCommand({ TableName: BUDGET_TABLE_NAME, Key: { pk }, ConsistentRead: true }));
    const calls = standIns.llm.requests.slice(before);
    return {
      spentUsd: Item!.spent / 1e6,
      replies,
      modelCalls: calls.length,
      callers: new Set(calls.map(questionNumber)),
      overruns: sum(datapoints(agent.emf.documents(), METRICS.budgetOverruns.name, SERVICE)),
    };
  }

  it('never passes the limit when the provider honours the cap', async () => {
    // Act
    const figures = await run(0.05, CAP);

    // Assess
    expect(figures.spentUsd).toBeLessThanOrEqual(0.05);
    expect(figures.overruns).toBe(0);
  });

  it.each([0.05, 0.2])(
    'counts the real spend, passes a %p USD limit by at most one overrun per request, and keeps every paid-for answer',
    async (limitUsd) => {
      // Act
      const figures = await run(limitUsd, 8000);

      // Assess: the counter is the real cost of every reply the provider sent.
      const replyUsd = PROMPT_TOKENS * INPUT + 8000 * OUTPUT;
      expect(figures.spentUsd).toBeCloseTo(figures.modelCalls * replyUsd, 6);
      expect(figures.overruns).toBe(figures.modelCalls);
      // A request calls the model only while its holds cover its worst case: past them by one reply's overrun at most.
      const worstOverrunUsd = replyUsd - CAP * OUTPUT;
      expect(figures.spentUsd - limitUsd).toBeLessThanOrEqual(figures.callers.size * worstOverrunUsd);
      // No request that was paid text is refused; every refusal is budget_exceeded.
      for (const index of figures.callers) if (index % 2 === 0) expect(figures.replies[index].answer).toMatch(/^(Let me compute that\.|The answer is 42\.)$/);
      for (const reply of figures.replies.filter((candidate) => candidate.error)) expect(reply.error.category).toBe('budget_exceeded');
      const stoppedWithPaidText = figures.replies.filter((reply) => reply.answer === 'Let me compute that.');
      expect(stoppedWithPaidText.length).toBeGreaterThan(0);
    },
  );
});
