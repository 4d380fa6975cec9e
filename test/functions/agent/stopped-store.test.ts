import { METRICS } from '../../../lib/catalog/metrics';
import { startSimulatedOpenAI, type SimulatedOpenAIServer } from '../../../local/llm/simulated-openai-server';
import { BUDGET_TABLE_NAME, buildAgent, SAMPLES_TABLE_NAME } from '../../support/agent-harness';
import { startDynaliteProcess, type DynaliteProcess } from '../../support/dynalite-process';
import { datapoints } from '../../support/emf';
import { lambdaContext } from '../../support/lambda-context';

const SERVICE = { service: 'agent' };
/** How far past its deadline a request may end: the abort, then writing the reply and EMF. */
const END_SLACK_MS = 250;

/**
 * A DynamoDB that hangs (process stopped, not dead) with the agent's own client, built as in
 * Lambda: every request still ends by its deadline, and its metrics say what happened.
 */
describe('the agent with a stopped (SIGSTOP) DynamoDB', () => {
  let store: DynaliteProcess;
  let llm: SimulatedOpenAIServer;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    [store, llm] = await Promise.all([startDynaliteProcess({ budget: BUDGET_TABLE_NAME, samples: SAMPLES_TABLE_NAME }), startSimulatedOpenAI()]);
    Object.assign(process.env, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: store.endpoint,
    });
    store.pause();
  });

  afterAll(async () => {
    process.env = savedEnv;
    await Promise.all([store?.stop(), llm?.close()]);
  });

  async function timed(agent: ReturnType<typeof buildAgent>, question: string): Promise<{ reply: any; elapsedMs: number }> {
    const started = performance.now();
    const reply = await agent.handler({ question }, lambdaContext());
    return { reply, elapsedMs: performance.now() - started };
  }

  it('serves fail-open, counts the store errors, and ends every request by its deadline', async () => {
    // Prepare: a roomy deadline (the client's own bounds end the store calls) and a tight one (the deadline ends them).
    const roomy = buildAgent({ llm }, { AGENT_DEADLINE_MS: '12000', SAMPLE_RATE: '1' });
    const tight = buildAgent({ llm }, { AGENT_DEADLINE_MS: '6000', SAMPLE_RATE: '1' });
    const tooTight = buildAgent({ llm }, { AGENT_DEADLINE_MS: '3000' });

    // Act
    const [served, cut, late] = await Promise.all([timed(roomy, 'hi'), timed(tight, 'hello'), timed(tooTight, 'hey')]);

    // Assess
    expect(served.reply.answer).toEqual(expect.any(String));
    expect(served.elapsedMs).toBeLessThan(12_000);
    expect(cut.reply.answer).toEqual(expect.any(String));
    expect(cut.elapsedMs).toBeLessThan(6_000 + END_SLACK_MS);
    expect(late.reply.error.category).toBe('agent_timeout');
    expect(late.elapsedMs).toBeLessThan(3_000 + END_SLACK_MS);
    for (const agent of [roomy, tight, tooTight]) {
      expect(datapoints(agent.emf.documents(), METRICS.requests.name, SERVICE)).toEqual([1]);
      expect(datapoints(agent.emf.documents(), METRICS.budgetStoreErrors.name, SERVICE)).toEqual([1]);
    }
    expect(datapoints(roomy.emf.documents(), METRICS.captureErrors.name, SERVICE)).toEqual([1]);
    expect(datapoints(tight.emf.documents(), METRICS.captureErrors.name, SERVICE)).toEqual([1]);
    console.info(`stopped store, fail-open: ${[served, cut, late].map((r) => Math.round(r.elapsedMs)).join(' / ')} ms against 12000 / 6000 / 3000 ms deadlines`);
  });

  it('refuses fail-closed, on time, without calling the model', async () => {
    // Prepare
    const agent = buildAgent({ llm }, { AGENT_DEADLINE_MS: '8000', BUDGET_FAIL_MODE: 'closed' });
    const before = llm.requests.length;

    // Act
    const { reply, elapsedMs } = await timed(agent, 'hi');

    // Assess: refused as a budget failure (its exact category is the budget guard's to name).
    expect(reply.error.category).toMatch(/^budget_/);
    expect(reply.error.message).toMatch(/budget store unavailable/);
    expect(elapsedMs).toBeLessThan(8_000);
    expect(llm.requests.length).toBe(before);
    expect(datapoints(agent.emf.documents(), METRICS.budgetStoreErrors.name, SERVICE)).toEqual([1]);
    console.info(`stopped store, fail-closed: ${Math.round(elapsedMs)} ms against an 8000 ms deadline`);
  });

  it('serves and settles again once the store resumes', async () => {
    // Prepare
    store.resume();
    const agent = buildAgent({ llm }, { SAMPLE_RATE: '1' });

    // Act
    const { reply } = await timed(agent, 'What is 2+2?');

    // Assess
    expect(reply.answer).toEqual(expect.any(String));
    expect(datapoints(agent.emf.documents(), METRICS.budgetStoreErrors.name, SERVICE)).toEqual([]);
    expect(datapoints(agent.emf.documents(), METRICS.captureSampled.name, SERVICE)).toEqual([1]);
  });
});
