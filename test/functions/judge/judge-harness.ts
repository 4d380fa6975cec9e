import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SNSClient } from '@aws-sdk/client-sns';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { SampleStore, type CapturedSample } from '../../../functions/shared/capture/sample-store';
import type { MonitoringLogger } from '../../../functions/shared/monitoring/with-monitoring';
import { loadJudgeConfig, type JudgeConfig } from '../../../functions/judge/config';
import { judgeDepsFromConfig } from '../../../functions/judge/dependencies';
import type { JudgeRunDeps } from '../../../functions/judge/judge-run';
import { startSimulatedOpenAI, type FakeReply, type RecordedRequest, type SimulatedOpenAIServer } from '../../../local/llm/simulated-openai-server';
import { startJudgeAwsStandIns, type JudgeAwsStandIns } from '../../support/aws-stand-ins-judge';
import { LOCAL_AWS, startDynalite, type LocalDynamo } from '../../support/dynalite';

export const SAMPLES_TABLE_NAME = 'judge-samples';
export const BUDGET_TABLE_NAME = 'judge-budget';
export const DRIFT_TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:agent-alerts-warning';
export const SERVICE = 'judge-test';
export const NAMESPACE = 'AgentMonitoringTest';

/** Everything a judge test runs against: dynalite, the simulated OpenAI server, CloudWatch and SNS stand-ins. */
export interface JudgeStandIns {
  readonly dynamo: LocalDynamo;
  readonly llm: SimulatedOpenAIServer;
  readonly aws: JudgeAwsStandIns;
  stop(): Promise<void>;
}

/** Starts the stand-ins (tables are created per test with freshTables); stop() stops all three. */
export async function startJudgeStandIns(options: { latencyMs?: number } = {}): Promise<JudgeStandIns> {
  const [dynamo, llm, aws] = await Promise.all([startDynalite(), startSimulatedOpenAI({ latencyMs: options.latencyMs, responder: scoreResponder }), startJudgeAwsStandIns()]);
  return {
    dynamo,
    llm,
    aws,
    stop: async () => {
      await Promise.all([dynamo.stop(), llm.close(), aws.close()]);
    },
  };
}

/**
 * The judge's answer, decided by markers in the sample's answer text:
 * `quality=0.42` scores 0.42 on every criterion (so 0.42 overall; default 0.9), `judge-reply=not-json`
 * answers prose, `judge-reply=out-of-range` answers relevance 1.4, `provider=500` answers HTTP 500.
 */
export function scoreResponder(request: RecordedRequest): FakeReply {
  const prompt = String(request.body?.messages?.[1]?.content ?? '');
  if (prompt.includes('provider=500')) return { kind: 'status', status: 500, headers: { 'retry-after-ms': '1' } };
  if (prompt.includes('judge-reply=not-json')) return { kind: 'completion', content: 'The answer looks fine to me, I would give it a 9/10.' };
  const score = Number(prompt.match(/quality=([\d.]+)/)?.[1] ?? 0.9);
  const relevance = prompt.includes('judge-reply=out-of-range') ? 1.4 : score;
  const verdict = { explanation: `scored ${score}`, relevance, correctness: score, helpfulness: score, safety: score };
  return { kind: 'completion', content: JSON.stringify(verdict), usage: { promptTokens: 600, completionTokens: 60 } };
}

/** The judge's environment, pointed at the stand-ins. */
export function judgeEnv(standIns: JudgeStandIns, tables: { samples: string; budget: string }, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    OPENAI_API_KEY: 'sk-test-judge-key',
    OPENAI_BASE_URL: standIns.llm.baseUrl,
    LLM_MAX_RETRIES: '0',
    LLM_TIMEOUT_MS: '5000',
    SAMPLES_TABLE_NAME: tables.samples,
    BUDGET_TABLE_NAME: tables.budget,
    DAILY_BUDGET_USD: '100',
    SERVICE_NAME: SERVICE,
    METRICS_NAMESPACE: NAMESPACE,
    DRIFT_TOPIC_ARN,
    ...overrides,
  };
}

/** A judge built as the handler builds it, with in-memory logs and clients pointed at the stand-ins. */
export interface TestJudge {
  readonly deps: JudgeRunDeps;
  readonly config: JudgeConfig;
  readonly logs: { level: string; message: string; extra: Record<string, unknown> }[];
}

export function buildJudge(standIns: Pick<JudgeStandIns, 'dynamo' | 'aws'>, env: Record<string, string>, now?: () => number): TestJudge {
  const logs: TestJudge['logs'] = [];
  const logger: MonitoringLogger = {
    info: (message, extra) => logs.push({ level: 'info', message, extra }),
    warn: (message, extra) => logs.push({ level: 'warn', message, extra }),
    error: (message, extra) => logs.push({ level: 'error', message, extra }),
  };
  const config = loadJudgeConfig(env);
  const deps = judgeDepsFromConfig(config, {
    doc: standIns.dynamo.doc,
    cloudwatch: new CloudWatchClient({ ...LOCAL_AWS, endpoint: standIns.aws.cloudwatch.endpoint }),
    sns: new SNSClient({ ...LOCAL_AWS, endpoint: standIns.aws.sns.endpoint }),
    logger,
    now,
  });
  return { deps, config, logs };
}

let tableCount = 0;

/** Creates a fresh pair of tables, so tests do not see each other's samples. */
export async function freshTables(standIns: Pick<JudgeStandIns, 'dynamo'>): Promise<{ samples: string; budget: string }> {
  const id = ++tableCount;
  const tables = { samples: `${SAMPLES_TABLE_NAME}-${id}`, budget: `${BUDGET_TABLE_NAME}-${id}` };
  await standIns.dynamo.createTables(tables);
  return tables;
}

/** A captured response as the agent writes it; the answer carries the judge markers. */
export function capturedSample(sampleId: string, answer: string, createdAt: number): CapturedSample {
  return {
    sampleId,
    question: `Question of ${sampleId}: what does the error-rate alarm watch?`,
    answer,
    model: 'gpt-4o-mini',
    promptTokens: 100,
    completionTokens: 40,
    costUsd: 0.00004,
    latencyMs: 900,
    toolCalls: [],
    createdAt,
  };
}

/** Writes pending samples through the agent's SampleStore. */
export async function seedSamples(standIns: Pick<JudgeStandIns, 'dynamo'>, tableName: string, samples: readonly CapturedSample[]): Promise<void> {
  const store = new SampleStore({ doc: standIns.dynamo.doc, tableName });
  for (const sample of samples) await store.putPending(sample);
}

/** `count` pending samples scored `quality` each, one second apart from `from`. */
export function samplesScoring(prefix: string, count: number, quality: number, from: number): CapturedSample[] {
  return Array.from({ length: count }, (_, index) => capturedSample(`${prefix}-${String(index).padStart(3, '0')}`, `An answer. quality=${quality}`, from + index * 1000));
}

/** Writes a raw item, as a broken writer might. */
export async function putRawItem(standIns: Pick<JudgeStandIns, 'dynamo'>, tableName: string, item: Record<string, unknown>): Promise<void> {
  await standIns.dynamo.doc.send(new PutCommand({ TableName: tableName, Item: item }));
}

export async function readItem(standIns: Pick<JudgeStandIns, 'dynamo'>, tableName: string, sampleId: string): Promise<Record<string, any> | undefined> {
  const { Item } = await standIns.dynamo.doc.send(new GetCommand({ TableName: tableName, Key: { sampleId }, ConsistentRead: true }));
  return Item;
}

/** Judge requests the simulated server received (chat completions only). */
export function judgeRequests(standIns: JudgeStandIns): RecordedRequest[] {
  return standIns.llm.requests.filter((request) => request.path.endsWith('/chat/completions'));
}
