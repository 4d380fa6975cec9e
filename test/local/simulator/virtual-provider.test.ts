import type { Context } from 'aws-lambda';
import { loadAgentConfig } from '../../../functions/agent/config';
import { createAgentHandler } from '../../../functions/agent/create-handler';
import { agentOptionsFromConfig } from '../../../functions/agent/dependencies';
import type { AgentSuccess } from '../../../functions/agent/agent-service';
import type { AgentFailure } from '../../../functions/agent/reply';
import { readQuality } from '../../../local/simulator/answer-quality';
import { SIMULATED_ERROR_CATEGORIES } from '../../../local/simulator/provider-errors';
import type { Scenario } from '../../../local/simulator/scenario';
import { silentLogger } from '../../../local/simulator/simulation-world';
import { RequestPlan, TrafficModel } from '../../../local/simulator/traffic';
import { VirtualClock } from '../../../local/simulator/virtual-clock';
import { VirtualProvider } from '../../../local/simulator/virtual-provider';

/** Near the real time: Powertools Metrics refuses EMF timestamps older than 14 days. */
const START = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;
const QUESTION = { question: 'What is (12 + 0) * 7 - 3?' };

/** The real agent handler on a virtual clock, answered by the virtual provider playing `plan`. */
function agentOnVirtualTime() {
  const clock = new VirtualClock(START);
  const plan = new RequestPlan();
  const config = loadAgentConfig({ OPENAI_API_KEY: 'sk-simulated-no-network' });
  const provider = new VirtualProvider(clock, plan, config);
  const emf: string[] = [];
  const handler = createAgentHandler(
    agentOptionsFromConfig(config, { clock: clock.now, sink: (line) => emf.push(line), logger: silentLogger, chat: async () => provider.complete }),
  );
  let requests = 0;
  const invoke = (event: unknown = QUESTION) => {
    clock.set(plan.startMs);
    return handler(event, { awsRequestId: `request-${++requests}` } as Context);
  };
  return { clock, plan, config, emf, invoke };
}

function planRequest(plan: RequestPlan, changes: Partial<RequestPlan>): void {
  Object.assign(plan, { index: 1, startMs: START, latencyMs: 1500, promptTokens: 900, completionTokens: 150, toolCalls: 0, error: undefined, quality: 0.9, model: 'gpt-4o-mini' }, changes);
  plan.operands = [12, 7, 3];
}

describe('VirtualProvider through the real agent handler', () => {
  it('answers after the planned tool calls; the wrapper measures the planned latency and tokens', async () => {
    // Prepare
    const agent = agentOnVirtualTime();
    planRequest(agent.plan, { toolCalls: 2, latencyMs: 2400, promptTokens: 1000, completionTokens: 301, quality: 0.75 });

    // Act
    const reply = (await agent.invoke()) as AgentSuccess;

    // Assess
    expect(reply.toolCalls).toEqual(['calculator', 'calculator']);
    expect(reply.answer).toContain('The calculator says 88.'); // (12 + 1) * 7 - 3, the second call's expression
    expect(readQuality(reply.answer)).toBe(0.75);
    expect(reply.latencyMs).toBe(2400);
    expect(reply.usage).toEqual({ promptTokens: 1000, completionTokens: 301, totalTokens: 1301 });
    const emf = JSON.parse(agent.emf[agent.emf.length - 1]);
    expect(emf['agent.request.duration_seconds']).toBe(2.4);
    expect(emf['agent.tools.calls']).toBe(2);
    expect(emf.tool).toBe('calculator');
  });

  it('prices the model the phase answers with, not the one the agent asked for', async () => {
    // Prepare
    const agent = agentOnVirtualTime();
    planRequest(agent.plan, { model: 'gpt-4o', promptTokens: 1_000_000, completionTokens: 100_000 });

    // Act
    const reply = (await agent.invoke()) as AgentSuccess;

    // Assess
    expect(reply.model).toBe('gpt-4o');
    expect(reply.costUsd).toBeCloseTo(2.5 + 1.0, 6);
  });

  // agent_timeout comes from the TrafficModel's latencies, not from the provider: tested below.
  const categories = Object.keys(SIMULATED_ERROR_CATEGORIES)
    .map((category) => category.replace('<status>', '404'))
    .filter((category) => category !== 'agent_timeout');

  it.each(categories)('ends a request planned as %s in that category, decided by the real classifier', async (category) => {
    // Prepare
    const agent = agentOnVirtualTime();
    planRequest(agent.plan, { error: category, toolCalls: 1 });
    const event = category === 'invalid_input' ? { question: '' } : QUESTION;

    // Act
    const reply = (await agent.invoke(event)) as AgentFailure;

    // Assess
    expect(reply.error?.category).toBe(category);
    const emf = JSON.parse(agent.emf[agent.emf.length - 1]);
    expect(emf.error_category).toBe(category);
  });

  it('fails a call longer than LLM_TIMEOUT_MS with the SDK timeout, after LLM_TIMEOUT_MS', async () => {
    // Prepare
    const agent = agentOnVirtualTime();
    planRequest(agent.plan, { latencyMs: agent.config.llmTimeoutMs + 5000 });

    // Act
    const reply = (await agent.invoke()) as AgentFailure;

    // Assess
    expect(reply.error.category).toBe('timeout');
    expect(agent.clock.now() - START).toBe(agent.config.llmTimeoutMs);
  });

  it('makes the TrafficModel’s agent_timeout requests pass the deadline through slow tool-loop steps', async () => {
    // Prepare
    const agent = agentOnVirtualTime();
    const scenario: Scenario = {
      name: 'slow',
      durationMinutes: 1,
      requestsPerMinute: 1,
      seed: 3,
      traffic: { model: 'gpt-4o-mini', latencyMs: { median: 1000, p95: 2000 }, promptTokens: 500, completionTokens: 100, toolCallsPerRequest: 0, quality: 0.9 },
      phases: [{ fromMinute: 0, toMinute: 1, errors: { agent_timeout: 1 } }],
    };
    const { maxToolIterations, deadlineMs, llmTimeoutMs } = agent.config;
    const traffic = new TrafficModel(scenario, { maxToolCalls: maxToolIterations - 1, deadlineMs, llmTimeoutMs });
    traffic.draw(agent.plan, traffic.segmentAt(0), START, 0, 1);

    // Act
    const reply = (await agent.invoke()) as AgentFailure;

    // Assess
    expect(agent.plan.latencyMs / (agent.plan.toolCalls + 1)).toBeLessThan(llmTimeoutMs);
    expect(reply.error.category).toBe('agent_timeout');
    expect(agent.clock.now() - agent.plan.startMs).toBe(deadlineMs);
  });
});
