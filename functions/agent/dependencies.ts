import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { boundedClientConfig } from '../shared/aws/bounded-client';
import { BudgetCounter } from '../shared/budget/budget-counter';
import { pseudonymizerFromConfig } from '../shared/capture/pseudonym-key';
import { SampleStore } from '../shared/capture/sample-store';
import { bedrockConverser } from '../shared/llm/bedrock-converse';
import { bedrockTurns, type Converser } from '../shared/llm/bedrock-turn';
import type { ModelCaller } from '../shared/llm/model-turn';
import { openAIClientFactory } from '../shared/llm/openai-client';
import { openAITurns } from '../shared/llm/openai-turn';
import { retryWithinDeadline } from '../shared/llm/retry-within-deadline';
import { buildPriceTable, estimateCostUsd, priceUsage, resolvePrice } from '../shared/pricing/pricing';
import { ConfigError } from '../shared/config';
import { systemClock, type Clock, type MonitoringLogger } from '../shared/monitoring/with-monitoring';
import type { EmfSink } from '../shared/monitoring/emf-writer';
import type { AgentConfig } from './config';
import type { AgentHandlerOptions } from './create-handler';
import { DEFAULT_SYSTEM_PROMPT, type ChatCompleter } from './agent';
import { defaultTools } from './tools/registry';

/** What a caller may replace: the clock, where EMF goes, the logger, the DynamoDB client. */
export interface AgentOverrides {
  readonly clock?: Clock;
  readonly sink?: EmfSink;
  readonly logger?: MonitoringLogger;
  readonly doc?: DynamoDBDocumentClient;
  /** The chat-completions call under the OpenAI provider (the simulator's virtual model). */
  readonly chat?: () => Promise<ChatCompleter>;
  /** The Converse call under the Bedrock provider (the simulator's virtual model). */
  readonly converse?: () => Promise<Converser>;
}

const CHARS_PER_TOKEN = 4;

/** Builds the agent handler's dependencies from its configuration. */
export function agentOptionsFromConfig(config: AgentConfig, overrides: AgentOverrides = {}): AgentHandlerOptions {
  const clock = overrides.clock ?? systemClock;
  const prices = buildPriceTable(config.pricingOverrides);
  const tools = defaultTools();
  const doc = overrides.doc ?? (config.budgetTableName || config.samplesTableName ? defaultDocumentClient() : undefined);
  if (config.budgetTableName && config.dailyBudgetUsd !== undefined && !resolvePrice(config.model, prices)) {
    throw new ConfigError([
      `AGENT_MODEL "${config.model}" has no price entry, so the budget guard (DAILY_BUDGET_USD) cannot estimate its cost: add it to PRICING_OVERRIDES`,
    ]);
  }
  const fixedPromptChars = DEFAULT_SYSTEM_PROMPT.length + JSON.stringify(tools.map((tool) => tool.definition)).length;
  return {
    namespace: config.namespace,
    serviceName: config.serviceName,
    maxBodyBytes: config.maxBodyBytes,
    sampleRate: config.sampleRate,
    clock,
    sink: overrides.sink,
    logger: overrides.logger,
    price: (model, usage) => {
      const priced = priceUsage(model, usage, prices);
      return priced.priced ? priced.costUsd : undefined;
    },
    estimateCallUsd: (promptChars) => estimateCostUsd(config.model, Math.ceil(promptChars / CHARS_PER_TOKEN), config.maxCompletionTokens, prices),
    estimateCostUsd: (question) => {
      const promptTokens = Math.ceil((fixedPromptChars + question.length) / CHARS_PER_TOKEN);
      const calls = config.maxToolIterations;
      return estimateCostUsd(config.model, promptTokens * calls, config.maxCompletionTokens * calls, prices);
    },
    settings: {
      model: config.model,
      systemPrompt: DEFAULT_SYSTEM_PROMPT,
      tools,
      maxToolIterations: config.maxToolIterations,
      maxCompletionTokens: config.maxCompletionTokens,
      deadlineMs: config.deadlineMs,
      clock,
    },
    model: modelCaller(config, clock, overrides),
    budget:
      doc && config.budgetTableName && config.dailyBudgetUsd !== undefined
        ? new BudgetCounter({
            doc,
            tableName: config.budgetTableName,
            service: config.serviceName,
            failMode: config.budgetFailMode,
            now: clock,
            limits: {
              dailyUsd: config.dailyBudgetUsd,
              userDailyUsd: config.userDailyBudgetUsd,
              softThreshold: config.budgetSoftThreshold,
            },
          })
        : undefined,
    samples:
      doc && config.samplesTableName
        ? new SampleStore({
            doc,
            tableName: config.samplesTableName,
            ttlDays: config.sampleTtlDays,
            now: clock,
            pseudonyms: pseudonymizerFromConfig(config),
          })
        : undefined,
  };
}

/** The model seam over the configured provider: chat completions (OpenAI) or Converse (Bedrock). */
function modelCaller(config: AgentConfig, clock: Clock, overrides: AgentOverrides): () => Promise<ModelCaller> {
  if (config.provider === 'bedrock') {
    const converse = overrides.converse ?? lazily(() => bedrockConverser(config));
    return async () => bedrockTurns(await converse());
  }
  const chat = overrides.chat ?? openAIChat(config, clock);
  return async () => openAITurns(await chat());
}

/** Builds the value on first use: a Bedrock client is made only when the agent first calls the model. */
function lazily<T>(make: () => T): () => Promise<T> {
  let made: T | undefined;
  return async () => (made ??= make());
}

/** The SDK's own retries are off: they sleep through any Retry-After, past the deadline; retryWithinDeadline retries instead. */
function openAIChat(config: AgentConfig, clock: Clock): () => Promise<ChatCompleter> {
  const client = openAIClientFactory(config);
  return async () => {
    const openai = await client();
    return (params, { signal, deadlineAt }) =>
      retryWithinDeadline(() => openai.chat.completions.create(params, { signal, maxRetries: 0 }), {
        maxRetries: config.llmMaxRetries,
        deadlineAt,
        now: clock,
        signal,
      });
  };
}

/**
 * A DynamoDB client that honours AWS_ENDPOINT_URL_DYNAMODB like every SDK client, bounded
 * (boundedClientConfig) so that a slow or stopped store cannot hold a request until the Lambda
 * times out (which would lose its metrics): the budget fails open or closed instead.
 */
export function defaultDocumentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(boundedClientConfig()), { marshallOptions: { removeUndefinedValues: true } });
}
