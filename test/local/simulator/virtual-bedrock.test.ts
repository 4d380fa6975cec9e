import type { Context } from 'aws-lambda';
import { loadAgentConfig } from '../../../functions/agent/config';
import { createAgentHandler } from '../../../functions/agent/create-handler';
import { agentOptionsFromConfig } from '../../../functions/agent/dependencies';
import type { AgentSuccess } from '../../../functions/agent/agent-service';
import type { AgentFailure } from '../../../functions/agent/reply';
import { readQuality } from '../../../local/simulator/answer-quality';
import { BEDROCK_SIMULATED_ERRORS } from '../../../local/simulator/bedrock-provider-errors';
import { SIMULATED_ERROR_CATEGORIES } from '../../../local/simulator/provider-errors';
import type { Scenario } from '../../../local/simulator/scenario';
import { silentLogger } from '../../../local/simulator/simulation-world';
import { RequestPlan, TrafficModel } from '../../../local/simulator/traffic';
import { VirtualBedrock } from '../../../local/simulator/virtual-bedrock';
import { VirtualClock } from '../../../local/simulator/virtual-clock';
import { VirtualProvider } from '../../../local/simulator/virtual-provider';

/** Near the real time: Powertools Metrics refuses EMF timestamps older than 14 days. */
const START = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;
const QUESTION = { question: 'What is (12 + 0) * 7 - 3?' };
const NOVA_LITE = 'amazon.nova-lite-v1:0';

/** The real agent handler on Bedrock (AGENT_PROVIDER=bedrock) on a virtual clock, answered by the virtual Bedrock model playing `plan`. */
function bedrockAgent(model = NOVA_LITE) {
  const clock = new VirtualClock(START);
  const plan = new RequestPlan();
  const config = loadAgentConfig({ AGENT_PROVIDER: 'bedrock', AGENT_MODEL: model });
  const bedrock = new VirtualBedrock(clock, plan, config);
  const emf: string[] = [];
  const handler = createAgentHandler(agentOptionsFromConfig(config, { clock: clock.now, sink: (line) => emf.push(line), logger: silentLogger, converse: async () => bedrock.converse }));
  return { clock, plan, config, emf, invoke: invoker(clock, plan, handler) };
}

/** The same on OpenAI, to compare the two faces of one plan. */
function openAIAgent() {
  const clock = new VirtualClock(START);
  const plan = new RequestPlan();
  const config = loadAgentConfig({ OPENAI_API_KEY: 'sk-simulated-no-network' });
  const provider = new VirtualProvider(clock, plan, config);
  const handler = createAgentHandler(agentOptionsFromConfig(config, { clock: clock.now, logger: silentLogger, sink: () => undefined, chat: async () => provider.complete }));
  return { clock, plan, invoke: invoker(clock, plan, handler) };
}

function invoker(clock: VirtualClock, plan: RequestPlan, handler: ReturnType<typeof createAgentHandler>) {
  let requests = 0;
  return (event: unknown = QUESTION) => {
    clock.set(plan.startMs);
    return handler(event, { awsRequestId: `request-${++requests}` } as Context);
  };
}

function planRequest(plan: RequestPlan, changes: Partial<RequestPlan>): void {
  Object.assign(plan, { index: 1, startMs: START, latencyMs: 1500, promptTokens: 900, completionTokens: 150, toolCalls: 0, error: undefined, quality: 0.9, model: NOVA_LITE, provider: 'bedrock' }, changes);
  plan.operands = [12, 7, 3];
}

describe('VirtualBedrock through the real agent handler on Bedrock', () => {
  it('answers after the planned tool calls; the wrapper measures the planned latency and tokens, priced as the model called', async () => {
    // Prepare
    const agent = bedrockAgent();
    planRequest(agent.plan, { toolCalls: 2, latencyMs: 2400, promptTokens: 1_000_000, completionTokens: 100_001, quality: 0.75 });

    // Act
    const reply = (await agent.invoke()) as AgentSuccess;

    // Assess: Nova Lite is 0.06 / 0.24 USD per 1M input / output tokens
    expect(reply.toolCalls).toEqual(['calculator', 'calculator']);
    expect(reply.answer).toContain('The calculator says 88.'); // (12 + 1) * 7 - 3, the second call's expression
    expect(readQuality(reply.answer)).toBe(0.75);
    expect(reply.latencyMs).toBe(2400);
    expect(reply.model).toBe(NOVA_LITE);
    expect(reply.usage).toEqual({ promptTokens: 1_000_000, completionTokens: 100_001, totalTokens: 1_100_001 });
    expect(reply.costUsd).toBeCloseTo(0.06 + 0.24 * 0.100001, 9);
    const emf = JSON.parse(agent.emf[agent.emf.length - 1]);
    expect(emf['agent.request.duration_seconds']).toBe(2.4);
    expect(emf['agent.tools.calls']).toBe(2);
  });

  it('plays a plan exactly as the OpenAI face does: the same answer, latency, tokens and tool calls', async () => {
    // Prepare
    const [bedrock, openAI] = [bedrockAgent(), openAIAgent()];
    const plan = { toolCalls: 3, latencyMs: 3100, promptTokens: 1234, completionTokens: 321, quality: 0.66 };
    planRequest(bedrock.plan, plan);
    planRequest(openAI.plan, { ...plan, model: 'gpt-4o-mini', provider: 'openai' });

    // Act
    const [onBedrock, onOpenAI] = [(await bedrock.invoke()) as AgentSuccess, (await openAI.invoke()) as AgentSuccess];

    // Assess
    expect(onBedrock.answer).toBe(onOpenAI.answer);
    expect(onBedrock.toolCalls).toEqual(onOpenAI.toolCalls);
    expect(onBedrock.latencyMs).toBe(onOpenAI.latencyMs);
    expect(onBedrock.usage).toEqual(onOpenAI.usage);
    expect(bedrock.clock.now()).toBe(openAI.clock.now());
  });

  // agent_timeout comes from the TrafficModel's latencies, not from the provider: tested below.
  const categories = Object.keys(SIMULATED_ERROR_CATEGORIES)
    .flatMap((category) => (category.includes('<status>') ? ['404', '409', '451'].map((status) => category.replace('<status>', status)) : [category]))
    .filter((category) => category !== 'agent_timeout');

  it.each(categories)('ends a request planned as %s in that category, decided by the production Bedrock classifier', async (category) => {
    // Prepare
    const agent = bedrockAgent();
    planRequest(agent.plan, { error: category, toolCalls: 1 });
    const event = category === 'invalid_input' ? { question: '' } : QUESTION;

    // Act
    const reply = (await agent.invoke(event)) as AgentFailure;

    // Assess
    expect(reply.error?.category).toBe(category);
    // invalid_input never reaches the model; an unknown_error's details are logged, not replied
    if (category !== 'invalid_input' && category !== 'unknown_error') expect(reply.error.message).toMatch(/Bedrock/);
    const emf = JSON.parse(agent.emf[agent.emf.length - 1]);
    expect(emf.error_category).toBe(category);
  });

  it.each([
    ['rate_limit', 'ThrottlingException'],
    ['service_unavailable', 'ServiceUnavailableException'],
    ['provider_error', 'InternalServerException'],
    ['bad_request', 'ValidationException'],
    ['auth_error', 'AccessDeniedException'],
    ['api_error_404', 'ResourceNotFoundException'],
  ])('raises %s as the SDK’s %s, named in the reply’s message with the model', async (category, exception) => {
    // Prepare
    const agent = bedrockAgent();
    planRequest(agent.plan, { error: category });

    // Act
    const reply = (await agent.invoke()) as AgentFailure;

    // Assess
    expect(reply.error.message).toContain(`(${exception})`);
    expect(reply.error.message).toContain('to amazon.nova-lite-v1:0');
  });

  it('documents a Bedrock cause for every simulated category', () => {
    expect(Object.keys(BEDROCK_SIMULATED_ERRORS).sort()).toEqual(Object.keys(SIMULATED_ERROR_CATEGORIES).sort());
  });

  it('fails a call longer than LLM_TIMEOUT_MS with the request timeout, after LLM_TIMEOUT_MS', async () => {
    // Prepare
    const agent = bedrockAgent();
    planRequest(agent.plan, { latencyMs: agent.config.llmTimeoutMs + 5000 });

    // Act
    const reply = (await agent.invoke()) as AgentFailure;

    // Assess
    expect(reply.error.category).toBe('timeout');
    expect(reply.error.message).toContain('amazon.nova-lite-v1:0 timed out (ETIMEDOUT)');
    expect(agent.clock.now() - START).toBe(agent.config.llmTimeoutMs);
  });

  it('makes the TrafficModel’s agent_timeout requests pass the deadline through slow tool-loop steps', async () => {
    // Prepare
    const agent = bedrockAgent();
    const scenario: Scenario = {
      name: 'slow',
      durationMinutes: 1,
      requestsPerMinute: 1,
      seed: 3,
      traffic: { provider: 'bedrock', model: NOVA_LITE, latencyMs: { median: 1000, p95: 2000 }, promptTokens: 500, completionTokens: 100, toolCallsPerRequest: 0, quality: 0.9 },
      phases: [{ fromMinute: 0, toMinute: 1, errors: { agent_timeout: 1 } }],
    };
    const { maxToolIterations, deadlineMs, llmTimeoutMs } = agent.config;
    const traffic = new TrafficModel(scenario, { maxToolCalls: maxToolIterations - 1, deadlineMs, llmTimeoutMs });
    traffic.draw(agent.plan, traffic.segmentAt(0), START, 0, 1);

    // Act
    const reply = (await agent.invoke()) as AgentFailure;

    // Assess
    expect(agent.plan.provider).toBe('bedrock');
    expect(reply.error.category).toBe('agent_timeout');
    expect(agent.clock.now() - agent.plan.startMs).toBe(deadlineMs);
  });
});
