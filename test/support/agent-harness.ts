import { loadAgentConfig } from '../../functions/agent/config';
import { createAgentHandler, type AgentHandler } from '../../functions/agent/create-handler';
import { agentOptionsFromConfig } from '../../functions/agent/dependencies';
import type { MonitoringLogger } from '../../functions/shared/monitoring/with-monitoring';
import { startSimulatedOpenAI, type SimulatedOpenAIServer } from '../../local/llm/simulated-openai-server';
import { startDynalite, type LocalDynamo } from './dynalite';
import { memorySink } from './emf';

export const BUDGET_TABLE_NAME = 'agent-budget';
export const SAMPLES_TABLE_NAME = 'agent-samples';

/** The local stand-ins an agent test needs: dynalite with the tables, and the simulated model. */
export interface AgentStandIns {
  readonly dynamo: LocalDynamo;
  readonly llm: SimulatedOpenAIServer;
  stop(): Promise<void>;
}

export async function startAgentStandIns(): Promise<AgentStandIns> {
  const [dynamo, llm] = await Promise.all([startDynalite(), startSimulatedOpenAI()]);
  await dynamo.createTables({ budget: BUDGET_TABLE_NAME, samples: SAMPLES_TABLE_NAME });
  return {
    dynamo,
    llm,
    stop: async () => {
      await Promise.all([dynamo.stop(), llm.close()]);
    },
  };
}

/**
 * What an agent is built against: the simulated model, and the stand-ins' DynamoDB client;
 * without `dynamo` the agent builds its own client as in Lambda (AWS_ENDPOINT_URL_DYNAMODB).
 */
export type AgentTarget = Pick<AgentStandIns, 'llm'> & { readonly dynamo?: Pick<LocalDynamo, 'doc'> };

/** The environment the deployed agent gets, pointed at the stand-ins. */
export function agentEnv(standIns: AgentTarget, overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    OPENAI_API_KEY: 'sk-test-key',
    OPENAI_BASE_URL: standIns.llm.baseUrl,
    LLM_MAX_RETRIES: '0',
    LLM_TIMEOUT_MS: '5000',
    BUDGET_TABLE_NAME,
    SAMPLES_TABLE_NAME,
    DAILY_BUDGET_USD: '100',
    SAMPLE_RATE: '0.05',
    ...overrides,
  };
}

export interface TestAgent {
  readonly handler: AgentHandler;
  readonly emf: ReturnType<typeof memorySink>;
  readonly logs: unknown[][];
}

/** The agent handler built exactly as handler.ts builds it, with EMF and logs kept in memory. */
export function buildAgent(standIns: AgentTarget, env: Record<string, string | undefined> = {}, clock?: () => number): TestAgent {
  const emf = memorySink();
  const logs: unknown[][] = [];
  const logger: MonitoringLogger = {
    info: (...args) => logs.push(['info', ...args]),
    warn: (...args) => logs.push(['warn', ...args]),
    error: (...args) => logs.push(['error', ...args]),
  };
  const config = loadAgentConfig(agentEnv(standIns, env));
  const handler = createAgentHandler(agentOptionsFromConfig(config, { doc: standIns.dynamo?.doc, sink: emf.sink, logger, clock }));
  return { handler, emf, logs };
}
