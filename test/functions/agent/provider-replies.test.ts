import { METRICS } from '../../../lib/catalog/metrics';
import { MAX_ANSWER_BYTES } from '../../../functions/agent/answer-cap';
import { startSimulatedOpenAI, type SimulatedOpenAIServer } from '../../../local/llm/simulated-openai-server';
import { datapoints } from '../../support/emf';
import { lambdaContext } from '../../support/lambda-context';
import { buildAgent, startAgentStandIns, type AgentStandIns } from '../../support/agent-harness';

const SERVICE = { service: 'agent' };
/** Lambda refuses a response payload larger than this. */
const LAMBDA_RESPONSE_LIMIT_BYTES = 6 * 1024 * 1024;

/** A 200 chat completion whose message content is `content`, whatever its type. */
function completionWith(content: unknown) {
  return {
    kind: 'status' as const,
    status: 200,
    body: {
      id: 'chatcmpl-odd',
      object: 'chat.completion',
      created: 0,
      model: 'gpt-4o-mini',
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 },
    },
  };
}

/** Provider replies no agent should serve as they are, through the real OpenAI SDK. */
describe('provider replies that cannot be served as sent', () => {
  let standIns: AgentStandIns;
  let elsewhere: SimulatedOpenAIServer;

  beforeAll(async () => {
    // Another port is another origin.
    [standIns, elsewhere] = await Promise.all([startAgentStandIns(), startSimulatedOpenAI()]);
  });

  afterAll(async () => {
    await Promise.all([standIns.stop(), elsewhere.close()]);
  });

  it('refuses a compressed reply that expands past the bound, without filling memory', async () => {
    // Prepare: 600 MB once decoded.
    const agent = buildAgent(standIns);
    standIns.llm.enqueue({ kind: 'gzip-bomb', decodedBytes: 600 * 1024 * 1024 });
    const peakBeforeKb = process.resourceUsage().maxRSS;
    const started = performance.now();

    // Act
    const reply: any = await agent.handler({ question: 'hi' }, lambdaContext());

    // Assess
    const elapsedMs = performance.now() - started;
    const growthMb = (process.resourceUsage().maxRSS - peakBeforeKb) / 1024;
    expect(reply.error.category).toBe('validation_error');
    expect(reply.error.message).toMatch(/passed \d+ bytes once decoded/);
    expect(growthMb).toBeLessThan(256);
    console.info(`gzip bomb (600 MB decoded): validation_error after ${Math.round(elapsedMs)} ms, peak memory +${Math.round(growthMb)} MB`);
  });

  it.each([
    ['a number', 42, /content is a number, not text/],
    ['an object', { text: 'hi' }, /content is an object, not text/],
    ['an array', [{ type: 'text', text: 'hi' }], /content is an array, not text/],
  ])('refuses a message content that is %s as validation_error', async (_name, content, message) => {
    // Prepare
    const agent = buildAgent(standIns);
    standIns.llm.enqueue(completionWith(content));

    // Act
    const reply: any = await agent.handler({ question: 'hi' }, lambdaContext());

    // Assess
    expect(reply.error).toEqual({ category: 'validation_error', message: expect.stringMatching(message) });
  });

  it('cuts a 20 MB answer to fit the Lambda response limit, says so, and counts it', async () => {
    // Prepare
    const agent = buildAgent(standIns);
    const huge = 'x'.repeat(20 * 1024 * 1024);
    standIns.llm.enqueue({ kind: 'completion', content: huge }, { kind: 'completion', content: huge });
    const httpEvent = { requestContext: { http: { method: 'POST' } }, body: JSON.stringify({ question: 'hi' }) };

    // Act
    const direct: any = await agent.handler({ question: 'hi' }, lambdaContext());
    const http: any = await agent.handler(httpEvent, lambdaContext());

    // Assess
    expect(direct.answer.startsWith('xxxx')).toBe(true);
    expect(direct.answer).toMatch(/\[answer cut at \d+ bytes of 20971522: too long to return\]$/);
    expect(Buffer.byteLength(JSON.stringify(direct.answer))).toBeLessThanOrEqual(MAX_ANSWER_BYTES);
    expect(Buffer.byteLength(JSON.stringify(direct))).toBeLessThan(LAMBDA_RESPONSE_LIMIT_BYTES);
    expect(http.statusCode).toBe(200);
    expect(Buffer.byteLength(JSON.stringify(http))).toBeLessThan(LAMBDA_RESPONSE_LIMIT_BYTES);
    expect(datapoints(agent.emf.documents(), METRICS.answerTruncated.name, SERVICE)).toEqual([1, 1]);
  });

  it('never follows a redirect to another origin, so the prompt is not re-sent there', async () => {
    // Prepare
    const agent = buildAgent(standIns, { LLM_MAX_RETRIES: '2' });
    const before = standIns.llm.requests.length;
    standIns.llm.enqueue({ kind: 'redirect', location: `${elsewhere.baseUrl}/chat/completions` });

    // Act
    const reply: any = await agent.handler({ question: 'my secret question' }, lambdaContext());

    // Assess
    expect(reply.error.category).toBe('api_error_307');
    expect(reply.error.message).toMatch(/redirect .* never followed/);
    expect(elsewhere.requests).toHaveLength(0);
    expect(standIns.llm.requests.length - before).toBe(1);
  });

  it('follows a redirect within the configured origin', async () => {
    // Prepare
    const agent = buildAgent(standIns);
    const before = standIns.llm.requests.length;
    standIns.llm.enqueue({ kind: 'redirect', location: '/v1/chat/completions?moved=1' }, { kind: 'completion', content: 'here' });

    // Act
    const reply: any = await agent.handler({ question: 'hi' }, lambdaContext());

    // Assess
    expect(reply.answer).toBe('here');
    expect(standIns.llm.requests.length - before).toBe(2);
    expect(standIns.llm.requests.at(-1)!.body.messages.at(-1)).toMatchObject({ role: 'user', content: 'hi' });
  });
});
