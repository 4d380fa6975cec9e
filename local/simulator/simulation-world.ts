import type { AgentConfig } from '../../functions/agent/config';
import type { AgentHandler } from '../../functions/agent/create-handler';
import { loadJudgeConfig } from '../../functions/judge/config';
import { judgeDepsFromConfig, type JudgeOverrides } from '../../functions/judge/dependencies';
import { DEFAULT_BEDROCK_MODEL } from '../../functions/shared/llm/bedrock-model-id';
import type { JudgeRunDeps } from '../../functions/judge/judge-run';
import type { MonitoringLogger } from '../../functions/shared/monitoring/with-monitoring';
import { alarmCatalog, resolveAlarmSettings, type AlarmDefinition } from '../../lib/catalog/alarms';
import { tierTimeouts } from '../../lib/catalog/latency-tiers';
import { alarmSettingsFrom } from '../../lib/config/alarm-settings';
import { monitoringConfigFrom, type MonitoringConfig } from '../../lib/config/monitoring-config';
import { projectContext } from '../../lib/config/project-context';
import { AlarmEvaluator, requiredRetentionSeconds } from '../alarms';
import { startInProcessDynalite, type DynamoWork } from '../dynamo/in-process-dynalite';
import { LambdaMetricsRecorder } from '../lambda/lambda-metrics-recorder';
import { MetricStore } from '../metrics';
import type { Scenario } from './scenario';
import { trafficProvider } from './scenario-provider';
import { buildSimulatedAgents } from './simulation-agents';
import { RequestPlan } from './traffic';
import { VirtualClock } from './virtual-clock';
import { metricStoreCloudWatch, virtualJudgeClient, virtualJudgeConverser } from './virtual-judge';
import { VirtualLambda, type EmfGate } from './virtual-lambda';

/** SAMPLE_RATE of the simulated agent: within DESIGN.md's 5-10 %, enough judged scores for drift detection. */
export const DEFAULT_SIMULATION_SAMPLE_RATE = 0.1;
/** The samples table in the run's own dynalite (agent captures, judge scores, baseline, drift state). */
export const SAMPLES_TABLE_NAME = 'simulator-samples';
/** The budget table the judge charges its spend to (the simulated agent has no budget). */
export const BUDGET_TABLE_NAME = 'simulator-budget';
/** Not a real key: the virtual provider and judge never send it anywhere. */
const SIMULATED_API_KEY = 'sk-simulated-no-network';
const MINUTE_SECONDS = 60;

/** Stands in for the Powertools Logger: a simulation reports through its result, not its logs. */
export const silentLogger: MonitoringLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Everything a run drives: the real agent handler and judge, wired to virtual time and local stand-ins. */
export interface SimulationWorld {
  readonly clock: VirtualClock;
  /** The request the virtual provider is playing; the run loop draws into it. */
  readonly plan: RequestPlan;
  /** The agent handlers of the run, each request sent to its plan's provider (simulation-agents.ts). */
  readonly agent: AgentHandler;
  /** The Lambda service around the agent: fates, lost EMF, the function's AWS/Lambda metrics. */
  readonly lambda: VirtualLambda;
  readonly agentConfig: AgentConfig;
  readonly judge: JudgeRunDeps;
  readonly store: MetricStore;
  readonly evaluator: AlarmEvaluator;
  readonly definitions: readonly AlarmDefinition[];
  readonly monitoring: MonitoringConfig;
  /** The DynamoDB requests of the agents and the judge so far, and their time. */
  dynamoWork(): DynamoWork;
  stop(): Promise<void>;
}

/** The alarms the stack deploys with the default configuration (monitoredTools included): what a run evaluates. */
export function simulatorAlarmCatalog(monitoring: MonitoringConfig = monitoringConfigFrom(projectContext())): AlarmDefinition[] {
  return alarmCatalog(alarmSettingsFrom(monitoring));
}

/**
 * Starts dynalite's engine in process (the real DynamoDB client answered without a socket,
 * see in-process-dynalite.ts) with the samples and budget tables, and builds, exactly as their Lambda
 * handlers do, the agent (monitoring wrapper, tools, sample capture; one per provider and
 * Bedrock model, see buildSimulatedAgents) and the judge (claims, drift, metrics publisher),
 * every one reading the virtual clock. The agent's LLM is the virtual OpenAI or Bedrock model,
 * the judge's the virtual judge (on Bedrock when the traffic profile is); EMF lines and the judge's PutMetricData go
 * to one local metric store, which the local evaluator reads with the alarm catalog as the
 * stack deploys it with the default configuration.
 */
export async function startSimulationWorld(scenario: Scenario, options: { readonly start: number; readonly sampleRate: number }): Promise<SimulationWorld> {
  const clock = new VirtualClock(options.start);
  const monitoring = monitoringConfigFrom(projectContext());
  const definitions = simulatorAlarmCatalog(monitoring);
  const retentionSeconds = Math.max(requiredRetentionSeconds(definitions), (scenario.durationMinutes + 60) * MINUTE_SECONDS);
  const store = new MetricStore({ retentionSeconds, now: clock.now });
  const evaluator = new AlarmEvaluator({ definitions, store, notifyOkFromInsufficientData: false });
  const dynamo = await startInProcessDynalite();
  try {
    await dynamo.createTables({ samples: SAMPLES_TABLE_NAME, budget: BUDGET_TABLE_NAME });
    const { doc } = dynamo;
    const common = { OPENAI_API_KEY: SIMULATED_API_KEY, SERVICE_NAME: monitoring.serviceName, METRICS_NAMESPACE: monitoring.metricNamespace, SAMPLES_TABLE_NAME };
    const plan = new RequestPlan();
    const gate: EmfGate = { dropping: false };
    const sink = (line: string) => {
      if (!gate.dropping) store.ingestEmf(line);
    };
    const env = { ...common, SAMPLE_RATE: String(options.sampleRate) };
    const { agent, config: agentConfig } = buildSimulatedAgents(scenario, { clock, plan, sink, logger: silentLogger, doc, env });
    const recorder = new LambdaMetricsRecorder(store, resolveAlarmSettings(alarmSettingsFrom(monitoring)).agentFunctionName);
    const functionTimeoutMs = tierTimeouts(monitoring.latencyTier).functionTimeoutSeconds * 1000;
    const lambda = new VirtualLambda({ clock, agent, recorder, gate, functionTimeoutMs });
    const judgeOnBedrock = trafficProvider(scenario.traffic) === 'bedrock';
    const judgeModel = !judgeOnBedrock || monitoring.judgeProvider === 'bedrock' ? monitoring.judgeModel : DEFAULT_BEDROCK_MODEL;
    const judgeEnv = { ...common, JUDGE_PROVIDER: judgeOnBedrock ? 'bedrock' : 'openai', JUDGE_MODEL: judgeModel, BUDGET_TABLE_NAME, DAILY_BUDGET_USD: String(monitoring.dailyLlmBudgetUsd) };
    const judge = judgeDepsFromConfig(loadJudgeConfig(judgeEnv), { doc, cloudwatch: metricStoreCloudWatch(store), now: clock.now, logger: silentLogger, ...virtualJudge(judgeOnBedrock) });
    return { clock, plan, agent, lambda, agentConfig, judge, store, evaluator, definitions, monitoring, dynamoWork: dynamo.work, stop: () => dynamo.stop() };
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
}

/** The judge's virtual LLM: a Converse call answering the forced tool on Bedrock, else an OpenAI client. */
function virtualJudge(onBedrock: boolean): Pick<JudgeOverrides, 'openai' | 'converse'> {
  if (onBedrock) {
    const converse = Promise.resolve(virtualJudgeConverser());
    return { converse: () => converse };
  }
  const client = Promise.resolve(virtualJudgeClient());
  return { openai: () => client };
}
