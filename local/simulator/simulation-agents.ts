import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { loadAgentConfig, type AgentConfig } from '../../functions/agent/config';
import { createAgentHandler, type AgentHandler } from '../../functions/agent/create-handler';
import { agentOptionsFromConfig, type AgentOverrides } from '../../functions/agent/dependencies';
import type { Env } from '../../functions/shared/config';
import { DEFAULT_MODELS } from '../../functions/shared/llm/provider-settings';
import type { EmfSink } from '../../functions/shared/monitoring/emf-writer';
import type { MonitoringLogger } from '../../functions/shared/monitoring/with-monitoring';
import type { Scenario } from './scenario';
import { trafficProvider } from './scenario-provider';
import { trafficSegments, type RequestPlan } from './traffic';
import type { VirtualClock } from './virtual-clock';
import { VirtualBedrock } from './virtual-bedrock';
import { VirtualProvider } from './virtual-provider';

/** What every agent of a run shares: the virtual clock, the plan being played, where EMF goes, the store. */
export interface SimulatedAgentDeps {
  readonly clock: VirtualClock;
  readonly plan: RequestPlan;
  readonly sink: EmfSink;
  readonly logger: MonitoringLogger;
  readonly doc: DynamoDBDocumentClient;
  /** The agent's environment without AGENT_PROVIDER and AGENT_MODEL. */
  readonly env: Env;
}

/** The agents of a run behind one handler that sends each request to its plan's. */
export interface SimulatedAgents {
  /** Runs the current plan's request through the agent of its provider (and, on Bedrock, its model). */
  readonly agent: AgentHandler;
  /** The configuration of the traffic profile's agent (deadline, timeouts and tool bound are the same for every agent). */
  readonly config: AgentConfig;
}

/**
 * Builds, before the run and exactly as handler.ts builds it, one agent handler per provider
 * the scenario's spans call: on OpenAI one for every model (VirtualProvider's replies name the
 * model that answered, as an OpenAI-compatible endpoint's do), on Bedrock one per model id
 * (Converse replies name no model: the agent prices the AGENT_MODEL it called, so a model
 * switch is a redeploy). Every handler shares the clock, the EMF sink and the DynamoDB client.
 *
 * @example
 * const { agent, config } = buildSimulatedAgents(scenario, { clock, plan, sink, logger, doc, env });
 * await agent(event, context); // through plan.provider's agent
 */
export function buildSimulatedAgents(scenario: Scenario, deps: SimulatedAgentDeps): SimulatedAgents {
  const segments = trafficSegments(scenario);
  const provider = trafficProvider(scenario.traffic);
  const config = loadAgentConfig({ ...deps.env, AGENT_PROVIDER: provider, AGENT_MODEL: scenario.traffic.model });
  const build = (agentConfig: AgentConfig, model: Pick<AgentOverrides, 'chat' | 'converse'>) =>
    createAgentHandler(agentOptionsFromConfig(agentConfig, { clock: deps.clock.now, sink: deps.sink, logger: deps.logger, doc: deps.doc, ...model }));
  let openAI: AgentHandler | undefined;
  if (segments.some((segment) => segment.provider === 'openai')) {
    const openAIConfig = provider === 'openai' ? config : loadAgentConfig({ ...deps.env, AGENT_MODEL: DEFAULT_MODELS.openai });
    const chat = Promise.resolve(new VirtualProvider(deps.clock, deps.plan, openAIConfig).complete);
    openAI = build(openAIConfig, { chat: () => chat });
  }
  const bedrock = new Map<string, AgentHandler>();
  const converse = Promise.resolve(new VirtualBedrock(deps.clock, deps.plan, config).converse);
  for (const segment of segments) {
    if (segment.provider !== 'bedrock' || bedrock.has(segment.model)) continue;
    const bedrockConfig = loadAgentConfig({ ...deps.env, AGENT_PROVIDER: 'bedrock', AGENT_MODEL: segment.model });
    bedrock.set(segment.model, build(bedrockConfig, { converse: () => converse }));
  }
  const { plan } = deps;
  const agent: AgentHandler = (event, context) => {
    const handler = plan.provider === 'bedrock' ? bedrock.get(plan.model) : openAI;
    if (!handler) throw new Error(`no simulated agent for ${plan.provider} model ${plan.model}`);
    return handler(event, context);
  };
  return { agent, config };
}
