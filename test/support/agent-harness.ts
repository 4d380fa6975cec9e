import { loadAgentConfig } from '../../functions/agent/config';
import { createAgentHandler, type AgentHandler } from '../../functions/agent/create-handler';
import { agentOptionsFromConfig, type AgentOverrides } from '../../functions/agent/dependencies';
import type { MonitoringLogger } from '../../functions/shared/monitoring/with-monitoring';
import { startSimulatedBedrock, type SimulatedBedrockServer } from '../../local/llm/simulated-bedrock-server';
import { startSimulatedOpenAI, type SimulatedOpenAIServer } from '../../local/llm/simulated-openai-server';
import { startDynalite, LOCAL_AWS, type LocalDynamo } from './dynalite';
import { memorySink } from './emf';

export const BUDGET_TABLE_NAME = 'agent-budget';
export const SAMPLES_TABLE_NAME = 'agent-samples';
/** The Bedrock model an agent on Bedrock calls unless a test says otherwise (AGENT_MODEL). */
export const BEDROCK_AGENT_MODEL = 'amazon.nova-lite-v1:0';

/** The local stand-ins an agent test needs: dynalite with the tables, and the simulated model. */
export interface AgentStandIns {
  readonly dynamo: LocalDynamo;
  readonly llm: SimulatedOpenAIServer;
  stop(): Promise<void>;
}

/** The stand-ins of an agent on Bedrock: dynalite with the tables, and the Converse stand-in. */
export interface BedrockAgentStandIns {
  readonly dynamo: LocalDynamo;
  readonly bedrock: SimulatedBedrockServer;
  stop(): Promise<void>;
}

/**
 * Starts dynalite (with the tables) and the simulated model: the OpenAI-compatible server by
 * default, the Converse stand-in with `provider: 'bedrock'`. On Bedrock the process gets what
 * Lambda gives a function (AWS_REGION, credentials, dummy here) and
 * AWS_ENDPOINT_URL_BEDROCK_RUNTIME pointing at the stand-in, the only way the SDK is sent
 * there; stop() restores the previous values.
 */
export function startAgentStandIns(): Promise<AgentStandIns>;
export function startAgentStandIns(options: { readonly provider: 'bedrock' }): Promise<BedrockAgentStandIns>;
export async function startAgentStandIns(options?: { readonly provider: 'bedrock' }): Promise<AgentStandIns | BedrockAgentStandIns> {
  if (options?.provider === 'bedrock') return startBedrockStandIns();
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

async function startBedrockStandIns(): Promise<BedrockAgentStandIns> {
  const [dynamo, bedrock] = await Promise.all([startDynalite(), startSimulatedBedrock()]);
  await dynamo.createTables({ budget: BUDGET_TABLE_NAME, samples: SAMPLES_TABLE_NAME });
  const restore = applyLambdaAwsEnv(bedrock.endpoint);
  return {
    dynamo,
    bedrock,
    stop: async () => {
      restore();
      await Promise.all([dynamo.stop(), bedrock.close()]);
    },
  };
}

/** What Lambda (and a test) gives the AWS SDK: region, credentials, and the Bedrock Runtime endpoint override. */
export function lambdaAwsEnv(bedrockEndpoint: string): Record<string, string> {
  return {
    AWS_REGION: LOCAL_AWS.region,
    AWS_ACCESS_KEY_ID: LOCAL_AWS.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_AWS.credentials.secretAccessKey,
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: bedrockEndpoint,
  };
}

/** Sets {@link lambdaAwsEnv} on this process; returns the function that puts the previous values back. */
export function applyLambdaAwsEnv(bedrockEndpoint: string): () => void {
  const values = lambdaAwsEnv(bedrockEndpoint);
  const saved = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  Object.assign(process.env, values);
  return () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/**
 * What an agent is built against: the simulated model (OpenAI or Bedrock), and the stand-ins'
 * DynamoDB client; without `dynamo` the agent builds its own client as in Lambda (AWS_ENDPOINT_URL_DYNAMODB).
 */
export type AgentTarget = (Pick<AgentStandIns, 'llm'> | Pick<BedrockAgentStandIns, 'bedrock'>) & { readonly dynamo?: Pick<LocalDynamo, 'doc'> };

/** The environment the deployed agent gets, pointed at the stand-ins (on Bedrock: AGENT_PROVIDER=bedrock and no OpenAI key). */
export function agentEnv(standIns: AgentTarget, overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const provider =
    'bedrock' in standIns ? { AGENT_PROVIDER: 'bedrock', AGENT_MODEL: BEDROCK_AGENT_MODEL } : { OPENAI_API_KEY: 'sk-test-key', OPENAI_BASE_URL: standIns.llm.baseUrl };
  return {
    ...provider,
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

/**
 * The agent handler built exactly as handler.ts builds it, with EMF and logs kept in memory;
 * `overrides` replaces further dependencies (e.g. the Converse call over another client).
 */
export function buildAgent(
  standIns: AgentTarget,
  env: Record<string, string | undefined> = {},
  clock?: () => number,
  overrides: Pick<AgentOverrides, 'converse'> = {},
): TestAgent {
  const emf = memorySink();
  const logs: unknown[][] = [];
  const logger: MonitoringLogger = {
    info: (...args) => logs.push(['info', ...args]),
    warn: (...args) => logs.push(['warn', ...args]),
    error: (...args) => logs.push(['error', ...args]),
  };
  const config = loadAgentConfig(agentEnv(standIns, env));
  const handler = createAgentHandler(agentOptionsFromConfig(config, { ...overrides, doc: standIns.dynamo?.doc, sink: emf.sink, logger, clock }));
  return { handler, emf, logs };
}
