import { METRICS } from '../../../lib/catalog/metrics';
import { MIN_RETRY_ATTEMPT_MS } from '../../../functions/shared/llm/retry-within-deadline';
import { datapoints } from '../../support/emf';
import { lambdaContext } from '../../support/lambda-context';
import { buildAgent, startAgentStandIns, type AgentStandIns } from '../../support/agent-harness';

const RATE_LIMITED = { kind: 'status' as const, status: 429 };

/** Retries of the real OpenAI SDK against a provider sending long Retry-After values: none sleeps past the deadline. */
describe('provider retries within the deadline', () => {
  let standIns: AgentStandIns;

  beforeAll(async () => {
    standIns = await startAgentStandIns();
  });

  afterAll(async () => {
    await standIns.stop();
  });

  async function ask(env: Record<string, string>): Promise<{ reply: any; elapsedMs: number; calls: number; agent: ReturnType<typeof buildAgent> }> {
    const agent = buildAgent(standIns, { LLM_MAX_RETRIES: '2', ...env });
    const before = standIns.llm.requests.length;
    const started = performance.now();
    const reply = await agent.handler({ question: 'hi' }, lambdaContext());
    return { reply, elapsedMs: performance.now() - started, calls: standIns.llm.requests.length - before, agent };
  }

  it.each([
    ['retry-after: 40 (seconds)', { 'retry-after': '40' }],
    ['retry-after as an HTTP date 40 s ahead', { 'retry-after': new Date(Date.now() + 40_000).toUTCString() }],
    ['retry-after-ms: 30000', { 'retry-after-ms': '30000' }],
  ])('ends a 429 with %s as rate_limit at once, against a 25 s deadline', async (_name, headers) => {
    // Prepare
    standIns.llm.enqueue({ ...RATE_LIMITED, headers });

    // Act
    const { reply, elapsedMs, calls, agent } = await ask({ AGENT_DEADLINE_MS: '25000' });

    // Assess
    expect(reply.error.category).toBe('rate_limit');
    expect(elapsedMs).toBeLessThan(2_000);
    expect(calls).toBe(1);
    expect(datapoints(agent.emf.documents(), METRICS.errors.name, { service: 'agent', error_category: 'rate_limit' })).toEqual([1]);
    console.info(`429 with ${JSON.stringify(headers)}: rate_limit after ${Math.round(elapsedMs)} ms against a 25000 ms deadline`);
  });

  it('retries after a Retry-After that fits the deadline, and answers', async () => {
    // Prepare
    standIns.llm.enqueue({ ...RATE_LIMITED, headers: { 'retry-after': '1' } });

    // Act
    const { reply, elapsedMs, calls } = await ask({ AGENT_DEADLINE_MS: '25000' });

    // Assess
    expect(reply.answer).toEqual(expect.any(String));
    expect(calls).toBe(2);
    expect(elapsedMs).toBeGreaterThanOrEqual(1_000);
    expect(elapsedMs).toBeLessThan(3_000);
  });

  it('does not back off past a short deadline after a 503, and keeps its category', async () => {
    // Prepare: the SDK's first backoff (up to 0.5 s) plus an attempt's minimum would pass a 1.2 s deadline.
    standIns.llm.enqueue({ kind: 'status', status: 503 });

    // Act
    const { reply, elapsedMs, calls } = await ask({ AGENT_DEADLINE_MS: '1200' });

    // Assess
    expect(reply.error.category).toBe('service_unavailable');
    expect(calls).toBe(1);
    expect(elapsedMs).toBeLessThan(1_200 - MIN_RETRY_ATTEMPT_MS + 500);
  });

  it('ends at the deadline when the retry that fitted then hangs', async () => {
    // Prepare: a 1.5 s Retry-After fits a 3 s deadline with a second left; the retry then hangs.
    standIns.llm.enqueue({ ...RATE_LIMITED, headers: { 'retry-after': '1.5' } }, { kind: 'hang' });

    // Act
    const { reply, elapsedMs, calls } = await ask({ AGENT_DEADLINE_MS: '3000' });

    // Assess
    expect(reply.error.category).toBe('agent_timeout');
    expect(calls).toBe(2);
    expect(elapsedMs).toBeLessThan(3_250);
  });
});
