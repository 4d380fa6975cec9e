import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type OpenAI from 'openai';
import { boundedClientConfig } from '../shared/aws/bounded-client';
import { BudgetCounter } from '../shared/budget/budget-counter';
import { bedrockConverser } from '../shared/llm/bedrock-converse';
import type { Converser } from '../shared/llm/bedrock-turn';
import { openAIClientFactory } from '../shared/llm/openai-client';
import type { MonitoringLogger } from '../shared/monitoring/with-monitoring';
import { buildPriceTable, estimateCostUsd, PRICING_OVERRIDES, priceUsage, resolvePrice, type PriceTable } from '../shared/pricing/pricing';
import { measureBacklog } from './backlog';
import { BaselineStore } from './baseline-store';
import { SampleClaims } from './claim';
import { ConfigError, type JudgeConfig } from './config';
import { DriftMonitor, type DriftPublisher } from './drift-monitor';
import { DriftStateStore } from './drift-state';
import { LlmJudge } from './judge-client';
import { bedrockJudgeCall } from './providers/bedrock-judge-call';
import type { JudgeCall } from './providers/judge-call';
import { openAIJudgeCall } from './providers/openai-judge-call';
import type { JudgeRunDeps } from './judge-run';
import { JudgeMetricsPublisher } from './metrics-publisher';
import { CURRENT_RUBRIC, judgeVersion } from './rubric';
import { ScoreStore } from './score-store';

/** What a caller may replace; every AWS client otherwise honours AWS_ENDPOINT_URL_<SERVICE> and is bounded (boundedClientConfig). */
export interface JudgeOverrides {
  readonly doc?: DynamoDBDocumentClient;
  readonly cloudwatch?: CloudWatchClient;
  readonly sns?: SNSClient;
  /** The OpenAI client under JUDGE_PROVIDER=openai (the simulator's virtual judge). */
  readonly openai?: () => Promise<OpenAI>;
  /** The Converse call under JUDGE_PROVIDER=bedrock (the simulator's virtual judge). */
  readonly converse?: () => Promise<Converser>;
  readonly now?: () => number;
  readonly logger?: MonitoringLogger;
}

/** The judge's structured call over its provider: chat completions (OpenAI) or Converse with a forced tool (Bedrock). */
function judgeCall(config: JudgeConfig, overrides: JudgeOverrides): JudgeCall {
  if (config.provider === 'bedrock') {
    let converser: Converser | undefined;
    return bedrockJudgeCall(overrides.converse ?? (async () => (converser ??= bedrockConverser(config))));
  }
  return openAIJudgeCall(overrides.openai ?? coalesce(openAIClientFactory(config)));
}

/**
 * Builds a judge run's dependencies from its configuration.
 *
 * @throws ConfigError naming JUDGE_MODEL and PRICING_OVERRIDES when the judge model has no
 *   price entry: its calls would cost 0, disabling the per-run spend cap and the daily budget.
 * @throws Error naming PRICING_OVERRIDES when its JSON is invalid.
 */
export function judgeDepsFromConfig(config: JudgeConfig, overrides: JudgeOverrides = {}): JudgeRunDeps {
  const prices = buildPriceTable(config.pricingOverrides);
  requirePricedJudgeModel(config.model, prices);
  const now = overrides.now ?? Date.now;
  const logger = overrides.logger ?? silentLogger;
  const doc = overrides.doc ?? DynamoDBDocumentClient.from(new DynamoDBClient(boundedClientConfig()), { marshallOptions: { removeUndefinedValues: true } });
  const tables = { doc, tableName: config.samplesTableName, service: config.serviceName };
  const version = judgeVersion(config.model, CURRENT_RUBRIC);
  const scores = new ScoreStore(tables);
  return {
    claims: new SampleClaims({ doc, tableName: config.samplesTableName, leaseMs: config.claimLeaseSeconds * 1000, now }),
    judge: new LlmJudge({
      call: judgeCall(config, overrides),
      model: config.model,
      rubric: CURRENT_RUBRIC,
      maxCompletionTokens: config.maxCompletionTokens,
      price: (model, usage) => priceUsage(model, usage, prices).costUsd,
      estimate: (model, promptTokens, maxCompletionTokens) => estimateCostUsd(model, promptTokens, maxCompletionTokens, prices),
      logger,
    }),
    budget: new BudgetCounter({
      doc,
      tableName: config.budgetTableName,
      service: config.serviceName,
      failMode: config.budgetFailMode,
      now,
      limits: { dailyUsd: config.dailyBudgetUsd, softThreshold: config.budgetSoftThreshold },
    }),
    version,
    service: config.serviceName,
    maxAttempts: config.maxAttempts,
    maxConsecutiveProviderFailures: config.maxConsecutiveProviderFailures,
    concurrency: config.concurrency,
    maxSamplesPerRun: config.maxSamplesPerRun,
    maxSpendUsdPerRun: config.maxSpendUsdPerRun,
    now,
    logger,
    drift: new DriftMonitor({
      scores,
      baselines: new BaselineStore(tables),
      states: new DriftStateStore(tables),
      publish: config.driftTopicArn ? snsPublisher(overrides.sns ?? new SNSClient(boundedClientConfig()), config.driftTopicArn) : undefined,
      version,
      settings: config.drift,
      service: config.serviceName,
      runbookBaseUrl: config.runbookBaseUrl,
      now,
      logger,
    }),
    metrics: new JudgeMetricsPublisher({ cloudwatch: overrides.cloudwatch ?? new CloudWatchClient(boundedClientConfig()), namespace: config.namespace, service: config.serviceName }),
    backlog: () => measureBacklog(doc, config.samplesTableName, now()),
  };
}

/** The judge's spend cap and budget reservation need a price; an unpriced model is refused at startup. */
function requirePricedJudgeModel(model: string, prices: PriceTable): void {
  if (resolvePrice(model, prices) !== undefined) return;
  throw new ConfigError([
    `JUDGE_MODEL "${model}" has no price entry, so the judge's spend cap (JUDGE_MAX_SPEND_USD_PER_RUN) and the daily budget could not be enforced; ` +
      `choose a priced model or add its prices (USD per 1M tokens) to ${PRICING_OVERRIDES}, e.g. {"${model}": {"input": <usd>, "output": <usd>}}`,
  ]);
}

function snsPublisher(sns: SNSClient, topicArn: string): DriftPublisher {
  return async (outbox) => {
    await sns.send(new PublishCommand({ TopicArn: topicArn, Subject: outbox.subject, Message: outbox.message }));
  };
}

/** Concurrent callers share one in-flight load (8 judge calls at a cold start read the secret once). */
function coalesce<T>(load: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () =>
    (inFlight ??= load().finally(() => {
      inFlight = undefined;
    }));
}

const silentLogger: MonitoringLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
