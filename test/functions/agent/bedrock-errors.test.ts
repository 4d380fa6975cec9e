import { METRICS } from '../../../lib/catalog/metrics';
import { loadAgentConfig } from '../../../functions/agent/config';
import { bedrockRuntimeClient } from '../../../functions/shared/llm/bedrock-client';
import { bedrockConverser } from '../../../functions/shared/llm/bedrock-converse';
import type { BedrockExceptionName, ConverseReply } from '../../../local/llm/simulated-bedrock-server';
import { withProductionLikeErrors } from '../../support/bedrock-wire';
import { datapoints, type EmfDocument } from '../../support/emf';
import { lambdaContext } from '../../support/lambda-context';
import { agentEnv, BEDROCK_AGENT_MODEL, buildAgent, startAgentStandIns, type BedrockAgentStandIns } from '../../support/agent-harness';

const SERVICE = { service: 'agent' };
const THROTTLED: ConverseReply = { kind: 'error', name: 'ThrottlingException' };

/** Every way a Converse call fails, through the real SDK, as the category an operator sees. */
describe('agent on Bedrock: provider failures as error categories', () => {
  let standIns: BedrockAgentStandIns;

  beforeAll(async () => {
    standIns = await startAgentStandIns({ provider: 'bedrock' });
  });

  afterAll(async () => {
    await standIns.stop();
  });

  async function ask(env: Record<string, string> = {}, agent = buildAgent(standIns, env)) {
    const before = standIns.bedrock.requests.length;
    const started = performance.now();
    const reply: any = await agent.handler({ question: 'hi' }, lambdaContext());
    return { reply, elapsedMs: performance.now() - started, attempts: standIns.bedrock.requests.length - before, docs: agent.emf.documents() };
  }

  /** One request counted, failed under `category`. */
  function expectCountedOnce(docs: EmfDocument[], category: string): void {
    expect(datapoints(docs, METRICS.requests.name, SERVICE)).toEqual([1]);
    expect(datapoints(docs, METRICS.errors.name, { ...SERVICE, error_category: category })).toEqual([1]);
  }

  it.each<[BedrockExceptionName, string]>([
    ['ThrottlingException', 'rate_limit'],
    ['ServiceQuotaExceededException', 'rate_limit'],
    ['ModelTimeoutException', 'timeout'],
    ['ServiceUnavailableException', 'service_unavailable'],
    ['ModelNotReadyException', 'service_unavailable'],
    ['InternalServerException', 'provider_error'],
    ['ModelErrorException', 'provider_error'],
    ['AccessDeniedException', 'auth_error'],
    ['UnrecognizedClientException', 'auth_error'],
    ['ExpiredTokenException', 'auth_error'],
    ['ValidationException', 'bad_request'],
    ['ResourceNotFoundException', 'api_error_404'],
  ])('turns %s into %s, naming Bedrock and the model, counted once', async (name, category) => {
    // Prepare
    standIns.bedrock.enqueue({ kind: 'error', name });

    // Act
    const { reply, attempts, docs } = await ask();

    // Assess
    expect(reply.error.category).toBe(category);
    expect(reply.error.message).toContain('Bedrock');
    expect(reply.error.message).toContain(BEDROCK_AGENT_MODEL);
    expect(reply.error.message).toContain(`(${name})`);
    expect(attempts).toBe(1);
    expectCountedOnce(docs, category);
  });

  it('ends a call Bedrock never answers as timeout within LLM_TIMEOUT_MS', async () => {
    // Prepare
    standIns.bedrock.enqueue({ kind: 'hang' });

    // Act
    const { reply, elapsedMs, attempts, docs } = await ask({ LLM_TIMEOUT_MS: '300' });

    // Assess
    expect(reply.error.category).toBe('timeout');
    expect(reply.error.message).toContain(BEDROCK_AGENT_MODEL);
    expect(elapsedMs).toBeGreaterThanOrEqual(290);
    expect(elapsedMs).toBeLessThan(1_300);
    expect(attempts).toBe(1);
    expectCountedOnce(docs, 'timeout');
  });

  it('turns a reset connection into network_error', async () => {
    // Prepare
    standIns.bedrock.enqueue({ kind: 'reset' });

    // Act
    const { reply, attempts, docs } = await ask();

    // Assess
    expect(reply.error.category).toBe('network_error');
    expect(reply.error.message).toMatch(/Bedrock/);
    expect(reply.error.message).toContain(BEDROCK_AGENT_MODEL);
    expect(attempts).toBe(1);
    expectCountedOnce(docs, 'network_error');
  });

  it('turns a 200 reply whose body is not JSON into validation_error, counted once', async () => {
    // Prepare
    standIns.bedrock.enqueue({ kind: 'malformed' });

    // Act
    const { reply, attempts, docs } = await ask();

    // Assess
    expect(reply.error).toEqual({ category: 'validation_error', message: expect.stringMatching(/Bedrock reply .*amazon\.nova-lite-v1:0.* could not be parsed as JSON/) });
    expect(attempts).toBe(1);
    expectCountedOnce(docs, 'validation_error');
  });

  it.each([
    ['HTTP/2', 'http2' as const, 'h2'],
    ['HTTP/1.1', 'http1.1' as const, 'http/1.1'],
  ])('over %s, times out a hang and reports a reset as network_error', async (_name, http, protocol) => {
    // Prepare: Node's socket errors copied into Jest's realm, where they are otherwise not `instanceof Error` (as they are in Lambda).
    const config = loadAgentConfig(agentEnv(standIns, { LLM_TIMEOUT_MS: '300' }));
    const converse = bedrockConverser(config, withProductionLikeErrors(bedrockRuntimeClient({ ...config, http })));
    const agent = buildAgent(standIns, { LLM_TIMEOUT_MS: '300' }, undefined, { converse: async () => converse });
    const before = standIns.bedrock.requests.length;
    standIns.bedrock.enqueue({ kind: 'hang' }, { kind: 'reset' });

    // Act
    const hung = await ask({}, agent);
    const reset = await ask({}, agent);

    // Assess
    expect([hung.reply.error.category, reset.reply.error.category]).toEqual(['timeout', 'network_error']);
    expect(hung.elapsedMs).toBeLessThan(1_300);
    expect(standIns.bedrock.requests.slice(before).map((request) => request.protocol)).toEqual([protocol, protocol]);
  });

  it('answers a throttled-then-answered call with LLM_MAX_RETRIES=1, in two attempts', async () => {
    // Prepare
    standIns.bedrock.enqueue(THROTTLED, { kind: 'message', text: 'after a retry' });

    // Act
    const { reply, attempts, docs } = await ask({ LLM_MAX_RETRIES: '1' });

    // Assess
    expect(reply.answer).toBe('after a retry');
    expect(attempts).toBe(2);
    expect(datapoints(docs, METRICS.requests.name, SERVICE)).toEqual([1]);
    expect(datapoints(docs, METRICS.errors.name, { ...SERVICE, error_category: 'rate_limit' })).toEqual([]);
  });

  it('fails the same call as rate_limit with LLM_MAX_RETRIES=0, in one attempt', async () => {
    // Prepare
    standIns.bedrock.enqueue(THROTTLED);

    // Act
    const { reply, attempts, docs } = await ask({ LLM_MAX_RETRIES: '0' });

    // Assess
    expect(reply.error.category).toBe('rate_limit');
    expect(attempts).toBe(1);
    expectCountedOnce(docs, 'rate_limit');
  });

  it('makes LLM_MAX_RETRIES + 1 attempts in all against a provider that keeps throttling', async () => {
    // Prepare
    standIns.bedrock.enqueue(THROTTLED, THROTTLED, THROTTLED);

    // Act
    const { reply, attempts, docs } = await ask({ LLM_MAX_RETRIES: '2' });

    // Assess
    expect(reply.error.category).toBe('rate_limit');
    expect(attempts).toBe(3);
    expectCountedOnce(docs, 'rate_limit');
  });

  it('ends as agent_timeout when AGENT_DEADLINE_MS is shorter than the hang and LLM_TIMEOUT_MS', async () => {
    // Prepare
    standIns.bedrock.enqueue({ kind: 'hang' });

    // Act
    const { reply, elapsedMs, attempts, docs } = await ask({ AGENT_DEADLINE_MS: '400', LLM_TIMEOUT_MS: '5000', LLM_MAX_RETRIES: '2' });

    // Assess
    expect(reply.error).toEqual({ category: 'agent_timeout', message: expect.stringContaining('AGENT_DEADLINE_MS') });
    expect(elapsedMs).toBeLessThan(1_400);
    expect(attempts).toBe(1);
    expectCountedOnce(docs, 'agent_timeout');
  });
});
