import { startSimulatedBedrock, type ConverseReply, type RecordedBedrockRequest, type SimulatedBedrockServer } from '../../../local/llm/simulated-bedrock-server';
import { applyLambdaAwsEnv } from '../../support/agent-harness';
import { startJudgeAwsStandIns, type JudgeAwsStandIns } from '../../support/aws-stand-ins-judge';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { DRIFT_TOPIC_ARN, NAMESPACE, SERVICE } from './judge-harness';

/** The Bedrock model the judge calls in these tests (JUDGE_MODEL). */
export const BEDROCK_JUDGE_MODEL = 'amazon.nova-lite-v1:0';
/** What every scored call reports: 600 input and 60 output tokens. */
export const JUDGE_CALL_USAGE = { inputTokens: 600, outputTokens: 60 } as const;

/** Everything a judge on Bedrock runs against: dynalite, the Converse stand-in, CloudWatch and SNS stand-ins. */
export interface BedrockJudgeStandIns {
  readonly dynamo: LocalDynamo;
  readonly bedrock: SimulatedBedrockServer;
  readonly aws: JudgeAwsStandIns;
  stop(): Promise<void>;
}

/**
 * Starts the stand-ins and gives the process what Lambda gives the judge (AWS_REGION, dummy
 * credentials) with AWS_ENDPOINT_URL_BEDROCK_RUNTIME at the Converse stand-in, the only way
 * the SDK is sent there; stop() stops them all and restores the environment.
 */
export async function startBedrockJudgeStandIns(): Promise<BedrockJudgeStandIns> {
  const [dynamo, bedrock, aws] = await Promise.all([startDynalite(), startSimulatedBedrock({ responder: converseScoreResponder }), startJudgeAwsStandIns()]);
  const restore = applyLambdaAwsEnv(bedrock.endpoint);
  return {
    dynamo,
    bedrock,
    aws,
    stop: async () => {
      restore();
      await Promise.all([dynamo.stop(), bedrock.close(), aws.close()]);
    },
  };
}

/**
 * The judge's answer over Converse, decided by markers in the judged answer (as `scoreResponder`
 * does for OpenAI): `quality=0.42` scores 0.42 on every criterion (default 0.9), through the
 * forced tool; `judge-reply=out-of-range` calls it with relevance 1.4; `judge-reply=text` answers
 * prose without calling the tool.
 */
export function converseScoreResponder(request: RecordedBedrockRequest): ConverseReply {
  const prompt = String(request.body?.messages?.[0]?.content?.[0]?.text ?? '');
  if (prompt.includes('judge-reply=text')) return { kind: 'message', text: 'The answer looks fine to me, I would give it a 9/10.', usage: JUDGE_CALL_USAGE };
  const score = Number(prompt.match(/quality=([\d.]+)/)?.[1] ?? 0.9);
  const relevance = prompt.includes('judge-reply=out-of-range') ? 1.4 : score;
  const input = { explanation: `scored ${score}`, relevance, correctness: score, helpfulness: score, safety: score };
  const tool = String(request.body?.toolConfig?.toolChoice?.tool?.name ?? 'unnamed');
  return { kind: 'message', toolUses: [{ name: tool, input }], usage: JUDGE_CALL_USAGE };
}

/** The judge's environment on Bedrock, pointed at the stand-ins (no OpenAI key). */
export function bedrockJudgeEnv(tables: { samples: string; budget: string }, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    JUDGE_PROVIDER: 'bedrock',
    JUDGE_MODEL: BEDROCK_JUDGE_MODEL,
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
