import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SNSClient } from '@aws-sdk/client-sns';
import { loadJudgeConfig } from '../functions/judge/config';
import { judgeDepsFromConfig } from '../functions/judge/dependencies';
import { runJudge } from '../functions/judge/judge-run';
import { SampleStore } from '../functions/shared/capture/sample-store';
import { startSimulatedOpenAI, type SimulatedOpenAIServer } from '../local/llm/simulated-openai-server';
import { startJudgeAwsStandIns, type JudgeAwsStandIns } from '../test/support/aws-stand-ins-judge';
import { LOCAL_AWS, startDynalite, type LocalDynamo } from '../test/support/dynalite';

/** What the judge throughput benchmark measured. */
export interface JudgeThroughput {
  /** Samples scored per second by one run at JUDGE_CONCURRENCY 1. */
  readonly sequentialPerSecond: number;
  /** Samples scored per second by one run at `concurrency`. */
  readonly concurrentPerSecond: number;
  readonly concurrency: number;
  /** Samples in each measured run. */
  readonly samples: number;
}

/** The judge endpoint's latency for every answer. */
export const JUDGE_LATENCY_MS = 200;

interface Rig {
  readonly dynamo: LocalDynamo;
  readonly llm: SimulatedOpenAIServer;
  readonly aws: JudgeAwsStandIns;
}

/**
 * Judge throughput: whole judge runs (claim, budget, judge call, score and sample writes,
 * backlog, drift check, PutMetricData) over `samples` pending samples, against the simulated
 * OpenAI server answering in 200 ms, dynalite, and the CloudWatch / SNS stand-ins; once at
 * concurrency 1 and once at `concurrency`. Target: at least 30 samples/s at concurrency 8.
 */
export async function measureJudgeThroughput(samples = Number(process.env.BENCH_JUDGE_SAMPLES ?? 96), concurrency = 8): Promise<JudgeThroughput> {
  const [dynamo, llm, aws] = await Promise.all([startDynalite(), startSimulatedOpenAI({ latencyMs: JUDGE_LATENCY_MS }), startJudgeAwsStandIns()]);
  const rig = { dynamo, llm, aws };
  try {
    const sequentialPerSecond = await measureRun(rig, 'sequential', samples, 1);
    const concurrentPerSecond = await measureRun(rig, 'concurrent', samples, concurrency);
    return { sequentialPerSecond, concurrentPerSecond, concurrency, samples };
  } finally {
    await Promise.all([dynamo.stop(), llm.close(), aws.close()]);
  }
}

async function measureRun(rig: Rig, name: string, samples: number, concurrency: number): Promise<number> {
  const tables = { samples: `bench-samples-${name}`, budget: `bench-budget-${name}` };
  await rig.dynamo.createTables(tables);
  const store = new SampleStore({ doc: rig.dynamo.doc, tableName: tables.samples });
  const start = Date.now() - samples * 1000;
  for (let index = 0; index < samples; index++) {
    await store.putPending({
      sampleId: `${name}-${index}`,
      question: 'Which alarm fires when the p99 latency of the agent goes over its SLO?',
      answer: 'The latency-p99 alarm: it watches agent.request.duration_seconds at p99 over 5 minutes and notifies the warning topic.',
      model: 'gpt-4o-mini',
      promptTokens: 120,
      completionTokens: 40,
      costUsd: 0.00004,
      latencyMs: 900,
      toolCalls: [],
      createdAt: start + index * 1000,
    });
  }
  const config = loadJudgeConfig({
    OPENAI_API_KEY: 'sk-bench',
    OPENAI_BASE_URL: rig.llm.baseUrl,
    LLM_MAX_RETRIES: '0',
    SAMPLES_TABLE_NAME: tables.samples,
    BUDGET_TABLE_NAME: tables.budget,
    DAILY_BUDGET_USD: '100',
    JUDGE_CONCURRENCY: String(concurrency),
    DRIFT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:bench',
  });
  const deps = judgeDepsFromConfig(config, {
    doc: rig.dynamo.doc,
    cloudwatch: new CloudWatchClient({ ...LOCAL_AWS, endpoint: rig.aws.cloudwatch.endpoint }),
    sns: new SNSClient({ ...LOCAL_AWS, endpoint: rig.aws.sns.endpoint }),
  });
  const started = performance.now();
  const summary = await runJudge(deps);
  const seconds = (performance.now() - started) / 1000;
  if (summary.scored !== samples) throw new Error(`bench run ${name} scored ${summary.scored} of ${samples} samples: ${JSON.stringify(summary)}`);
  return samples / seconds;
}

if (require.main === module) {
  measureJudgeThroughput()
    .then((result) => console.log(JSON.stringify(result)))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
