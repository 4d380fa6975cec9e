import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type OpenAI from 'openai';
import { BudgetCounter } from '../shared/budget/budget-counter';
import { openAIClientFactory } from '../shared/llm/openai-client';
import type { MonitoringLogger } from '../shared/monitoring/with-monitoring';
import { buildPriceTable, estimateCostUsd, priceUsage } from '../shared/pricing/pricing';
import { measureBacklog } from './backlog';
import { BaselineStore } from './baseline-store';
import { SampleClaims } from './claim';
import type { JudgeConfig } from './config';
import { DriftMonitor, type DriftPublisher } from './drift-monitor';
import { DriftStateStore } from './drift-state';
import { LlmJudge } from './judge-client';
import type { JudgeRunDeps } from './judge-run';
import { JudgeMetricsPublisher } from './metrics-publisher';
import { CURRENT_RUBRIC, judgeVersion } from './rubric';
import { ScoreStore } from './score-store';

/** What a caller may replace; every AWS client otherwise honours AWS_ENDPOINT_URL_<SERVICE>. */
export interface JudgeOverrides {
  readonly doc?: DynamoDBDocumentClient;
  readonly cloudwatch?: CloudWatchClient;
  readonly sns?: SNSClient;
  readonly openai?: () => Promise<OpenAI>;
  readonly now?: () => number;
  readonly logger?: MonitoringLogger;
}

/** Builds a judge run's dependencies from its configuration. */
export function judgeDepsFromConfig(config: JudgeConfig, overrides: JudgeOverrides = {}): JudgeRunDeps {
  const now = overrides.now ?? Date.now;
  const logger = overrides.logger ?? silentLogger;
  const doc = overrides.doc ?? DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  const tables = { doc, tableName: config.samplesTableName, service: config.serviceName };
  const prices = buildPriceTable(config.pricingOverrides);
  const version = judgeVersion(config.model, CURRENT_RUBRIC);
  const scores = new ScoreStore(tables);
  return {
    claims: new SampleClaims({ doc, tableName: config.samplesTableName, leaseMs: config.claimLeaseSeconds * 1000, now }),
    judge: new LlmJudge({
      client: overrides.openai ?? coalesce(openAIClientFactory(config)),
      model: config.model,
      rubric: CURRENT_RUBRIC,
      maxCompletionTokens: config.maxCompletionTokens,
      price: (model, usage) => priceUsage(model, usage, prices).costUsd,
      estimate: (model, promptTokens, maxCompletionTokens) => estimateCostUsd(model, promptTokens, maxCompletionTokens, prices),
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
    concurrency: config.concurrency,
    maxSamplesPerRun: config.maxSamplesPerRun,
    maxSpendUsdPerRun: config.maxSpendUsdPerRun,
    now,
    logger,
    drift: new DriftMonitor({
      scores,
      baselines: new BaselineStore(tables),
      states: new DriftStateStore(tables),
      publish: config.driftTopicArn ? snsPublisher(overrides.sns ?? new SNSClient({}), config.driftTopicArn) : undefined,
      version,
      settings: config.drift,
      service: config.serviceName,
      now,
      logger,
    }),
    metrics: new JudgeMetricsPublisher({ cloudwatch: overrides.cloudwatch ?? new CloudWatchClient({}), namespace: config.namespace, service: config.serviceName }),
    backlog: () => measureBacklog(doc, config.samplesTableName, now()),
  };
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
